import type { WatchlistEntry, WatchlistImportPreviewDto } from '@kyc-review/contracts';
import type { Storage } from '../../src/db/storage';
import type { VersionSource } from '../../src/db/watchlist-repository';
import { createWatchlistVersionWriter, VERSION_CHUNK } from '../../src/services/watchlist-versions';
import { FakeClock } from '../support/fake-clock';
import { AT } from './storage-fixture';

// Watchlist rows for the storage suite (decision 022): entries, staging in chunks as the
// import does, and versions written by the production writer.

export const entry = (n: number, overrides: Partial<WatchlistEntry> = {}): WatchlistEntry => ({
  entry_id: `e${String(n).padStart(5, '0')}`,
  name: `Person Number ${String(n)}`,
  entry_type: 'person',
  aliases: [],
  dobs: [],
  nationalities: [],
  countries: [],
  list: n % 2 === 0 ? 'sdn' : 'eu',
  topic: 'sanction',
  source: null,
  programmes: [],
  ...overrides,
});

export const range = (from: number, to: number, overrides: (n: number) => Partial<WatchlistEntry> = () => ({})) =>
  Array.from({ length: to - from }, (_, i) => entry(from + i, overrides(from + i)));

/** Stages entries as the import does: VERSION_CHUNK rows per transaction. Returns the chunks written. */
export async function stageInChunks(s: Storage, installedAppId: string, importId: string, entries: WatchlistEntry[]) {
  let chunks = 0;
  for (let from = 0; from < entries.length; from += VERSION_CHUNK) {
    await s.transaction((tx) =>
      tx.watchlistImports.stage(installedAppId, importId, entries.slice(from, from + VERSION_CHUNK)),
    );
    chunks++;
  }
  return chunks;
}

export const writerOver = (s: Storage) => createWatchlistVersionWriter({ repos: s, clock: new FakeClock(AT) });

/** A version of these entries alone (a first import: replace, staged then dropped). */
export async function versionOf(s: Storage, installedAppId: string, entries: WatchlistEntry[], importId = 'imp_seed') {
  await stageInChunks(s, installedAppId, importId, entries);
  const version = await writerOver(s).write(installedAppId, plan([{ kind: 'staged', importId }]));
  while ((await s.watchlistImports.discardStagedChunk(installedAppId, importId, VERSION_CHUNK)) > 0);
  return version;
}

export const plan = (
  sources: VersionSource[],
  overrides: Partial<Parameters<ReturnType<typeof writerOver>['write']>[1]> = {},
) => ({
  mode: 'replace' as const,
  rolledBackTo: null,
  sources,
  counts: { added: 0, removed: 0, changed: 0 },
  refused: 0,
  format: 'csv' as const,
  files: ['list.csv'],
  actor: 'system' as const,
  requestId: null,
  ...overrides,
});

/** Every entry id of a version, paged as the index build reads it. */
export async function entryIds(s: Storage, installedAppId: string, version: number): Promise<string[]> {
  const ids: string[] = [];
  for (let after = ''; ;) {
    const page = await s.watchlist.entryRowsAfter(installedAppId, version, after, 300);
    const last = page.at(-1);
    if (last === undefined) return ids;
    ids.push(...page.map((r) => r.entryId));
    after = last.entryId;
  }
}

export const preview = (importId: string, createdAt: string): WatchlistImportPreviewDto => ({
  format: 'csv',
  files: [{ name: 'list.csv', part: 'csv', rows: 1, refused: 0 }],
  imported: 1,
  refused: 0,
  errors: [],
  skipped: [],
  import_id: importId,
  mode: 'append',
  base_version: 0,
  lists: ['sdn'],
  changes: {
    added: 1,
    removed: 0,
    changed: 0,
    unchanged: 0,
    entry_count: 1,
    samples: { added: [], removed: [], changed: [] },
  },
  affected_cases: { open: 0, decided: 0 },
  newly_hit: { open: 0, decided: 0 },
  decided_samples: [],
  created_by_name: null,
  created_at: createdAt,
});
