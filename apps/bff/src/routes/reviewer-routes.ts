import { Hono, type Context } from 'hono';
import { z } from 'zod';
import {
  InvitationBody,
  InvitationId,
  ReviewerId,
  ReviewerPolicyBody,
  ReviewerUpdateBody,
} from '@kyc-review/contracts';
import type { AppEnv } from '../http/app-env';
import { requireRole } from '../http/reviewer-middleware';
import { validate } from '../http/validate';
import type { ReviewerAdminService } from '../services/reviewer-admin-service';

const ctxOf = (c: Context<AppEnv>) => ({ requestId: c.var.requestId });
const ReviewerParam = z.object({ reviewerId: ReviewerId });
const InvitationParam = z.object({ invitationId: InvitationId });

/**
 * `/api/reviewers`: the admin page (decision 017). Role admin on every route; each change
 * also needs a second factor confirmed in the last 15 minutes (401 step_up_required).
 */
export function reviewerRoutes(admin: ReviewerAdminService) {
  return new Hono<AppEnv>()
    .get('/', requireRole('admin'), async (c) => c.json(await admin.list(c.var.session), 200))
    .post('/invitations', requireRole('admin'), validate('json', InvitationBody), async (c) =>
      c.json(await admin.invite(c.var.session, c.req.valid('json'), ctxOf(c)), 201),
    )
    .post('/invitations/:invitationId/revoke', requireRole('admin'), validate('param', InvitationParam), async (c) =>
      c.json(await admin.revokeInvitation(c.var.session, c.req.valid('param').invitationId, ctxOf(c)), 200),
    )
    .put('/policy', requireRole('admin'), validate('json', ReviewerPolicyBody), async (c) =>
      c.json(await admin.setPolicy(c.var.session, c.req.valid('json'), ctxOf(c)), 200),
    )
    .patch(
      '/:reviewerId',
      requireRole('admin'),
      validate('param', ReviewerParam),
      validate('json', ReviewerUpdateBody),
      async (c) =>
        c.json(await admin.update(c.var.session, c.req.valid('param').reviewerId, c.req.valid('json'), ctxOf(c)), 200),
    )
    .post('/:reviewerId/forget-browsers', requireRole('admin'), validate('param', ReviewerParam), async (c) =>
      c.json(await admin.forgetBrowsers(c.var.session, c.req.valid('param').reviewerId, ctxOf(c)), 200),
    );
}
