import type { CheckResult, WatchlistHit } from '@kyc-review/contracts';
import type { CheckContext } from './check-context';
import { checkResult, skippedTokenized } from './check-context';

const TITLE = 'Watchlist screening';
const NAME_FIELDS = ['first_name', 'last_name', 'other_names', 'organization_name'] as const;
/** Topics whose hit fails the check; a PEP or "other" hit asks for attention only. */
const FAILING_TOPICS: ReadonlySet<string> = new Set(['sanction', 'crime', 'debarment']);

/**
 * The screening outcome as a check: hits at/above threshold that were not dismissed. Unlike
 * the other checks it takes the hits rather than the identity: callers screen once and
 * keep the hits (with their dispositions) beside the checks.
 */
export function checkWatchlist(
  hits: readonly WatchlistHit[],
  screenedNames: number,
  entries: number,
  ctx: CheckContext,
): CheckResult {
  const threshold = ctx.settings.watchlist_threshold;
  const tokenized = NAME_FIELDS.filter((f) => ctx.tokenized.has(f));
  const evidence = {
    threshold,
    entries,
    hits: hits.map((h) => ({
      hit_id: h.hit_id,
      entry_id: h.entry.entry_id,
      list: h.entry.list,
      topic: h.entry.topic,
      score: h.score,
    })),
    tokenized,
  };
  if (hits.length > 0) {
    const top = hits.map((h) => `${h.entry.name} (${h.entry.list}, ${h.score.toFixed(2)})`).join('; ');
    const status = hits.some((h) => FAILING_TOPICS.has(h.entry.topic)) ? 'fail' : 'warn';
    return checkResult(
      'watchlist',
      TITLE,
      status,
      `${String(hits.length)} possible match${hits.length === 1 ? '' : 'es'}: ${top}.`,
      evidence,
    );
  }
  if (tokenized.length > 0) return checkResult('watchlist', TITLE, 'skipped', skippedTokenized(tokenized), evidence);
  if (screenedNames === 0) return checkResult('watchlist', TITLE, 'skipped', 'No name to screen.', evidence);
  return checkResult(
    'watchlist',
    TITLE,
    'pass',
    `No entry of ${String(entries)} scored at or above ${threshold.toFixed(2)}.`,
    evidence,
  );
}
