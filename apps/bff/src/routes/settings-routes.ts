import { Hono } from 'hono';
import { KycSettings, SettingsHistoryQuery } from '@kyc-review/contracts';
import type { AppEnv } from '../http/app-env';
import { validate } from '../http/validate';
import { requireRole } from '../http/reviewer-middleware';
import type { ReviewServices } from '../services/create-review-services';

/** Per-install settings of the checks; a change is audited and re-assesses every case. */
export function settingsRoutes({ settings, settingsImpact }: Pick<ReviewServices, 'settings' | 'settingsImpact'>) {
  return (
    new Hono<AppEnv>()
      .get('/', (c) => c.json(settings.get(c.var.session), 200))
      .get('/history', requireRole('lead'), validate('query', SettingsHistoryQuery), async (c) =>
        c.json(await settings.history(c.var.session, c.req.valid('query')), 200),
      )
      .put('/', requireRole('lead'), validate('json', KycSettings), (c) =>
        c.json(settings.update(c.var.session, c.req.valid('json'), { requestId: c.var.requestId }), 200),
      )
      // What saving these settings would do, before saving: nothing is written (decision 011).
      .post('/impact', requireRole('lead'), validate('json', KycSettings), async (c) =>
        c.json(await settingsImpact.preview(c.var.session, c.req.valid('json')), 200),
      )
  );
}
