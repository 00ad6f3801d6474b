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

/**
 * Every check, the watchlist hits and the risk score of one identity. The one place hits are
 * filtered (dismissed hits and entries) and risk is scored: callers never recompute either.
 */
export function reviewIdentity(record: Identity, input: ReviewInput): Review {
  const revealed = input.revealed ?? {};
  const identity = withRevealed(record, revealed);
  const ctx: CheckContext = {
    settings: input.settings,
    today: input.today,
    candidates: input.candidates,
    tokenized: tokenizedFields(identity),
    revealed: new Set(revealedFieldNames(revealed)),
  };
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
    checkWatchlist(hits, screeningSubject(identity).names.length, input.index.entryCount, ctx),
    checkCountryRisk(identity, ctx),
    checkDuplicates(identity, ctx),
    checkTokenizedPii(identity, ctx),
    checkVendorVerification(identity, ctx),
  ];
  return { checks, hits, risk: assessRisk(checks, hits, input.settings, input.confirmed) };
}
