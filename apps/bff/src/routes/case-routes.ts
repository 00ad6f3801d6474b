import { Hono } from 'hono';
import { z } from 'zod';
import {
  CaseQueueQuery,
  DecisionBody,
  HitDispositionBody,
  HitId,
  HitReversalBody,
  IdentityId,
  OverrideBody,
  RevealBody,
} from '@kyc-review/contracts';
import type { AppEnv } from '../http/app-env';
import { requireRole } from '../http/reviewer-middleware';
import { validate } from '../http/validate';
import { expectedVersion } from './if-match';
import type { ReviewServices } from '../services/create-review-services';

const IdentityParam = z.object({ identityId: IdentityId });
const HitParam = IdentityParam.extend({ hitId: HitId });

/**
 * The review queue and the case view (API map, issue 5). HTTP only: services do the rest.
 * Overrides and verdict reversals are the leads' (decision 020); the services check it again.
 */
export function caseRoutes({ cases, decisions, hits }: Pick<ReviewServices, 'cases' | 'decisions' | 'hits'>) {
  return new Hono<AppEnv>()
    .get('/', validate('query', CaseQueueQuery), (c) => c.json(cases.queue(c.var.session, c.req.valid('query')), 200))
    .post('/refresh', (c) => c.json(cases.refresh(c.var.session), 202))
    .get('/:identityId', validate('param', IdentityParam), async (c) => {
      const dto = await cases.open(c.var.session, c.req.valid('param').identityId);
      c.header('ETag', cases.etag(c.var.session, dto.case.identity_id));
      return c.json(dto, 200);
    })
    .post('/:identityId/decisions', validate('param', IdentityParam), validate('json', DecisionBody), async (c) => {
      const ctx = { requestId: c.var.requestId, expectedVersion: expectedVersion(c.req.header('If-Match')) };
      const dto = await decisions.decide(c.var.session, c.req.valid('param').identityId, c.req.valid('json'), ctx);
      c.header('ETag', cases.etag(c.var.session, dto.case.identity_id));
      return c.json(dto, 200);
    })
    .post('/:identityId/hits/:hitId', validate('param', HitParam), validate('json', HitDispositionBody), async (c) => {
      const { identityId, hitId } = c.req.valid('param');
      const dto = await hits.dispose(c.var.session, identityId, hitId, c.req.valid('json'), {
        requestId: c.var.requestId,
      });
      c.header('ETag', cases.etag(c.var.session, dto.case.identity_id));
      return c.json(dto, 200);
    })
    .post(
      '/:identityId/override',
      requireRole('lead'),
      validate('param', IdentityParam),
      validate('json', OverrideBody),
      async (c) => {
        const ctx = { requestId: c.var.requestId, expectedVersion: expectedVersion(c.req.header('If-Match')) };
        const dto = await decisions.override(c.var.session, c.req.valid('param').identityId, c.req.valid('json'), ctx);
        c.header('ETag', cases.etag(c.var.session, dto.case.identity_id));
        return c.json(dto, 200);
      },
    )
    .post(
      '/:identityId/hits/:hitId/reversal',
      requireRole('lead'),
      validate('param', HitParam),
      validate('json', HitReversalBody),
      async (c) => {
        const { identityId, hitId } = c.req.valid('param');
        const dto = await hits.reverse(c.var.session, identityId, hitId, c.req.valid('json'), {
          requestId: c.var.requestId,
        });
        c.header('ETag', cases.etag(c.var.session, dto.case.identity_id));
        return c.json(dto, 200);
      },
    )
    .post('/:identityId/reveal', validate('param', IdentityParam), validate('json', RevealBody), async (c) => {
      c.header('Cache-Control', 'no-store');
      const { identityId } = c.req.valid('param');
      return c.json(
        await cases.reveal(c.var.session, identityId, c.req.valid('json'), { requestId: c.var.requestId }),
        200,
      );
    })
    .get('/:identityId/history', validate('param', IdentityParam), (c) =>
      c.json(cases.history(c.var.session, c.req.valid('param').identityId), 200),
    );
}
