import { toCaseRecord } from './case-repository';
import type { Db } from './open-database';
import type { CaseRecord } from '../services/case-record';

export type CaseScanRepository = ReturnType<typeof createCaseScanRepository>;

/** Every case of an install, a page at a time in identity order (the settings impact preview reads them all). */
export function createCaseScanRepository(db: Db) {
  const page = db.prepare(`SELECT c.*, a.assessment, r.display_name AS assignee_name
    FROM kyc_cases c JOIN kyc_case_assessments a ON a.case_id = c.case_id
    LEFT JOIN reviewers r ON r.installed_app_id = c.installed_app_id AND r.reviewer_id = c.assignee_id
    WHERE c.installed_app_id = ? AND c.identity_id > ? ORDER BY c.identity_id LIMIT ?`);
  return {
    /** Up to `limit` cases after `afterId` (exclusive) in identity order; fewer means the last page. */
    pageAfter(installedAppId: string, afterId: string, limit: number): CaseRecord[] {
      return page.all(installedAppId, afterId, limit).map(toCaseRecord);
    },
  };
}
