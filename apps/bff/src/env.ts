import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { AppId, UserId } from '@kyc-review/contracts';
import { parseKeyList, type KeySpec } from './crypto/key-spec';

/**
 * The only module that reads process.env (CONVENTIONS, enforced by lint). `parseConfig` is
 * pure so tests can check every rule. The development key file is the entry's business
 * (`dev-encryption-key.ts`), not the schema's.
 */

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type Config = {
  readonly nodeEnv: string;
  readonly isProduction: boolean;
  readonly port: number;
  readonly publicUrl: string;
  /** `new URL(publicUrl).origin`, what a same-origin `Origin` header must equal. */
  readonly publicOrigin: string;
  /** The SQLite file (DATABASE_URL when it is a path, else DATABASE_PATH). */
  readonly databasePath: string;
  /** Connections per process when the storage runs on PostgreSQL (DATABASE_POOL_SIZE; decision 022). */
  readonly databasePoolSize: number;
  /** The first key encrypts; every key decrypts (rotation). */
  readonly encryptionKeys: readonly KeySpec[];
  readonly cloudApiUrl: string;
  readonly cloudAppId: string | null;
  readonly cloudTimeoutMs: number;
  readonly callbackSecret: string | null;
  readonly frameAncestors: string;
  readonly portalTokenTtlSeconds: number;
  readonly sessionIdleSeconds: number;
  readonly sessionMaxSeconds: number;
  readonly logLevel: LogLevel;
  readonly staticDir: string;
  /** How often the decision outbox worker looks for due write-backs (docs/decisions/012). */
  readonly outboxIntervalMs: number;
  /** How often the longest event-loop stall is logged ("event loop delay"), in ms; 0 = never (decision 019). */
  readonly eventLoopReportMs: number;
  /** Days an uninstalled install's identity mirror is kept for a reinstall; 0 = purged at once (decision 016). */
  readonly uninstallPurgeDays: number;
  /** Years an uninstalled install's cases, decisions, notes and audit trail are kept, then deleted (decision 016). */
  readonly retentionYears: number;
  /** A watchlist CSV imported into every install that has none yet (dev: the fictional demo list). */
  readonly demoWatchlistCsv: string | null;
  /**
   * SETTINGS_EDITORS (deprecated, decision 013): roles replace it (decision 017). Its Cloud
   * user ids become leads when they sign in with that Cloud user linked to their reviewer.
   */
  readonly settingsEditors: readonly UserId[] | null;
};

// Two levels up from apps/bff/src/env.ts and from apps/bff/dist/index.js is apps/.
const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));
export const DEFAULT_DATABASE_PATH = './data/kyc.db';
export const DEFAULT_FRAME_ANCESTORS = "'self' https://blnkfinance.com https://*.blnkfinance.com";

const seconds = (fallback: number) =>
  z.coerce
    .number()
    .int()
    .min(1)
    .max(31 * 24 * 3600)
    .default(fallback);
const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);
const optionalText = z.preprocess(emptyToUndefined, z.string().optional());

const EnvSchema = z.object({
  NODE_ENV: z.preprocess(emptyToUndefined, z.string().default('development')),
  PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).default(8787)),
  PUBLIC_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/ }).optional()),
  DATABASE_PATH: z.preprocess(emptyToUndefined, z.string().default(DEFAULT_DATABASE_PATH)),
  DATABASE_URL: optionalText,
  DATABASE_POOL_SIZE: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(200).default(10)),
  APP_ENCRYPTION_KEY: optionalText,
  CLOUD_API_URL: z.preprocess(
    emptyToUndefined,
    z.url({ protocol: /^https?$/ }).default('https://api.cloud.blnkfinance.com'),
  ),
  CLOUD_APP_ID: z.preprocess(emptyToUndefined, AppId.optional()),
  CLOUD_TIMEOUT_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(100).max(60_000).default(5000)),
  CLOUD_CALLBACK_SECRET: z.preprocess(
    emptyToUndefined,
    z.string().min(16, 'must be at least 16 characters').optional(),
  ),
  ALLOW_UNSIGNED_CALLBACKS: z.preprocess(emptyToUndefined, z.enum(['true', 'false']).default('false')),
  FRAME_ANCESTORS: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[^;,\r\n]+$/, 'must be a space-separated source list')
      .default(DEFAULT_FRAME_ANCESTORS),
  ),
  PORTAL_TOKEN_TTL_SECONDS: z.preprocess(emptyToUndefined, seconds(300)),
  SESSION_IDLE_SECONDS: z.preprocess(emptyToUndefined, seconds(900)),
  SESSION_MAX_SECONDS: z.preprocess(emptyToUndefined, seconds(28_800)),
  LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(LOG_LEVELS).default('info')),
  STATIC_DIR: z.preprocess(emptyToUndefined, z.string().optional()),
  OUTBOX_INTERVAL_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(100).max(3_600_000).default(2000)),
  EVENT_LOOP_REPORT_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(3_600_000).default(0)),
  DEMO_WATCHLIST_CSV: z.preprocess(emptyToUndefined, z.string().optional()),
  UNINSTALL_PURGE_DAYS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(3650).default(30)),
  RETENTION_YEARS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(100).default(5)),
});

/**
 * Browsers treat loopback origins as secure contexts, so a Secure cookie works on
 * http://localhost: the one place production may run without TLS (a local smoke test).
 */
function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
}

/** A comma-separated list of Cloud user ids; empty entries (a trailing comma) are ignored. */
function parseUserIdList(name: string, text: string): { ids: UserId[]; problems: string[] } {
  const entries = text
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  if (entries.length === 0)
    return {
      ids: [],
      problems: [`${name}: names no user; list Cloud user ids (user_…) separated by commas, or leave it unset`],
    };
  const ids: UserId[] = [];
  const problems: string[] = [];
  for (const entry of entries) {
    const id = UserId.safeParse(entry);
    if (id.success) ids.push(id.data);
    else
      problems.push(
        `${name}: ${JSON.stringify(entry.slice(0, 64))} is not a Cloud user id (letters, digits, _ . : -; separate ids with commas)`,
      );
  }
  return { ids, problems };
}

/** `postgres://…` or `postgresql://…`: a PostgreSQL server; anything else is a SQLite file path. */
export const isPostgresUrl = (url: string): boolean => /^postgres(ql)?:\/\//i.test(url);

/** Pure: the environment in, a validated Config out, or a ConfigError naming every problem. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(env);
  // Every problem at once: schema issues and the cross-field rules below.
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`);
  const raw = (name: string) => (env[name] === '' ? undefined : env[name]);
  const isProduction = raw('NODE_ENV') === 'production';

  let encryptionKeys: readonly KeySpec[] = [];
  const keyText = raw('APP_ENCRYPTION_KEY');
  if (keyText === undefined) {
    problems.push('APP_ENCRYPTION_KEY: required (32 random bytes, base64; generate with `openssl rand -base64 32`)');
  } else {
    const keys = parseKeyList(keyText);
    if (keys.ok) encryptionKeys = keys.keys;
    else problems.push(`APP_ENCRYPTION_KEY: ${keys.problem}`);
  }
  if (isProduction && raw('CLOUD_CALLBACK_SECRET') === undefined && raw('ALLOW_UNSIGNED_CALLBACKS') !== 'true') {
    problems.push(
      'CLOUD_CALLBACK_SECRET: required in production (or set ALLOW_UNSIGNED_CALLBACKS=true to accept unsigned Cloud calls)',
    );
  }
  let settingsEditors: readonly UserId[] | null = null;
  const editorsText = raw('SETTINGS_EDITORS');
  if (editorsText !== undefined) {
    const editors = parseUserIdList('SETTINGS_EDITORS', editorsText);
    problems.push(...editors.problems);
    settingsEditors = editors.ids;
  }
  if (!parsed.success) throw new ConfigError(problems);

  const e = parsed.data;
  if (e.SESSION_IDLE_SECONDS > e.SESSION_MAX_SECONDS) {
    problems.push('SESSION_IDLE_SECONDS: must not exceed SESSION_MAX_SECONDS');
  }
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  if (isProduction && !publicUrl.startsWith('https://') && !isLoopback(publicUrl)) {
    problems.push('PUBLIC_URL: must be https in production (the session cookie is Secure)');
  }
  const databaseUrl = e.DATABASE_URL;
  if (databaseUrl !== undefined && isPostgresUrl(databaseUrl)) {
    problems.push(
      'DATABASE_URL: PostgreSQL is not supported yet. Only part of the storage (installs, sessions, reviewers) runs on it today, so the app refuses to start rather than half-work (docs/decisions/022-postgresql-and-replicas.md). Unset DATABASE_URL, or give it a SQLite file path.',
    );
  }
  if (databaseUrl !== undefined && raw('DATABASE_PATH') !== undefined && databaseUrl !== e.DATABASE_PATH) {
    problems.push('DATABASE_URL: set either DATABASE_URL or DATABASE_PATH, not both with different files');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    nodeEnv: e.NODE_ENV,
    isProduction,
    port: e.PORT,
    publicUrl,
    publicOrigin: new URL(publicUrl).origin,
    databasePath: databaseUrl ?? e.DATABASE_PATH,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    encryptionKeys,
    cloudApiUrl: e.CLOUD_API_URL.replace(/\/+$/, ''),
    cloudAppId: e.CLOUD_APP_ID ?? null,
    cloudTimeoutMs: e.CLOUD_TIMEOUT_MS,
    callbackSecret: e.CLOUD_CALLBACK_SECRET ?? null,
    frameAncestors: e.FRAME_ANCESTORS,
    portalTokenTtlSeconds: e.PORTAL_TOKEN_TTL_SECONDS,
    sessionIdleSeconds: e.SESSION_IDLE_SECONDS,
    sessionMaxSeconds: e.SESSION_MAX_SECONDS,
    logLevel: e.LOG_LEVEL,
    staticDir: resolve(e.STATIC_DIR ?? DEFAULT_STATIC_DIR),
    outboxIntervalMs: e.OUTBOX_INTERVAL_MS,
    eventLoopReportMs: e.EVENT_LOOP_REPORT_MS,
    uninstallPurgeDays: e.UNINSTALL_PURGE_DAYS,
    retentionYears: e.RETENTION_YEARS,
    demoWatchlistCsv: e.DEMO_WATCHLIST_CSV === undefined ? null : resolve(e.DEMO_WATCHLIST_CSV),
    settingsEditors,
  };
}

/** The process environment: the BFF's one read of process.env (the entry passes it to parseConfig). */
export function processEnv(): Record<string, string | undefined> {
  return process.env;
}

/** What an operator should hear about a valid configuration at start-up. */
export function configWarnings(config: Config): string[] {
  if (config.settingsEditors === null) return [];
  return [
    'SETTINGS_EDITORS is deprecated: reviewer roles decide who changes settings (docs/decisions/017). Its Cloud users become leads when they sign in with that Cloud user linked; remove it afterwards.',
  ];
}
