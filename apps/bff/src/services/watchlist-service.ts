import {
  type Identity,
  type KycSettings,
  type WatchlistAppliedDto,
  type WatchlistHit,
  type WatchlistImportFormat,
  type WatchlistImportMode,
  type WatchlistImportPreviewDto,
  type WatchlistSummaryDto,
  type WatchlistVersionsDto,
} from '@kyc-review/contracts';
import type { ImportFile } from '@kyc-review/kyc';
import type { Clock } from '../clock';
import type { KycRepositories } from '../db/kyc-repositories';
import type { Storage } from '../db/storage';
import type { WatchlistVersion } from '../db/watchlist-repository';
import { ConflictError, NotFoundError } from '../errors';
import type { Logger } from '../logging/logger';
import { requireFreshSecondFactor, requireRoleOf, requireScope, type ActionContext } from './kyc-access';
import type { Actor } from './reviewer';
import type { Session } from './session';
import { seedDemoWatchlist } from './demo-watchlist';
import { createWatchlistImports } from './watchlist-imports';
import { createWatchlistIndexCache, type CurrentWatchlist } from './watchlist-index-cache';
import { createWatchlistVersionWriter, versionDto } from './watchlist-versions';
import type { WatchlistWorkers } from './watchlist-worker/watchlist-workers';

export type { CurrentWatchlist } from './watchlist-index-cache';

export type WatchlistServiceDeps = {
  /** The watchlist's storage on either engine, with the audit trail (decision 022). */
  readonly repos: Storage;
  /** The synchronous repositories the preview (mirror, cases) and the index's fallback build read. */
  readonly kyc: KycRepositories;
  readonly clock: Clock;
  readonly logger: Logger;
  /** DEMO_WATCHLIST_CSV: a CSV file imported into every install that has no watchlist yet (dev). */
  readonly demoCsvPath: string | null;
  /** A new version is active: re-screen the install (monitoring compares with each decision). */
  readonly onChange: (installedAppId: string) => void;
  /** The workers that read uploads, build indexes (a child process) and screen (a thread): watchlist-worker/. */
  readonly workers: WatchlistWorkers;
  /** The install's settings: the preview screens at its threshold. */
  readonly settingsOf: (installedAppId: string) => KycSettings;
};

/** Identities screened against one version of an install's list (`screenIdentities`). */
export type ScreenedIdentities = {
  readonly watchlistVersion: number;
  /** Per identity, in the order given: the hits at or above the threshold, dismissals not applied. */
  readonly hits: readonly WatchlistHit[][];
};

export type WatchlistService = ReturnType<typeof createWatchlistService>;

/** The versions listed, newest first. */
const VERSIONS_LISTED = 50;

/**
 * Per-install watchlists, as versions (docs/decisions/018-real-watchlists.md). An upload is
 * read and staged in time slices and answered with a preview; nothing changes until a lead
 * confirms it (the import's path: watchlist-imports.ts). Confirming (or rolling back) writes
 * a new version in short transactions and then makes it active in one; the matcher's index
 * is rebuilt and every case re-screened. This module checks who may, and serves the active
 * version: its summary, its versions, its index.
 */
export function createWatchlistService({
  repos,
  kyc,
  clock,
  logger,
  demoCsvPath,
  onChange,
  workers,
  settingsOf,
}: WatchlistServiceDeps) {
  // At start-up: staged rows and half-written versions of a process that stopped. No import starts before.
  const started = (async () => {
    await repos.watchlistImports.discardUnfinishedImports();
    await repos.watchlist.removeOrphanEntries();
  })();
  started.catch((error: unknown) => {
    logger.error('unfinished watchlist imports not cleaned up', {
      reason: error instanceof Error ? error.message : 'unknown',
    });
  });
  const indexes = createWatchlistIndexCache({
    repos,
    syncReads: kyc.watchlist,
    workers,
    clock,
    logger,
    onMoved: (installedAppId) => {
      logger.info('watchlist version changed by another replica: index rebuilt', { installed_app_id: installedAppId });
      onChange(installedAppId);
    },
  });
  const versions = createWatchlistVersionWriter({ repos, clock });
  const imports = createWatchlistImports({ repos, kyc, clock, logger, versions, settingsOf, activated, started });
  const { exclusive } = imports;

  async function summary(installedAppId: string): Promise<WatchlistSummaryDto> {
    const state = await repos.watchlist.state(installedAppId);
    const active = state.version === 0 ? null : await repos.watchlist.version(installedAppId, state.version);
    return {
      total: active?.entry_count ?? 0,
      lists: active === null ? [] : [...active.lists],
      version: state.version,
      updated_at: state.updatedAt,
    };
  }

  /** A version is active: the new index is built before answering, then every case is re-screened. */
  async function activated(installedAppId: string, version: WatchlistVersion): Promise<WatchlistAppliedDto> {
    try {
      await indexes.rebuild(installedAppId);
    } catch (error) {
      // The version is active either way: its index is then built on first use (on the main thread).
      logger.error('watchlist index build failed in the build process', {
        installed_app_id: installedAppId,
        version: version.version,
        reason: error instanceof Error ? error.message : 'unknown',
      });
    }
    onChange(installedAppId);
    logger.info('watchlist version active', {
      installed_app_id: installedAppId,
      version: version.version,
      mode: version.mode,
      entries: version.entry_count,
    });
    return { version: versionDto(version, version.version), summary: await summary(installedAppId) };
  }

  /** A new version holding an earlier version's entries. */
  function rollback(installedAppId: string, to: number, actor: Actor, requestId: string | null) {
    return exclusive(installedAppId, async () => {
      const active = (await repos.watchlist.state(installedAppId)).version;
      const target = await repos.watchlist.version(installedAppId, to);
      if (target === null) throw new NotFoundError(`There is no watchlist version ${String(to)}.`);
      if (to === active) throw new ConflictError(`Version ${String(to)} is the active watchlist already.`);
      if (!target.entriesKept)
        throw new ConflictError(`The entries of version ${String(to)} are no longer kept: it cannot be restored.`);
      const version = await versions.write(installedAppId, {
        mode: 'rollback',
        rolledBackTo: to,
        sources: [{ kind: 'version', version: to, exceptImportId: null, exceptLists: [] }],
        counts: await repos.watchlist.diff(installedAppId, active, to),
        refused: 0,
        format: target.format,
        files: target.files,
        actor,
        requestId,
      });
      return activated(installedAppId, version);
    });
  }

  /** Who may change the watchlist: a lead (or admin) with a fresh second factor. */
  function authorize(session: Session): Actor {
    requireScope(session, 'data:read');
    const actor = requireRoleOf(session, 'lead');
    requireFreshSecondFactor(session, clock.now().getTime());
    return actor;
  }

  return {
    current(installedAppId: string): CurrentWatchlist {
      // While a new version's index is being built, screening keeps the previous one
      // (cases are re-assessed once it is ready).
      return indexes.current(installedAppId);
    },
    /** Resolves once the current list's index is in use (built in the worker if it was not). */
    async ready(installedAppId: string): Promise<void> {
      await indexes.ready(installedAppId);
    },
    /**
     * Screens identities in the screening thread, off the event loop (decision 006): the hits
     * per identity at or above `threshold`, against the index in use (the previous version's
     * while a new one is being built; the version is returned with the hits).
     */
    async screenIdentities(
      installedAppId: string,
      identities: readonly Identity[],
      threshold: number,
    ): Promise<ScreenedIdentities> {
      await indexes.ready(installedAppId);
      const current = indexes.current(installedAppId);
      if (identities.length === 0) return { watchlistVersion: current.version, hits: [] };
      const hits = await workers.screen(current.key, identities, threshold);
      return { watchlistVersion: current.version, hits };
    },
    summary(session: Session): Promise<WatchlistSummaryDto> {
      requireScope(session, 'data:read');
      return summary(session.installedAppId);
    },
    async versions(session: Session): Promise<WatchlistVersionsDto> {
      requireScope(session, 'data:read');
      const active = (await repos.watchlist.state(session.installedAppId)).version;
      const items = await repos.watchlist.versions(session.installedAppId, VERSIONS_LISTED);
      return { items: items.map((v) => versionDto(v, active)) };
    },
    async pending(session: Session): Promise<WatchlistImportPreviewDto | null> {
      requireScope(session, 'data:read');
      return (await repos.watchlistImports.pending(session.installedAppId))?.preview ?? null;
    },
    /** Checks who may import before the upload is read. */
    authorizeImport(session: Session): void {
      authorize(session);
    },
    /** Reads the uploaded files (format recognised, or named) and stages them: answers the preview. */
    import(
      session: Session,
      files: AsyncIterable<ImportFile>,
      options: { readonly mode: WatchlistImportMode; readonly format?: WatchlistImportFormat | undefined },
      ctx: ActionContext,
    ): Promise<WatchlistImportPreviewDto> {
      const actor = authorize(session);
      // Read (recognised, parsed, checked) in the build process (a child); staged here in short transactions.
      return imports.importItems(session.installedAppId, workers.readFiles(files, options.format ?? null), {
        actor,
        requestId: ctx.requestId,
        mode: options.mode,
      });
    },
    confirm(session: Session, importId: string, ctx: ActionContext): Promise<WatchlistAppliedDto> {
      return imports.confirm(session.installedAppId, importId, authorize(session), ctx.requestId);
    },
    discard(session: Session, importId: string): Promise<void> {
      authorize(session);
      return imports.discard(session.installedAppId, importId);
    },
    rollback(session: Session, version: number, ctx: ActionContext): Promise<WatchlistAppliedDto> {
      return rollback(session.installedAppId, version, authorize(session), ctx.requestId);
    },
    importItems: imports.importItems,
    confirmImport: imports.confirm,
    /** Dev only: resolves once the demo list is the install's first version (or was not needed). */
    async seedDemo(installedAppId: string): Promise<void> {
      if (demoCsvPath === null) return;
      await started;
      await seedDemoWatchlist({ repos, versions, logger, csvPath: demoCsvPath }, installedAppId);
    },
  };
}
