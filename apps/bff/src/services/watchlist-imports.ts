import { randomUUID } from 'node:crypto';
import type {
  KycSettings,
  WatchlistAppliedDto,
  WatchlistImportMode,
  WatchlistImportPreviewDto,
} from '@kyc-review/contracts';
import { WatchlistFileError, type ImportItem } from '@kyc-review/kyc';
import type { Clock } from '../clock';
import type { KycRepositories } from '../db/kyc-repositories';
import type { Storage } from '../db/storage';
import type { WatchlistVersion } from '../db/watchlist-repository';
import { ConflictError, NotFoundError } from '../errors';
import type { Logger } from '../logging/logger';
import { ImportInProgressError, WatchlistFileRefusedError } from './review-errors';
import type { Actor } from './reviewer';
import { TooManyRefusedRowsError } from './watchlist-import-report';
import { previewImport } from './watchlist-preview';
import { discardImport, dropStaged, stageItems } from './watchlist-staging';
import type { VersionPlan, WatchlistVersionWriter } from './watchlist-versions';

export type ImportMeta = {
  readonly actor: Actor | 'system';
  readonly requestId: string | null;
  readonly mode: WatchlistImportMode;
};

export type WatchlistImportsDeps = {
  /** The watchlist's own storage (both engines) and its audit trail. */
  readonly repos: Storage;
  /** The mirror, cases and dispositions the preview screens (synchronous SQLite, decision 022). */
  readonly kyc: KycRepositories;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly versions: WatchlistVersionWriter;
  /** The install's settings: the preview screens at its threshold. */
  readonly settingsOf: (installedAppId: string) => KycSettings;
  /** A new version is active: its index is built and the cases re-screened (watchlist-service.ts). */
  readonly activated: (installedAppId: string, version: WatchlistVersion) => Promise<WatchlistAppliedDto>;
  /** Resolves once the start-up clean-up of unfinished imports is done: no import starts before it. */
  readonly started: Promise<void>;
};

/**
 * An install's imports, from upload to version (decision 018): read items staged and
 * answered with a preview; a pending import confirmed as a new version or discarded. One
 * import (or rollback, through `exclusive`) at a time per install. Who may do it is checked
 * by the caller (watchlist-service.ts).
 */
export function createWatchlistImports(deps: WatchlistImportsDeps) {
  const { repos, clock, logger, versions, settingsOf, activated, started } = deps;
  /** Installs with an import being read, confirmed or rolled back: one at a time. */
  const busy = new Set<string>();

  async function exclusive<T>(installedAppId: string, work: () => Promise<T>): Promise<T> {
    if (busy.has(installedAppId)) throw new ImportInProgressError();
    busy.add(installedAppId);
    try {
      await started;
      return await work();
    } finally {
      busy.delete(installedAppId);
    }
  }

  /**
   * The one import path: entries (and refused rows, skipped records, finished files) as the
   * readers give them, staged, then compared with the active version. Answers the preview;
   * the staged import waits for `confirm`. Throws on a file that cannot be read at all, an
   * upload with no entry or with more than 10% of its rows refused; nothing is kept then.
   */
  function importItems(
    installedAppId: string,
    items: AsyncIterable<ImportItem>,
    meta: ImportMeta,
  ): Promise<WatchlistImportPreviewDto> {
    return exclusive(installedAppId, async () => {
      const importId = randomUUID();
      const base = (await repos.watchlist.state(installedAppId)).version;
      try {
        const report = await stageItems(repos, installedAppId, importId, items);
        if (report.accepted === 0) {
          throw new WatchlistFileError(
            'invalid_watchlist_file',
            report.refused === 0
              ? 'The upload holds no watchlist entries.'
              : `None of the ${String(report.refused)} rows could be imported: see the rows listed.`,
          );
        }
        if (report.tooManyRefused()) throw new TooManyRefusedRowsError(report);
        const compared = await previewImport(
          { repos, kyc: deps.kyc },
          installedAppId,
          importId,
          meta.mode,
          base,
          settingsOf(installedAppId),
        );
        const preview: WatchlistImportPreviewDto = {
          ...report.result(),
          import_id: importId,
          mode: meta.mode,
          base_version: base,
          ...compared,
          created_by_name: meta.actor === 'system' ? null : meta.actor.displayName,
          created_at: clock.now().toISOString(),
        };
        // A new upload supersedes one still waiting.
        const earlier = await repos.watchlistImports.pending(installedAppId);
        await repos.transaction(async (tx) => {
          if (earlier !== null) await tx.watchlistImports.removePending(installedAppId, earlier.importId);
          await tx.watchlistImports.savePending(
            installedAppId,
            preview,
            meta.actor === 'system' ? 'system' : meta.actor.reviewerId,
          );
        });
        if (earlier !== null) await dropStaged(repos, installedAppId, earlier.importId);
        logger.info('watchlist import staged', {
          installed_app_id: installedAppId,
          format: report.format,
          entries: report.accepted,
          rejected_rows: report.refused,
        });
        return preview;
      } catch (error) {
        await discardQuietly(installedAppId, importId);
        if (error instanceof WatchlistFileError) throw new WatchlistFileRefusedError(error);
        throw error;
      }
    });
  }

  /** An import that failed or was refused leaves nothing; a failure to clean up is logged, not thrown over the cause. */
  async function discardQuietly(installedAppId: string, importId: string): Promise<void> {
    try {
      await discardImport(repos, installedAppId, importId);
    } catch (error) {
      logger.error('watchlist import not cleaned up', {
        installed_app_id: installedAppId,
        reason: error instanceof Error ? error.message : 'unknown',
      });
    }
  }

  async function pendingImport(installedAppId: string, importId: string) {
    const pending = await repos.watchlistImports.pending(installedAppId);
    if (pending?.importId !== importId)
      throw new NotFoundError('This import is no longer waiting (confirmed, discarded or replaced by a newer upload).');
    return pending;
  }

  /** Applies a staged import as a new version. */
  function confirm(installedAppId: string, importId: string, actor: Actor, requestId: string | null) {
    return exclusive(installedAppId, async () => {
      const pending = await pendingImport(installedAppId, importId);
      const { preview } = pending;
      if (pending.baseVersion !== (await repos.watchlist.state(installedAppId)).version) {
        await discardImport(repos, installedAppId, importId);
        throw new ConflictError('The watchlist changed since this preview was made: import the file again.');
      }
      const plan: VersionPlan = {
        mode: pending.mode,
        rolledBackTo: null,
        sources: [
          ...(pending.baseVersion === 0
            ? []
            : [
                {
                  kind: 'version' as const,
                  version: pending.baseVersion,
                  exceptImportId: importId,
                  exceptLists: pending.mode === 'replace' ? preview.lists : [],
                },
              ]),
          { kind: 'staged', importId },
        ],
        counts: { added: preview.changes.added, removed: preview.changes.removed, changed: preview.changes.changed },
        refused: preview.refused,
        format: preview.format,
        files: preview.files.map((f) => f.name),
        actor,
        requestId,
        alsoOnActivate: (tx) => tx.watchlistImports.removePending(installedAppId, importId),
      };
      // Every write of the new version is committed when `write` resolves, and the staged rows
      // are gone when `activated` starts the (synchronous) re-screening: no async transaction of
      // the import is open by then for the guard to refuse it (decision 022).
      const version = await versions.write(installedAppId, plan);
      await dropStaged(repos, installedAppId, importId);
      return activated(installedAppId, version);
    });
  }

  /** Drops a pending import and its staged rows. */
  function discard(installedAppId: string, importId: string): Promise<void> {
    return exclusive(installedAppId, async () => {
      await pendingImport(installedAppId, importId);
      await discardImport(repos, installedAppId, importId);
    });
  }

  return { exclusive, importItems, confirm, discard };
}
