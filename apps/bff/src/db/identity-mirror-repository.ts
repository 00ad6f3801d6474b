import { z } from 'zod';
import { Identity } from '@kyc-review/contracts';
import { parseJsonColumn } from './json-column';
import type { Db } from './open-database';
import type { MirroredIdentity } from '../services/mirrored-identity';

export type SyncState = {
  readonly lastStartedAt: string | null;
  readonly lastFinishedAt: string | null;
  readonly lastError: string | null;
  /** Identities the last finished sync skipped because their record could not be read. */
  readonly unreadableCount: number;
};

/** How a sync ended: an error code (never Cloud's text) or null, and how many records it could not read. */
export type SyncOutcome = { readonly error: string | null; readonly unreadableCount: number };

const Row = z.object({
  installed_app_id: z.string(),
  identity_id: z.string(),
  email_key: z.string().nullable(),
  phone_key: z.string().nullable(),
  name_dob_key: z.string().nullable(),
  fingerprint: z.string(),
  record: z.string(),
  synced_at: z.string(),
});
const SyncStateRow = z.object({
  last_started_at: z.string().nullable(),
  last_finished_at: z.string().nullable(),
  last_error: z.string().nullable(),
  unreadable_count: z.number().int(),
});

function toMirroredIdentity(raw: unknown): MirroredIdentity {
  const r = Row.parse(raw);
  return {
    installedAppId: r.installed_app_id,
    identityId: r.identity_id,
    emailKey: r.email_key,
    phoneKey: r.phone_key,
    nameDobKey: r.name_dob_key,
    fingerprint: r.fingerprint,
    record: parseJsonColumn(Identity, r.record, 'identity_mirror.record'),
    syncedAt: r.synced_at,
  };
}

export type IdentityMirrorRepository = ReturnType<typeof createIdentityMirrorRepository>;

export function createIdentityMirrorRepository(db: Db) {
  const upsert =
    db.prepare(`INSERT INTO identity_mirror (installed_app_id, identity_id, email_key, phone_key, name_dob_key, fingerprint, record, synced_at)
    VALUES (@installedAppId, @identityId, @emailKey, @phoneKey, @nameDobKey, @fingerprint, @record, @syncedAt)
    ON CONFLICT (installed_app_id, identity_id) DO UPDATE SET email_key = excluded.email_key, phone_key = excluded.phone_key,
      name_dob_key = excluded.name_dob_key, fingerprint = excluded.fingerprint, record = excluded.record, synced_at = excluded.synced_at`);
  const refreshUnchanged = db.prepare(`UPDATE identity_mirror SET record = @record, synced_at = @syncedAt
    WHERE installed_app_id = @installedAppId AND identity_id = @identityId AND fingerprint = @fingerprint`);
  const get = db.prepare('SELECT * FROM identity_mirror WHERE installed_app_id = ? AND identity_id = ?');
  // Candidates for the duplicates check: only rows sharing a key, found through the indexes.
  // One query per key, each spelled so SQLite uses that key's partial index: an OR of the
  // three (or a UNION) scans every identity of the install, which made a 100k sync
  // quadratic. The results are merged and de-duplicated below.
  const SHARING_LIMIT = 200;
  const sharingBy = (column: 'email_key' | 'phone_key' | 'name_dob_key') =>
    db.prepare(`SELECT * FROM identity_mirror WHERE installed_app_id = @install AND ${column} = @key AND ${column} IS NOT NULL
      AND identity_id <> @id LIMIT ${SHARING_LIMIT}`);
  const sharingQueries = {
    email: sharingBy('email_key'),
    phone: sharingBy('phone_key'),
    nameDob: sharingBy('name_dob_key'),
  };
  // After a complete pass, in keyset batches (a scan of a million rows in one statement held
  // the event loop for seconds): which rows of a batch the pass did not see, then those removed.
  const unseenBatch = db.prepare(`SELECT identity_id, synced_at < @since AS unseen FROM identity_mirror
    WHERE installed_app_id = @install AND identity_id > @after ORDER BY identity_id LIMIT @limit`);
  const UnseenRow = z.object({ identity_id: z.string(), unseen: z.number() });
  const unlist = db.prepare(`UPDATE kyc_cases SET listed = 0 WHERE installed_app_id = ?
    AND identity_id IN (SELECT value FROM json_each(?))`);
  const touch = db.prepare(
    'UPDATE identity_mirror SET synced_at = @at WHERE installed_app_id = @install AND identity_id = @id',
  );
  const removeIds = db.prepare(
    'DELETE FROM identity_mirror WHERE installed_app_id = ? AND identity_id IN (SELECT value FROM json_each(?))',
  );
  const page = db.prepare(
    'SELECT * FROM identity_mirror WHERE installed_app_id = ? AND identity_id > ? ORDER BY identity_id LIMIT ?',
  );
  const mirrored = db
    .prepare(
      'SELECT identity_id FROM identity_mirror WHERE installed_app_id = ? AND identity_id IN (SELECT value FROM json_each(?))',
    )
    .pluck();
  // Marks for the bounded duplicates pass (decision 019): one statement for a new identity's list.
  const markRelink = db.prepare(`UPDATE identity_mirror SET relink_pending = 1
    WHERE installed_app_id = ? AND identity_id IN (SELECT value FROM json_each(?)) AND relink_pending = 0`);
  const marked = db.prepare(
    'SELECT * FROM identity_mirror WHERE installed_app_id = ? AND relink_pending = 1 ORDER BY identity_id LIMIT ?',
  );
  const relinkInstalls = db
    .prepare('SELECT DISTINCT installed_app_id FROM identity_mirror WHERE relink_pending = 1')
    .pluck();
  const clearRelink = db.prepare(
    'UPDATE identity_mirror SET relink_pending = 0 WHERE installed_app_id = ? AND identity_id = ?',
  );
  const syncState = db.prepare(
    'SELECT last_started_at, last_finished_at, last_error, unreadable_count FROM mirror_sync_state WHERE installed_app_id = ?',
  );
  const syncStarted = db.prepare(`INSERT INTO mirror_sync_state (installed_app_id, last_started_at) VALUES (?, ?)
    ON CONFLICT (installed_app_id) DO UPDATE SET last_started_at = excluded.last_started_at`);
  const syncFinished = db.prepare(
    'UPDATE mirror_sync_state SET last_finished_at = ?, last_error = ?, unreadable_count = ? WHERE installed_app_id = ?',
  );

  return {
    upsert(row: MirroredIdentity): void {
      upsert.run({ ...row, record: JSON.stringify(row.record) });
    },
    /**
     * Saves the record and its sync time if its fingerprint is the one mirrored (so are its
     * keys, derived from what the fingerprint covers); false when it is new or changed.
     */
    refreshUnchanged(
      row: Pick<MirroredIdentity, 'installedAppId' | 'identityId' | 'fingerprint' | 'record' | 'syncedAt'>,
    ): boolean {
      const { installedAppId, identityId, fingerprint, syncedAt } = row;
      return (
        refreshUnchanged.run({ installedAppId, identityId, fingerprint, syncedAt, record: JSON.stringify(row.record) })
          .changes === 1
      );
    },
    /** Which of these identities the mirror already holds (one statement for a page). */
    mirroredIds(installedAppId: string, identityIds: readonly string[]): Set<string> {
      return new Set(z.array(z.string()).parse(mirrored.all(installedAppId, JSON.stringify(identityIds))));
    },
    get(installedAppId: string, identityId: string): MirroredIdentity | null {
      const raw = get.get(installedAppId, identityId);
      return raw === undefined ? null : toMirroredIdentity(raw);
    },
    sharingKeys(
      row: Pick<MirroredIdentity, 'installedAppId' | 'identityId' | 'emailKey' | 'phoneKey' | 'nameDobKey'>,
    ): MirroredIdentity[] {
      const found = new Map<string, MirroredIdentity>();
      const keys = [
        [sharingQueries.email, row.emailKey],
        [sharingQueries.phone, row.phoneKey],
        [sharingQueries.nameDob, row.nameDobKey],
      ] as const;
      for (const [query, key] of keys) {
        if (key === null) continue;
        for (const raw of query.all({ install: row.installedAppId, id: row.identityId, key })) {
          const other = toMirroredIdentity(raw);
          if (found.size < SHARING_LIMIT) found.set(other.identityId, other);
        }
      }
      return [...found.values()];
    },
    /**
     * Marks identities whose duplicates check must be read again because one sharing a key with
     * them was added or changed; `markedForRelink` hands them to the bounded pass. One statement.
     */
    markForRelink(installedAppId: string, identityIds: readonly string[]): void {
      if (identityIds.length > 0) markRelink.run(installedAppId, JSON.stringify(identityIds));
    },
    /** Up to `limit` marked identities, in id order. */
    markedForRelink(installedAppId: string, limit: number): MirroredIdentity[] {
      return marked.all(installedAppId, limit).map(toMirroredIdentity);
    },
    /** Installs with marks left (a sync cut off by a crash): the start-up resume finishes their pass. */
    installsMarkedForRelink(): string[] {
      return z.array(z.string()).parse(relinkInstalls.all());
    },
    clearRelink(installedAppId: string, identityId: string): void {
      clearRelink.run(installedAppId, identityId);
    },
    /** Marks identities as still listed by Cloud (read or not) without changing their record. */
    markSynced(installedAppId: string, identityIds: readonly string[], at: string): void {
      for (const id of identityIds) touch.run({ install: installedAppId, id, at });
    },
    /**
     * After a complete sync, one batch of the install's mirror in id order: the identities not
     * synced since `since` (Cloud no longer lists them) leave the queue and the mirror; their
     * cases and history stay. Returns the last id read (null: the end) and how many left.
     */
    removeUnseenAfter(
      installedAppId: string,
      since: string,
      afterId: string,
      limit: number,
    ): { last: string | null; removed: number } {
      const rows = unseenBatch
        .all({ install: installedAppId, since, after: afterId, limit })
        .map((r) => UnseenRow.parse(r));
      const gone = JSON.stringify(rows.filter((r) => r.unseen === 1).map((r) => r.identity_id));
      unlist.run(installedAppId, gone);
      const removed = removeIds.run(installedAppId, gone).changes;
      return { last: rows.length < limit ? null : (rows[rows.length - 1]?.identity_id ?? null), removed };
    },
    /** Keyset pages in id order, for re-assessing every identity of an install. */
    pageAfter(installedAppId: string, afterId: string, limit: number): MirroredIdentity[] {
      return page.all(installedAppId, afterId, limit).map(toMirroredIdentity);
    },
    syncState(installedAppId: string): SyncState | null {
      const raw = syncState.get(installedAppId);
      if (raw === undefined) return null;
      const r = SyncStateRow.parse(raw);
      return {
        lastStartedAt: r.last_started_at,
        lastFinishedAt: r.last_finished_at,
        lastError: r.last_error,
        unreadableCount: r.unreadable_count,
      };
    },
    markSyncStarted(installedAppId: string, at: string): void {
      syncStarted.run(installedAppId, at);
    },
    markSyncFinished(installedAppId: string, at: string, outcome: SyncOutcome): void {
      syncFinished.run(at, outcome.error, outcome.unreadableCount, installedAppId);
    },
  };
}
