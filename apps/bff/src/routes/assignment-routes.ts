import { Hono } from 'hono';
import { z } from 'zod';
import { AssignBody, IdentityId } from '@kyc-review/contracts';
import type { AppEnv } from '../http/app-env';
import { requireRole } from '../http/reviewer-middleware';
import { validate } from '../http/validate';
import type { AssignmentService } from '../services/assignment-service';

const CaseParam = z.object({ identityId: IdentityId });

/** `/api/cases/:identityId/claim` (no body: the claimant is the session's reviewer) and `/assignee` (decision 021). */
export function assignmentRoutes(assignment: AssignmentService) {
  return new Hono<AppEnv>()
    .post('/:identityId/claim', validate('param', CaseParam), async (c) =>
      c.json(
        await assignment.claim(c.var.session, c.req.valid('param').identityId, { requestId: c.var.requestId }),
        200,
      ),
    )
    .put(
      '/:identityId/assignee',
      requireRole('lead'),
      validate('param', CaseParam),
      validate('json', AssignBody),
      async (c) =>
        c.json(
          await assignment.assign(c.var.session, c.req.valid('param').identityId, c.req.valid('json'), {
            requestId: c.var.requestId,
          }),
          200,
        ),
    );
}

/** `GET /api/team`: the install's active reviewers, by name. */
export function teamRoutes(assignment: AssignmentService) {
  return new Hono<AppEnv>().get('/', (c) => c.json(assignment.team(c.var.session), 200));
}
