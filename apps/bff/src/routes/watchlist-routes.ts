import { Hono } from 'hono';
import type { AppEnv } from '../http/app-env';
import { requireRole } from '../http/reviewer-middleware';
import { readWatchlistUpload } from '../http/watchlist-upload';
import type { ReviewServices } from '../services/create-review-services';

export function watchlistRoutes({ watchlist }: Pick<ReviewServices, 'watchlist'>) {
  return new Hono<AppEnv>()
    .get('/', (c) => c.json(watchlist.summary(c.var.session), 200))
    .post('/import', requireRole('lead'), async (c) => {
      // Who may import is checked before a byte of the upload is read.
      watchlist.authorizeImport(c.var.session);
      const upload = readWatchlistUpload(c);
      try {
        const result = await watchlist.import(
          c.var.session,
          upload.files,
          { format: upload.format },
          {
            requestId: c.var.requestId,
          },
        );
        return c.json(result, 200);
      } finally {
        upload.close();
      }
    });
}
