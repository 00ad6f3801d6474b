import { WatchlistImportParam, WatchlistVersionParam } from '@kyc-review/contracts';
import { Hono } from 'hono';
import type { AppEnv } from '../http/app-env';
import { requireRole } from '../http/reviewer-middleware';
import { validate } from '../http/validate';
import { readWatchlistUpload } from '../http/watchlist-upload';
import type { ReviewServices } from '../services/create-review-services';

/**
 * The watchlist: its summary and versions; an import answers a preview and changes nothing
 * until it is confirmed; a lead may roll back to an earlier version.
 */
export function watchlistRoutes({ watchlist }: Pick<ReviewServices, 'watchlist'>) {
  return new Hono<AppEnv>()
    .get('/', async (c) => c.json(await watchlist.summary(c.var.session), 200))
    .get('/versions', async (c) => c.json(await watchlist.versions(c.var.session), 200))
    .get('/imports/pending', async (c) => c.json({ pending: await watchlist.pending(c.var.session) }, 200))
    .post('/import', requireRole('lead'), async (c) => {
      // Who may import is checked before a byte of the upload is read.
      watchlist.authorizeImport(c.var.session);
      const upload = readWatchlistUpload(c);
      try {
        const preview = await watchlist.import(
          c.var.session,
          upload.files,
          { format: upload.format, mode: upload.mode },
          { requestId: c.var.requestId },
        );
        return c.json(preview, 200);
      } finally {
        upload.close();
      }
    })
    .post('/imports/:importId/confirm', requireRole('lead'), validate('param', WatchlistImportParam), async (c) => {
      const { importId } = c.req.valid('param');
      return c.json(await watchlist.confirm(c.var.session, importId, { requestId: c.var.requestId }), 200);
    })
    .delete('/imports/:importId', requireRole('lead'), validate('param', WatchlistImportParam), async (c) => {
      await watchlist.discard(c.var.session, c.req.valid('param').importId);
      return c.body(null, 204);
    })
    .post('/versions/:version/rollback', requireRole('lead'), validate('param', WatchlistVersionParam), async (c) => {
      const { version } = c.req.valid('param');
      return c.json(await watchlist.rollback(c.var.session, version, { requestId: c.var.requestId }), 200);
    });
}
