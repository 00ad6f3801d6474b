import { z } from 'zod';
import type { Db } from '../../src/db/open-database';

/** Every table a request could write to: "nothing stored" means none of these moved. */
export const STATE_TABLES = [
  'installs',
  'callback_events',
  'launch_tokens',
  'sessions',
  'kyc_cases',
  'hit_dispositions',
  'kyc_outbox',
  'kyc_audit',
  'kyc_case_notes',
  'watchlist_state',
  'watchlist_versions',
  'watchlist_version_entries',
  'watchlist_import_rows',
  'watchlist_imports',
  'kyc_settings',
  'kyc_settings_history',
  'reviewers',
  'reviewer_bootstrap',
  'reviewer_recovery_codes',
  'reviewer_invitations',
  'reviewer_policy',
  'remembered_devices',
  'sign_in_throttle',
] as const;

const Count = z.object({ n: z.number().int() });

/** Row counts, plus the sum of case versions (a decision bumps one without adding a row). */
export function rowCounts(db: Db): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const table of STATE_TABLES)
    counts[table] = Count.parse(db.prepare(`SELECT count(*) AS n FROM ${table}`).get()).n;
  counts['kyc_cases.version'] = Count.parse(db.prepare('SELECT coalesce(sum(version), 0) AS n FROM kyc_cases').get()).n;
  return counts;
}
