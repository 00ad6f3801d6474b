import { readFileSync } from 'node:fs';
import type { WatchlistImportResultDto, WatchlistSummaryDto } from '@kyc-review/contracts';
import { buildWatchlistIndex, parseWatchlistCsv, type WatchlistIndex } from '@kyc-review/kyc';
import type { Clock } from '../clock';
import type { KycRepositories } from '../db/kyc-repositories';
import type { Logger } from '../logging/logger';
import { actorOf, requireScope, type ActionContext } from './kyc-access';
import type { Session } from './session';
import type { SettingsEditors } from './settings-editors';

export type CurrentWatchlist = { readonly index: WatchlistIndex; readonly version: number };

export type WatchlistServiceDeps = {
  readonly kyc: KycRepositories;
  readonly clock: Clock;
  readonly logger: Logger;
  /** DEMO_WATCHLIST_CSV: a CSV file imported into every install that has no watchlist yet (dev). */
  readonly demoCsvPath: string | null;
  /** Who may import (SETTINGS_EDITORS); the demo seed is the system's, not a user's. */
  readonly editors: SettingsEditors;
  readonly onChange: (installedAppId: string) => void;
};

export type WatchlistService = ReturnType<typeof createWatchlistService>;

/**
 * Per-install watchlists. The matcher's index is built in memory once per install and
 * version and reused until an import bumps the version.
 */
export function createWatchlistService({ kyc, clock, logger, demoCsvPath, editors, onChange }: WatchlistServiceDeps) {
  const cache = new Map<string, CurrentWatchlist>();
  const demoChecked = new Set<string>();

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

  function importCsv(
    installedAppId: string,
    text: string,
    actor: string,
    ctx: ActionContext,
  ): WatchlistImportResultDto {
    const parsed = parseWatchlistCsv(text);
    if (parsed.entries.length > 0) {
      const at = clock.now().toISOString();
      kyc.transaction(() => {
        const before = summary(installedAppId);
        kyc.watchlist.replaceLists(installedAppId, parsed.entries, at);
        const after = summary(installedAppId);
        kyc.audit.append({
          installedAppId,
          identityId: null,
          caseId: null,
          actor,
          action: 'watchlist_imported',
          before: { total: before.total, version: before.version, lists: before.lists },
          after: {
            total: after.total,
            version: after.version,
            lists: after.lists,
            imported: parsed.entries.length,
            rejected_rows: parsed.errors.length,
          },
          reason: null,
          requestId: ctx.requestId,
          at,
        });
      });
      onChange(installedAppId);
    }
    return {
      imported: parsed.entries.length,
      errors: parsed.errors.map((e) => ({ line: e.line, message: e.message })),
      summary: summary(installedAppId),
    };
  }

  /** In dev, an install with no watchlist yet gets the fictional demo list once. */
  function seedDemo(installedAppId: string): void {
    if (demoCsvPath === null || demoChecked.has(installedAppId)) return;
    demoChecked.add(installedAppId);
    if (kyc.watchlist.state(installedAppId).version !== 0) return;
    try {
      const result = importCsv(installedAppId, readFileSync(demoCsvPath, 'utf8'), 'system:demo-watchlist', {
        requestId: null,
      });
      logger.info('demo watchlist imported', {
        installed_app_id: installedAppId,
        entries: result.imported,
        rejected_rows: result.errors.length,
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
      seedDemo(installedAppId);
      const version = kyc.watchlist.state(installedAppId).version;
      const cached = cache.get(installedAppId);
      if (cached?.version === version) return cached;
      const fresh = { index: buildWatchlistIndex(kyc.watchlist.entries(installedAppId)), version };
      cache.set(installedAppId, fresh);
      return fresh;
    },
    summary(session: Session): WatchlistSummaryDto {
      requireScope(session, 'data:read');
      seedDemo(session.installedAppId);
      return summary(session.installedAppId);
    },
    import(session: Session, text: string, ctx: ActionContext): WatchlistImportResultDto {
      requireScope(session, 'data:read');
      editors.requireEditor(session);
      return importCsv(session.installedAppId, text, actorOf(session), ctx);
    },
  };
}
