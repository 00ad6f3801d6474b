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
import type { WatchlistVersion } from '../db/watchlist-repository';
import { ConflictError, NotFoundError } from '../errors';
import type { Logger } from '../logging/logger';
import { ImportInProgressError, WatchlistFileRefusedError } from './review-errors';
import type { Actor } from './reviewer';
import { TooManyRefusedRowsError } from './watchlist-import-report';
import { previewImport } from './watchlist-preview';
import { dropStaged, stageItems } from './watchlist-staging';
import type { VersionPlan, WatchlistVersionWriter } from './watchlist-versions';

export type ImportMeta = {
  readonly actor: Actor | 'system';
  readonly requestId: string | null;
  readonly mode: WatchlistImportMode;
};

export type WatchlistImportsDeps = {
  readonly kyc: KycRepositories;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly versions: WatchlistVersionWriter;
  /** The install's settings: the preview screens at its threshold. */
  readonly settingsOf: (installedAppId: string) => KycSettings;
  /** A new version is active: its index is built and the cases re-screened (watchlist-service.ts). */
  readonly activated: (installedAppId: string, version: WatchlistVersion) => Promise<WatchlistAppliedDto>;
};

/**
 * An install's imports, from upload to version (decision 018): read items staged and
 * answered with a preview; a pending import confirmed as a new version or discarded. One
 * import (or rollback, through `exclusive`) at a time per install. Who may do it is checked
 * by the caller (watchlist-service.ts).
 */
export function createWatchlistImports({ kyc, clock, logger, versions, settingsOf, activated }: WatchlistImportsDeps) {
  /** Installs with an import being read, confirmed or rolled back: one at a time. */
  const busy = new Set<string>();

  async function exclusive<T>(installedAppId: string, work: () => Promise<T>): Promise<T> {
    if (busy.has(installedAppId)) throw new ImportInProgressError();
    busy.add(installedAppId);
    try {
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
      const base = kyc.watchlist.state(installedAppId).version;
      try {
        const report = await stageItems(kyc, installedAppId, importId, items);
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
          kyc,
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
        const earlier = kyc.watchlistImports.pending(installedAppId);
        kyc.transaction(() => {
          if (earlier !== null) kyc.watchlistImports.removePending(installedAppId, earlier.importId);
          kyc.watchlistImports.savePending(
            installedAppId,
            preview,
            meta.actor === 'system' ? 'system' : meta.actor.reviewerId,
          );
        });
        if (earlier !== null) await dropStaged(kyc, installedAppId, earlier.importId);
        logger.info('watchlist import staged', {
          installed_app_id: installedAppId,
          format: report.format,
          entries: report.accepted,
          rejected_rows: report.refused,
        });
        return preview;
      } catch (error) {
        kyc.watchlistImports.discardImport(installedAppId, importId);
        if (error instanceof WatchlistFileError) throw new WatchlistFileRefusedError(error);
        throw error;
      }
    });
  }

  function pendingImport(installedAppId: string, importId: string) {
    const pending = kyc.watchlistImports.pending(installedAppId);
    if (pending?.importId !== importId)
      throw new NotFoundError('This import is no longer waiting (confirmed, discarded or replaced by a newer upload).');
    return pending;
  }

  /** Applies a staged import as a new version. */
  function confirm(installedAppId: string, importId: string, actor: Actor, requestId: string | null) {
    return exclusive(installedAppId, async () => {
      const pending = pendingImport(installedAppId, importId);
      const { preview } = pending;
      if (pending.baseVersion !== kyc.watchlist.state(installedAppId).version) {
        kyc.watchlistImports.discardImport(installedAppId, importId);
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
        alsoOnActivate: () => kyc.watchlistImports.removePending(installedAppId, importId),
      };
      const version = await versions.write(installedAppId, plan);
      await dropStaged(kyc, installedAppId, importId);
      return activated(installedAppId, version);
    });
  }

  /** Drops a pending import and its staged rows. */
  function discard(installedAppId: string, importId: string): Promise<void> {
    return exclusive(installedAppId, async () => {
      pendingImport(installedAppId, importId);
      kyc.watchlistImports.removePending(installedAppId, importId);
      await dropStaged(kyc, installedAppId, importId);
    });
  }

  return { exclusive, importItems, confirm, discard };
}
