import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  WATCHLIST_IMPORT_MAX_ENTRIES,
  WATCHLIST_IMPORT_MAX_LISTED_ERRORS,
  type WatchlistEntry,
  type WatchlistImportFormat,
  type WatchlistImportResultDto,
  type WatchlistSummaryDto,
} from '@kyc-review/contracts';
import {
  parseWatchlistCsv,
  readWatchlistFiles,
  WatchlistFileError,
  type ImportFile,
  type ImportItem,
} from '@kyc-review/kyc';
import type { Clock } from '../clock';
import type { KycRepositories } from '../db/kyc-repositories';
import type { Logger } from '../logging/logger';
import { requireFreshSecondFactor, requireRoleOf, requireScope, type ActionContext } from './kyc-access';
import { ImportInProgressError, WatchlistFileRefusedError } from './review-errors';
import type { Actor } from './reviewer';
import type { Session } from './session';
import { TimeSlices } from './time-slices';
import { createWatchlistIndexCache, type CurrentWatchlist } from './watchlist-index-cache';

export type { CurrentWatchlist } from './watchlist-index-cache';

export type WatchlistServiceDeps = {
  readonly kyc: KycRepositories;
  readonly clock: Clock;
  readonly logger: Logger;
  /** DEMO_WATCHLIST_CSV: a CSV file imported into every install that has no watchlist yet (dev). */
  readonly demoCsvPath: string | null;
  /** Who may import (SETTINGS_EDITORS); the demo seed is the system's, not a user's. */
  readonly onChange: (installedAppId: string) => void;
};

export type WatchlistService = ReturnType<typeof createWatchlistService>;

/** Entries written to the staging table per transaction (at most: a slice ending writes what it has). */
const BATCH = 500;

export type ImportMeta = { readonly actor: Actor | 'system'; readonly requestId: string | null };

/** What an import has read so far: the response and the audit record are built from it. */
class ImportReport {
  format: WatchlistImportFormat | null = null;
  readonly files: WatchlistImportResultDto['files'] = [];
  accepted = 0;
  refused = 0;
  readonly errors: WatchlistImportResultDto['errors'] = [];
  readonly skipped = new Map<string, number>();

  refuse(file: string | null, line: number, message: string): void {
    this.refused++;
    if (this.errors.length < WATCHLIST_IMPORT_MAX_LISTED_ERRORS) this.errors.push({ file, line, message });
  }

  result(summary: WatchlistSummaryDto): WatchlistImportResultDto {
    return {
      format: this.format ?? 'csv',
      files: this.files,
      imported: this.accepted,
      refused: this.refused,
      errors: this.errors,
      skipped: [...this.skipped].map(([reason, count]) => ({ reason, count })),
      summary,
    };
  }
}

/**
 * Per-install watchlists. Imports stream: parsed entries are staged in batches and applied
 * in one transaction, so memory stays flat in the file size; reading, parsing and staging
 * run in time slices (TimeSlices) so other requests keep being served. The matcher's index
 * (watchlist-index-cache.ts) is rebuilt in slices after an import
 * (docs/decisions/018-real-watchlists.md).
 */
export function createWatchlistService({ kyc, clock, logger, demoCsvPath, onChange }: WatchlistServiceDeps) {
  kyc.watchlist.discardUnfinishedImports();
  const indexes = createWatchlistIndexCache(kyc);
  const importing = new Set<string>();

  function summary(installedAppId: string): WatchlistSummaryDto {
    const state = kyc.watchlist.state(installedAppId);
    const lists = kyc.watchlist.listCounts(installedAppId);
    return {
      total: lists.reduce((n, l) => n + l.count, 0),
      lists,
      version: state.version,
      updated_at: state.updatedAt,
    };
  }

  /** Applies a fully staged import as one audited change: the lists it names are replaced. */
  function applyStaged(installedAppId: string, importId: string, report: ImportReport, meta: ImportMeta): void {
    const at = clock.now().toISOString();
    kyc.transaction(() => {
      const before = summary(installedAppId);
      kyc.watchlist.applyImport(installedAppId, importId, at);
      const after = summary(installedAppId);
      kyc.audit.append({
        installedAppId,
        identityId: null,
        caseId: null,
        actor: meta.actor,
        action: 'watchlist_imported',
        before: { total: before.total, version: before.version, lists: before.lists },
        after: {
          total: after.total,
          version: after.version,
          lists: after.lists,
          format: report.format,
          files: report.files.map((f) => f.name),
          imported: report.accepted,
          rejected_rows: report.refused,
        },
        reason: null,
        requestId: meta.requestId,
        at,
      });
    });
  }

  /**
   * The one import path: entries (and refused rows, skipped records, finished files) as
   * the readers give them, staged in batches, then applied as one change. Issue 11's
   * versions and preview plug in between staging and applying. Throws on a file that
   * cannot be read at all; nothing is stored then.
   */
  async function importItems(
    installedAppId: string,
    items: AsyncIterable<ImportItem>,
    meta: ImportMeta,
  ): Promise<WatchlistImportResultDto> {
    if (importing.has(installedAppId)) throw new ImportInProgressError();
    importing.add(installedAppId);
    const importId = randomUUID();
    const report = new ImportReport();
    const firstSeen = new Map<string, string>();
    let batch: WatchlistEntry[] = [];
    // Programmes for entries already read (FtM Sanction records), written after the batch.
    let programmes: { entryId: string; programmes: readonly string[] }[] = [];
    const flush = () => {
      if (batch.length === 0 && programmes.length === 0) return;
      const entries = batch;
      const additions = programmes;
      batch = [];
      programmes = [];
      kyc.transaction(() => {
        kyc.watchlist.stage(installedAppId, importId, entries);
        for (const add of additions)
          kyc.watchlist.addStagedProgrammes(installedAppId, importId, add.entryId, add.programmes);
      });
    };
    const slices = new TimeSlices();
    try {
      for await (const item of items) {
        if (item.kind === 'entry') {
          const where = `${item.file} line ${String(item.line)}`;
          const earlier = firstSeen.get(item.entry.entry_id);
          if (earlier !== undefined) {
            report.refuse(item.file, item.line, `duplicate of ${earlier}`);
          } else {
            firstSeen.set(item.entry.entry_id, where);
            report.accepted++;
            if (report.accepted > WATCHLIST_IMPORT_MAX_ENTRIES) {
              throw new WatchlistFileError(
                'invalid_watchlist_file',
                `The upload holds more than ${String(WATCHLIST_IMPORT_MAX_ENTRIES)} entries: import a smaller dataset (for OpenSanctions, the sanctions collection rather than everything).`,
              );
            }
            batch.push(item.entry);
            if (batch.length >= BATCH) flush();
          }
        } else if (item.kind === 'programmes') {
          programmes.push(item);
          if (programmes.length >= BATCH) flush();
        } else if (item.kind === 'refused') report.refuse(item.file, item.line, item.message);
        else if (item.kind === 'skipped')
          report.skipped.set(item.reason, (report.skipped.get(item.reason) ?? 0) + item.count);
        else {
          report.format ??= item.format;
          report.files.push({ name: item.name, part: item.part, rows: item.rows, refused: item.refused });
        }
        if (slices.due()) {
          flush();
          await slices.pause();
        }
      }
      flush();
      if (report.accepted === 0) {
        kyc.watchlist.discardImport(installedAppId, importId);
        return report.result(summary(installedAppId));
      }
      applyStaged(installedAppId, importId, report, meta);
      await indexes.rebuild(installedAppId);
    } catch (error) {
      kyc.watchlist.discardImport(installedAppId, importId);
      if (error instanceof WatchlistFileError) throw new WatchlistFileRefusedError(error);
      throw error;
    } finally {
      importing.delete(installedAppId);
    }
    onChange(installedAppId);
    logger.info('watchlist imported', {
      installed_app_id: installedAppId,
      format: report.format,
      entries: report.accepted,
      rejected_rows: report.refused,
    });
    return report.result(summary(installedAppId));
  }

  /**
   * Dev only (DEMO_WATCHLIST_CSV): an install with no watchlist yet gets the fictional demo
   * list, once, when Cloud installs it. Never called from a read path.
   */
  function seedDemo(installedAppId: string): void {
    if (demoCsvPath === null) return;
    if (kyc.watchlist.state(installedAppId).version !== 0) return;
    try {
      const parsed = parseWatchlistCsv(readFileSync(demoCsvPath, 'utf8'));
      const importId = randomUUID();
      const report = new ImportReport();
      report.format = 'csv';
      report.accepted = parsed.entries.length;
      for (const error of parsed.errors) report.refuse('demo-watchlist.csv', error.line, error.message);
      kyc.transaction(() => kyc.watchlist.stage(installedAppId, importId, parsed.entries));
      applyStaged(installedAppId, importId, report, { actor: 'system', requestId: null });
      logger.info('demo watchlist imported', {
        installed_app_id: installedAppId,
        entries: parsed.entries.length,
        rejected_rows: parsed.errors.length,
      });
    } catch (error) {
      logger.warn('demo watchlist not imported', {
        installed_app_id: installedAppId,
        reason: error instanceof Error ? error.message : 'unknown',
      });
    }
  }

  return {
    current(installedAppId: string): CurrentWatchlist {
      // While an import's new index is being built, screening keeps the previous one
      // (cases are re-assessed once it is ready).
      return indexes.current(installedAppId);
    },
    summary(session: Session): WatchlistSummaryDto {
      requireScope(session, 'data:read');
      return summary(session.installedAppId);
    },
    /** Checks who may import before the upload is read. */
    authorizeImport(session: Session): void {
      requireScope(session, 'data:read');
      requireRoleOf(session, 'lead');
      requireFreshSecondFactor(session, clock.now().getTime());
    },
    /** Reads the uploaded files (format recognised, or named) and imports their entries. */
    import(
      session: Session,
      files: AsyncIterable<ImportFile>,
      options: { readonly format?: WatchlistImportFormat | undefined },
      ctx: ActionContext,
    ): Promise<WatchlistImportResultDto> {
      requireScope(session, 'data:read');
      const actor = requireRoleOf(session, 'lead');
      requireFreshSecondFactor(session, clock.now().getTime());
      const read = options.format === undefined ? {} : { format: options.format };
      return importItems(session.installedAppId, readWatchlistFiles(files, read), {
        actor,
        requestId: ctx.requestId,
      });
    },
    importItems,
    seedDemo,
  };
}
