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
    .get('/', requireRole('reviewer'), (c) => c.json(account.get(c.var.session, getCookie(c, DEVICE_COOKIE)), 200))
    .post('/devices/:deviceId/forget', requireRole('reviewer'), validate('param', DeviceParam), (c) => {
      account.forgetDevice(c.var.session, c.req.valid('param').deviceId, ctxOf(c));
      return c.json({ ok: true as const }, 200);
    })
    .post('/totp', requireRole('reviewer'), validate('json', TotpConfirmBody), (c) =>
      c.json({ recovery_codes: account.confirmTotp(c.var.session, c.req.valid('json').totp_code, ctxOf(c)) }, 201),
    )
    .post('/recovery-codes', requireRole('reviewer'), (c) =>
      c.json({ recovery_codes: account.regenerateRecoveryCodes(c.var.session, ctxOf(c)) }, 201),
    )
    .post('/cloud-user', requireRole('reviewer'), (c) => {
      account.linkCloudUser(c.var.session, ctxOf(c));
      return c.json({ ok: true as const }, 200);
    })
    .post('/cloud-user/unlink', requireRole('reviewer'), (c) => {
      account.unlinkCloudUser(c.var.session, ctxOf(c));
      return c.json({ ok: true as const }, 200);
    });
}
