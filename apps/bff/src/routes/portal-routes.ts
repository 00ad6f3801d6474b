import { Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { TokenExpiredError, TokenInvalidError } from '../errors';
import type { AppEnv } from '../http/app-env';
import { relaunchPage } from '../http/relaunch-page';
import { DEVICE_COOKIE, frameCookie, SESSION_COOKIE } from '../http/session-middleware';
import type { PortalService } from '../services/portal-service';

/**
 * `GET /portal/enter?token=…`: the URL Cloud loads in the iframe. Burns the token, sets
 * the session cookie and redirects with 303 so the token leaves the address bar and
 * never reaches script (docs/cloud-contract.md §8).
 */
export function portalRoutes(portal: PortalService) {
  return new Hono<AppEnv>().get('/enter', async (c) => {
    let entry;
    try {
      // A remembered browser (or a linked Cloud user) opens the launch already signed in.
      entry = await portal.enter(c.req.query('token'), getCookie(c, DEVICE_COOKIE));
    } catch (err) {
      if (err instanceof TokenExpiredError)
        return c.html(relaunchPage('This launch link has expired', err.message), 410);
      if (err instanceof TokenInvalidError)
        return c.html(relaunchPage('This launch link is not valid', err.message), 401);
      throw err;
    }
    c.set('logInstall', { installedAppId: entry.installedAppId });
    // Third-party cookie inside the Cloud iframe: Secure + SameSite=None + Partitioned (docs/cloud-contract.md §5).
    setCookie(c, SESSION_COOKIE, entry.sessionId, frameCookie(entry.maxAgeSeconds));
    return c.redirect('/', 303);
  });
}
