import { z } from 'zod';
import { ReviewerId } from '../ids';
import { ReviewerRole } from './reviewers';

// Assignment (issue 12, docs/decisions/021-team-workflow.md): who owns a case.

/** Who a case is assigned to; reviewers are shown by their current display name. */
export const AssigneeDto = z.object({
  reviewer_id: ReviewerId,
  display_name: z.string(),
  assigned_at: z.string(),
});
export type AssigneeDto = z.infer<typeof AssigneeDto>;

/**
 * The queue's assignee filter: `me` (the signed-in reviewer), `none` (unassigned), or a
 * reviewer id.
 */
export const AssigneeFilter = z.union([z.literal('me'), z.literal('none'), ReviewerId]);
export type AssigneeFilter = z.infer<typeof AssigneeFilter>;

/** `PUT /api/cases/:identityId/assignee` (lead): assign, reassign, or unassign with null. */
export const AssignBody = z.object({ reviewer_id: ReviewerId.nullable() }).strict();
export type AssignBody = z.infer<typeof AssignBody>;

/** `POST /api/cases/:identityId/claim` and the assignee route both answer the new assignment. */
export const AssignmentDto = z.object({ identity_id: z.string(), assignee: AssigneeDto.nullable() });
export type AssignmentDto = z.infer<typeof AssignmentDto>;

/** `GET /api/team`: the install's active reviewers, for names and the lead's assign menu. */
export const TeamMemberDto = z.object({ reviewer_id: ReviewerId, display_name: z.string(), role: ReviewerRole });
export type TeamMemberDto = z.infer<typeof TeamMemberDto>;
export const TeamDto = z.object({ items: z.array(TeamMemberDto) });
export type TeamDto = z.infer<typeof TeamDto>;
