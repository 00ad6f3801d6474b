import type { CheckResult, Identity, KycSettings, RiskAssessment, WatchlistHit } from '@kyc-review/contracts';
import { checkAge } from './checks/age';
import type { CheckContext } from './checks/check-context';
import { checkCountryRisk } from './checks/country-risk';
import { checkDuplicates } from './checks/duplicates';
import { checkRequiredFields } from './checks/required-fields';
import { checkTokenizedPii } from './checks/tokenized-pii';
import { checkVendorVerification } from './checks/vendor-verification';
import { checkWatchlist } from './checks/watchlist';
import { tokenizedFields } from './identity/tokenized';
import { assessRisk } from './risk';
import { screeningSubject } from './screening/query-names';
import { screenIdentity } from './screening/screen-identity';
import type { WatchlistIndex } from './screening/watchlist-index';

export interface ReviewInput {
  readonly settings: KycSettings;
  readonly index: WatchlistIndex;
  /** Other identities of the instance, compared for duplicates. */
  readonly candidates: readonly Identity[];
  readonly today: Date;
  /** Hit ids marked false positive for this identity. */
  readonly dismissed?: ReadonlySet<string>;
  /** Entry ids whose hits a reviewer confirmed (a confirmed sanctions hit is a hard stop). */
  readonly confirmed?: ReadonlySet<string>;
}

export interface Review {
  readonly checks: CheckResult[];
  readonly hits: WatchlistHit[];
  readonly risk: RiskAssessment;
}

/** Every check, the watchlist hits and the risk score of one identity. */
export function reviewIdentity(identity: Identity, input: ReviewInput): Review {
  const ctx: CheckContext = {
    settings: input.settings,
    today: input.today,
    candidates: input.candidates,
    tokenized: tokenizedFields(identity),
  };
  const hits = screenIdentity(identity, input.index, {
    threshold: input.settings.watchlist_threshold,
    dismissed: input.dismissed ?? new Set(),
  });
  const checks = [
    checkRequiredFields(identity, ctx),
    checkAge(identity, ctx),
    checkWatchlist(hits, screeningSubject(identity).names.length, input.index.entries.length, ctx),
    checkCountryRisk(identity, ctx),
    checkDuplicates(identity, ctx),
    checkTokenizedPii(identity, ctx),
    checkVendorVerification(identity, ctx),
  ];
  return { checks, hits, risk: assessRisk(checks, hits, input.settings, input.confirmed) };
}
