import type { Db } from './open-database';

// Who owns a case (migration 0015): `assignee_id` on kyc_cases, '' when unassigned.

export type AssignmentRepository = ReturnType<typeof createAssignmentRepository>;

export function createAssignmentRepository(db: Db) {
  // The claim's atomicity is this WHERE: of two claims at once, one changes the row, the other none.
  const claim = db.prepare(`UPDATE kyc_cases SET assignee_id = @reviewer, assigned_at = @at
    WHERE installed_app_id = @install AND identity_id = @identity AND assignee_id = ''`);
  const assign = db.prepare(`UPDATE kyc_cases SET assignee_id = @reviewer, assigned_at = @at
    WHERE installed_app_id = @install AND identity_id = @identity`);

  return {
    /** Assigns an unassigned case to `reviewerId`; false when someone holds it already. */
    claim(install: string, identityId: string, reviewerId: string, at: string): boolean {
      return claim.run({ install, identity: identityId, reviewer: reviewerId, at }).changes === 1;
    },
    /** A lead's assignment, reassignment (a reviewer id) or unassignment (null). */
    assign(install: string, identityId: string, reviewerId: string | null, at: string): void {
      assign.run({ install, identity: identityId, reviewer: reviewerId ?? '', at: reviewerId === null ? null : at });
    },
  };
}
