import { z } from 'zod';
import { toCaseRecord } from './case-repository';
import type { Db } from './open-database';
import type { CaseRecord } from '../services/case-record';

export type CaseScanRepository = ReturnType<typeof createCaseScanRepository>;

/**
 * Reads across cases: every case of an install a page at a time in identity order (the
 * settings impact preview), and the installs whose re-assessment a crash cut off.
 */
export function createCaseScanRepository(db: Db) {
  const page = db.prepare(`SELECT c.*, a.assessment, r.display_name AS assignee_name
    FROM kyc_cases c JOIN kyc_case_assessments a ON a.case_id = c.case_id
    LEFT JOIN reviewers r ON r.installed_app_id = c.installed_app_id AND r.reviewer_id = c.assignee_id
    WHERE c.installed_app_id = ? AND c.identity_id > ? ORDER BY c.identity_id LIMIT ?`);
  // A case is stale when it was assessed with another watchlist or settings version than the
  // install's current ones (version 0: none saved yet).
  const staleInstalls = db.prepare(`SELECT DISTINCT c.installed_app_id FROM kyc_cases c
    LEFT JOIN watchlist_state w ON w.installed_app_id = c.installed_app_id
    LEFT JOIN kyc_settings s ON s.installed_app_id = c.installed_app_id
    WHERE c.assessed_watchlist_version <> COALESCE(w.version, 0) OR c.assessed_settings_version <> COALESCE(s.version, 0)`);
  const InstallRow = z.object({ installed_app_id: z.string() });
  return {
    /** Installs with a case assessed under an older watchlist or settings version (a re-assessment cut off). */
    installsWithStaleCases(): string[] {
      return staleInstalls.all().map((raw) => InstallRow.parse(raw).installed_app_id);
    },
    /** Up to `limit` cases after `afterId` (exclusive) in identity order; fewer means the last page. */
    pageAfter(installedAppId: string, afterId: string, limit: number): CaseRecord[] {
      return page.all(installedAppId, afterId, limit).map(toCaseRecord);
    },
  };
}
