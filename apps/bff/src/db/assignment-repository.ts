import { z } from 'zod';
import { OPEN_STATUSES } from '@kyc-review/contracts';
import type { Db } from './open-database';

// Who owns a case (migration 0015): `assignee_id` on kyc_cases, '' when unassigned.

const OPEN = OPEN_STATUSES.map((s) => `'${s}'`).join(', ');
const OpenAssigned = z.object({ assignee_id: z.string(), display_name: z.string().nullable(), n: z.number().int() });

export type AssignmentRepository = ReturnType<typeof createAssignmentRepository>;

export function createAssignmentRepository(db: Db) {
  // The claim's atomicity is this WHERE: of two claims at once, one changes the row, the other none.
  const claim = db.prepare(`UPDATE kyc_cases SET assignee_id = @reviewer, assigned_at = @at
    WHERE installed_app_id = @install AND identity_id = @identity AND assignee_id = ''`);
  const assign = db.prepare(`UPDATE kyc_cases SET assignee_id = @reviewer, assigned_at = @at
    WHERE installed_app_id = @install AND identity_id = @identity`);
  const openAssigned = db.prepare(`SELECT c.assignee_id, r.display_name, c.n FROM
      (SELECT installed_app_id, assignee_id, COUNT(*) AS n FROM kyc_cases
        WHERE installed_app_id = ? AND listed = 1 AND assignee_id <> '' AND status IN (${OPEN})
        GROUP BY installed_app_id, assignee_id) c
    LEFT JOIN reviewers r ON r.installed_app_id = c.installed_app_id AND r.reviewer_id = c.assignee_id`);

  return {
    /** Assigns an unassigned case to `reviewerId`; false when someone holds it already. */
    claim(install: string, identityId: string, reviewerId: string, at: string): boolean {
      return claim.run({ install, identity: identityId, reviewer: reviewerId, at }).changes === 1;
    },
    /** A lead's assignment, reassignment (a reviewer id) or unassignment (null). */
    assign(install: string, identityId: string, reviewerId: string | null, at: string): void {
      assign.run({ install, identity: identityId, reviewer: reviewerId ?? '', at: reviewerId === null ? null : at });
    },
    /** Open listed cases per assignee, with the assignee's name. */
    openAssigned(install: string) {
      return openAssigned.all(install).map((r) => OpenAssigned.parse(r));
    },
  };
}
