import { WATCHLIST_IMPORT_MAX_ENTRIES, type WatchlistEntry } from '@kyc-review/contracts';
import { WatchlistFileError, type ImportItem } from '@kyc-review/kyc';
import type { Storage } from '../db/storage';
import { TimeSlices } from './time-slices';
import { ImportReport } from './watchlist-import-report';
import { VERSION_CHUNK } from './watchlist-versions';

/**
 * Reads an upload's items into the staging table (watchlist_import_rows) in time slices:
 * when a slice is used up, what is batched is written and the event loop runs. A batch of at
 * most VERSION_CHUNK entries is one INSERT (atomic by itself), and a programme added to an
 * entry read earlier is one read and one update of that row: no async transaction is open
 * while the upload is read, so none holds SQLite's write lock or meets the synchronous
 * writes of other code (decision 022). The staged rows of an import that fails are dropped
 * by the caller. Duplicate entry ids are refused with the first
 * occurrence named. The report says what was read.
 */
export async function stageItems(
  repos: Storage,
  installedAppId: string,
  importId: string,
  items: AsyncIterable<ImportItem>,
): Promise<ImportReport> {
  const report = new ImportReport();
  const firstSeen = new Map<string, string>();
  let batch: WatchlistEntry[] = [];
  // Programmes for entries already read (FtM Sanction records), written after the batch.
  let programmes: { entryId: string; programmes: readonly string[] }[] = [];
  const flush = async () => {
    if (batch.length === 0 && programmes.length === 0) return;
    const entries = batch;
    const additions = programmes;
    batch = [];
    programmes = [];
    // No fsync of its own (an fsync on the event loop per 500 rows held every request):
    // staged rows are discarded at start, and the preview's durable commit covers them.
    await repos.rederivable.watchlistImports.stage(installedAppId, importId, entries);
    for (const add of additions)
      await repos.rederivable.watchlistImports.addStagedProgrammes(
        installedAppId,
        importId,
        add.entryId,
        add.programmes,
      );
  };
  const slices = new TimeSlices();
  for await (const item of items) {
    if (item.kind === 'entry') {
      const earlier = firstSeen.get(item.entry.entry_id);
      if (earlier !== undefined) {
        report.refuse(item.file, item.line, `duplicate of ${earlier}`);
      } else {
        firstSeen.set(item.entry.entry_id, `${item.file} line ${String(item.line)}`);
        report.accepted++;
        if (report.accepted > WATCHLIST_IMPORT_MAX_ENTRIES) {
          throw new WatchlistFileError(
            'invalid_watchlist_file',
            `The upload holds more than ${String(WATCHLIST_IMPORT_MAX_ENTRIES)} entries: import a smaller dataset (for OpenSanctions, the sanctions collection rather than everything).`,
          );
        }
        batch.push(item.entry);
        if (batch.length >= VERSION_CHUNK) await flush();
      }
    } else if (item.kind === 'programmes') {
      programmes.push(item);
      if (programmes.length >= VERSION_CHUNK) await flush();
    } else if (item.kind === 'refused') report.refuse(item.file, item.line, item.message);
    else if (item.kind === 'skipped')
      report.skipped.set(item.reason, (report.skipped.get(item.reason) ?? 0) + item.count);
    else {
      report.format ??= item.format;
      report.files.push({ name: item.name, part: item.part, rows: item.rows, refused: item.refused });
    }
    if (slices.due()) {
      await flush();
      await slices.pause();
    }
  }
  await flush();
  return report;
}

/**
 * Deletes an import's staged rows a chunk per statement (after it was applied or discarded),
 * without an fsync each: rows a power cut brings back are discarded at start.
 */
export async function dropStaged(repos: Storage, installedAppId: string, importId: string): Promise<void> {
  const slices = new TimeSlices();
  while ((await repos.rederivable.watchlistImports.discardStagedChunk(installedAppId, importId, VERSION_CHUNK)) > 0)
    await slices.maybePause();
}

/** Drops an import that will not be applied: its pending row, then its staged rows. */
export async function discardImport(repos: Storage, installedAppId: string, importId: string): Promise<void> {
  await repos.watchlistImports.removePending(installedAppId, importId);
  await dropStaged(repos, installedAppId, importId);
}
