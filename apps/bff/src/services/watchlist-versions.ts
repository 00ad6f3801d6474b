import type { WatchlistImportFormat, WatchlistVersionDto, WatchlistVersionMode } from '@kyc-review/contracts';
import type { Clock } from '../clock';
import type { Storage } from '../db/storage';
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
  /** Runs inside the activating transaction, on its repositories (e.g. the pending import's row removed). */
  readonly alsoOnActivate?: (tx: Storage) => Promise<void>;
};

export function versionDto(version: WatchlistVersion, activeVersion: number): WatchlistVersionDto {
  const { entriesKept, ...row } = version;
  const active = version.version === activeVersion;
  return { ...row, files: [...row.files], lists: [...row.lists], active, restorable: entriesKept && !active };
}

/**
 * Writes watchlist versions on either engine (decision 022): the new version's entries range
 * by range, each range one INSERT … SELECT of at most VERSION_CHUNK rows, atomic by itself
 * (safe without a transaction: nothing reads a version before it is active, and the rows it
 * copies do not change while the install's import runs), then one small transaction records
 * it, moves the active pointer and writes the audit record. Old versions
 * beyond RESTORABLE_VERSIONS lose their entries, a chunk per transaction. `write` resolves
 * once all of it is committed.
 */
export type WatchlistVersionWriter = ReturnType<typeof createWatchlistVersionWriter>;

export function createWatchlistVersionWriter({ repos, clock }: { repos: Storage; clock: Clock }) {
  /**
   * The ranges of every source, in order, one statement each. None fsyncs on its own
   * (`rederivable`): nothing reads a version before it is active, the activating durable
   * commit covers every earlier write, and entries of a version never activated are removed
   * at start.
   */
  async function writeSteps(installedAppId: string, to: number, plan: VersionPlan, slices: TimeSlices) {
    for (const source of plan.sources) {
      for (let after: string | null = ''; after !== null;) {
        after = await repos.rederivable.watchlist.writeVersionRange(installedAppId, to, source, after, VERSION_CHUNK);
        await slices.maybePause();
      }
    }
  }

  function activate(installedAppId: string, to: number, plan: VersionPlan): Promise<WatchlistVersion> {
    const at = clock.now().toISOString();
    return repos.transaction(async (tx) => {
      const before = (await tx.watchlist.state(installedAppId)).version;
      const lists = await tx.watchlist.listCounts(installedAppId, to);
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
      await tx.watchlist.activate(installedAppId, row);
      await tx.watchlist.markPrunedBelow(installedAppId, to - RESTORABLE_VERSIONS + 1);
      await plan.alsoOnActivate?.(tx);
      await tx.audit.append({
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

  /** Deletes a version's entries a chunk per statement (each atomic, without an fsync: deleted again if lost). */
  async function deleteEntries(installedAppId: string, version: number, slices: TimeSlices | null) {
    while ((await repos.rederivable.watchlist.deleteVersionEntries(installedAppId, version, VERSION_CHUNK)) > 0)
      await slices?.maybePause();
  }

  return {
    /**
     * Writes and activates a version in time slices, so requests keep being answered meanwhile;
     * then prunes. A failure before the activation leaves nothing: the half-written entries
     * are removed (nothing read them).
     */
    async write(installedAppId: string, plan: VersionPlan): Promise<WatchlistVersion> {
      const to = await repos.watchlist.nextVersion(installedAppId);
      const slices = new TimeSlices();
      let version: WatchlistVersion;
      try {
        await writeSteps(installedAppId, to, plan, slices);
        version = await activate(installedAppId, to, plan);
      } catch (error) {
        await deleteEntries(installedAppId, to, null);
        throw error;
      }
      for (const old of await repos.watchlist.prunable(installedAppId))
        await deleteEntries(installedAppId, old, slices);
      return version;
    },
  };
}
