import {
  WATCHLIST_PREVIEW_SAMPLES,
  type CaseCounts,
  type CaseStatus,
  type KycSettings,
  type WatchlistChanges,
  type WatchlistEntry,
  type WatchlistEntryRef,
  type WatchlistImportMode,
  type WatchlistImportPreviewDto,
} from '@kyc-review/contracts';
import { screenIdentity, WatchlistIndexBuilder } from '@kyc-review/kyc';
import type { KycRepositories } from '../db/kyc-repositories';
import type { Storage } from '../db/storage';
import { summaryOf } from './mirrored-identity';
import { TimeSlices } from './time-slices';
import { VERSION_CHUNK } from './watchlist-versions';

/**
 * Added and changed entries the preview screens every case against; an import bringing more
 * (a first import of a whole list) is not predicted: the re-screening after the confirmation
 * finds its hits. Bounds the preview's memory (one small index) and time (decision 006).
 */
export const NEW_HIT_PREDICTION_LIMIT = 20_000;
/** Identities screened per mirror page. */
const SCREEN_PAGE = 200;

/** Statuses the preview counts as decided (the import's counts have always split them so). */
const DECIDED: ReadonlySet<CaseStatus> = new Set(['approved', 'rejected', 'info_requested', 'escalated']);

/** Keeps the first few entries of a kind of change. */
function sample(into: WatchlistEntryRef[], refs: readonly WatchlistEntryRef[]): void {
  for (const ref of refs) {
    if (into.length >= WATCHLIST_PREVIEW_SAMPLES) return;
    into.push({ entry_id: ref.entry_id, name: ref.name, list: ref.list });
  }
}

type Affected = { identityId: string; name: string; status: CaseStatus };

const counts = (cases: Iterable<Affected>): CaseCounts => {
  const c = { open: 0, decided: 0 };
  for (const a of cases) c[DECIDED.has(a.status) ? 'decided' : 'open'] += 1;
  return c;
};

/**
 * Cases that would newly hit one of `entries` (added, or changed to new content): every
 * mirrored identity screened against an index of those entries alone, at the install's
 * threshold, less entries a reviewer dismissed for it. In time slices.
 */
async function casesNewlyHitting(
  kyc: KycRepositories,
  installedAppId: string,
  entries: readonly WatchlistEntry[],
  settings: KycSettings,
  slices: TimeSlices,
): Promise<Affected[]> {
  if (entries.length === 0) return [];
  const builder = new WatchlistIndexBuilder();
  for (const entry of entries) {
    builder.add(entry);
    await slices.maybePause();
  }
  const index = builder.build();
  const found: Affected[] = [];
  for (let after = ''; ;) {
    const page = kyc.mirror.pageAfter(installedAppId, after, SCREEN_PAGE);
    for (const row of page) {
      after = row.identityId;
      const hits = screenIdentity(row.record, index, { threshold: settings.watchlist_threshold, dismissed: new Set() });
      if (hits.length > 0) {
        const dismissed = new Set(
          kyc.dispositions
            .forIdentity(installedAppId, row.identityId)
            .filter((d) => d.disposition === 'false_positive')
            .map((d) => d.entryId),
        );
        const status = kyc.cases.get(installedAppId, row.identityId)?.status;
        // An identity without a case yet is screened in full by its first assessment.
        if (status !== undefined && hits.some((h) => !dismissed.has(h.entry.entry_id)))
          found.push({ identityId: row.identityId, name: summaryOf(row.record).displayName, status });
      }
      await slices.maybePause();
    }
    if (page.length < SCREEN_PAGE) return found;
  }
}

/**
 * How a staged import would change the active version (`base`): added, changed and (replace)
 * removed entries with the first few of each, and the cases whose outcome would change:
 * those whose current hits name a removed or changed entry, and those that would newly hit
 * an added or changed entry. Compared range by range in time slices, so a large list does not
 * hold the event loop.
 */
export async function previewImport(
  { repos, kyc }: { readonly repos: Storage; readonly kyc: KycRepositories },
  installedAppId: string,
  importId: string,
  mode: WatchlistImportMode,
  base: number,
  settings: KycSettings,
): Promise<Pick<WatchlistImportPreviewDto, 'lists' | 'changes' | 'affected_cases' | 'newly_hit' | 'decided_samples'>> {
  const slices = new TimeSlices();
  const imports = repos.watchlistImports;
  const lists = await imports.stagedLists(installedAppId, importId);
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
  // What screening would newly see (added and changed entries), while few enough to screen.
  let fresh: WatchlistEntry[] | null = [];
  for (let after = ''; ;) {
    const upto = await repos.watchlist.stagedRangeEnd(installedAppId, importId, after, VERSION_CHUNK);
    if (upto === null) break;
    const { counts: range, refs } = await imports.compareStaged(installedAppId, importId, base, after, upto);
    changes.added += range.added;
    changes.changed += range.changed;
    changes.unchanged += range.unchanged;
    sample(
      changes.samples.added,
      refs.filter((r) => r.kind === 'added'),
    );
    const changed = refs.filter((r) => r.kind === 'changed');
    sample(changes.samples.changed, changed);
    for (const ref of changed) touched.push(ref.entry_id);
    if (fresh !== null && changes.added + changes.changed > NEW_HIT_PREDICTION_LIMIT) fresh = null;
    if (fresh !== null && refs.length > 0)
      fresh.push(...(await imports.stagedNewEntries(installedAppId, importId, base, after, upto)));
    after = upto;
    await slices.maybePause();
  }
  if (mode === 'replace' && base > 0) {
    for (let after = ''; ;) {
      const upto = await repos.watchlist.versionRangeEnd(installedAppId, base, after, VERSION_CHUNK);
      if (upto === null) break;
      const removed = await imports.removedInRange(installedAppId, importId, base, lists, after, upto);
      changes.removed += removed.length;
      sample(changes.samples.removed, removed);
      for (const ref of removed) touched.push(ref.entry_id);
      after = upto;
      await slices.maybePause();
    }
  }
  const baseCount = base === 0 ? 0 : ((await repos.watchlist.version(installedAppId, base))?.entry_count ?? 0);
  changes.entry_count = baseCount + changes.added - changes.removed;

  const affected = new Map((await imports.casesHitting(installedAppId, touched)).map((a) => [a.identityId, a]));
  const newly = fresh === null ? null : await casesNewlyHitting(kyc, installedAppId, fresh, settings, slices);
  for (const a of newly ?? []) if (!affected.has(a.identityId)) affected.set(a.identityId, a);
  return {
    lists,
    changes,
    affected_cases: counts(affected.values()),
    newly_hit: newly === null ? null : counts(newly),
    decided_samples: [...affected.values()]
      .filter((a) => DECIDED.has(a.status))
      .slice(0, WATCHLIST_PREVIEW_SAMPLES)
      .map((a) => ({ identity_id: a.identityId, name: a.name })),
  };
}
