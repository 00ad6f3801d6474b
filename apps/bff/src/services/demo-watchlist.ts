import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseWatchlistCsv } from '@kyc-review/kyc';
import type { Storage } from '../db/storage';
import type { Logger } from '../logging/logger';
import { discardImport } from './watchlist-staging';
import type { WatchlistVersionWriter } from './watchlist-versions';

/**
 * Dev only (DEMO_WATCHLIST_CSV): an install with no watchlist yet gets the fictional demo
 * list as its first version, once, when Cloud installs it. Never called from a read path.
 * A few dozen entries: staged in one transaction.
 */
export async function seedDemoWatchlist(
  deps: { repos: Storage; versions: WatchlistVersionWriter; logger: Logger; csvPath: string },
  installedAppId: string,
): Promise<void> {
  const { repos, versions, logger } = deps;
  if ((await repos.watchlist.state(installedAppId)).version !== 0) return;
  const importId = randomUUID();
  try {
    const parsed = parseWatchlistCsv(readFileSync(deps.csvPath, 'utf8'));
    await repos.transaction((tx) => tx.watchlistImports.stage(installedAppId, importId, parsed.entries));
    await versions.write(installedAppId, {
      mode: 'replace',
      rolledBackTo: null,
      sources: [{ kind: 'staged', importId }],
      counts: { added: parsed.entries.length, removed: 0, changed: 0 },
      refused: parsed.errors.length,
      format: 'csv',
      files: ['demo-watchlist.csv'],
      actor: 'system',
      requestId: null,
    });
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
  } finally {
    await discardImport(repos, installedAppId, importId).catch((error: unknown) => {
      logger.warn('demo watchlist import not cleaned up', {
        installed_app_id: installedAppId,
        reason: error instanceof Error ? error.message : 'unknown',
      });
    });
  }
}
