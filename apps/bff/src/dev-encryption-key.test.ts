import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withDevEncryptionKey } from './dev-encryption-key';
import { parseConfig } from './env';

const KEY = randomBytes(32).toString('base64');

describe('withDevEncryptionKey', () => {
  it('outside production generates the key once into the data directory (0600), with a warning', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kyc-env-'));
    try {
      const env = { NODE_ENV: 'development', DATABASE_PATH: join(dir, 'kyc.db') };
      const first = withDevEncryptionKey(env);
      expect(first.warning).toContain('APP_ENCRYPTION_KEY is not set');
      const file = join(dir, 'encryption-key');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const second = withDevEncryptionKey(env);
      expect(second.env['APP_ENCRYPTION_KEY']).toBe(first.env['APP_ENCRYPTION_KEY']);
      expect(readFileSync(file, 'utf8').trim()).toBe(first.env['APP_ENCRYPTION_KEY']);
      expect(parseConfig(second.env).encryptionKeys).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('uses a throw-away key for an in-memory database and writes no file', () => {
    const result = withDevEncryptionKey({ NODE_ENV: 'test', DATABASE_PATH: ':memory:' });
    expect(result.warning).toContain('throw-away key');
    expect(parseConfig(result.env).encryptionKeys).toHaveLength(1);
  });

  it('leaves a configured key alone and says nothing', () => {
    const env = { NODE_ENV: 'development', APP_ENCRYPTION_KEY: KEY };
    expect(withDevEncryptionKey(env)).toEqual({ env, warning: null });
  });

  it('in production fills nothing in, so parseConfig refuses to start without the key', () => {
    const env = {
      NODE_ENV: 'production',
      CLOUD_CALLBACK_SECRET: 'a-long-enough-secret',
      PUBLIC_URL: 'https://x.example',
    };
    expect(withDevEncryptionKey(env).warning).toBeNull();
    expect(() => parseConfig(withDevEncryptionKey(env).env)).toThrow(/APP_ENCRYPTION_KEY: required/);
  });
});
