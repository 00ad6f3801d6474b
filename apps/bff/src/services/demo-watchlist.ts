import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseWatchlistCsv } from '@kyc-review/kyc';
import type { KycRepositories } from '../db/kyc-repositories';
import type { Logger } from '../logging/logger';
import type { WatchlistVersionWriter } from './watchlist-versions';

/**
 * Dev only (DEMO_WATCHLIST_CSV): an install with no watchlist yet gets the fictional demo
 * list as its first version, once, when Cloud installs it. Never called from a read path.
 * A few dozen entries: written at once, not in slices.
 */
export function seedDemoWatchlist(
  deps: { kyc: KycRepositories; versions: WatchlistVersionWriter; logger: Logger; csvPath: string },
  installedAppId: string,
): void {
  const { kyc, versions, logger } = deps;
  if (kyc.watchlist.state(installedAppId).version !== 0) return;
  const importId = randomUUID();
  try {
    const parsed = parseWatchlistCsv(readFileSync(deps.csvPath, 'utf8'));
    kyc.transaction(() => kyc.watchlistImports.stage(installedAppId, importId, parsed.entries));
    versions.writeNow(installedAppId, {
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
    kyc.watchlistImports.discardImport(installedAppId, importId);
  }
}
