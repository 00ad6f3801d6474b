import { Hono } from 'hono';
import { z } from 'zod';
import { CreateAlertBody, IdentityId, IdentityListQuery, PageQuery } from '@kyc-review/contracts';
import type { AppEnv } from '../http/app-env';
import { validate } from '../http/validate';
import type { AlertService } from '../services/alert-service';
import type { IdentityService } from '../services/identity-service';

const IdentityParam = z.object({ identityId: IdentityId });

/**
 * `/api/identities…` (issue 4): HTTP only. The tenant is `c.var.session`; no route takes
 * an install or instance id. Scopes are checked by the Cloud client before any call.
 */
export function identityRoutes(identities: IdentityService, alerts: AlertService) {
  return new Hono<AppEnv>()
    .get('/', validate('query', IdentityListQuery), async (c) =>
      c.json(await identities.list(c.var.session, c.req.valid('query')), 200),
    )
    .get('/:identityId', validate('param', IdentityParam), async (c) =>
      c.json(await identities.get(c.var.session, c.req.valid('param').identityId), 200),
    )
    .get('/:identityId/balances', validate('param', IdentityParam), async (c) =>
      c.json(await identities.balances(c.var.session, c.req.valid('param').identityId), 200),
    )
    .get('/:identityId/transactions', validate('param', IdentityParam), validate('query', PageQuery), async (c) =>
      c.json(await identities.transactions(c.var.session, c.req.valid('param').identityId, c.req.valid('query')), 200),
    )
    .post('/:identityId/alerts', validate('param', IdentityParam), validate('json', CreateAlertBody), async (c) =>
      c.json(await alerts.create(c.var.session, c.req.valid('param').identityId, c.req.valid('json')), 201),
    );
}
