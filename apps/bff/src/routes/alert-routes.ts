import { Hono } from 'hono';
import { z } from 'zod';
import { AlertId, AlertListQuery, PageQuery, UpdateAlertBody } from '@kyc-review/contracts';
import type { AppEnv } from '../http/app-env';
import { validate } from '../http/validate';
import type { AlertService } from '../services/alert-service';

const AlertParam = z.object({ alertId: AlertId });
const AlertListParams = AlertListQuery.extend(PageQuery.shape);

/** `/api/alerts…` (issue 4): Cloud's Alerts API for the session's install. Raising one is on `/api/identities/:id/alerts`. */
export function alertRoutes(alerts: AlertService) {
  return new Hono<AppEnv>()
    .get('/', validate('query', AlertListParams), async (c) => {
      const { identity_id: identityId, page, pageSize } = c.req.valid('query');
      return c.json(await alerts.list(c.var.session, { identityId, page, pageSize }), 200);
    })
    .get('/statuses', async (c) => c.json(await alerts.statuses(c.var.session), 200))
    .get('/:alertId', validate('param', AlertParam), async (c) =>
      c.json(await alerts.get(c.var.session, c.req.valid('param').alertId), 200),
    )
    .patch('/:alertId', validate('param', AlertParam), validate('json', UpdateAlertBody), async (c) =>
      c.json(await alerts.update(c.var.session, c.req.valid('param').alertId, c.req.valid('json')), 200),
    );
}
