import { Hono } from 'hono';
import { z } from 'zod';
import { IdentityId, InfoReceivedBody, InfoRequestBody } from '@kyc-review/contracts';
import type { AppEnv } from '../http/app-env';
import { validate } from '../http/validate';
import type { InfoRequestService } from '../services/info-request-service';
import { expectedVersion } from './if-match';

const CaseParam = z.object({ identityId: IdentityId });

/** `/api/cases/:identityId/info-requests` (decision 021): what was asked, asking, and "received". */
export function infoRequestRoutes(requests: InfoRequestService) {
  return new Hono<AppEnv>()
    .get('/:identityId/info-requests', validate('param', CaseParam), (c) =>
      c.json(requests.list(c.var.session, c.req.valid('param').identityId), 200),
    )
    .post('/:identityId/info-requests', validate('param', CaseParam), validate('json', InfoRequestBody), async (c) => {
      const ctx = { requestId: c.var.requestId, expectedVersion: expectedVersion(c.req.header('If-Match')) };
      return c.json(
        await requests.request(c.var.session, c.req.valid('param').identityId, c.req.valid('json'), ctx),
        200,
      );
    })
    .post(
      '/:identityId/info-requests/received',
      validate('param', CaseParam),
      validate('json', InfoReceivedBody),
      async (c) => {
        const ctx = { requestId: c.var.requestId, expectedVersion: expectedVersion(c.req.header('If-Match')) };
        return c.json(
          await requests.received(c.var.session, c.req.valid('param').identityId, c.req.valid('json'), ctx),
          200,
        );
      },
    );
}
