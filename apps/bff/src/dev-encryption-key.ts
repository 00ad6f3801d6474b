import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_DATABASE_PATH } from './env';

export type DevKeyResult = {
  readonly env: Record<string, string | undefined>;
  readonly warning: string | null;
};

/**
 * Outside production a missing APP_ENCRYPTION_KEY is filled in so `pnpm dev` needs no setup:
 * a throw-away key for an in-memory database, otherwise a key generated once (0600) beside the
 * database file and reused on every start. In production the key stays missing and
 * `parseConfig` refuses to start. Used by the entry only (decision 004).
 */
export function withDevEncryptionKey(env: Record<string, string | undefined>): DevKeyResult {
  const missingKey = (env['APP_ENCRYPTION_KEY'] ?? '') === '';
  if (!missingKey || env['NODE_ENV'] === 'production') return { env, warning: null };
  const dbPath = env['DATABASE_URL'] || env['DATABASE_PATH'] || DEFAULT_DATABASE_PATH;
  if (dbPath === ':memory:') {
    return {
      env: { ...env, APP_ENCRYPTION_KEY: randomBytes(32).toString('base64') },
      warning: 'APP_ENCRYPTION_KEY is not set: using a throw-away key for this in-memory database.',
    };
  }
  const file = join(dirname(resolve(dbPath)), 'encryption-key');
  return {
    env: { ...env, APP_ENCRYPTION_KEY: loadOrCreateDevKey(file) },
    warning: `APP_ENCRYPTION_KEY is not set: using the development key in ${file}. Set it explicitly in production.`,
  };
}

function loadOrCreateDevKey(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const key = randomBytes(32).toString('base64');
  // 'wx' fails if another process created it first; then read theirs.
  try {
    writeFileSync(file, `${key}\n`, { flag: 'wx', mode: 0o600 });
    chmodSync(file, 0o600);
    return key;
  } catch {
    return readFileSync(file, 'utf8').trim();
  }
}
