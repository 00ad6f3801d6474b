import { randomUUID } from 'node:crypto';
import { CaseStatus, type ChangeCause, type Identity, type WatchlistHit } from '@kyc-review/contracts';
import { assessRisk, hitId, reviewIdentity, type WatchlistIndex } from '@kyc-review/kyc';
import type { Clock } from '../clock';
import { DECIDED_STATUSES, type Assessment, type AssessmentStamp } from './case-record';
import type { MirroredIdentity } from './mirrored-identity';
import type { KycRepositories } from '../db/kyc-repositories';
import { identityFingerprint, summaryOf, toMirroredIdentity } from './mirrored-identity';
import type { MonitoringService } from './monitoring-service';
import type { SettingsService } from './settings-service';
import type { WatchlistService } from './watchlist-service';

export type AssessmentServiceDeps = {
  readonly kyc: KycRepositories;
  readonly clock: Clock;
  readonly settings: Pick<SettingsService, 'current'>;
  readonly watchlist: Pick<WatchlistService, 'current'>;
  readonly monitoring: Pick<MonitoringService, 'afterAssessment'>;
};

export type AssessmentService = ReturnType<typeof createAssessmentService>;

const sameStamp = (a: AssessmentStamp, b: Omit<AssessmentStamp, 'assessedAt'>) =>
  a.fingerprint === b.fingerprint &&
  a.watchlistVersion === b.watchlistVersion &&
  a.settingsVersion === b.settingsVersion;

/** What made a case's assessment stale: the cause monitoring names for what it finds. */
function causeOf(stamp: AssessmentStamp, versions: Omit<AssessmentStamp, 'assessedAt'>): ChangeCause {
  if (stamp.fingerprint !== versions.fingerprint) return 'identity_change';
  if (stamp.watchlistVersion !== versions.watchlistVersion) return 'watchlist_import';
  if (stamp.settingsVersion !== versions.settingsVersion) return 'settings_change';
  return 'rescreening';
}

/**
 * Runs the checks of packages/kyc for one identity and caches the result on its case
 * with what it was computed from (identity fingerprint, watchlist and settings
 * versions); a case is re-assessed only when one of those changed (decision 011).
 */
export function createAssessmentService({ kyc, clock, settings, watchlist, monitoring }: AssessmentServiceDeps) {
  /**
   * Every name of each entry, by entry id: built once per index (not per identity: that was
   * a walk over the whole list for every case re-assessed), and only when a hit was dismissed.
   */
  const namesByIndex = new WeakMap<WatchlistIndex, Map<string, readonly string[]>>();
  function entryNames(index: WatchlistIndex, entryId: string): readonly string[] {
    let names = namesByIndex.get(index);
    if (names === undefined) {
      names = new Map(
        index.entries.map((e) => [e.entry.entry_id, [e.entry.name, ...e.entry.aliases.map((a) => a.name)]]),
      );
      namesByIndex.set(index, names);
    }
    return names.get(entryId) ?? [];
  }

  /** Hit ids never to raise again: the dismissed entries, under any of their names. */
  function dismissedHits(installedAppId: string, identityId: string, index: WatchlistIndex) {
    const dismissedEntries = new Set<string>();
    const hitIds = new Set<string>();
    for (const d of kyc.dispositions.forIdentity(installedAppId, identityId)) {
      if (d.disposition !== 'false_positive') continue;
      dismissedEntries.add(d.entryId);
      hitIds.add(d.hitId);
      for (const name of entryNames(index, d.entryId)) hitIds.add(hitId(d.entryId, name));
    }
    return { dismissedEntries, hitIds };
  }

  function compute(row: MirroredIdentity): { assessment: Assessment; openHits: number; stamp: AssessmentStamp } {
    const install = row.installedAppId;
    const current = settings.current(install);
    const list = watchlist.current(install);
    const dispositions = kyc.dispositions.forIdentity(install, row.identityId);
    const dismissed = dismissedHits(install, row.identityId, list.index);
    const confirmed = new Set(dispositions.filter((d) => d.disposition === 'confirmed').map((d) => d.entryId));
    const candidates = kyc.mirror.sharingKeys(row).map((r) => r.record);
    const review = reviewIdentity(row.record, {
      settings: current.settings,
      index: list.index,
      candidates,
      today: clock.now(),
      dismissed: dismissed.hitIds,
      confirmed,
    });
    // Per entry, not per matched name: a dismissed entry stays dismissed whichever alias matches.
    const hits: WatchlistHit[] = review.hits.filter((h) => !dismissed.dismissedEntries.has(h.entry.entry_id));
    const risk =
      hits.length === review.hits.length ? review.risk : assessRisk(review.checks, hits, current.settings, confirmed);
    return {
      assessment: { checks: review.checks, hits, risk },
      openHits: hits.filter((h) => !confirmed.has(h.entry.entry_id)).length,
      stamp: {
        fingerprint: row.fingerprint,
        watchlistVersion: list.version,
        settingsVersion: current.version,
        assessedAt: clock.now().toISOString(),
      },
    };
  }

  /**
   * The case of a mirrored identity, created or re-assessed when stale (or when forced);
   * a decided case is then compared with its decision (monitoring). `cause` names why a
   * forced re-assessment ran; otherwise it follows from what was stale. A new case that
   * starts undecided (most of a first sync) is not read back: monitoring has nothing to
   * compare it with.
   */
  function ensureCase(row: MirroredIdentity, options: { force?: boolean; cause?: ChangeCause } = {}): void {
    const existing = kyc.cases.get(row.installedAppId, row.identityId);
    const versions = {
      fingerprint: row.fingerprint,
      watchlistVersion: kyc.watchlist.state(row.installedAppId).version,
      settingsVersion: settings.current(row.installedAppId).version,
    };
    if (existing !== null && options.force !== true && sameStamp(existing.stamp, versions)) return;
    const { assessment, openHits, stamp } = compute(row);
    if (existing === null) {
      // An identity already decided elsewhere (meta_data.kyc_status) starts in that state.
      const summary = summaryOf(row.record);
      const parsed = CaseStatus.safeParse(summary.kycStatus);
      const status = parsed.success ? parsed.data : 'new';
      kyc.cases.insert({
        caseId: `case_${randomUUID()}`,
        installedAppId: row.installedAppId,
        identityId: row.identityId,
        status,
        summary,
        assessment,
        openHits,
        stamp,
        at: stamp.assessedAt,
      });
      if (!DECIDED_STATUSES.has(status)) return;
    } else {
      kyc.cases.saveAssessment(row.installedAppId, row.identityId, assessment, openHits, stamp);
    }
    const saved = kyc.cases.get(row.installedAppId, row.identityId);
    if (saved === null) throw new Error('The case was not saved.');
    const cause = existing === null ? 'first_screening' : (options.cause ?? causeOf(existing.stamp, versions));
    monitoring.afterAssessment(saved, cause);
  }

  /** The case exists and was assessed from this fingerprint and the current versions. */
  function isCurrent(installedAppId: string, identityId: string, fingerprint: string): boolean {
    const stamp = kyc.cases.stamp(installedAppId, identityId);
    return (
      stamp !== null &&
      sameStamp(stamp, {
        fingerprint,
        watchlistVersion: kyc.watchlist.state(installedAppId).version,
        settingsVersion: settings.current(installedAppId).version,
      })
    );
  }

  return {
    ensureCase,
    /**
     * A fresh record from Cloud: mirror it, then make sure its case is current. An identity
     * whose fingerprint is the mirrored one and whose case is current (every re-sync, mostly)
     * only has its record and sync time saved: no keys derived, no case read or written.
     */
    absorb(installedAppId: string, identity: Identity): void {
      const syncedAt = clock.now().toISOString();
      const fingerprint = identityFingerprint(identity);
      const seen = { installedAppId, identityId: identity.identity_id, fingerprint, record: identity, syncedAt };
      const unchanged = kyc.mirror.refreshUnchanged(seen);
      kyc.cases.saveSummary(installedAppId, identity.identity_id, summaryOf(identity));
      if (unchanged && isCurrent(installedAppId, identity.identity_id, fingerprint)) return;
      const row = toMirroredIdentity(installedAppId, identity, syncedAt, fingerprint);
      if (!unchanged) kyc.mirror.upsert(row);
      ensureCase(row);
    },
  };
}
