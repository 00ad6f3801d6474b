import { randomUUID } from 'node:crypto';
import {
  CaseStatus,
  type ChangeCause,
  type CheckResult,
  type Identity,
  type WatchlistHit,
} from '@kyc-review/contracts';
import { duplicateMatches, reviewIdentity, withRevealed, type RevealedValues } from '@kyc-review/kyc';
import type { Clock } from '../clock';
import { DECIDED_STATUSES, type Assessment, type AssessmentStamp } from './case-record';
import type { MirroredIdentity } from './mirrored-identity';
import type { KycRepositories } from '../db/kyc-repositories';
import { identityFingerprint, mirrorKeysOf, summaryOf, toMirroredIdentity } from './mirrored-identity';
import type { MonitoringService } from './monitoring-service';
import type { CurrentSettings, SettingsService } from './settings-service';
import type { WatchlistService } from './watchlist-service';

export type AssessmentServiceDeps = {
  readonly kyc: KycRepositories;
  readonly clock: Clock;
  readonly settings: Pick<SettingsService, 'current'>;
  readonly watchlist: Pick<WatchlistService, 'current' | 'ready' | 'screenIdentities'>;
  readonly monitoring: Pick<MonitoringService, 'afterAssessment'>;
};

export type AssessmentService = ReturnType<typeof createAssessmentService>;

/**
 * One identity screened off the event loop (`screenIdentities`): its hits, and the watchlist
 * version they were screened against. `ensureCase` uses them when that version is still the
 * one in use, and screens again itself otherwise.
 */
export type ScreenedIdentity = {
  readonly identityId: string;
  readonly watchlistVersion: number;
  readonly threshold: number;
  readonly hits: readonly WatchlistHit[];
};

/**
 * What every assessment of an install reads before it starts: its settings and the watchlist
 * version in use. A sync slice reads them once for its identities (`versionsNow`): inside one
 * synchronous transaction nothing else can change them.
 */
export type AssessmentVersions = { readonly settings: CurrentSettings; readonly watchlistVersion: number };

export type EnsureCaseOptions = {
  /** The install's settings and watchlist version, when the caller read them for a batch. */
  readonly versions?: AssessmentVersions | undefined;
  /** Re-assess even when the stamp is current. */
  readonly force?: boolean;
  /** Why a forced re-assessment ran; otherwise it follows from what was stale. */
  readonly cause?: ChangeCause;
  /** Values a reviewer revealed, read for this assessment only. */
  readonly revealed?: RevealedValues;
  /** The identity's hits, screened off the event loop. */
  readonly screened?: ScreenedIdentity | undefined;
  /** When the cases sharing a key with a new or changed identity are re-assessed (default `now`). */
  readonly duplicates?: 'now' | 'later';
};

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
   * The review of packages/kyc, which alone filters dismissed hits and scores risk. Revealed
   * values (a reviewer's reveal) are read for this one review: candidates for duplicates are
   * looked up by the keys they make, and the review handed back holds none of them.
   */
  function compute(
    row: MirroredIdentity,
    current: CurrentSettings,
    revealed: RevealedValues = {},
    screened?: ScreenedIdentity,
  ): { assessment: Assessment; openHits: number; stamp: AssessmentStamp; sharing: readonly string[] } {
    const install = row.installedAppId;
    const list = watchlist.current(install);
    const prescreened =
      screened?.identityId === row.identityId &&
      screened.watchlistVersion === list.version &&
      screened.threshold === current.settings.watchlist_threshold
        ? screened.hits
        : undefined;
    const dispositions = kyc.dispositions.forIdentity(install, row.identityId);
    const entriesMarked = (disposition: string) =>
      new Set(dispositions.filter((d) => d.disposition === disposition).map((d) => d.entryId));
    const confirmed = entriesMarked('confirmed');
    const keys = Object.keys(revealed).length === 0 ? row : mirrorKeysOf(withRevealed(row.record, revealed));
    const sharing = kyc.mirror.sharingKeys({ ...row, ...keys });
    const candidates = sharing.map((r) => r.record);
    const review = reviewIdentity(row.record, {
      settings: current.settings,
      index: list.index,
      ...(prescreened === undefined ? {} : { screened: prescreened }),
      candidates,
      today: clock.now(),
      dismissedEntries: entriesMarked('false_positive'),
      confirmed,
      revealed,
    });
    return {
      assessment: { checks: review.checks, hits: review.hits, risk: review.risk },
      openHits: review.hits.filter((h) => !confirmed.has(h.entry.entry_id)).length,
      stamp: {
        fingerprint: row.fingerprint,
        watchlistVersion: list.version,
        settingsVersion: current.version,
        assessedAt: clock.now().toISOString(),
      },
      sharing: sharing.map((r) => r.identityId),
    };
  }

  /**
   * The case of a mirrored identity, created or re-assessed when stale (or when forced);
   * a decided case is then compared with its decision (monitoring). `cause` names why a
   * forced re-assessment ran; otherwise it follows from what was stale. A new case that
   * starts undecided (most of a first sync) is not read back: monitoring has nothing to
   * compare it with. `revealed` (with `force`: a reveal re-runs the checks once) are values
   * read for this assessment only.
   */
  function ensureCase(row: MirroredIdentity, options: EnsureCaseOptions = {}): void {
    const existing = kyc.cases.get(row.installedAppId, row.identityId);
    const now = options.versions ?? versionsNow(row.installedAppId);
    const versions = {
      fingerprint: row.fingerprint,
      watchlistVersion: now.watchlistVersion,
      settingsVersion: now.settings.version,
    };
    if (existing !== null && options.force !== true && sameStamp(existing.stamp, versions)) return;
    const { assessment, openHits, stamp, sharing } = compute(row, now.settings, options.revealed, options.screened);
    let created: CaseStatus | null = null;
    if (existing === null) {
      // An identity already decided elsewhere (meta_data.kyc_status) starts in that state.
      const summary = summaryOf(row.record);
      const parsed = CaseStatus.safeParse(summary.kycStatus);
      const status = parsed.success ? parsed.data : 'new';
      created = status;
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
    } else {
      kyc.cases.saveAssessment(row.installedAppId, row.identityId, assessment, openHits, stamp);
    }
    // Only the identity's own content moves the other side: revealed values are not theirs to see.
    if (options.revealed === undefined && (existing === null || existing.stamp.fingerprint !== row.fingerprint))
      relinkDuplicates(row, existing?.assessment.checks ?? [], assessment.checks, {
        when: options.duplicates ?? 'now',
        sharing,
      });
    if (created !== null && !DECIDED_STATUSES.has(created)) return;
    const saved = kyc.cases.get(row.installedAppId, row.identityId);
    if (saved === null) throw new Error('The case was not saved.');
    const cause = existing === null ? 'first_screening' : (options.cause ?? causeOf(existing.stamp, versions));
    monitoring.afterAssessment(saved, cause);
  }

  const versionsNow = (installedAppId: string): AssessmentVersions => ({
    settings: settings.current(installedAppId),
    watchlistVersion: kyc.watchlist.state(installedAppId).version,
  });

  /** The case exists and was assessed from this fingerprint and the current versions. */
  function isCurrent(
    installedAppId: string,
    identityId: string,
    fingerprint: string,
    now: AssessmentVersions | undefined,
  ): boolean {
    const stamp = kyc.cases.stamp(installedAppId, identityId);
    if (stamp === null) return false;
    const { settings: current, watchlistVersion } = now ?? versionsNow(installedAppId);
    return sameStamp(stamp, { fingerprint, watchlistVersion, settingsVersion: current.version });
  }

  /**
   * Duplicates both ways (decision 011): when an identity is new or changed, the cases it
   * lists now and those it was listed with before are re-assessed (through the duplicate
   * keys, not a full pass), so each side shows the other or stops showing it. Monitoring
   * applies to them as to any case. `now`: the ones it lists, at once, in the caller's
   * transaction, unless they already say the same of it. `later` (the sync): every identity
   * sharing a key with it now (its candidates, up to 200, listed or not, so each side's count
   * is right too) and those it listed before are only marked, in one statement, and the sync's
   * bounded pass re-assesses each marked case once (`relinkMarked`), however many of its new
   * identities share a key with it (decision 019).
   */
  function relinkDuplicates(
    row: MirroredIdentity,
    before: readonly CheckResult[],
    after: readonly CheckResult[],
    { when, sharing }: { when: 'now' | 'later'; sharing: readonly string[] },
  ): void {
    const install = row.installedAppId;
    const was = duplicateMatches(before).map((m) => m.identity_id);
    if (when === 'later') {
      kyc.mirror.markForRelink(install, [...new Set([...sharing, ...was])]);
      return;
    }
    const now = new Map(duplicateMatches(after).map((m) => [m.identity_id, m.matched.join('|')]));
    for (const id of new Set([...now.keys(), ...was])) {
      const other = kyc.cases.get(install, id);
      const mirrored = other === null ? null : kyc.mirror.get(install, id);
      // Not assessed yet: its own first screening finds this identity.
      if (other === null || mirrored === null) continue;
      const listed = duplicateMatches(other.assessment.checks).find((m) => m.identity_id === row.identityId);
      if (listed?.matched.join('|') === now.get(id)) continue;
      ensureCase(mirrored, { force: true, cause: 'duplicate_change' });
    }
  }

  return {
    ensureCase,
    versionsNow,
    /**
     * The bounded duplicates pass: re-assesses the case of one identity marked by a sync
     * (`duplicates: 'later'`) so it lists, or stops listing, the identities sharing a key with it,
     * and clears the mark. Its own record did not change, so nothing fans out from it. A marked
     * identity without a case yet is left to its own first screening.
     */
    relinkMarked(row: MirroredIdentity): void {
      if (kyc.cases.stamp(row.installedAppId, row.identityId) !== null)
        ensureCase(row, { force: true, cause: 'duplicate_change' });
      kyc.mirror.clearRelink(row.installedAppId, row.identityId);
    },
    /**
     * Screens identities of an install in the screening thread, off the event loop, at the
     * install's threshold (decision 006): pass each result to `ensureCase` / `absorb` as
     * `screened`, so the (synchronous) assessment does not screen on the event loop.
     */
    async screenIdentities(installedAppId: string, identities: readonly Identity[]): Promise<ScreenedIdentity[]> {
      const threshold = settings.current(installedAppId).settings.watchlist_threshold;
      const { watchlistVersion, hits } = await watchlist.screenIdentities(installedAppId, identities, threshold);
      return identities.map((identity, i) => ({
        identityId: identity.identity_id,
        watchlistVersion,
        threshold,
        hits: hits[i] ?? [],
      }));
    },
    /** Resolves once the install's watchlist index is built (in the worker) and in use. */
    ready: (installedAppId: string): Promise<void> => watchlist.ready(installedAppId),
    /**
     * A fresh record from Cloud: mirror it, then make sure its case is current. An identity
     * whose fingerprint is the mirrored one and whose case is current (every re-sync, mostly)
     * only has its record and sync time saved: no keys derived, no case read or written.
     */
    absorb(
      installedAppId: string,
      identity: Identity,
      options: Pick<EnsureCaseOptions, 'screened' | 'duplicates' | 'versions'> & {
        /** Whether the mirror holds the identity, when the caller has just read it (false: skip the refresh). */
        readonly mirrored?: boolean;
      } = {},
    ): void {
      const syncedAt = clock.now().toISOString();
      const fingerprint = identityFingerprint(identity);
      const seen = { installedAppId, identityId: identity.identity_id, fingerprint, record: identity, syncedAt };
      const unchanged = options.mirrored !== false && kyc.mirror.refreshUnchanged(seen);
      kyc.cases.saveSummary(installedAppId, identity.identity_id, summaryOf(identity));
      if (unchanged && isCurrent(installedAppId, identity.identity_id, fingerprint, options.versions)) return;
      const row = toMirroredIdentity(installedAppId, identity, syncedAt, fingerprint);
      if (!unchanged) kyc.mirror.upsert(row);
      ensureCase(row, options);
    },
  };
}
