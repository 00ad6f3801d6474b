import { z } from 'zod';
import { placeholders, type SqlExecutor } from './sql/sql';

export type CallbackEventKind = 'install' | 'uninstall';

/** What handling a callback event did; stored for traceability (decision 002). */
export type CallbackOutcome =
  'installed' | 'reactivated' | 'replaced' | 'uninstalled' | 'duplicate' | 'unknown_install';

export type CallbackEventRecord = {
  readonly idempotencyKey: string;
  readonly kind: CallbackEventKind;
  readonly installedAppId: string;
  readonly contentFingerprint: string;
  readonly outcome: CallbackOutcome;
  readonly receivedAt: string;
};

export type CallbackEventRepository = ReturnType<typeof createCallbackEventRepository>;

export function createCallbackEventRepository(sql: SqlExecutor) {
  return {
    async record(event: CallbackEventRecord): Promise<void> {
      await sql.run(
        `INSERT INTO callback_events (idempotency_key, kind, installed_app_id, content_fingerprint, outcome, received_at)
        VALUES (?, ?, ?, ?, ?, ?)`,
        [
          event.idempotencyKey,
          event.kind,
          event.installedAppId,
          event.contentFingerprint,
          event.outcome,
          event.receivedAt,
        ],
      );
    },
    /**
     * True when this exact event (same key, same content) already changed something. The
     * content's fingerprint under every key of the ring is given, so a rotation of
     * APP_ENCRYPTION_KEY does not make an old event look new.
     */
    async wasApplied(idempotencyKey: string, contentFingerprints: readonly string[]): Promise<boolean> {
      if (contentFingerprints.length === 0) return false;
      const row = await sql.one(
        `SELECT 1 AS applied FROM callback_events WHERE idempotency_key = ?
          AND content_fingerprint IN (${placeholders(contentFingerprints.length)}) AND outcome <> 'duplicate' LIMIT 1`,
        [idempotencyKey, ...contentFingerprints],
      );
      return row !== undefined;
    },
    /** Outcomes in arrival order, for one install (tests and support). */
    async outcomesFor(installedAppId: string): Promise<readonly string[]> {
      const rows = await sql.all('SELECT outcome FROM callback_events WHERE installed_app_id = ? ORDER BY id', [
        installedAppId,
      ]);
      return rows.map((row) => Outcome.parse(row).outcome);
    },
  };
}

const Outcome = z.object({ outcome: z.string() });
