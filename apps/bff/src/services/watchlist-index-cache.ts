import type { WatchlistEntry } from '@kyc-review/contracts';
import { WatchlistIndexBuilder, type WatchlistIndex } from '@kyc-review/kyc';
import type { KycRepositories } from '../db/kyc-repositories';
import { TimeSlices } from './time-slices';

export type CurrentWatchlist = { readonly index: WatchlistIndex; readonly version: number };

/** Entries read per page of an index build (each page is parsed and validated at once). */
const PAGE = 200;

/**
 * The matcher's index per install, built once per watchlist version and reused until the
 * next import bumps it (docs/decisions/018-real-watchlists.md). After an import the new
 * index is built in time slices (TimeSlices), so requests keep being answered, and
 * screening uses the previous index until it is ready.
 */
export function createWatchlistIndexCache(kyc: KycRepositories) {
  const cache = new Map<string, CurrentWatchlist>();
  /** Installs whose next index is being built: until it is, screening uses the previous one. */
  const building = new Map<string, Promise<void>>();

  /** The install's entries, a page at a time (keyset by entry_id). */
  function* entryPages(installedAppId: string, version: number): Generator<WatchlistEntry[]> {
    for (let after = ''; ;) {
      const page = kyc.watchlist.entriesAfter(installedAppId, version, after, PAGE);
      const last = page.at(-1);
      if (last === undefined) return;
      yield page;
      after = last.entry_id;
    }
  }

  async function buildInSlices(installedAppId: string): Promise<void> {
    const slices = new TimeSlices();
    const version = kyc.watchlist.state(installedAppId).version;
    const builder = new WatchlistIndexBuilder();
    for (const page of entryPages(installedAppId, version)) {
      for (const entry of page) {
        builder.add(entry);
        await slices.maybePause();
      }
    }
    cache.set(installedAppId, { index: builder.build(), version });
  }

  /** At first use after a start (no index yet): built at once. */
  function buildNow(installedAppId: string, version: number): CurrentWatchlist {
    const builder = new WatchlistIndexBuilder();
    for (const page of entryPages(installedAppId, version)) for (const entry of page) builder.add(entry);
    const fresh = { index: builder.build(), version };
    cache.set(installedAppId, fresh);
    return fresh;
  }

  return {
    /** The index of the install's current list (the previous one while a new one is being built). */
    current(installedAppId: string): CurrentWatchlist {
      const version = kyc.watchlist.state(installedAppId).version;
      const cached = cache.get(installedAppId);
      if (cached?.version === version) return cached;
      if (cached !== undefined && building.has(installedAppId)) return cached;
      return buildNow(installedAppId, version);
    },
    /** Builds the index of the current list in slices off the event loop; resolves when it is in use. */
    rebuild(installedAppId: string): Promise<void> {
      const running = building.get(installedAppId);
      const next = (running ?? Promise.resolve()).then(() => buildInSlices(installedAppId));
      const tracked = next.finally(() => {
        if (building.get(installedAppId) === tracked) building.delete(installedAppId);
      });
      building.set(installedAppId, tracked);
      return tracked;
    },
  };
}

export type WatchlistIndexCache = ReturnType<typeof createWatchlistIndexCache>;
