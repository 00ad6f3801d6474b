import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, configWarnings, parseConfig } from './env';

const KEY = randomBytes(32).toString('base64');

function problemsOf(env: Record<string, string | undefined>): readonly string[] {
  try {
    parseConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('applies the documented defaults', () => {
    const config = parseConfig({ APP_ENCRYPTION_KEY: KEY });
    expect(config).toMatchObject({
      port: 8787,
      publicUrl: 'http://localhost:8787',
      publicOrigin: 'http://localhost:8787',
      databasePath: './data/kyc.db',
      cloudApiUrl: 'https://api.cloud.blnkfinance.com',
      cloudAppId: null,
      cloudTimeoutMs: 5000,
      callbackSecret: null,
      frameAncestors: "'self' https://blnkfinance.com https://*.blnkfinance.com",
      portalTokenTtlSeconds: 300,
      sessionIdleSeconds: 900,
      sessionMaxSeconds: 28800,
      logLevel: 'info',
    });
    expect(config.encryptionKeys.map((k) => k.kid)).toEqual(['k1']);
    expect(config.staticDir.replaceAll('\\', '/')).toMatch(/apps\/web\/dist$/);
  });

  it('derives PUBLIC_URL from PORT and trims a trailing slash', () => {
    expect(parseConfig({ APP_ENCRYPTION_KEY: KEY, PORT: '9000' }).publicUrl).toBe('http://localhost:9000');
    expect(parseConfig({ APP_ENCRYPTION_KEY: KEY, PUBLIC_URL: 'https://kyc.example.com/' }).publicUrl).toBe(
      'https://kyc.example.com',
    );
  });

  it('lists every problem at once, one readable line each, without echoing secrets', () => {
    const secret = randomBytes(16).toString('base64');
    const problems = problemsOf({
      APP_ENCRYPTION_KEY: secret,
      PORT: 'eighty',
      PUBLIC_URL: 'not a url',
      LOG_LEVEL: 'loud',
      CLOUD_APP_ID: 'app with spaces',
    });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'APP_ENCRYPTION_KEY',
      'CLOUD_APP_ID',
      'LOG_LEVEL',
      'PORT',
      'PUBLIC_URL',
    ]);
    expect(problems).toContain('APP_ENCRYPTION_KEY: the key must decode to 32 bytes (got 16)');
    const message = new ConfigError(
      problemsOf({ APP_ENCRYPTION_KEY: secret, SESSION_IDLE_SECONDS: '999999', SESSION_MAX_SECONDS: '60' }),
    ).message;
    expect(message).toContain('\n  - SESSION_IDLE_SECONDS: must not exceed SESSION_MAX_SECONDS');
    expect(message).not.toContain(secret);
  });

  it('requires the encryption key, the callback secret and https in production', () => {
    const problems = problemsOf({ NODE_ENV: 'production', PUBLIC_URL: 'http://kyc.example.com' });
    expect(problems.map((p) => p.split(':')[0])).toEqual(['APP_ENCRYPTION_KEY', 'CLOUD_CALLBACK_SECRET', 'PUBLIC_URL']);
  });

  it('accepts http in production only on loopback, where browsers keep Secure cookies', () => {
    const base = { NODE_ENV: 'production', APP_ENCRYPTION_KEY: KEY, CLOUD_CALLBACK_SECRET: 'a-long-enough-secret' };
    expect(parseConfig({ ...base, PUBLIC_URL: 'http://localhost:8787' }).publicUrl).toBe('http://localhost:8787');
    expect(parseConfig({ ...base, PUBLIC_URL: 'http://127.0.0.1:8787' }).publicUrl).toBe('http://127.0.0.1:8787');
    expect(problemsOf({ ...base, PUBLIC_URL: 'http://localhost.example.com' })).toEqual([
      'PUBLIC_URL: must be https in production (the session cookie is Secure)',
    ]);
  });

  it('allows unsigned callbacks in production only when opted out explicitly', () => {
    const base = { NODE_ENV: 'production', PUBLIC_URL: 'https://kyc.example.com', APP_ENCRYPTION_KEY: KEY };
    expect(parseConfig({ ...base, ALLOW_UNSIGNED_CALLBACKS: 'true' }).callbackSecret).toBeNull();
    expect(parseConfig({ ...base, CLOUD_CALLBACK_SECRET: 'a-long-enough-secret' }).callbackSecret).toBe(
      'a-long-enough-secret',
    );
  });

  it('reads SETTINGS_EDITORS as a list of Cloud user ids, unset meaning everyone', () => {
    expect(parseConfig({ APP_ENCRYPTION_KEY: KEY }).settingsEditors).toBeNull();
    expect(parseConfig({ APP_ENCRYPTION_KEY: KEY, SETTINGS_EDITORS: '' }).settingsEditors).toBeNull();
    expect(
      parseConfig({ APP_ENCRYPTION_KEY: KEY, SETTINGS_EDITORS: ' user_lead_1, user_lead-2 ,' }).settingsEditors,
    ).toEqual(['user_lead_1', 'user_lead-2']);
  });

  it('names every SETTINGS_EDITORS entry that is not a user id, along with other problems', () => {
    // Cloud user ids come in several shapes (docs/cloud-contract.md §3): only the alphabet is checked.
    expect(
      problemsOf({
        APP_ENCRYPTION_KEY: KEY,
        SETTINGS_EDITORS: 'user_01K4EX0BRXHNNGCRVT2TPNK07W,alice@example.com,a b',
      }),
    ).toEqual([
      'SETTINGS_EDITORS: "alice@example.com" is not a Cloud user id (letters, digits, _ . : -; separate ids with commas)',
      'SETTINGS_EDITORS: "a b" is not a Cloud user id (letters, digits, _ . : -; separate ids with commas)',
    ]);
    expect(problemsOf({ APP_ENCRYPTION_KEY: KEY, SETTINGS_EDITORS: ' , ' })).toEqual([
      'SETTINGS_EDITORS: names no user; list Cloud user ids (user_…) separated by commas, or leave it unset',
    ]);
    expect(
      problemsOf({ APP_ENCRYPTION_KEY: KEY, PORT: 'eighty', SETTINGS_EDITORS: 'lead@x' }).map((p) => p.split(':')[0]),
    ).toEqual(['PORT', 'SETTINGS_EDITORS']);
  });

  it('treats an empty variable as unset', () => {
    expect(parseConfig({ APP_ENCRYPTION_KEY: KEY, PORT: '', CLOUD_APP_ID: '' })).toMatchObject({
      port: 8787,
      cloudAppId: null,
    });
  });
});

describe('configWarnings', () => {
  it('warns that SETTINGS_EDITORS is deprecated when it is set, and says nothing when unset', () => {
    const base = {
      NODE_ENV: 'production',
      APP_ENCRYPTION_KEY: KEY,
      CLOUD_CALLBACK_SECRET: 'a-long-enough-secret',
      PUBLIC_URL: 'https://x.example',
    };
    expect(configWarnings(parseConfig(base))).toEqual([]);
    const set = configWarnings(parseConfig({ ...base, SETTINGS_EDITORS: 'user_lead_1' }));
    expect(set).toHaveLength(1);
    expect(set[0]).toContain('SETTINGS_EDITORS is deprecated');
    expect(configWarnings(parseConfig({ NODE_ENV: 'development', APP_ENCRYPTION_KEY: KEY }))).toEqual([]);
  });

  it('takes DATABASE_URL as the SQLite file when it is a path, with a pool size for PostgreSQL', () => {
    expect(parseConfig({ APP_ENCRYPTION_KEY: KEY, DATABASE_URL: '/var/lib/kyc/kyc.db' })).toMatchObject({
      databasePath: '/var/lib/kyc/kyc.db',
      databasePoolSize: 10,
    });
    expect(parseConfig({ APP_ENCRYPTION_KEY: KEY, DATABASE_POOL_SIZE: '25' }).databasePoolSize).toBe(25);
    expect(problemsOf({ APP_ENCRYPTION_KEY: KEY, DATABASE_POOL_SIZE: '0' })[0]).toMatch(/^DATABASE_POOL_SIZE/);
  });

  it('refuses a PostgreSQL DATABASE_URL until every aggregate runs on it (decision 022)', () => {
    for (const url of ['postgres://kyc@db.internal/kyc', 'postgresql://kyc:pw@10.0.0.5:5432/kyc']) {
      const problems = problemsOf({ APP_ENCRYPTION_KEY: KEY, DATABASE_URL: url });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^DATABASE_URL: PostgreSQL is not supported yet/);
      // The URL (with its password) is not repeated in the message.
      expect(problems[0]).not.toContain(url);
    }
  });

  it('refuses DATABASE_URL and DATABASE_PATH naming two different files', () => {
    expect(problemsOf({ APP_ENCRYPTION_KEY: KEY, DATABASE_URL: './a.db', DATABASE_PATH: './b.db' })).toEqual([
      'DATABASE_URL: set either DATABASE_URL or DATABASE_PATH, not both with different files',
    ]);
  });
});
