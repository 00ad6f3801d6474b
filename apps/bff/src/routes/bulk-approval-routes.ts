import { Hono } from 'hono';
import { BulkApprovalBody, BulkApprovalSelection } from '@kyc-review/contracts';
import type { AppEnv } from '../http/app-env';
import { validate } from '../http/validate';
import type { BulkApprovalService } from '../services/bulk-approval-service';

/**
 * `/api/bulk-approvals` (decision 021): `preview` says which selected cases are eligible and
 * why the others are not; the plain POST approves the confirmed ones, one decision each.
 */
export function bulkApprovalRoutes(bulk: BulkApprovalService) {
  return new Hono<AppEnv>()
    .post('/preview', validate('json', BulkApprovalSelection), (c) =>
      c.json(bulk.preview(c.var.session, c.req.valid('json')), 200),
    )
    .post('/', validate('json', BulkApprovalBody), async (c) =>
      c.json(await bulk.approve(c.var.session, c.req.valid('json'), { requestId: c.var.requestId }), 200),
    );
}
