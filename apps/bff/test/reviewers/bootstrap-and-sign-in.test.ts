import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, installApp, type TestApp } from '../support';
import { ADMIN, bootstrapAdmin, codeFor, count, enrol, errorOf, launched, post, sessionOf } from './reviewer-http';

// Bootstrap, password + TOTP sign-in and their failures, over HTTP against real SQLite, with
// today's three-field launches (no Cloud user): decision 017, docs/cloud-contract.md §9.

let t: TestApp;
beforeEach(async () => {
  t = createTestApp();
  await installApp(t);
});
afterEach(() => t.close());

// Each password check is a real scrypt (tens of ms, more on a busy machine): generous time-outs.
const SLOW = { timeout: 30_000 };

describe('bootstrap', SLOW, () => {
  it('the first launch of an install with no reviewers sets up its admin, once', async () => {
    const s = await launched(t);
    expect(await sessionOf(t, s)).toMatchObject({ sign_in: 'bootstrap_required', reviewer: null });
    // Every other /api route waits for a reviewer.
    const cases = await t.app.request('/api/cases', { headers: { Cookie: s.cookie } });
    expect(cases.status).toBe(401);
    expect((await errorOf(cases)).code).toBe('reviewer_required');

    const { codes } = await bootstrapAdmin(t, s);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const dto = await sessionOf(t, s);
    expect(dto).toMatchObject({ sign_in: 'signed_in', can_edit_settings: true });
    expect(dto.reviewer).toMatchObject({
      display_name: ADMIN.display_name,
      email: ADMIN.email,
      role: 'admin',
      totp_enabled: true,
    });
    expect(dto.reviewer?.second_factor_fresh_until).not.toBeNull();

    const later = await launched(t);
    expect((await sessionOf(t, later)).sign_in).toBe('sign_in_required');
    const { secret } = await enrol(t, later, 'eve@example.test');
    const again = await post(t, later, '/api/session/bootstrap', {
      display_name: 'Eve',
      email: 'eve@example.test',
      password: 'eve wants to be admin too',
      totp_code: codeFor(t, secret),
    });
    expect(again.status).toBe(409);
    expect((await errorOf(again)).code).toBe('already_set_up');
    expect(count(t, 'reviewers')).toBe(1);
  });

  it('two bootstraps at the same moment: exactly one admin, the other a clean 409', async () => {
    const a = await launched(t);
    const b = await launched(t);
    const [ea, eb] = [await enrol(t, a), await enrol(t, b, 'bob@example.test')];
    const [ra, rb] = await Promise.all([
      post(t, a, '/api/session/bootstrap', { ...ADMIN, totp_code: codeFor(t, ea.secret) }),
      post(t, b, '/api/session/bootstrap', {
        display_name: 'Bob',
        email: 'bob@example.test',
        password: 'bob races ada to it',
        totp_code: codeFor(t, eb.secret),
      }),
    ]);
    expect([ra.status, rb.status].sort()).toEqual([201, 409]);
    const loser = ra.status === 409 ? ra : rb;
    expect((await errorOf(loser)).code).toBe('already_set_up');
    expect(count(t, 'reviewers')).toBe(1);
    expect(count(t, 'reviewer_bootstrap')).toBe(1);
    const signedIn = [await sessionOf(t, a), await sessionOf(t, b)].filter((d) => d.sign_in === 'signed_in');
    expect(signedIn).toHaveLength(1);
  });

  it('a wrong code, a weak password or a malformed body is a 400 naming the field, and stores nothing', async () => {
    const s = await launched(t);
    const { secret } = await enrol(t, s);
    const before = count(t, 'reviewers') + count(t, 'kyc_audit') + count(t, 'reviewer_recovery_codes');
    const cases: [unknown, string][] = [
      [{ ...ADMIN, totp_code: codeFor(t, secret, 600) }, 'totp_code'],
      [{ ...ADMIN, password: 'password1234', totp_code: codeFor(t, secret) }, 'password'],
      [{ ...ADMIN, password: 'Ada Admin has a long one', totp_code: codeFor(t, secret) }, 'password'],
      [{ ...ADMIN, password: 'short', totp_code: codeFor(t, secret) }, 'password'],
      [{ ...ADMIN, email: 'not an email', totp_code: codeFor(t, secret) }, 'email'],
      [{ ...ADMIN, display_name: '', totp_code: codeFor(t, secret) }, 'display_name'],
      [{ ...ADMIN }, 'totp_code'],
    ];
    for (const [body, field] of cases) {
      const res = await post(t, s, '/api/session/bootstrap', body);
      expect(res.status, field).toBe(400);
      const error = await errorOf(res);
      expect(error.code).toBe('validation_failed');
      expect(JSON.stringify(error.details)).toContain(`"field":"${field}"`);
    }
    expect(count(t, 'reviewers') + count(t, 'kyc_audit') + count(t, 'reviewer_recovery_codes')).toBe(before);
    expect((await sessionOf(t, s)).sign_in).toBe('bootstrap_required');
  });
});

describe('sign-in', SLOW, () => {
  it('password, then the TOTP code; wrong password, unknown email and wrong code all get the same answer', async () => {
    const { secret } = await bootstrapAdmin(t, await launched(t));
    t.clock.advanceSeconds(60);
    const s = await launched(t);
    const answers = [];
    for (const body of [
      { email: ADMIN.email, password: 'not the password at all' },
      { email: 'nobody@example.test', password: ADMIN.password },
    ]) {
      const res = await post(t, s, '/api/session/sign-in', body);
      expect(res.status).toBe(401);
      answers.push(await errorOf(res));
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]).toMatchObject({ code: 'sign_in_failed' });

    const first = await post(t, s, '/api/session/sign-in', { email: ' ADA@example.test ', password: ADMIN.password });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ sign_in: 'second_factor_required' });
    expect((await sessionOf(t, s)).sign_in).toBe('second_factor_required');
    // Still not signed in: the code is owed.
    expect((await t.app.request('/api/cases', { headers: { Cookie: s.cookie } })).status).toBe(401);

    const wrong = await post(t, s, '/api/session/second-factor', { code: codeFor(t, secret, 300) });
    expect(wrong.status).toBe(401);
    expect(await errorOf(wrong)).toEqual(answers[0]);
    const code = codeFor(t, secret);
    const right = await post(t, s, '/api/session/second-factor', { code });
    expect(right.status).toBe(200);
    expect(await sessionOf(t, s)).toMatchObject({ sign_in: 'signed_in', reviewer: { email: ADMIN.email } });

    // The same code on another launch is refused: each TOTP step is accepted once.
    const other = await launched(t);
    await post(t, other, '/api/session/sign-in', { email: ADMIN.email, password: ADMIN.password });
    expect((await post(t, other, '/api/session/second-factor', { code })).status).toBe(401);
  });

  it('a recovery code works once instead of the TOTP code', async () => {
    const { codes } = await bootstrapAdmin(t, await launched(t));
    const code = codes[0] ?? '';
    const s = await launched(t);
    await post(t, s, '/api/session/sign-in', { email: ADMIN.email, password: ADMIN.password });
    expect((await post(t, s, '/api/session/second-factor', { code: code.toUpperCase() })).status).toBe(200);
    const again = await launched(t);
    await post(t, again, '/api/session/sign-in', { email: ADMIN.email, password: ADMIN.password });
    expect((await post(t, again, '/api/session/second-factor', { code })).status).toBe(401);
  });

  it('five failures lock the email for 15 minutes (audited), even for the right password; then it unlocks', async () => {
    await bootstrapAdmin(t, await launched(t));
    const s = await launched(t);
    for (let i = 0; i < 5; i++)
      expect(
        (await post(t, s, '/api/session/sign-in', { email: ADMIN.email, password: `wrong ${i} password` })).status,
      ).toBe(401);
    const locked = await post(t, s, '/api/session/sign-in', { email: ADMIN.email, password: ADMIN.password });
    expect(locked.status).toBe(429);
    expect(locked.headers.get('Retry-After')).toBe('900');
    expect((await errorOf(locked)).code).toBe('sign_in_locked');
    // An unknown email locks the same way, so a lock says nothing about who exists.
    for (let i = 0; i < 5; i++)
      await post(t, s, '/api/session/sign-in', { email: 'ghost@example.test', password: 'whatever it is' });
    expect((await post(t, s, '/api/session/sign-in', { email: 'ghost@example.test', password: 'x' })).status).toBe(429);

    t.clock.advanceSeconds(15 * 60 + 1);
    const s2 = await launched(t);
    const after = await post(t, s2, '/api/session/sign-in', { email: ADMIN.email, password: ADMIN.password });
    expect(after.status).toBe(200);
    const actions = t.db
      .prepare("SELECT action FROM kyc_audit WHERE action LIKE 'sign_in:%' ORDER BY audit_id")
      .all()
      .map((r) => (r as { action: string }).action);
    expect(actions).toEqual(['sign_in:locked', 'sign_in:locked', 'sign_in:unlocked']);
  });

  it('malformed sign-in bodies are 400 naming the fields and store nothing', async () => {
    await bootstrapAdmin(t, await launched(t));
    const s = await launched(t);
    const before = count(t, 'sign_in_throttle');
    for (const [body, field] of [
      [{ password: 'x' }, 'email'],
      [{ email: 'ada@example.test' }, 'password'],
      [{ email: 42, password: 'x' }, 'email'],
    ] as const) {
      const res = await post(t, s, '/api/session/sign-in', body);
      expect(res.status).toBe(400);
      expect(JSON.stringify((await errorOf(res)).details)).toContain(`"field":"${field}"`);
    }
    expect((await post(t, s, '/api/session/second-factor', { code: 'abc' })).status).toBe(400);
    expect(count(t, 'sign_in_throttle')).toBe(before);
  });

  it('no password, code or TOTP secret in any log line', async () => {
    const { secret, codes } = await bootstrapAdmin(t, await launched(t));
    const s = await launched(t);
    await post(t, s, '/api/session/sign-in', { email: ADMIN.email, password: ADMIN.password });
    await post(t, s, '/api/session/second-factor', { code: codes[1] ?? '' });
    const logs = t.logs.join('\n');
    for (const secretValue of [ADMIN.password, secret, ...codes]) expect(logs).not.toContain(secretValue);
  });
});
