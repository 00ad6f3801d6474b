import {
  WATCHLIST_PREVIEW_SAMPLES,
  type WatchlistChanges,
  type WatchlistEntryRef,
  type WatchlistImportMode,
  type WatchlistImportPreviewDto,
} from '@kyc-review/contracts';
import type { KycRepositories } from '../db/kyc-repositories';
import { TimeSlices } from './time-slices';
import { VERSION_CHUNK } from './watchlist-versions';

/** Keeps the first few entries of a kind of change. */
function sample(into: WatchlistEntryRef[], refs: readonly WatchlistEntryRef[]): void {
  for (const ref of refs) {
    if (into.length >= WATCHLIST_PREVIEW_SAMPLES) return;
    into.push({ entry_id: ref.entry_id, name: ref.name, list: ref.list });
  }
}

/**
 * How a staged import would change the active version (`base`): added, changed and (replace)
 * removed entries with the first few of each, and the cases whose current hits name a
 * removed or changed entry. Compared range by range in time slices, so a large list does not
 * hold the event loop.
 */
export async function previewImport(
  kyc: KycRepositories,
  installedAppId: string,
  importId: string,
  mode: WatchlistImportMode,
  base: number,
): Promise<Pick<WatchlistImportPreviewDto, 'lists' | 'changes' | 'affected_cases'>> {
  const slices = new TimeSlices();
  const imports = kyc.watchlistImports;
  const lists = imports.stagedLists(installedAppId, importId);
  const changes: WatchlistChanges = {
    added: 0,
    removed: 0,
    changed: 0,
    unchanged: 0,
    entry_count: 0,
    samples: { added: [], removed: [], changed: [] },
  };
  // Entries whose hits on cases would change: removed ones and changed ones.
  const touched: string[] = [];
  for (let after = ''; ;) {
    const upto = kyc.watchlist.stagedRangeEnd(installedAppId, importId, after, VERSION_CHUNK);
    if (upto === null) break;
    const { counts, refs } = imports.compareStaged(installedAppId, importId, base, after, upto);
    changes.added += counts.added;
    changes.changed += counts.changed;
    changes.unchanged += counts.unchanged;
    sample(
      changes.samples.added,
      refs.filter((r) => r.kind === 'added'),
    );
    const changed = refs.filter((r) => r.kind === 'changed');
    sample(changes.samples.changed, changed);
    for (const ref of changed) touched.push(ref.entry_id);
    after = upto;
    await slices.maybePause();
  }
  if (mode === 'replace' && base > 0) {
    for (let after = ''; ;) {
      const upto = kyc.watchlist.versionRangeEnd(installedAppId, base, after, VERSION_CHUNK);
      if (upto === null) break;
      const removed = imports.removedInRange(installedAppId, importId, base, lists, after, upto);
      changes.removed += removed.length;
      sample(changes.samples.removed, removed);
      for (const ref of removed) touched.push(ref.entry_id);
      after = upto;
      await slices.maybePause();
    }
  }
  const baseCount = base === 0 ? 0 : (kyc.watchlist.version(installedAppId, base)?.entry_count ?? 0);
  changes.entry_count = baseCount + changes.added - changes.removed;
  return { lists, changes, affected_cases: imports.casesHitting(installedAppId, touched) };
}
