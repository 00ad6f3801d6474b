import postgres from 'postgres';
import type { SqlDatabase, SqlExecutor, SqlParam, TransactionOptions } from './sql';

export type PostgresOptions = {
  readonly url: string;
  /** Connections in this process's pool (DATABASE_POOL_SIZE). */
  readonly poolSize: number;
  /** Attempts of a transaction that keeps meeting serialization failures. */
  readonly maxAttempts?: number;
};

// 40001 serialization_failure, 40P01 deadlock_detected: the transaction did nothing; run it again.
const RETRYABLE = new Set(['40001', '40P01']);

/**
 * PostgreSQL behind the async interface (postgres.js). Every transaction is SERIALIZABLE:
 * it commits only if running it alone would have given the same result, like SQLite's
 * BEGIN IMMEDIATE (decision 022). A serialization failure is retried with a short random
 * back-off, so callers see one result, as on SQLite.
 */
export function postgresDatabase({ url, poolSize, maxAttempts = 8 }: PostgresOptions): SqlDatabase {
  const sql = postgres(url, {
    max: poolSize,
    onnotice: () => undefined,
    // int8 (COUNT(*), identity keys, epoch ms columns) as a number: every value we store is < 2^53.
    types: {
      bigint: {
        to: 20,
        from: [20],
        serialize: (value: number) => String(value),
        parse: (text: string) => Number(text),
      },
    },
  });

  const executor = (run: postgres.Sql | postgres.TransactionSql): SqlExecutor => {
    const query = (text: string, params: readonly SqlParam[]) => run.unsafe(numbered(text), [...params]);
    return {
      engine: 'postgres',
      all: async (text, params = []) => [...(await query(text, params))],
      one: async (text, params = []) => (await query(text, params))[0],
      run: async (text, params = []) => (await query(text, params)).count,
      // No parameters: the simple protocol, which takes several statements.
      script: async (text) => {
        await run.unsafe(text);
      },
    };
  };

  const lightly = <T>(use: (tx: SqlExecutor) => Promise<T>): Promise<T> =>
    sql.begin(async (tx) => {
      await tx.unsafe('SET LOCAL synchronous_commit = off');
      return use(executor(tx));
    }) as Promise<T>;
  return {
    ...executor(sql),
    rederivable: {
      engine: 'postgres',
      all: (text, params) => lightly((tx) => tx.all(text, params)),
      one: (text, params) => lightly((tx) => tx.one(text, params)),
      run: (text, params) => lightly((tx) => tx.run(text, params)),
      script: (text) => lightly((tx) => tx.script(text)),
    },
    async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
      const { lockKey } = options;
      if (lockKey !== undefined) {
        const result = await sql.begin('ISOLATION LEVEL READ COMMITTED', async (tx) => {
          await tx.unsafe('SELECT pg_advisory_xact_lock($1)', [lockKey]);
          return fn(executor(tx));
        });
        return result as T;
      }
      for (let attempt = 1; ; attempt++) {
        try {
          const result = await sql.begin('ISOLATION LEVEL SERIALIZABLE', (tx) => fn(executor(tx)));
          // postgres.js types begin() as UnwrapPromiseArray<T>, which is T for what fn returns here.
          return result as T;
        } catch (error) {
          if (attempt >= maxAttempts || !isRetryable(error)) throw error;
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
        }
      }
    },
    close: () => sql.end({ timeout: 5 }),
  };
}

function isRetryable(error: unknown): boolean {
  return error instanceof postgres.PostgresError && RETRYABLE.has(error.code);
}

/** `?` → `$1, $2, …`, outside quoted literals and identifiers. */
export function numbered(text: string): string {
  let n = 0;
  let quote: string | null = null;
  let out = '';
  for (const ch of text) {
    if (quote !== null) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '?') {
      out += `$${++n}`;
      continue;
    }
    out += ch;
  }
  return out;
}
