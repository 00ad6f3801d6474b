import { afterEach, describe, expect, it } from 'vitest';
import { DashboardDto } from '@kyc-review/contracts';
import { caseRowWriter } from '../support/case-rows';
import { DEFAULT_IDS, enterPortal, installApp } from '../support/lifecycle';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp | undefined;
afterEach(() => {
  t?.close();
  t = undefined;
});

const A = DEFAULT_IDS.installed_app_id;
const OTHER = 'instapp_other_1';

/** The fixture of the hand-computed figures below; `now` is 2026-11-20T12:00Z. */
function writeFixture(app: TestApp, userA: string) {
  const w = caseRowWriter(app.db);
  w.case({
    installedAppId: A,
    identityId: 'idt_c1',
    status: 'new',
    riskLevel: 'high',
    createdAt: '2026-11-20T08:00:00.000Z',
    openHits: 2,
  });
  w.case({
    installedAppId: A,
    identityId: 'idt_c2',
    status: 'new',
    riskLevel: 'high',
    createdAt: '2026-11-17T10:00:00.000Z',
  });
  w.case({
    installedAppId: A,
    identityId: 'idt_c3',
    status: 'in_review',
    riskLevel: 'medium',
    createdAt: '2026-11-14T12:00:00.000Z',
  });
  w.case({
    installedAppId: A,
    identityId: 'idt_c4',
    status: 'info_requested',
    riskLevel: 'low',
    createdAt: '2026-11-05T12:00:00.000Z',
  });
  w.case({
    installedAppId: A,
    identityId: 'idt_c5',
    status: 'escalated',
    riskLevel: 'low',
    createdAt: '2026-10-01T12:00:00.000Z',
  });
  w.case({
    installedAppId: A,
    identityId: 'idt_c6',
    status: 'needs_rereview',
    riskLevel: 'medium',
    createdAt: '2026-11-19T12:00:00.000Z',
  });
  w.case({
    installedAppId: A,
    identityId: 'idt_c7',
    status: 'approved',
    riskLevel: 'low',
    createdAt: '2026-09-01T12:00:00.000Z',
  });
  w.case({
    installedAppId: A,
    identityId: 'idt_c8',
    status: 'rejected',
    riskLevel: 'high',
    createdAt: '2026-11-01T12:00:00.000Z',
    openHits: 1,
  });
  w.case({
    installedAppId: A,
    identityId: 'idt_c9',
    status: 'new',
    riskLevel: 'high',
    createdAt: '2026-10-01T12:00:00.000Z',
    listed: false,
    openHits: 3,
  });
  w.case({
    installedAppId: OTHER,
    identityId: 'idt_o1',
    status: 'new',
    riskLevel: 'high',
    createdAt: '2026-10-01T12:00:00.000Z',
    openHits: 1,
  });

  w.verdict(A, 'idt_c7', 'wl_e1', 'false_positive');
  w.verdict(A, 'idt_c8', 'wl_e2', 'confirmed');
  w.verdict(A, 'idt_c3', 'wl_e3', 'false_positive');
  w.verdict(A, 'idt_c3', 'wl_e4', 'false_positive');
  w.verdict(OTHER, 'idt_o1', 'wl_e1', 'confirmed');

  w.audit(A, userA, 'decision:approve', '2026-11-20T09:00:00.000Z');
  w.audit(A, userA, 'decision:reject', '2026-11-20T10:00:00.000Z');
  w.audit(A, 'user_b', 'decision:approve', '2026-11-19T10:00:00.000Z');
  w.audit(A, 'user_b', 'decision:approve_first_of_two', '2026-11-19T11:00:00.000Z');
  w.audit(A, userA, 'decision:escalate', '2026-11-14T10:00:00.000Z');
  w.audit(A, 'user_c', 'decision:approve', '2026-11-13T10:00:00.000Z');
  w.audit(A, 'user_c', 'decision:approve', '2026-10-21T23:59:00.000Z');
  w.audit(A, userA, 'note_added', '2026-11-20T11:00:00.000Z');
  w.audit(OTHER, 'user_z', 'decision:approve', '2026-11-20T09:00:00.000Z');

  for (const state of ['pending', 'pending', 'failing', 'done', 'done', 'done'] as const) w.outbox(A, state);
  w.outbox(OTHER, 'pending');
}

describe('the lead dashboard', () => {
  it('answers the hand-computed figures of a fixture, for the session install only', async () => {
    t = createTestApp({ now: '2026-11-20T12:00:00.000Z' });
    await installApp(t);
    const session = await enterPortal(t);
    if (session.reviewer === undefined) throw new Error('a lead signs in by default');
    // The install's mirror counts as fresh: the hand-computed figures are the fixture's only.
    t.services.review.kyc.mirror.markSyncStarted(A, '2026-11-20T11:59:00.000Z');
    writeFixture(t, session.reviewer.reviewerId);

    const res = await t.app.request('/api/dashboard', { headers: { Cookie: session.cookie } });
    expect(res.status).toBe(200);
    const dto = DashboardDto.parse(await res.json());

    expect(dto.backlog.by_status).toEqual([
      { status: 'new', count: 2 },
      { status: 'in_review', count: 1 },
      { status: 'approved', count: 1 },
      { status: 'rejected', count: 1 },
      { status: 'info_requested', count: 1 },
      { status: 'escalated', count: 1 },
      { status: 'needs_rereview', count: 1 },
    ]);
    expect(dto.backlog.by_risk).toEqual([
      { risk_level: 'low', count: 2 },
      { risk_level: 'medium', count: 2 },
      { risk_level: 'high', count: 2 },
    ]);
    expect(dto.backlog.open).toBe(6);
    expect(dto.ageing.buckets.map((b) => b.count)).toEqual([2, 1, 1, 0, 1, 1]);
    expect(dto.ageing.overdue).toBe(4);

    expect(dto.decisions_per_day).toHaveLength(30);
    expect(dto.decisions_per_day[0]?.day).toBe('2026-10-22');
    expect(dto.decisions_per_day.at(-1)).toEqual({ day: '2026-11-20', counts: { approve: 1, reject: 1 }, total: 2 });
    const byDay = Object.fromEntries(dto.decisions_per_day.filter((d) => d.total > 0).map((d) => [d.day, d.counts]));
    expect(byDay).toEqual({
      '2026-11-13': { approve: 1 },
      '2026-11-14': { escalate: 1 },
      '2026-11-19': { approve: 1, approve_first_of_two: 1 },
      '2026-11-20': { approve: 1, reject: 1 },
    });

    expect(dto.screening).toEqual({
      listed: 8,
      with_hits: 4,
      hit_rate: 0.5,
      verdicts: 4,
      false_positives: 3,
      false_positive_rate: 0.75,
    });
    expect(dto.write_backs).toEqual({ pending: 2, failing: 1 });
    // Reviewers by their display name; an actor the app has no reviewer for keeps its id.
    expect(dto.reviewers).toEqual([
      {
        reviewer_id: session.reviewer.reviewerId,
        display_name: session.reviewer.displayName,
        open_assigned: 0,
        decisions_7d: 3,
      },
      { reviewer_id: 'user_b', display_name: null, open_assigned: 0, decisions_7d: 2 },
    ]);

    // The tallies follow every change of a case: a decision, a case leaving Cloud's list.
    t.db.prepare("UPDATE kyc_cases SET status = 'approved' WHERE identity_id = 'idt_c2'").run();
    t.db.prepare("UPDATE kyc_cases SET listed = 0 WHERE identity_id = 'idt_c1'").run();
    t.db.prepare("UPDATE kyc_cases SET risk_level = 'high', open_hits = 1 WHERE identity_id = 'idt_c4'").run();
    const after = DashboardDto.parse(
      await (await t.app.request('/api/dashboard', { headers: { Cookie: session.cookie } })).json(),
    );
    expect(after.backlog.by_status.filter((s) => s.count > 0)).toEqual([
      { status: 'in_review', count: 1 },
      { status: 'approved', count: 2 },
      { status: 'rejected', count: 1 },
      { status: 'info_requested', count: 1 },
      { status: 'escalated', count: 1 },
      { status: 'needs_rereview', count: 1 },
    ]);
    expect(after.backlog.by_risk).toEqual([
      { risk_level: 'low', count: 1 },
      { risk_level: 'medium', count: 2 },
      { risk_level: 'high', count: 1 },
    ]);
    expect(after.ageing.overdue).toBe(3);
    expect(after.screening).toMatchObject({ listed: 7, with_hits: 4 });
  });

  it('answers zeros and no rates for an install with nothing yet', async () => {
    t = createTestApp({ now: '2026-11-20T12:00:00.000Z' });
    await installApp(t);
    const session = await enterPortal(t);
    const dto = DashboardDto.parse(
      await (await t.app.request('/api/dashboard', { headers: { Cookie: session.cookie } })).json(),
    );
    expect(dto.backlog.open).toBe(0);
    expect(dto.screening.hit_rate).toBeNull();
    expect(dto.screening.false_positive_rate).toBeNull();
    expect(dto.decisions_per_day.every((d) => d.total === 0)).toBe(true);
    expect(dto.reviewers).toEqual([]);
    // The landing page starts reading Cloud's identities, as the queue does, and says so.
    expect(dto.syncing).toBe(true);
    await t.services.review.sync.idle(A);
    const synced = DashboardDto.parse(
      await (await t.app.request('/api/dashboard', { headers: { Cookie: session.cookie } })).json(),
    );
    expect(synced.syncing).toBe(false);
  });

  it('needs data:read', async () => {
    t = createTestApp();
    await installApp(t, { permissions: ['alerts:read'] });
    const session = await enterPortal(t);
    const res = await t.app.request('/api/dashboard', { headers: { Cookie: session.cookie } });
    expect(res.status).toBe(403);
  });
});
