import type { Db } from './open-database';

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

export function createCallbackEventRepository(db: Db) {
  const insert = db.prepare(`
    INSERT INTO callback_events (idempotency_key, kind, installed_app_id, content_fingerprint, outcome, received_at)
    VALUES (@idempotencyKey, @kind, @installedAppId, @contentFingerprint, @outcome, @receivedAt)`);
  const processed = db.prepare(`
    SELECT 1 FROM callback_events WHERE idempotency_key = @key AND content_fingerprint IN (SELECT value FROM json_each(@fingerprints))
      AND outcome <> 'duplicate' LIMIT 1`);
  const outcomes = db.prepare('SELECT outcome FROM callback_events WHERE installed_app_id = ? ORDER BY id');

  return {
    record(event: CallbackEventRecord): void {
      insert.run(event);
    },
    /**
     * True when this exact event (same key, same content) already changed something. The
     * content's fingerprint under every key of the ring is given, so a rotation of
     * APP_ENCRYPTION_KEY does not make an old event look new.
     */
    wasApplied(idempotencyKey: string, contentFingerprints: readonly string[]): boolean {
      return processed.get({ key: idempotencyKey, fingerprints: JSON.stringify(contentFingerprints) }) !== undefined;
    },
    /** Outcomes in arrival order, for one install (tests and support). */
    outcomesFor(installedAppId: string): readonly string[] {
      return outcomes.pluck().all(installedAppId).map(String);
    },
  };
}
