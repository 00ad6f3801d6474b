import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../logging/logger';
import type { Db } from './open-database';

/** How often the checkpointer copies committed WAL frames into the database file. */
const EVERY_MS = 500;
/** The main connection's own threshold again, should the checkpointer stop (open-database.ts). */
const FALLBACK_AUTOCHECKPOINT = 10_000;

// CommonJS, evaluated in the worker: its own connection to the file, a PASSIVE checkpoint
// every EVERY_MS (never waits for the writer or readers: it copies what it can).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.path);
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (err) { parentPort.postMessage(String((err && err.code) || 'error')); }
}, workerData.everyMs);
parentPort.on('message', () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

/**
 * Moves WAL checkpoints off the event loop (decision 019): the main connection stops
 * checkpointing on commit (`wal_autocheckpoint = 0`), and a worker thread with its own
 * connection checkpoints PASSIVE twice a second. A checkpoint copies up to 40 MB into the
 * database file and syncs it; run by the commit that crossed the threshold, it held every
 * request for hundreds of ms during a sync. Should the worker fail, the main connection
 * checkpoints on commit again. Returns the stop function.
 */
export function startWalCheckpointer(db: Db, path: string, logger: Pick<Logger, 'warn'>): () => Promise<void> {
  const module = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { module, path, everyMs: EVERY_MS } });
  db.pragma('wal_autocheckpoint = 0');
  let stopped = false;
  const fallBack = (reason: string) => {
    if (stopped) return;
    stopped = true;
    db.pragma(`wal_autocheckpoint = ${String(FALLBACK_AUTOCHECKPOINT)}`);
    logger.warn('the WAL checkpointer stopped: commits checkpoint on the event loop again', { reason });
  };
  worker.on('message', (code: unknown) => {
    logger.warn('a WAL checkpoint failed', { code: String(code) });
  });
  worker.on('error', (err) => fallBack(err.name));
  worker.on('exit', (code) => fallBack(`exit ${String(code)}`));
  worker.unref();
  return async () => {
    stopped = true;
    worker.postMessage('stop');
    await worker.terminate();
  };
}
