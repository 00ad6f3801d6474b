import { buildWatchlistIndex, WatchlistIndexBuilder, type WatchlistIndex } from '@kyc-review/kyc';
import type { KycRepositories } from '../db/kyc-repositories';
import type { StoredEntryRow } from '../db/watchlist-repository';
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
 * The matcher's index per install, built once per watchlist version and reused until the
 * next import bumps it (decisions 006, 018). Indexes of lists from WORKER_BUILD_FROM_ENTRIES
 * entries are built in the watchlist build process (a child) from the stored version (the
 * main thread only reads the rows, a page per time slice) and arrive on shared memory, so
 * the main thread screens single identities against the same bytes the screening thread
 * serves. While a new version's index is being built, screening uses the
 * previous one; cases are re-assessed once it is in use.
 */
export function createWatchlistIndexCache(kyc: KycRepositories, workers: WatchlistWorkers) {
  const cache = new Map<string, CurrentWatchlist>();
  /** Installs whose next index is being built. */
  const building = new Map<string, Promise<CurrentWatchlist>>();
  let built = 0;

  async function* rowPages(installedAppId: string, version: number): AsyncGenerator<string[]> {
    const slices = new TimeSlices();
    for (let after = ''; ;) {
      const page: StoredEntryRow[] = kyc.watchlist.entryRowsAfter(installedAppId, version, after, PAGE);
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
    workers.use(current.key, index);
    if (previous !== undefined) workers.drop(previous.key);
    return current;
  }

  async function buildInSlices(installedAppId: string, version: number): Promise<WatchlistIndex> {
    const slices = new TimeSlices();
    const builder = new WatchlistIndexBuilder();
    for (let after = ''; ;) {
      const page = kyc.watchlist.entriesAfter(installedAppId, version, after, PAGE);
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
    const version = kyc.watchlist.state(installedAppId).version;
    const cached = cache.get(installedAppId);
    if (cached?.version === version) return cached;
    const entries = version === 0 ? 0 : (kyc.watchlist.version(installedAppId, version)?.entry_count ?? 0);
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
      .catch(() => undefined);
    return next;
  }

  /**
   * Fallback when an index is needed synchronously before any was built (a single case opened
   * right after a start): built here, on the main thread. The sync, the re-assessment and
   * screenIdentities wait for `ready` instead, which builds in the worker.
   */
  function buildHere(installedAppId: string, version: number): CurrentWatchlist {
    const builder = new WatchlistIndexBuilder();
    for (let after = ''; ;) {
      const page = kyc.watchlist.entriesAfter(installedAppId, version, after, PAGE);
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
      const version = kyc.watchlist.state(installedAppId).version;
      const cached = cache.get(installedAppId);
      if (cached?.version === version) return cached;
      if (cached !== undefined && building.has(installedAppId)) return cached;
      return buildHere(installedAppId, version);
    },
    /** The index of the current list, built in the worker when it is not in use yet. */
    ready(installedAppId: string): Promise<CurrentWatchlist> {
      const version = kyc.watchlist.state(installedAppId).version;
      const cached = cache.get(installedAppId);
      if (cached?.version === version) return Promise.resolve(cached);
      return building.get(installedAppId) ?? rebuild(installedAppId);
    },
    /** Builds the index of the current list in the worker; resolves when it is in use. */
    rebuild,
  };
}

export type WatchlistIndexCache = ReturnType<typeof createWatchlistIndexCache>;
