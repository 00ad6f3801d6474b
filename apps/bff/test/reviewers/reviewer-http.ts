import { ErrorEnvelope, RecoveryCodesDto, SessionDto, TotpEnrolmentDto } from '@kyc-review/contracts';
import { z } from 'zod';
import { totpCode } from '../../src/crypto/totp';
import { apiHeaders, enterPortal, type PortalSession } from '../support/lifecycle';
import type { TestApp } from '../support/test-app';

// The reviewer sign-in flow over HTTP, as the SPA drives it (decision 017).

export const ADMIN = { display_name: 'Ada Admin', email: 'ada@example.test', password: 'ada has a long passphrase' };

/** A launch nobody is signed in on yet. */
export const launched = (t: TestApp) => enterPortal(t, { reviewer: null });

export const post = (t: TestApp, s: PortalSession, path: string, body?: unknown, extra: Record<string, string> = {}) =>
  t.app.request(path, {
    method: 'POST',
    headers: { ...apiHeaders(s), ...extra },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

export const sessionOf = async (t: TestApp, s: PortalSession | string) =>
  SessionDto.parse(
    await (await t.app.request('/api/session', { headers: { Cookie: typeof s === 'string' ? s : s.cookie } })).json(),
  );

export const errorOf = async (res: Response) => ErrorEnvelope.parse(await res.json()).error;

export async function enrol(t: TestApp, s: PortalSession, label = ADMIN.email) {
  const res = await post(t, s, '/api/session/totp-enrolment', { label });
  if (res.status !== 201) throw new Error(`enrolment answered ${res.status}`);
  return TotpEnrolmentDto.parse(await res.json());
}

export const codeFor = (t: TestApp, secret: string, offsetSeconds = 0) =>
  totpCode(secret, t.clock.now().getTime() + offsetSeconds * 1000);

/** Bootstraps the install's first admin on `s`; returns the TOTP secret and the recovery codes. */
export async function bootstrapAdmin(t: TestApp, s: PortalSession) {
  const { secret } = await enrol(t, s);
  const res = await post(t, s, '/api/session/bootstrap', { ...ADMIN, totp_code: codeFor(t, secret) });
  if (res.status !== 201) throw new Error(`bootstrap answered ${res.status}: ${await res.text()}`);
  return { secret, codes: RecoveryCodesDto.parse(await res.json()).recovery_codes };
}

export const count = (t: TestApp, table: string) =>
  z.object({ n: z.number() }).parse(t.db.prepare(`SELECT count(*) AS n FROM ${table}`).get()).n;
