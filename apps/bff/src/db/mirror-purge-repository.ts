import { z } from 'zod';
import type { Db } from './open-database';

export type MirrorPurgeRepository = ReturnType<typeof createMirrorPurgeRepository>;

/** The uninstall grace period's SQL (decision 016): which mirrors are due, and removing one. */
export function createMirrorPurgeRepository(db: Db) {
  // updated_at of an uninstalled install is when we received the uninstall.
  const due = db.prepare(`
    SELECT installed_app_id FROM installs i WHERE status = 'uninstalled' AND updated_at <= ?
      AND (EXISTS (SELECT 1 FROM identity_mirror m WHERE m.installed_app_id = i.installed_app_id)
        OR EXISTS (SELECT 1 FROM mirror_sync_state s WHERE s.installed_app_id = i.installed_app_id)
        OR EXISTS (SELECT 1 FROM watchlist_import_rows w WHERE w.installed_app_id = i.installed_app_id))`);
  const removeMirror = db.prepare('DELETE FROM identity_mirror WHERE installed_app_id = ?');
  const removeSyncState = db.prepare('DELETE FROM mirror_sync_state WHERE installed_app_id = ?');
  // An import's staged entries (names, dates of birth of listed people) left by an import
  // that never finished: nobody can apply them once the install is gone.
  const removeStagedImports = db.prepare('DELETE FROM watchlist_import_rows WHERE installed_app_id = ?');
  const removePendingImports = db.prepare('DELETE FROM watchlist_imports WHERE installed_app_id = ?');
  const stillUninstalled = db.prepare("SELECT 1 FROM installs WHERE installed_app_id = ? AND status = 'uninstalled'");

  return {
    /** Uninstalled installs, uninstalled at or before `cutoff`, that still hold a mirror or staged import rows. */
    dueBefore(cutoff: string): string[] {
      return due
        .pluck()
        .all(cutoff)
        .map((id) => z.string().parse(id));
    },
    /**
     * Deletes the install's mirrored identities, sync state and staged import rows, unless it
     * was reinstalled meanwhile. Mirrored identities removed.
     */
    purge(installedAppId: string): number {
      return db
        .transaction(() => {
          if (stillUninstalled.get(installedAppId) === undefined) return 0;
          removeSyncState.run(installedAppId);
          removeStagedImports.run(installedAppId);
          removePendingImports.run(installedAppId);
          return removeMirror.run(installedAppId).changes;
        })
        .immediate();
    },
  };
}
