import type { LogLevel } from '../env';

export type LogFields = Readonly<Record<string, unknown>>;

/** Structured JSON logs, one object per line. The sink is injectable so tests capture lines. */
export type Logger = {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
};

export type LogSink = (line: string) => void;

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

// Belt and braces: even if a caller passes a secret-looking field, it is not written.
// `*_prefix` and `*_id` stay: the key prefix and ids are what operators need.
const SECRET_FIELD = /(api_?key|token|secret|password|cookie|authorization|session_?id)$/i;

function redact(fields: LogFields): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) out[k] = SECRET_FIELD.test(k) ? '[redacted]' : v;
  return out;
}

export type LoggerOptions = {
  readonly level: LogLevel;
  readonly sink?: LogSink;
  readonly now?: () => Date;
};

export function createLogger({
  level,
  sink = (line) => process.stdout.write(`${line}\n`),
  now = () => new Date(),
}: LoggerOptions): Logger {
  const write = (lvl: LogLevel, msg: string, fields: LogFields = {}) => {
    if (RANK[lvl] < RANK[level]) return;
    sink(JSON.stringify({ time: now().toISOString(), level: lvl, msg, ...redact(fields) }));
  };
  return {
    debug: (msg, fields) => write('debug', msg, fields),
    info: (msg, fields) => write('info', msg, fields),
    warn: (msg, fields) => write('warn', msg, fields),
    error: (msg, fields) => write('error', msg, fields),
  };
}

/** Error details fit for a log line: name, message and stack, never the object itself. */
export function describeError(err: unknown): LogFields {
  if (err instanceof Error) return { error_name: err.name, error_message: err.message, stack: err.stack };
  return { error_message: String(err) };
}
