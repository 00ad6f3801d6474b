import { Hono } from 'hono';
import type { AppEnv } from '../http/app-env';
import { readCsvText } from '../http/csv-body';
import type { ReviewServices } from '../services/create-review-services';

export function watchlistRoutes({ watchlist }: Pick<ReviewServices, 'watchlist'>) {
  return new Hono<AppEnv>()
    .get('/', (c) => c.json(watchlist.summary(c.var.session), 200))
    .post('/import', async (c) => {
      const text = await readCsvText(c);
      return c.json(watchlist.import(c.var.session, text, { requestId: c.var.requestId }), 200);
    });
}
