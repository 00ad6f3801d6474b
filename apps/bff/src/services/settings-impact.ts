import {
  SETTINGS_IMPACT_SAMPLES,
  type KycSettings,
  type RiskLevel,
  type SettingsImpactCaseDto,
  type SettingsImpactDto,
} from '@kyc-review/contracts';
import { rescoreReview } from '@kyc-review/kyc';
import type { Clock } from '../clock';
import type { KycRepositories } from '../db/kyc-repositories';
import { requireRoleOf, requireScope } from './kyc-access';
import { summaryOf } from './mirrored-identity';
import type { MonitoringService } from './monitoring-service';
import type { Session } from './session';
import type { SettingsService } from './settings-service';
import { TimeSlices } from './time-slices';
import type { WatchlistService } from './watchlist-service';

/** Cases read per query; each is judged in memory, and the event loop is let through between slices. */
const PAGE = 500;

export type SettingsImpactDeps = {
  readonly kyc: KycRepositories;
  readonly clock: Clock;
  readonly settings: Pick<SettingsService, 'current'>;
  readonly watchlist: Pick<WatchlistService, 'current'>;
  readonly monitoring: Pick<MonitoringService, 'pendingChanges'>;
};

export type SettingsImpact = ReturnType<typeof createSettingsImpact>;

/**
 * The settings impact preview (decision 011): every case of the install judged again under
 * proposed settings, in memory, nothing written. Each case's stored review is re-scored
 * (`rescoreReview`: only the checks that read a setting run again) unless the threshold went
 * down, when its identity is screened again. Monitoring's own comparison says which decided
 * cases would need a re-review. Runs in time slices: requests keep being answered meanwhile.
 */
export function createSettingsImpact({ kyc, clock, settings, watchlist, monitoring }: SettingsImpactDeps) {
  return {
    async preview(session: Session, proposed: KycSettings): Promise<SettingsImpactDto> {
      requireScope(session, 'data:read');
      requireRoleOf(session, 'lead');
      const started = performance.now();
      const install = session.installedAppId;
      const rescreen = proposed.watchlist_threshold < settings.current(install).settings.watchlist_threshold;
      const today = clock.now();
      const slices = new TimeSlices();
      const moves = new Map<string, { from: RiskLevel; to: RiskLevel; cases: number }>();
      // The first of each kind: those that would need a re-review are named first.
      const rereview: SettingsImpactCaseDto[] = [];
      const bandOnly: SettingsImpactCaseDto[] = [];
      const totals = { cases: 0, band_changes: 0, would_need_rereview: 0, alerts: 0 };
      for (let after = ''; ;) {
        const page = kyc.caseScan.pageAfter(install, after, PAGE);
        const index = watchlist.current(install).index;
        for (const kase of page) {
          after = kase.identityId;
          const mirrored = kyc.mirror.get(install, kase.identityId);
          // An identity no longer mirrored is not re-assessed by a save either.
          if (mirrored === null) continue;
          const dispositions = kyc.dispositions.forIdentity(install, kase.identityId);
          const marked = (d: string) => new Set(dispositions.filter((x) => x.disposition === d).map((x) => x.entryId));
          const review = rescoreReview(mirrored.record, kase.assessment, {
            settings: proposed,
            index,
            today,
            rescreen,
            dismissedEntries: marked('false_positive'),
            confirmed: marked('confirmed'),
          });
          const { changes } = monitoring.pendingChanges({ ...kase, assessment: review });
          totals.cases += 1;
          const from = kase.assessment.risk.level;
          const to = review.risk.level;
          if (from !== to) {
            totals.band_changes += 1;
            const move = moves.get(`${from}>${to}`) ?? { from, to, cases: 0 };
            moves.set(`${from}>${to}`, { ...move, cases: move.cases + 1 });
          }
          if (changes.length > 0) {
            totals.alerts += changes.length;
            if (kase.status !== 'needs_rereview') totals.would_need_rereview += 1;
          }
          const samples = changes.length > 0 ? rereview : from !== to ? bandOnly : null;
          if (samples !== null && samples.length < SETTINGS_IMPACT_SAMPLES) {
            samples.push({
              case_id: kase.caseId,
              identity_id: kase.identityId,
              name: summaryOf(mirrored.record).displayName,
              status: kase.status,
              risk_before: from,
              risk_after: to,
              needs_rereview: changes.length > 0,
              changes: changes.map((c) => c.summary),
            });
          }
          await slices.maybePause();
        }
        if (page.length < PAGE) break;
      }
      return {
        ...totals,
        band_moves: [...moves.values()].sort((a, b) => b.cases - a.cases),
        rescreened: rescreen,
        samples: [...rereview, ...bandOnly].slice(0, SETTINGS_IMPACT_SAMPLES),
        computed_ms: Math.round(performance.now() - started),
      };
    },
  };
}
