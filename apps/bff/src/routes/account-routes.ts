import { Hono, type Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { z } from 'zod';
import { DeviceId, TotpConfirmBody } from '@kyc-review/contracts';
import type { AppEnv } from '../http/app-env';
import { requireRole } from '../http/reviewer-middleware';
import { DEVICE_COOKIE } from '../http/session-middleware';
import { validate } from '../http/validate';
import type { ReviewerAccountService } from '../services/reviewer-account-service';

const ctxOf = (c: Context<AppEnv>) => ({ requestId: c.var.requestId });
const DeviceParam = z.object({ deviceId: DeviceId });

/** `/api/account`: the signed-in reviewer's own page (decision 017); every reviewer has one. */
export function accountRoutes(account: ReviewerAccountService) {
  return new Hono<AppEnv>()
    .get('/', requireRole('reviewer'), async (c) =>
      c.json(await account.get(c.var.session, getCookie(c, DEVICE_COOKIE)), 200),
    )
    .post('/devices/:deviceId/forget', requireRole('reviewer'), validate('param', DeviceParam), async (c) => {
      await account.forgetDevice(c.var.session, c.req.valid('param').deviceId, ctxOf(c));
      return c.json({ ok: true as const }, 200);
    })
    .post('/totp', requireRole('reviewer'), validate('json', TotpConfirmBody), async (c) =>
      c.json(
        { recovery_codes: await account.confirmTotp(c.var.session, c.req.valid('json').totp_code, ctxOf(c)) },
        201,
      ),
    )
    .post('/recovery-codes', requireRole('reviewer'), async (c) =>
      c.json({ recovery_codes: await account.regenerateRecoveryCodes(c.var.session, ctxOf(c)) }, 201),
    )
    .post('/cloud-user', requireRole('reviewer'), async (c) => {
      await account.linkCloudUser(c.var.session, ctxOf(c));
      return c.json({ ok: true as const }, 200);
    })
    .post('/cloud-user/unlink', requireRole('reviewer'), async (c) => {
      await account.unlinkCloudUser(c.var.session, ctxOf(c));
      return c.json({ ok: true as const }, 200);
    });
}
