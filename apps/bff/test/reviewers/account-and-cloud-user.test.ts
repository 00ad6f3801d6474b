import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountDto, CreatedInvitationDto, RecoveryCodesDto } from '@kyc-review/contracts';
import { createTestApp, installApp, type TestApp } from '../support';
import { enterPortal, type PortalSession } from '../support/lifecycle';
import { ADMIN, bootstrapAdmin, codeFor, count, enrol, errorOf, post, sessionOf } from './reviewer-http';

// The reviewer's own account page and the Cloud user link, over HTTP against real SQLite
// (decision 017). Launches here are the legacy five-field kind: they name a Cloud user.

let t: TestApp;
let admin: PortalSession;
let adminSecret: string;
const ADA_CLOUD_USER = 'user_ada_cloud';
const launchedAs = (userId: string) => enterPortal(t, { reviewer: null, user_id: userId });

beforeEach(async () => {
  t = createTestApp();
  await installApp(t);
  admin = await launchedAs(ADA_CLOUD_USER);
  adminSecret = (await bootstrapAdmin(t, admin)).secret;
});
afterEach(() => t.close());

const SLOW = { timeout: 30_000 };
const PASSWORD = 'rita picks a long passphrase';
const get = (s: PortalSession, path: string) => t.app.request(path, { headers: { Cookie: s.cookie } });
const accountOf = async (s: PortalSession) => AccountDto.parse(await (await get(s, '/api/account')).json());

/** A reviewer (no authenticator) invited by the admin and signed in on a launch of `userId`. */
async function rita(userId = 'user_rita_cloud') {
  const created = CreatedInvitationDto.parse(
    await (
      await post(t, admin, '/api/reviewers/invitations', {
        display_name: 'Rita Reviewer',
        email: 'rita@example.test',
        role: 'reviewer',
      })
    ).json(),
  );
  const s = await launchedAs(userId);
  expect((await post(t, s, '/api/session/invitation/redeem', { code: created.code, password: PASSWORD })).status).toBe(
    201,
  );
  return s;
}

describe('my account', SLOW, () => {
  it('lists my remembered browsers (this one marked) and forgets one; nobody else can', async () => {
    await rita();
    const s = await launchedAs('user_rita_cloud');
    const res = await t.app.request('/api/session/sign-in', {
      method: 'POST',
      headers: {
        Cookie: s.cookie,
        'X-CSRF-Token': s.csrfToken,
        Origin: s.origin,
        'Content-Type': 'application/json',
        'User-Agent':
          'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36',
      },
      body: JSON.stringify({ email: 'rita@example.test', password: PASSWORD, remember: true }),
    });
    expect(res.status).toBe(200);
    const device = (res.headers.get('Set-Cookie') ?? '').split(';')[0] ?? '';
    const withDevice: PortalSession = { ...s, cookie: `${s.cookie}; ${device}` };
    const account = await accountOf(withDevice);
    expect(account).toMatchObject({
      reviewer: { email: 'rita@example.test', role: 'reviewer', totp_enabled: false },
      recovery_codes_left: 0,
      totp_required: false,
      launch_cloud_user_id: 'user_rita_cloud',
    });
    expect(account.devices).toHaveLength(1);
    expect(account.devices[0]).toMatchObject({ current: true });
    const deviceId = account.devices[0]?.device_id ?? '';
    // The admin's account does not have Rita's browser: 404, and it stays.
    expect((await post(t, admin, `/api/account/devices/${deviceId}/forget`)).status).toBe(404);
    expect(count(t, 'remembered_devices')).toBe(1);
    expect((await post(t, admin, '/api/account/devices/not-a-device/forget')).status).toBe(400);
    expect((await post(t, withDevice, `/api/account/devices/${deviceId}/forget`)).status).toBe(200);
    expect((await accountOf(withDevice)).devices).toEqual([]);
  });

  it('a reviewer turns on an authenticator; new recovery codes need a fresh second factor', async () => {
    const s = await rita();
    expect((await post(t, s, '/api/account/recovery-codes')).status).toBe(409);
    const { secret } = await enrol(t, s, 'rita@example.test');
    expect((await post(t, s, '/api/account/totp', { totp_code: '000000' })).status).toBe(400);
    const on = await post(t, s, '/api/account/totp', { totp_code: codeFor(t, secret) });
    expect(on.status).toBe(201);
    expect(RecoveryCodesDto.parse(await on.json()).recovery_codes).toHaveLength(10);
    expect(await accountOf(s)).toMatchObject({ reviewer: { totp_enabled: true }, recovery_codes_left: 10 });
    // Just proved: new recovery codes at once.
    expect((await post(t, s, '/api/account/recovery-codes')).status).toBe(201);
    for (let i = 0; i < 4; i++) {
      t.clock.advanceSeconds(240);
      await get(s, '/api/session');
    }
    const stale = await post(t, s, '/api/account/recovery-codes');
    expect(stale.status).toBe(401);
    expect((await errorOf(stale)).code).toBe('step_up_required');
    expect((await post(t, s, '/api/session/step-up', { code: codeFor(t, secret) })).status).toBe(200);
    const fresh = await post(t, s, '/api/account/recovery-codes');
    expect(fresh.status).toBe(201);
    // From now on Rita's sign-in asks for the code.
    const next = await launchedAs('user_other');
    const answer = await post(t, next, '/api/session/sign-in', { email: 'rita@example.test', password: PASSWORD });
    expect(await answer.json()).toEqual({ sign_in: 'second_factor_required' });
  });
});

describe('linking the Cloud user a launch names (legacy launches)', SLOW, () => {
  it('once linked, that Cloud user is signed in without the password; step-up still applies', async () => {
    expect((await sessionOf(t, admin)).can_link_cloud_user).toBe(true);
    expect((await post(t, admin, '/api/account/cloud-user')).status).toBe(200);
    expect(await sessionOf(t, admin)).toMatchObject({
      can_link_cloud_user: false,
      reviewer: { cloud_user_id: ADA_CLOUD_USER },
    });

    const next = await launchedAs(ADA_CLOUD_USER);
    const dto = await sessionOf(t, next);
    expect(dto).toMatchObject({ sign_in: 'signed_in', reviewer: { email: ADMIN.email } });
    // No second factor on this launch yet: a sensitive action asks for it.
    expect(dto.reviewer?.second_factor_fresh_until).toBeNull();
    const invite = { display_name: 'Lee', email: 'lee@example.test', role: 'lead' };
    const refused = await post(t, next, '/api/reviewers/invitations', invite);
    expect(refused.status).toBe(401);
    expect((await errorOf(refused)).code).toBe('step_up_required');
    t.clock.advanceSeconds(30); // the bootstrap took this time step's code
    expect((await post(t, next, '/api/session/step-up', { code: codeFor(t, adminSecret) })).status).toBe(200);
    expect((await post(t, next, '/api/reviewers/invitations', invite)).status).toBe(201);

    // Another Cloud user's launch is not signed in.
    expect((await sessionOf(t, await launchedAs('user_someone_else'))).sign_in).toBe('sign_in_required');
    // Unlinked, the password is needed again.
    expect((await post(t, next, '/api/account/cloud-user/unlink')).status).toBe(200);
    expect((await sessionOf(t, await launchedAs(ADA_CLOUD_USER))).sign_in).toBe('sign_in_required');
    const actions = t.db
      .prepare("SELECT action FROM kyc_audit WHERE action LIKE 'reviewer:cloud_user%' ORDER BY audit_id")
      .all()
      .map((r) => (r as { action: string }).action);
    expect(actions).toEqual(['reviewer:cloud_user_linked', 'reviewer:cloud_user_unlinked']);
  });

  it('a Cloud user already linked to another reviewer cannot be linked again (409), nothing stored', async () => {
    expect((await post(t, admin, '/api/account/cloud-user')).status).toBe(200);
    const s = await rita(ADA_CLOUD_USER);
    expect((await sessionOf(t, s)).can_link_cloud_user).toBe(true);
    const before = count(t, 'kyc_audit');
    const res = await post(t, s, '/api/account/cloud-user');
    expect(res.status).toBe(409);
    expect((await errorOf(res)).message).toMatch(/another reviewer/);
    expect(count(t, 'kyc_audit')).toBe(before);
  });

  it('a disabled reviewer is not signed in by their linked Cloud user', async () => {
    const s = await rita();
    expect((await post(t, s, '/api/account/cloud-user')).status).toBe(200);
    const ritaId = (await sessionOf(t, s)).reviewer?.reviewer_id ?? '';
    const res = await t.app.request(`/api/reviewers/${ritaId}`, {
      method: 'PATCH',
      headers: {
        Cookie: admin.cookie,
        'X-CSRF-Token': admin.csrfToken,
        Origin: admin.origin,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ status: 'disabled' }),
    });
    expect(res.status).toBe(200);
    expect((await sessionOf(t, await launchedAs('user_rita_cloud'))).sign_in).toBe('sign_in_required');
  });
});
