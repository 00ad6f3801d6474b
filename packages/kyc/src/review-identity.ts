import type { CheckResult, Identity, KycSettings, RiskAssessment, WatchlistHit } from '@kyc-review/contracts';
import { checkAge } from './checks/age';
import type { CheckContext } from './checks/check-context';
import { checkCountryRisk } from './checks/country-risk';
import { checkDuplicates } from './checks/duplicates';
import { checkRequiredFields } from './checks/required-fields';
import { checkTokenizedPii } from './checks/tokenized-pii';
import { checkVendorVerification } from './checks/vendor-verification';
import { checkWatchlist } from './checks/watchlist';
import { revealedFieldNames, scrubHit, withRevealed, type RevealedValues } from './identity/revealed';
import { tokenizedFields } from './identity/tokenized';
import { assessRisk } from './risk';
import { screeningSubject } from './screening/query-names';
import { screenIdentity } from './screening/screen-identity';
import type { WatchlistIndex } from './screening/watchlist-index';

export interface ReviewInput {
  readonly settings: KycSettings;
  readonly index: WatchlistIndex;
  /**
   * The identity's hits screened beforehand against `index` at the settings' threshold (in the
   * BFF: in the screening thread, `screenIdentities`); screened here when absent. Never with
   * `revealed`, whose values are screened here only.
   */
  readonly screened?: readonly WatchlistHit[];
  /** Other identities of the instance, compared for duplicates. */
  readonly candidates: readonly Identity[];
  readonly today: Date;
  /** Hit ids marked false positive for this identity. */
  readonly dismissed?: ReadonlySet<string>;
  /**
   * Entry ids marked false positive for this identity: a dismissed entry stays dismissed
   * whichever of its names or aliases matches now.
   */
  readonly dismissedEntries?: ReadonlySet<string>;
  /** Entry ids whose hits a reviewer confirmed (a confirmed sanctions hit is a hard stop). */
  readonly confirmed?: ReadonlySet<string>;
  /**
   * Tokenized fields a reviewer revealed: the checks read them for this review only, and
   * the review returned holds none of them (hits found through them are scrubbed).
   */
  readonly revealed?: RevealedValues;
}

export interface Review {
  readonly checks: CheckResult[];
  readonly hits: WatchlistHit[];
  readonly risk: RiskAssessment;
}

function contextOf(
  identity: Identity,
  input: Pick<ReviewInput, 'settings' | 'today' | 'candidates'>,
  revealed: RevealedValues,
): CheckContext {
  return {
    settings: input.settings,
    today: input.today,
    candidates: input.candidates,
    tokenized: tokenizedFields(identity),
    revealed: new Set(revealedFieldNames(revealed)),
  };
}

const watchlistCheck = (identity: Identity, hits: readonly WatchlistHit[], index: WatchlistIndex, ctx: CheckContext) =>
  checkWatchlist(hits, screeningSubject(identity).names.length, index.entryCount, ctx);

/**
 * Every check, the watchlist hits and the risk score of one identity. The one place hits are
 * filtered (dismissed hits and entries) and risk is scored: callers never recompute either.
 */
export function reviewIdentity(record: Identity, input: ReviewInput): Review {
  const revealed = input.revealed ?? {};
  const identity = withRevealed(record, revealed);
  const ctx = contextOf(identity, input, revealed);
  const dismissedEntries = input.dismissedEntries ?? new Set<string>();
  const dismissed = input.dismissed ?? new Set<string>();
  const screened =
    input.screened !== undefined && revealedFieldNames(revealed).length === 0
      ? input.screened.filter((h) => !dismissed.has(h.hit_id))
      : screenIdentity(identity, input.index, { threshold: input.settings.watchlist_threshold, dismissed });
  const hits = screened
    .filter((h) => !dismissedEntries.has(h.entry.entry_id))
    .map((h) => (ctx.revealed.size === 0 ? h : scrubHit(h, revealed)));
  const checks = [
    checkRequiredFields(identity, ctx),
    checkAge(identity, ctx),
    watchlistCheck(identity, hits, input.index, ctx),
    checkCountryRisk(identity, ctx),
    checkDuplicates(identity, ctx),
    checkTokenizedPii(identity, ctx),
    checkVendorVerification(identity, ctx),
  ];
  return { checks, hits, risk: assessRisk(checks, hits, input.settings, input.confirmed) };
}

export interface RescoreInput {
  /** The settings to judge by (a proposed change). */
  readonly settings: KycSettings;
  /** The watchlist the previous review screened against. */
  readonly index: WatchlistIndex;
  readonly today: Date;
  /**
   * Screen again (the threshold went down: entries below the old one were never kept). A
   * threshold that stays or goes up keeps the previous hits that still reach it.
   */
  readonly rescreen: boolean;
  readonly dismissedEntries?: ReadonlySet<string>;
  readonly confirmed?: ReadonlySet<string>;
}

/**
 * What `reviewIdentity` would say under other settings, from a previous review of the same
 * record and watchlist, without the work that no setting changes: only the checks that read a
 * setting (age, watchlist, country) run again, duplicates and the rest are kept, and the
 * identity is screened again only when `rescreen` says so. The settings impact preview
 * (decision 011) runs it on every case; a case assessed after a reveal is judged as its next
 * re-assessment will judge it, without the revealed value.
 */
export function rescoreReview(record: Identity, previous: Review, input: RescoreInput): Review {
  const ctx = contextOf(record, { ...input, candidates: [] }, {});
  const threshold = input.settings.watchlist_threshold;
  const dismissedEntries = input.dismissedEntries ?? new Set<string>();
  const hits = input.rescreen
    ? screenIdentity(record, input.index, { threshold, dismissed: new Set() }).filter(
        (h) => !dismissedEntries.has(h.entry.entry_id),
      )
    : previous.hits.filter((h) => h.score >= threshold);
  const checks = previous.checks.map((check) => {
    switch (check.check_id) {
      case 'age':
        return checkAge(record, ctx);
      case 'watchlist':
        return watchlistCheck(record, hits, input.index, ctx);
      case 'country_risk':
        return checkCountryRisk(record, ctx);
      default:
        return check;
    }
  });
  return { checks, hits, risk: assessRisk(checks, hits, input.settings, input.confirmed) };
}
