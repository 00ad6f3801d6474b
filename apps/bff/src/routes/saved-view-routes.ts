import { Hono } from 'hono';
import { z } from 'zod';
import { SavedViewBody, SavedViewId } from '@kyc-review/contracts';
import type { AppEnv } from '../http/app-env';
import { validate } from '../http/validate';
import type { SavedViewService } from '../services/saved-view-service';

const ViewParam = z.object({ viewId: SavedViewId });

/** `/api/saved-views`: the signed-in reviewer's own named queue views (decision 021). */
export function savedViewRoutes(views: SavedViewService) {
  return new Hono<AppEnv>()
    .get('/', async (c) => c.json(await views.list(c.var.session), 200))
    .post('/', validate('json', SavedViewBody), async (c) =>
      c.json(await views.create(c.var.session, c.req.valid('json')), 201),
    )
    .delete('/:viewId', validate('param', ViewParam), async (c) => {
      await views.remove(c.var.session, c.req.valid('param').viewId);
      return c.body(null, 204);
    });
}
