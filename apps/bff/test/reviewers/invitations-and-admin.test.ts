import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CreatedInvitationDto,
  InvitationPreviewDto,
  RecoveryCodesDto,
  InvitationDto,
  ReviewerDto,
  ReviewerListDto,
} from '@kyc-review/contracts';
import { createTestApp, installApp, type TestApp } from '../support';
import type { PortalSession } from '../support/lifecycle';
import { ADMIN, bootstrapAdmin, codeFor, count, enrol, errorOf, launched, post, sessionOf } from './reviewer-http';

// Invitations and the admin page over HTTP against real SQLite (decision 017, docs/cloud-contract.md §9):
// an admin invites, the colleague redeems from their own launch; roles, disable, the last
// admin, the "second factor for everyone" policy, and step-up on every change.

let t: TestApp;
let admin: PortalSession;
let adminSecret: string;
beforeEach(async () => {
  t = createTestApp();
  await installApp(t);
  admin = await launched(t);
  adminSecret = (await bootstrapAdmin(t, admin)).secret;
});
afterEach(() => t.close());

const SLOW = { timeout: 30_000 };
const LEAD = { display_name: 'Lee Lead', email: 'lee@example.test', role: 'lead' as const };
const REVIEWER = { display_name: 'Rita Reviewer', email: 'rita@example.test', role: 'reviewer' as const };
const PASSWORD = 'a colleague picks a long one';

const get = (s: PortalSession, path: string) => t.app.request(path, { headers: { Cookie: s.cookie } });
const patch = (s: PortalSession, path: string, body: unknown) =>
  t.app.request(path, {
    method: 'PATCH',
    headers: { Cookie: s.cookie, 'X-CSRF-Token': s.csrfToken, Origin: s.origin, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
const put = (s: PortalSession, path: string, body: unknown) =>
  t.app.request(path, {
    method: 'PUT',
    headers: { Cookie: s.cookie, 'X-CSRF-Token': s.csrfToken, Origin: s.origin, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

async function invite(body: unknown = LEAD) {
  const res = await post(t, admin, '/api/reviewers/invitations', body);
  if (res.status !== 201) throw new Error(`invite answered ${res.status}: ${await res.text()}`);
  return CreatedInvitationDto.parse(await res.json());
}

/** Redeems `code` on a fresh launch, enrolling an authenticator when `withTotp`. */
async function redeem(code: string, withTotp = true) {
  const s = await launched(t);
  const preview = await post(t, s, '/api/session/invitation', { code });
  if (preview.status !== 200) throw new Error(`the invitation answered ${preview.status}`);
  const secret = withTotp ? (await enrol(t, s, 'colleague')).secret : null;
  const res = await post(t, s, '/api/session/invitation/redeem', {
    code,
    password: PASSWORD,
    ...(secret === null ? {} : { totp_code: codeFor(t, secret) }),
  });
  return { s, res, secret };
}

/** Lets time pass with the admin's launch in use (the session's idle limit is 15 minutes). */
async function busyFor(seconds: number) {
  for (let left = seconds; left > 0; left -= 300) {
    t.clock.advanceSeconds(Math.min(300, left));
    await get(admin, '/api/session');
  }
}

/** The admin signs in again on a new launch (password and TOTP). */
async function adminSignsIn() {
  admin = await launched(t);
  await post(t, admin, '/api/session/sign-in', { email: ADMIN.email, password: ADMIN.password });
  const res = await post(t, admin, '/api/session/second-factor', { code: codeFor(t, adminSecret) });
  if (res.status !== 200) throw new Error(`the admin's sign-in answered ${res.status}`);
}

const listOf = async () => ReviewerListDto.parse(await (await get(admin, '/api/reviewers')).json());
const actions = () =>
  t.db
    .prepare("SELECT action FROM kyc_audit WHERE action LIKE 'reviewer:%' ORDER BY audit_id")
    .all()
    .map((r) => (r as { action: string }).action);

describe('invitations', SLOW, () => {
  it('an admin invites a lead; the colleague redeems it on their own launch with a password and TOTP', async () => {
    const created = await invite();
    expect(created.invitation).toMatchObject({ ...LEAD, state: 'pending', created_by_name: ADMIN.display_name });
    expect(Date.parse(created.invitation.expires_at) - t.clock.now().getTime()).toBe(72 * 3_600_000);
    // Stored hashed: the code itself is nowhere in the database.
    expect(JSON.stringify(t.db.prepare('SELECT * FROM reviewer_invitations').all())).not.toContain(created.code);
    expect((await listOf()).invitations.map((i) => i.invitation_id)).toEqual([created.invitation.invitation_id]);

    const s = await launched(t);
    const preview = await post(t, s, '/api/session/invitation', { code: created.code });
    expect(preview.status).toBe(200);
    expect(InvitationPreviewDto.parse(await preview.json())).toMatchObject({ ...LEAD, totp_required: true });
    const { secret } = await enrol(t, s, LEAD.email);
    // A lead without the authenticator's code is refused, naming the field, and nothing is stored.
    const before = count(t, 'reviewers');
    const without = await post(t, s, '/api/session/invitation/redeem', { code: created.code, password: PASSWORD });
    expect(without.status).toBe(400);
    expect(JSON.stringify((await errorOf(without)).details)).toContain('"field":"totp_code"');
    expect(count(t, 'reviewers')).toBe(before);

    const res = await post(t, s, '/api/session/invitation/redeem', {
      code: created.code,
      password: PASSWORD,
      totp_code: codeFor(t, secret),
    });
    expect(res.status).toBe(201);
    expect(RecoveryCodesDto.parse(await res.json()).recovery_codes).toHaveLength(10);
    expect(await sessionOf(t, s)).toMatchObject({
      sign_in: 'signed_in',
      reviewer: { display_name: LEAD.display_name, email: LEAD.email, role: 'lead', totp_enabled: true },
    });
    expect((await listOf()).invitations).toEqual([]);
    expect(actions()).toContain('reviewer:invited');
    expect(actions()).toContain('reviewer:invitation_redeemed');

    // Single use: the same code again is 410, and so is its preview.
    const again = await launched(t);
    const used = await post(t, again, '/api/session/invitation', { code: created.code });
    expect(used.status).toBe(410);
    expect(await errorOf(used)).toMatchObject({ code: 'invitation_gone', details: { reason: 'redeemed' } });

    // The new lead signs in later with the password and the TOTP code.
    t.clock.advanceSeconds(60);
    const later = await launched(t);
    expect((await post(t, later, '/api/session/sign-in', { email: LEAD.email, password: PASSWORD })).status).toBe(200);
    expect((await post(t, later, '/api/session/second-factor', { code: codeFor(t, secret) })).status).toBe(200);
    expect((await sessionOf(t, later)).reviewer?.role).toBe('lead');
  });

  it('a reviewer may redeem without an authenticator (optional for reviewers)', async () => {
    const created = await invite(REVIEWER);
    const { s, res } = await redeem(created.code, false);
    expect(res.status).toBe(201);
    expect(RecoveryCodesDto.parse(await res.json()).recovery_codes).toEqual([]);
    expect((await sessionOf(t, s)).reviewer).toMatchObject({ role: 'reviewer', totp_enabled: false });
  });

  it('expired after 72 hours, revoked, or unknown: 410 / 410 / 404, nothing stored', async () => {
    const old = await invite();
    t.clock.advanceSeconds(72 * 3600 + 1);
    await adminSignsIn();
    const revoked = await invite(REVIEWER);
    const revoke = await post(t, admin, `/api/reviewers/invitations/${revoked.invitation.invitation_id}/revoke`);
    expect(revoke.status).toBe(200);
    expect(InvitationDto.parse(await revoke.json()).state).toBe('revoked');
    expect((await listOf()).invitations.map((i) => [i.email, i.state])).toEqual([[LEAD.email, 'expired']]);
    const before = count(t, 'reviewers') + count(t, 'kyc_audit');
    for (const [code, status, reason] of [
      [old.code, 410, 'expired'],
      [revoked.code, 410, 'revoked'],
      ['a'.repeat(43), 404, undefined],
    ] as const) {
      const s = await launched(t);
      const res = await post(t, s, '/api/session/invitation/redeem', { code, password: PASSWORD });
      expect(res.status, code).toBe(status);
      if (reason !== undefined) expect((await errorOf(res)).details).toEqual({ reason });
    }
    expect(count(t, 'reviewers') + count(t, 'kyc_audit')).toBe(before);
    // Revoking twice is a conflict, not a second audit entry.
    expect((await post(t, admin, `/api/reviewers/invitations/${revoked.invitation.invitation_id}/revoke`)).status).toBe(
      409,
    );
  });

  it('two redeems of one code at the same moment: exactly one reviewer', async () => {
    const created = await invite(REVIEWER);
    const [a, b] = [await launched(t), await launched(t)];
    const body = { code: created.code, password: PASSWORD };
    const [ra, rb] = await Promise.all([
      post(t, a, '/api/session/invitation/redeem', body),
      post(t, b, '/api/session/invitation/redeem', body),
    ]);
    expect([ra.status, rb.status].sort()).toEqual([201, 410]);
    expect(count(t, 'reviewers')).toBe(2);
  });

  it('malformed bodies are 400 with the fields named; a taken email is 409; nothing is stored', async () => {
    const before = count(t, 'reviewer_invitations') + count(t, 'kyc_audit');
    for (const [body, field] of [
      [{ ...LEAD, email: 'not an email' }, 'email'],
      [{ ...LEAD, display_name: '' }, 'display_name'],
      [{ ...LEAD, role: 'owner' }, 'role'],
      [{ email: LEAD.email, role: 'lead' }, 'display_name'],
    ] as const) {
      const res = await post(t, admin, '/api/reviewers/invitations', body);
      expect(res.status, field).toBe(400);
      expect(JSON.stringify((await errorOf(res)).details)).toContain(`"field":"${field}"`);
    }
    const taken = await post(t, admin, '/api/reviewers/invitations', { ...LEAD, email: ADMIN.email });
    expect(taken.status).toBe(409);
    expect(count(t, 'reviewer_invitations') + count(t, 'kyc_audit')).toBe(before);

    const created = await invite(REVIEWER);
    expect((await post(t, admin, '/api/reviewers/invitations', REVIEWER)).status).toBe(409);
    const s = await launched(t);
    const afterInvite = count(t, 'reviewers') + count(t, 'kyc_audit');
    for (const [body, field] of [
      [{ code: 'short', password: PASSWORD }, 'code'],
      [{ code: created.code, password: 'short' }, 'password'],
      [{ code: created.code, password: 'password1234' }, 'password'],
      [{ code: created.code, password: 'rita@example.test is mine' }, 'password'],
      [{ code: created.code, password: PASSWORD, totp_code: '12' }, 'totp_code'],
      [{ code: created.code, password: PASSWORD, totp_code: '123456' }, 'totp_code'],
    ] as const) {
      const res = await post(t, s, '/api/session/invitation/redeem', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify((await errorOf(res)).details)).toContain(`"field":"${field}"`);
    }
    expect(count(t, 'reviewers') + count(t, 'kyc_audit')).toBe(afterInvite);
  });
});

describe('the admin page', SLOW, () => {
  it('lists reviewers; a lead or reviewer may not see or change it', async () => {
    const lead = (await redeem((await invite()).code)).s;
    const list = await listOf();
    expect(list.reviewers.map((r) => [r.display_name, r.role, r.status])).toEqual([
      [ADMIN.display_name, 'admin', 'active'],
      [LEAD.display_name, 'lead', 'active'],
    ]);
    expect(list.reviewers[1]?.last_sign_in_at).not.toBeNull();
    expect(list.require_totp_for_all).toBe(false);
    for (const res of [
      await get(lead, '/api/reviewers'),
      await post(t, lead, '/api/reviewers/invitations', REVIEWER),
    ]) {
      expect(res.status).toBe(403);
      expect((await errorOf(res)).code).toBe('role_required');
    }
  });

  it('disabling ends their sessions and remembered browsers at once; re-enabling lets them sign in again', async () => {
    const { s: rita } = await redeem((await invite(REVIEWER)).code, false);
    const ritaId = (await sessionOf(t, rita)).reviewer?.reviewer_id ?? '';
    // Rita signs in on another launch and asks to be remembered.
    const other = await launched(t);
    const signIn = await post(t, other, '/api/session/sign-in', {
      email: REVIEWER.email,
      password: PASSWORD,
      remember: true,
    });
    expect(signIn.status).toBe(200);
    expect(signIn.headers.get('Set-Cookie')).toContain('__Host-kyc_device=');
    expect(count(t, 'remembered_devices')).toBe(1);

    const res = await patch(admin, `/api/reviewers/${ritaId}`, { status: 'disabled' });
    expect(res.status).toBe(200);
    expect(ReviewerDto.parse(await res.json()).status).toBe('disabled');
    for (const s of [rita, other]) {
      expect((await sessionOf(t, s)).sign_in).toBe('sign_in_required');
      expect((await get(s, '/api/account')).status).toBe(401);
    }
    expect(count(t, 'remembered_devices')).toBe(0);
    const refused = await post(t, other, '/api/session/sign-in', { email: REVIEWER.email, password: PASSWORD });
    expect(refused.status).toBe(403);
    expect((await errorOf(refused)).code).toBe('reviewer_disabled');

    expect((await patch(admin, `/api/reviewers/${ritaId}`, { status: 'active' })).status).toBe(200);
    expect((await post(t, other, '/api/session/sign-in', { email: REVIEWER.email, password: PASSWORD })).status).toBe(
      200,
    );
    expect(actions()).toEqual(expect.arrayContaining(['reviewer:disabled', 'reviewer:enabled']));
  });

  it('the last active admin can be neither disabled nor demoted (409 last_admin); with a second admin they can', async () => {
    const adminId = (await sessionOf(t, admin)).reviewer?.reviewer_id ?? '';
    const before = count(t, 'kyc_audit');
    for (const body of [{ status: 'disabled' }, { role: 'lead' }]) {
      const res = await patch(admin, `/api/reviewers/${adminId}`, body);
      expect(res.status).toBe(409);
      expect(await errorOf(res)).toMatchObject({
        code: 'last_admin',
        message: expect.stringMatching(/last active admin/),
      });
    }
    expect(count(t, 'kyc_audit')).toBe(before);
    const { s: lee } = await redeem((await invite()).code);
    const leeId = (await sessionOf(t, lee)).reviewer?.reviewer_id ?? '';
    expect((await patch(admin, `/api/reviewers/${leeId}`, { role: 'admin' })).status).toBe(200);
    expect((await sessionOf(t, lee)).reviewer?.role).toBe('admin');
    expect((await patch(admin, `/api/reviewers/${adminId}`, { role: 'lead' })).status).toBe(200);
    expect((await sessionOf(t, admin)).reviewer?.role).toBe('lead');
  });

  it('bad ids and bodies: 400 naming the field, unknown reviewer 404, nothing stored', async () => {
    const before = count(t, 'kyc_audit');
    expect((await patch(admin, '/api/reviewers/not-a-reviewer', { role: 'lead' })).status).toBe(400);
    const empty = await patch(admin, '/api/reviewers/rvw_00000000-0000-0000-0000-000000000000', {});
    expect(empty.status).toBe(400);
    const bad = await patch(admin, '/api/reviewers/rvw_00000000-0000-0000-0000-000000000000', { role: 'boss' });
    expect(JSON.stringify((await errorOf(bad)).details)).toContain('"field":"role"');
    expect(
      (await patch(admin, '/api/reviewers/rvw_00000000-0000-0000-0000-000000000000', { role: 'lead' })).status,
    ).toBe(404);
    expect(count(t, 'kyc_audit')).toBe(before);
  });

  it('a reviewer promoted to lead without an authenticator sets one up at the next sign-in', async () => {
    const { s: rita } = await redeem((await invite(REVIEWER)).code, false);
    const ritaId = (await sessionOf(t, rita)).reviewer?.reviewer_id ?? '';
    expect((await patch(admin, `/api/reviewers/${ritaId}`, { role: 'lead' })).status).toBe(200);
    // Her sign-ins end: a lead needs a second factor she does not have yet.
    expect((await sessionOf(t, rita)).sign_in).toBe('sign_in_required');
    const s = await launched(t);
    const answer = await post(t, s, '/api/session/sign-in', { email: REVIEWER.email, password: PASSWORD });
    expect(await answer.json()).toEqual({ sign_in: 'totp_setup_required' });
    expect((await sessionOf(t, s)).sign_in).toBe('totp_setup_required');
    expect((await get(s, '/api/cases')).status).toBe(401);
    const { secret } = await enrol(t, s, REVIEWER.email);
    const wrong = await post(t, s, '/api/session/totp-setup', { totp_code: codeFor(t, secret, 600) });
    expect(wrong.status).toBe(400);
    const done = await post(t, s, '/api/session/totp-setup', { totp_code: codeFor(t, secret) });
    expect(done.status).toBe(201);
    expect(RecoveryCodesDto.parse(await done.json()).recovery_codes).toHaveLength(10);
    expect((await sessionOf(t, s)).reviewer).toMatchObject({ role: 'lead', totp_enabled: true });
  });

  it('"a second factor for everyone": reviewers without one are signed out and set one up next time', async () => {
    const { s: rita } = await redeem((await invite(REVIEWER)).code, false);
    const res = await put(admin, '/api/reviewers/policy', { require_totp_for_all: true });
    expect(res.status).toBe(200);
    expect((await listOf()).require_totp_for_all).toBe(true);
    expect((await sessionOf(t, rita)).sign_in).toBe('sign_in_required');
    const s = await launched(t);
    const answer = await post(t, s, '/api/session/sign-in', { email: REVIEWER.email, password: PASSWORD });
    expect(await answer.json()).toEqual({ sign_in: 'totp_setup_required' });
    // A new reviewer's invitation now needs an authenticator too.
    const next = await invite({ ...REVIEWER, email: 'ron@example.test', display_name: 'Ron' });
    const preview = await post(t, await launched(t), '/api/session/invitation', { code: next.code });
    expect(InvitationPreviewDto.parse(await preview.json()).totp_required).toBe(true);
    expect((await put(admin, '/api/reviewers/policy', { require_totp_for_all: 'yes' })).status).toBe(400);
    expect(actions()).toContain('reviewer:policy_changed');
  });

  it('every change needs a second factor confirmed in the last 15 minutes', async () => {
    await busyFor(15 * 60 + 1);
    const adminId = (await sessionOf(t, admin)).reviewer?.reviewer_id ?? '';
    const before = count(t, 'kyc_audit') + count(t, 'reviewer_invitations') + count(t, 'reviewer_policy');
    for (const res of [
      await post(t, admin, '/api/reviewers/invitations', LEAD),
      await put(admin, '/api/reviewers/policy', { require_totp_for_all: true }),
      await patch(admin, `/api/reviewers/${adminId}`, { role: 'admin' }),
      await post(t, admin, `/api/reviewers/${adminId}/forget-browsers`),
    ]) {
      expect(res.status).toBe(401);
      expect((await errorOf(res)).code).toBe('step_up_required');
    }
    expect(count(t, 'kyc_audit') + count(t, 'reviewer_invitations') + count(t, 'reviewer_policy')).toBe(before);
    // Reading the list is not a change; after a step-up the change goes through.
    expect((await get(admin, '/api/reviewers')).status).toBe(200);
    const wrong = await post(t, admin, '/api/session/step-up', { code: codeFor(t, adminSecret, 600) });
    expect(wrong.status).toBe(401);
    expect((await post(t, admin, '/api/session/step-up', { code: codeFor(t, adminSecret) })).status).toBe(200);
    expect((await post(t, admin, '/api/reviewers/invitations', LEAD)).status).toBe(201);
  });
});
