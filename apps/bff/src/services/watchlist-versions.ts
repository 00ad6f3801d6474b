import type { WatchlistImportFormat, WatchlistVersionDto, WatchlistVersionMode } from '@kyc-review/contracts';
import type { Clock } from '../clock';
import type { KycRepositories } from '../db/kyc-repositories';
import type { VersionSource, WatchlistVersion } from '../db/watchlist-repository';
import type { Actor } from './reviewer';
import { TimeSlices } from './time-slices';

/** Rows written (or deleted) per transaction while a version is written: each one is short. */
export const VERSION_CHUNK = 500;

/** The newest versions whose entries are kept, so a lead can roll back to them. */
export const RESTORABLE_VERSIONS = 10;

/** What a new version is made of and what its row and audit record say. */
export type VersionPlan = {
  readonly mode: WatchlistVersionMode;
  readonly rolledBackTo: number | null;
  readonly sources: readonly VersionSource[];
  readonly counts: { readonly added: number; readonly removed: number; readonly changed: number };
  readonly refused: number;
  readonly format: WatchlistImportFormat | null;
  readonly files: readonly string[];
  readonly actor: Actor | 'system';
  readonly requestId: string | null;
  /** Runs inside the activating transaction (e.g. the pending import's row removed). */
  readonly alsoOnActivate?: () => void;
};

export function versionDto(version: WatchlistVersion, activeVersion: number): WatchlistVersionDto {
  const { entriesKept, ...row } = version;
  const active = version.version === activeVersion;
  return { ...row, files: [...row.files], lists: [...row.lists], active, restorable: entriesKept && !active };
}

/**
 * Writes watchlist versions: the new version's entries range by range, each range in its own
 * short transaction (safe: nothing reads a version before it is active), then one small
 * transaction records it, moves the active pointer and writes the audit record. Old
 * versions beyond RESTORABLE_VERSIONS lose their entries, a chunk at a time.
 */
export type WatchlistVersionWriter = ReturnType<typeof createWatchlistVersionWriter>;

export function createWatchlistVersionWriter({ kyc, clock }: { kyc: KycRepositories; clock: Clock }) {
  /**
   * One transaction per step: the ranges of every source, in order. None fsyncs on its own
   * (open-database.ts rederivableTransaction): nothing reads a version before it is active,
   * the activating FULL commit's fsync covers every earlier frame of the WAL, and entries of
   * a version never activated are removed at start (removeOrphanEntries).
   */
  function* writeSteps(installedAppId: string, to: number, sources: readonly VersionSource[]): Generator<void> {
    for (const source of sources) {
      let after: string | null = '';
      while (after !== null) {
        const from: string = after;
        after = kyc.rederivableTransaction(() =>
          kyc.watchlist.writeVersionRange(installedAppId, to, source, from, VERSION_CHUNK),
        );
        yield;
      }
    }
  }

  function activate(installedAppId: string, to: number, plan: VersionPlan): WatchlistVersion {
    const at = clock.now().toISOString();
    return kyc.transaction(() => {
      const before = kyc.watchlist.state(installedAppId).version;
      const lists = kyc.watchlist.listCounts(installedAppId, to);
      const row: Omit<WatchlistVersion, 'entriesKept'> = {
        version: to,
        mode: plan.mode,
        rolled_back_to: plan.rolledBackTo,
        entry_count: lists.reduce((n, l) => n + l.count, 0),
        ...plan.counts,
        refused: plan.refused,
        format: plan.format,
        files: [...plan.files],
        lists,
        created_by: plan.actor === 'system' ? 'system' : plan.actor.reviewerId,
        created_by_name: plan.actor === 'system' ? null : plan.actor.displayName,
        created_at: at,
      };
      kyc.watchlist.activate(installedAppId, row);
      kyc.watchlist.markPrunedBelow(installedAppId, to - RESTORABLE_VERSIONS + 1);
      plan.alsoOnActivate?.();
      kyc.audit.append({
        installedAppId,
        identityId: null,
        caseId: null,
        actor: plan.actor,
        action: plan.mode === 'rollback' ? 'watchlist_rolled_back' : 'watchlist_imported',
        before: { version: before },
        after: {
          version: to,
          mode: plan.mode,
          rolled_back_to: plan.rolledBackTo,
          total: row.entry_count,
          lists,
          ...plan.counts,
          format: plan.format,
          files: plan.files,
          rejected_rows: plan.refused,
        },
        reason: null,
        requestId: plan.requestId,
        at,
      });
      return { ...row, entriesKept: true };
    });
  }

  /** After activation: entries of versions no longer restorable, a chunk per transaction (deleted again if lost). */
  function* pruneSteps(installedAppId: string): Generator<void> {
    for (const version of kyc.watchlist.prunable(installedAppId)) {
      while (
        kyc.rederivableTransaction(() => kyc.watchlist.deleteVersionEntries(installedAppId, version, VERSION_CHUNK)) > 0
      )
        yield;
    }
  }

  /** A version left half-written by a failure: its entries are removed (nothing read them). */
  function abandon(installedAppId: string, to: number): void {
    while (
      kyc.rederivableTransaction(() => kyc.watchlist.deleteVersionEntries(installedAppId, to, VERSION_CHUNK * 10)) > 0
    );
  }

  return {
    /** Writes and activates a version in time slices, so requests keep being answered meanwhile. */
    async write(installedAppId: string, plan: VersionPlan): Promise<WatchlistVersion> {
      const to = kyc.watchlist.nextVersion(installedAppId);
      const slices = new TimeSlices();
      try {
        for (const _ of writeSteps(installedAppId, to, plan.sources)) await slices.maybePause();
      } catch (error) {
        abandon(installedAppId, to);
        throw error;
      }
      const version = activate(installedAppId, to, plan);
      for (const _ of pruneSteps(installedAppId)) await slices.maybePause();
      return version;
    },
    /** The same at once (the dev demo list: a few dozen entries, written when Cloud installs the app). */
    writeNow(installedAppId: string, plan: VersionPlan): WatchlistVersion {
      const to = kyc.watchlist.nextVersion(installedAppId);
      try {
        for (const _ of writeSteps(installedAppId, to, plan.sources));
      } catch (error) {
        abandon(installedAppId, to);
        throw error;
      }
      const version = activate(installedAppId, to, plan);
      for (const _ of pruneSteps(installedAppId));
      return version;
    },
  };
}
