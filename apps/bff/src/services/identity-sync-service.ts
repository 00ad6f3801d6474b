import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Clock } from '../clock';
import type { InstallCloudClient } from '../cloud/cloud-client';
import type { KycRepositories } from '../db/kyc-repositories';
import { AppError } from '../errors';
import type { Logger } from '../logging/logger';
import type { AssessmentService } from './assessment-service';

/** The Data API's largest page (contract §6.2 [gap]: the emulator caps at 100). */
const SYNC_PAGE_SIZE = 100;
/** A queue request re-syncs in the background when the last sync started longer ago than this. */
const RESYNC_AFTER_MS = 15 * 60_000;
/** Mirror rows re-assessed per slice when settings or the watchlist change. */
const REASSESS_SLICE = 200;

export type IdentitySyncDeps = {
  readonly kyc: KycRepositories;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly assessment: AssessmentService;
  /** The install's current watchlist and settings versions. */
  readonly versionsOf: (installedAppId: string) => { watchlist: number; settings: number };
};

export type IdentitySyncService = ReturnType<typeof createIdentitySyncService>;

/**
 * Keeps the per-install identity mirror in step with Cloud, in the background: pages of
 * 100 from the Data API, each page mirrored and assessed in one transaction, the event
 * loop released between pages so requests keep being answered (decision 011).
 */
export function createIdentitySyncService({ kyc, clock, logger, assessment, versionsOf }: IdentitySyncDeps) {
  const running = new Map<string, Promise<void>>();
  const reassessQueued = new Set<string>();

  async function syncAll(installedAppId: string, client: InstallCloudClient): Promise<void> {
    const startedAt = clock.now().toISOString();
    kyc.mirror.markSyncStarted(installedAppId, startedAt);
    let error: string | null = null;
    try {
      for (let page = 1; ; page++) {
        const batch = await client.listIdentities({ page, pageSize: SYNC_PAGE_SIZE });
        kyc.transaction(() => {
          for (const identity of batch.data) assessment.absorb(installedAppId, identity);
        });
        if (batch.data.length < SYNC_PAGE_SIZE || page * SYNC_PAGE_SIZE >= batch.total) break;
        await yieldToEventLoop();
      }
      // Only a complete pass may say an identity is gone; its case and history stay.
      kyc.mirror.removeNotSyncedSince(installedAppId, startedAt);
    } catch (err) {
      error = err instanceof AppError ? err.code : 'internal_error';
      logger.warn('identity sync failed', { installed_app_id: installedAppId, code: error });
    } finally {
      kyc.mirror.markSyncFinished(installedAppId, clock.now().toISOString(), error);
    }
  }

  /** Re-assesses, slice by slice, only the cases computed with an older watchlist or settings. */
  async function reassessStale(installedAppId: string): Promise<void> {
    let after = '';
    for (;;) {
      const versions = versionsOf(installedAppId);
      const ids = kyc.cases.staleIds(installedAppId, versions, after, REASSESS_SLICE);
      kyc.transaction(() => {
        for (const id of ids) {
          const row = kyc.mirror.get(installedAppId, id);
          if (row !== null) assessment.ensureCase(row);
        }
      });
      const last = ids.at(-1);
      if (last === undefined || ids.length < REASSESS_SLICE) return;
      after = last;
      await yieldToEventLoop();
    }
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
      if (running.has(installedAppId)) return false;
      enqueue(installedAppId, () => syncAll(installedAppId, client));
      return true;
    },
    /** A queue request starts a sync when there was none yet or the last one is old. */
    ensureStarted(installedAppId: string, client: InstallCloudClient): void {
      const state = kyc.mirror.syncState(installedAppId);
      const lastStarted = state?.lastStartedAt == null ? null : Date.parse(state.lastStartedAt);
      const stale = lastStarted === null || clock.now().getTime() - lastStarted > RESYNC_AFTER_MS;
      if (stale && !running.has(installedAppId)) {
        // Marked now, so a second request arriving before the job starts does not queue another.
        kyc.mirror.markSyncStarted(installedAppId, clock.now().toISOString());
        enqueue(installedAppId, () => syncAll(installedAppId, client));
      }
    },
    /** Settings or the watchlist changed: bring the stale assessments up to date, after any running job. */
    reassess(installedAppId: string): void {
      if (reassessQueued.has(installedAppId)) return;
      reassessQueued.add(installedAppId);
      enqueue(installedAppId, async () => {
        reassessQueued.delete(installedAppId);
        await reassessStale(installedAppId);
      });
    },
    isSyncing(installedAppId: string): boolean {
      return running.has(installedAppId);
    },
    /** Resolves when no background job runs for the install (tests, shutdown). */
    async idle(installedAppId: string): Promise<void> {
      for (let job = running.get(installedAppId); job !== undefined; job = running.get(installedAppId)) await job;
    },
  };
}
