import type { Clock } from '../clock';
import type { InstallCloudClient } from '../cloud/cloud-client';
import type { Identity } from '@kyc-review/contracts';
import type { SyncOutcome } from '../db/identity-mirror-repository';
import type { KycRepositories } from '../db/kyc-repositories';
import { CloudError } from '../cloud/cloud-errors';
import { AppError } from '../errors';
import type { Logger } from '../logging/logger';
import type { AssessmentService, AssessmentVersions, ScreenedIdentity } from './assessment-service';
import { createDuplicatesPass } from './duplicates-pass';
import { sweepUnseen } from './mirror-sweep';
import { walkIdentityPages } from './identity-pages';
import type { SyncLease } from './sync-lease';
import { TimeSlices } from './time-slices';

/** A queue request re-syncs in the background when the last sync started longer ago than this. */
const RESYNC_AFTER_MS = 15 * 60_000;
/** Stale case ids read at a time when settings or the watchlist change (re-assessed in time slices). */
const REASSESS_PAGE = 200;
/**
 * The bounded duplicates pass runs after this many pages of a sync, and after its last: a case
 * sharing a key with several of the sync's new identities is re-assessed once per pass, not
 * once per identity (decision 019).
 */
const RELINK_EVERY_PAGES = 50;

export type IdentitySyncDeps = {
  readonly kyc: KycRepositories;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly assessment: AssessmentService;
  /** The install's current watchlist and settings versions. */
  readonly versionsOf: (installedAppId: string) => { watchlist: number; settings: number };
  /** Runs after every sync of an install: periodic reviews that fell due enter the queue (decision 020). */
  readonly afterSync: (installedAppId: string) => void;
  /** One replica at a time runs an install's sync or re-assessment (decision 022). */
  readonly lease: SyncLease;
  /** Whether another replica holds the install's lease now (read from the shared table). */
  readonly heldElsewhere: (installedAppId: string) => boolean;
};

export type IdentitySyncService = ReturnType<typeof createIdentitySyncService>;

/**
 * Keeps the per-install identity mirror in step with Cloud, in the background: pages from
 * the Data API walked as docs/cloud-contract.md §6.2 says (`walkIdentityPages`), each page mirrored and
 * assessed in time slices of one transaction each, the event loop released between them so
 * requests keep being answered (decisions 011, 015, 019). A record that cannot be read or processed is skipped,
 * logged and counted; the rest of the sync goes on.
 */
export function createIdentitySyncService({
  kyc,
  clock,
  logger,
  assessment,
  versionsOf,
  afterSync,
  lease,
  heldElsewhere,
}: IdentitySyncDeps) {
  const running = new Map<string, Promise<void>>();
  const relinkMarked = createDuplicatesPass({ kyc, assessment, logger });
  const reassessQueued = new Set<string>();

  async function syncAll(installedAppId: string, client: InstallCloudClient): Promise<void> {
    const startedAt = clock.now().toISOString();
    kyc.mirror.markSyncStarted(installedAppId, startedAt);
    let outcome: SyncOutcome = { error: null, unreadableCount: 0 };
    const failed: string[] = [];
    try {
      // The watchlist index is built in the worker before the first page is screened.
      await assessment.ready(installedAppId);
      const slices = new TimeSlices();
      let pages = 0;
      const pass = await walkIdentityPages(client, async (rows) => {
        // A page in time slices, each one transaction: a page of new identities is ~100 ms
        // of work, which would hold every request (a session check, a decision) behind it.
        // Everything a slice writes is derived from Cloud's records, so its commit waits for
        // no fsync (a lost slice is synced again; decision 019).
        // Identities new to the mirror are screened first, in the watchlist worker, off the
        // event loop (an unchanged one is not screened at all; a changed one is, on the loop).
        const { known, screened } = await screenNew(installedAppId, rows);
        // Settings and the watchlist version, read once a slice: in its transaction nothing else runs.
        let versions: AssessmentVersions | undefined;
        const absorb = (identity: Identity) =>
          assessment.absorb(installedAppId, identity, {
            screened: screened.get(identity.identity_id),
            mirrored: known.has(identity.identity_id),
            duplicates: 'later',
            versions: (versions ??= assessment.versionsNow(installedAppId)),
          });
        let next = 0;
        while (next < rows.length) {
          const start = next;
          versions = undefined;
          try {
            // The slice's identities in one transaction, without a savepoint each (their cost
            // was a tenth of a new identity's): should one throw, the slice rolls back whole…
            kyc.rederivableTransaction(() => {
              while (next < rows.length) {
                const identity = rows[next++];
                if (identity !== undefined) absorb(identity);
                if (slices.due()) break;
              }
            });
          } catch {
            // …and is written again with a savepoint per identity, the one that throws skipped and logged.
            next = start;
            versions = undefined;
            kyc.rederivableTransaction(() => {
              while (next < rows.length) {
                const identity = rows[next++];
                if (identity !== undefined && !absorbOne(installedAppId, identity, absorb))
                  failed.push(identity.identity_id);
                if (slices.due()) break;
              }
            });
          }
          await slices.pause();
        }
        if (++pages % RELINK_EVERY_PAGES === 0) await relinkMarked(installedAppId, slices);
      });
      await relinkMarked(installedAppId, slices);
      const skipped = pass.unreadable.length + failed.length;
      // An identity we could not read is still in Cloud: its earlier mirror row and case stay.
      const skippedIds = [...pass.unreadable.flatMap((u) => (u.identityId === null ? [] : [u.identityId])), ...failed];
      kyc.mirror.markSynced(installedAppId, skippedIds, startedAt);
      if (skipped > 0) {
        logger.warn('identity sync skipped records it could not read', {
          installed_app_id: installedAppId,
          count: skipped,
          identity_ids: skippedIds.slice(0, 20),
        });
      }
      if (pass.complete) {
        // Only a complete pass may say an identity is gone; its case and history stay.
        await sweepUnseen(kyc, installedAppId, startedAt, slices);
        outcome = { error: null, unreadableCount: skipped };
      } else {
        logger.warn('identity sync stopped before Cloud listed every identity', {
          installed_app_id: installedAppId,
          reason: pass.stoppedBy,
          seen: pass.seen,
          total: pass.total,
          pages: pass.pages,
        });
        outcome = { error: 'incomplete_listing', unreadableCount: skipped };
      }
    } catch (err) {
      const error = err instanceof CloudError || err instanceof AppError ? err.code : 'internal_error';
      outcome = { error, unreadableCount: failed.length };
      logger.warn('identity sync failed', { installed_app_id: installedAppId, code: error });
    } finally {
      kyc.mirror.markSyncFinished(installedAppId, clock.now().toISOString(), outcome);
    }
    afterSync(installedAppId);
  }

  /**
   * Which of the page's identities the mirror holds already, and the hits of the others,
   * screened in the worker.
   */
  async function screenNew(
    installedAppId: string,
    rows: readonly Identity[],
  ): Promise<{ known: Set<string>; screened: Map<string, ScreenedIdentity> }> {
    const known = kyc.mirror.mirroredIds(
      installedAppId,
      rows.map((r) => r.identity_id),
    );
    const fresh = rows.filter((r) => !known.has(r.identity_id));
    if (fresh.length === 0) return { known, screened: new Map() };
    try {
      const screened = await assessment.screenIdentities(installedAppId, fresh);
      return { known, screened: new Map(screened.map((s) => [s.identityId, s])) };
    } catch (err) {
      // The page is still synced: each identity is then screened on the event loop.
      logger.warn('identity sync could not screen a page in the watchlist worker', {
        installed_app_id: installedAppId,
        reason: err instanceof Error ? err.name : 'unknown',
      });
      return { known, screened: new Map() };
    }
  }

  /**
   * One identity mirrored and assessed in its own savepoint (a slice written again after one of
   * its identities threw); an identity whose processing throws is skipped and logged, so one
   * poisoned record can never fail the whole sync. The savepoint keeps its half-written rows
   * out of the slice's transaction.
   */
  function absorbOne(installedAppId: string, identity: Identity, absorb: (identity: Identity) => void): boolean {
    try {
      kyc.transaction(() => absorb(identity));
      return true;
    } catch (err) {
      logger.warn('identity sync could not process an identity', {
        installed_app_id: installedAppId,
        identity_id: identity.identity_id,
        reason: err instanceof Error ? err.name : 'unknown',
      });
      return false;
    }
  }

  /**
   * Re-assesses only the cases computed with an older watchlist or settings, in time slices:
   * each slice's cases are written in one transaction, then the event loop runs.
   */
  async function reassessStale(installedAppId: string): Promise<void> {
    await assessment.ready(installedAppId);
    const slices = new TimeSlices();
    let after = '';
    for (;;) {
      const versions = versionsOf(installedAppId);
      const ids = kyc.cases.staleIds(installedAppId, versions, after, REASSESS_PAGE);
      let done = 0;
      // Lost on a power cut, these cases are still stale and are re-assessed again.
      kyc.rederivableTransaction(() => {
        for (const id of ids) {
          const row = kyc.mirror.get(installedAppId, id);
          if (row !== null) assessment.ensureCase(row);
          done += 1;
          if (slices.due()) break;
        }
      });
      const last = ids[done - 1];
      if (last === undefined || (done === ids.length && ids.length < REASSESS_PAGE)) break;
      after = last;
      await slices.maybePause();
    }
    // Marks a sync cut off by a crash left behind (the start-up resume runs this).
    await relinkMarked(installedAppId, slices);
  }

  /** A sync, unless another replica is running one of the install's jobs (it syncs for everyone). */
  async function syncIfFree(installedAppId: string, client: InstallCloudClient): Promise<void> {
    const { ran } = await lease.ifFree(installedAppId, () => syncAll(installedAppId, client));
    if (!ran) logger.info('identity sync left to the replica running it', { installed_app_id: installedAppId });
  }

  /**
   * Background jobs of one install run one after another; `running` holds the last one,
   * so `idle()` waits for everything queued.
   */
  function enqueue(installedAppId: string, job: () => Promise<void>): void {
    const previous = running.get(installedAppId) ?? Promise.resolve();
    const next: Promise<void> = previous
      .then(job)
      .catch((err: unknown) => {
        logger.error('background review job failed', {
          installed_app_id: installedAppId,
          reason: err instanceof Error ? err.name : 'unknown',
        });
      })
      .finally(() => {
        if (running.get(installedAppId) === next) running.delete(installedAppId);
      });
    running.set(installedAppId, next);
  }

  return {
    /** Starts a full sync unless one is running; true when this call started it. */
    refresh(installedAppId: string, client: InstallCloudClient): boolean {
      if (running.has(installedAppId) || heldElsewhere(installedAppId)) return false;
      enqueue(installedAppId, () => syncIfFree(installedAppId, client));
      return true;
    },
    /** A queue request starts a sync when there was none yet or the last one is old. */
    ensureStarted(installedAppId: string, client: InstallCloudClient): void {
      const state = kyc.mirror.syncState(installedAppId);
      const lastStarted = state?.lastStartedAt == null ? null : Date.parse(state.lastStartedAt);
      const stale = lastStarted === null || clock.now().getTime() - lastStarted > RESYNC_AFTER_MS;
      if (stale && !running.has(installedAppId) && !heldElsewhere(installedAppId)) {
        // Marked now, so a second request arriving before the job starts does not queue another.
        kyc.mirror.markSyncStarted(installedAppId, clock.now().toISOString());
        enqueue(installedAppId, () => syncIfFree(installedAppId, client));
      }
    },
    /** Settings or the watchlist changed: bring the stale assessments up to date, after any running job. */
    reassess(installedAppId: string): void {
      if (reassessQueued.has(installedAppId)) return;
      reassessQueued.add(installedAppId);
      enqueue(installedAppId, async () => {
        reassessQueued.delete(installedAppId);
        // It must run (the settings changed here): after the other replica's job, if one runs.
        await lease.whenFree(installedAppId, () => reassessStale(installedAppId));
      });
    },
    /** This replica runs or has queued a job of the install, or another replica runs one. */
    isSyncing(installedAppId: string): boolean {
      return running.has(installedAppId) || heldElsewhere(installedAppId);
    },
    /** Resolves when no background job runs for the install (tests, shutdown). */
    async idle(installedAppId: string): Promise<void> {
      for (let job = running.get(installedAppId); job !== undefined; job = running.get(installedAppId)) await job;
    },
  };
}
