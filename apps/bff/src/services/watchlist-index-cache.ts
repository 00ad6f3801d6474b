import { buildWatchlistIndex, WatchlistIndexBuilder, type WatchlistIndex } from '@kyc-review/kyc';
import type { Clock } from '../clock';
import type { Storage } from '../db/storage';
import type { StoredEntryRow, SyncWatchlistReads } from '../db/watchlist-repository';
import type { Logger } from '../logging/logger';
import { TimeSlices } from './time-slices';
import type { WatchlistWorkers } from './watchlist-worker/watchlist-workers';

export type CurrentWatchlist = {
  readonly index: WatchlistIndex;
  readonly version: number;
  /** The index's name in the screening thread (unique in the process). */
  readonly key: string;
};

/** Stored entries read per page for an index build. */
const PAGE = 500;
/**
 * Lists up to this many entries are indexed on the main thread, in time slices of a few ms:
 * starting the build process costs more than such a build. Larger lists are built there.
 */
export const WORKER_BUILD_FROM_ENTRIES = 1_000;
/**
 * How long a replica screens with the active version it last read before it reads it again
 * (decision 022): an import confirmed or a rollback made on another replica is in use here
 * at most this long (on the app's clock) plus one index build after it committed.
 */
export const WATCHLIST_POLL_MS = 5_000;

export type WatchlistIndexCacheDeps = {
  readonly repos: Storage;
  /** The main-thread fallback build's reads (SQLite only, until the assessment path is async). */
  readonly syncReads: SyncWatchlistReads;
  readonly workers: WatchlistWorkers;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The active version moved without this replica making it (another replica imported or rolled back). */
  readonly onMoved: (installedAppId: string) => void;
};

/**
 * The matcher's index per install, built once per watchlist version and reused until the
 * version changes (decisions 006, 018, 022). Indexes of lists from WORKER_BUILD_FROM_ENTRIES
 * entries are built in the watchlist build process (a child) from the stored version (the
 * main thread only reads the rows, a page per time slice) and arrive on shared memory, so
 * the main thread screens single identities against the same bytes the screening thread
 * serves. While a new version's index is being built, screening uses the previous one; cases
 * are re-assessed once it is in use. Each replica keeps its own: the active version is read
 * again once WATCHLIST_POLL_MS have passed since the last read, and a version that moved is
 * built and put in use.
 */
export function createWatchlistIndexCache({
  repos,
  syncReads,
  workers,
  clock,
  logger,
  onMoved,
}: WatchlistIndexCacheDeps) {
  const cache = new Map<string, CurrentWatchlist>();
  /** Installs whose next index is being built. */
  const building = new Map<string, Promise<CurrentWatchlist>>();
  /** The active version last read per install, and when (the clock's ms). */
  const seen = new Map<string, { readonly version: number; readonly at: number }>();
  const polling = new Set<string>();
  /** Installs whose last build failed: the version known active has no index in use. */
  const stranded = new Set<string>();
  let built = 0;

  const nowMs = () => clock.now().getTime();
  const due = (installedAppId: string) => {
    const last = seen.get(installedAppId);
    return last === undefined || nowMs() - last.at >= WATCHLIST_POLL_MS;
  };
  async function activeVersion(installedAppId: string, fresh: boolean): Promise<number> {
    const last = seen.get(installedAppId);
    if (last !== undefined && !fresh && !due(installedAppId)) return last.version;
    const at = nowMs();
    const { version } = await repos.watchlist.state(installedAppId);
    seen.set(installedAppId, { version, at });
    return version;
  }

  async function* rowPages(installedAppId: string, version: number): AsyncGenerator<string[]> {
    const slices = new TimeSlices();
    for (let after = ''; ;) {
      const page: StoredEntryRow[] = await repos.watchlist.entryRowsAfter(installedAppId, version, after, PAGE);
      const last = page.at(-1);
      if (last === undefined) return;
      yield page.map((row) => row.json);
      after = last.entryId;
      await slices.maybePause();
    }
  }

  function inUse(installedAppId: string, index: WatchlistIndex, version: number): CurrentWatchlist {
    const previous = cache.get(installedAppId);
    const current = { index, version, key: `${installedAppId}@${String(version)}#${String(++built)}` };
    cache.set(installedAppId, current);
    stranded.delete(installedAppId);
    workers.use(current.key, index);
    if (previous !== undefined) workers.drop(previous.key);
    return current;
  }

  async function buildInSlices(installedAppId: string, version: number): Promise<WatchlistIndex> {
    const slices = new TimeSlices();
    const builder = new WatchlistIndexBuilder();
    for (let after = ''; ;) {
      const page = await repos.watchlist.entriesAfter(installedAppId, version, after, PAGE);
      const last = page.at(-1);
      if (last === undefined) return builder.build();
      for (const entry of page) {
        builder.add(entry);
        await slices.maybePause();
      }
      after = last.entry_id;
    }
  }

  async function buildInWorker(installedAppId: string): Promise<CurrentWatchlist> {
    const version = await activeVersion(installedAppId, true);
    const cached = cache.get(installedAppId);
    if (cached?.version === version) return cached;
    const entries = version === 0 ? 0 : ((await repos.watchlist.version(installedAppId, version))?.entry_count ?? 0);
    const index =
      version === 0
        ? buildWatchlistIndex([])
        : entries < WORKER_BUILD_FROM_ENTRIES
          ? await buildInSlices(installedAppId, version)
          : await workers.buildIndex(rowPages(installedAppId, version));
    // A newer version may have been activated meanwhile: its own build follows this one.
    return inUse(installedAppId, index, version);
  }

  /** Builds of one install run one after another; the last queued is the one to wait for. */
  function rebuild(installedAppId: string): Promise<CurrentWatchlist> {
    const running = building.get(installedAppId);
    const next = (running ?? Promise.resolve()).then(
      () => buildInWorker(installedAppId),
      () => buildInWorker(installedAppId),
    );
    building.set(installedAppId, next);
    void next
      .finally(() => {
        if (building.get(installedAppId) === next) building.delete(installedAppId);
      })
      .catch(() => stranded.add(installedAppId));
    return next;
  }

  /** The index of the active version, read again when WATCHLIST_POLL_MS have passed; built when it moved. */
  async function ready(installedAppId: string): Promise<CurrentWatchlist> {
    const version = await activeVersion(installedAppId, false);
    const cached = cache.get(installedAppId);
    if (cached?.version === version) return cached;
    const running = building.get(installedAppId);
    if (running !== undefined) return running;
    const next = rebuild(installedAppId);
    // Another replica changed the list: once its index is in use here, cases screened here
    // meanwhile with the previous one are brought up to date.
    if (cached !== undefined)
      void next.then(
        () => onMoved(installedAppId),
        () => undefined,
      );
    return next;
  }

  /** From the synchronous screening path: the active version is read again in the background when due. */
  function pollIfDue(installedAppId: string): void {
    if (polling.has(installedAppId) || building.has(installedAppId) || !due(installedAppId)) return;
    polling.add(installedAppId);
    ready(installedAppId)
      .catch((error: unknown) => {
        logger.error('watchlist version check failed', {
          installed_app_id: installedAppId,
          reason: error instanceof Error ? error.message : 'unknown',
        });
      })
      .finally(() => polling.delete(installedAppId));
  }

  /**
   * Fallback when an index is needed synchronously before any was built (a single case opened
   * right after a start) or after the build process failed: built here, on the main thread,
   * from SQLite's synchronous reads. The sync, the re-assessment and screenIdentities wait for
   * `ready` instead, which builds in the worker.
   */
  function buildHere(installedAppId: string, version: number): CurrentWatchlist {
    const builder = new WatchlistIndexBuilder();
    for (let after = ''; ;) {
      const page = syncReads.entriesAfter(installedAppId, version, after, PAGE);
      const last = page.at(-1);
      if (last === undefined) break;
      for (const entry of page) builder.add(entry);
      after = last.entry_id;
    }
    return inUse(installedAppId, builder.build(), version);
  }

  return {
    /** The index of the install's current list (the previous one while a new one is being built). */
    current(installedAppId: string): CurrentWatchlist {
      const cached = cache.get(installedAppId);
      if (cached !== undefined && (!stranded.has(installedAppId) || building.has(installedAppId))) {
        pollIfDue(installedAppId);
        return cached;
      }
      const known = seen.get(installedAppId)?.version;
      if (known !== undefined) return buildHere(installedAppId, known);
      const version = syncReads.state(installedAppId).version;
      seen.set(installedAppId, { version, at: nowMs() });
      return buildHere(installedAppId, version);
    },
    /** The index of the current list, built in the worker when it is not in use yet. */
    ready,
    /** Builds the index of the current list (read now) in the worker; resolves when it is in use. */
    rebuild,
  };
}

export type WatchlistIndexCache = ReturnType<typeof createWatchlistIndexCache>;
