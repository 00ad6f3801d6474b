import { afterEach, describe, expect, it } from 'vitest';
import { AssignmentDto, DashboardDto, ErrorEnvelope, TeamDto } from '@kyc-review/contracts';
import type { EmulatorBackedApp, InstalledSession } from '../support/emulator-app';
import {
  asUser,
  createReviewEnv,
  decide,
  errorCode,
  history as historyOf,
  installSynced,
  openCase,
  queue,
} from './support/review-env';

let env: EmulatorBackedApp | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const claim = (who: InstalledSession, id: string) =>
  who.rpc.api.cases[':identityId'].claim.$post({ param: { identityId: id } });

const auditCount = (e: EmulatorBackedApp, action: string) =>
  Number(e.t.db.prepare('SELECT count(*) FROM kyc_audit WHERE action = ?').pluck().get(action));

async function firstNew(installed: Parameters<typeof queue>[0]): Promise<string> {
  const [first] = (await queue(installed, '?status=new&risk_level=low')).items;
  if (first === undefined) throw new Error('no new low-risk case in the seed');
  return first.identity_id;
}

describe('assignment over HTTP', () => {
  it('two reviewers claim at once: one wins, the other gets 409 with the winner’s name; one audit row', async () => {
    env = await createReviewEnv({ now: '2026-11-20T09:00:00.000Z' });
    const lead = await installSynced(env);
    const ana = await asUser(env, lead, 'user_ana', { role: 'reviewer', name: 'Ana Analyst' });
    const ben = await asUser(env, lead, 'user_ben', { role: 'reviewer', name: 'Ben Checker' });
    const id = await firstNew(lead);

    const [a, b] = await Promise.all([claim(ana, id), claim(ben, id)]);
    // The typed client only knows the 200 answer; the 409 still happens at run time.
    const statusOf = (res: { status: number }) => res.status;
    expect([statusOf(a), statusOf(b)].sort()).toEqual([200, 409]);
    const [won, lost] = statusOf(a) === 200 ? [a, b] : [b, a];
    const winner = AssignmentDto.parse(await won.json());
    const refused = ErrorEnvelope.parse(await lost.json()).error;
    expect(refused.code).toBe('already_claimed');
    expect(refused.message).toBe(`${winner.assignee?.display_name ?? ''} already has this case.`);
    expect(refused.details).toEqual({
      assignee: { reviewer_id: winner.assignee?.reviewer_id, display_name: winner.assignee?.display_name },
    });
    expect(['Ana Analyst', 'Ben Checker']).toContain(winner.assignee?.display_name);
    expect(auditCount(env, 'case:claimed')).toBe(1);

    // Claiming one's own case again changes nothing; the case says who has it, by name.
    const holder = winner.assignee?.display_name === 'Ana Analyst' ? ana : ben;
    expect((await claim(holder, id)).status).toBe(200);
    expect(auditCount(env, 'case:claimed')).toBe(1);
    expect((await openCase(lead, id)).case.assignee).toEqual({
      reviewer_id: winner.assignee?.reviewer_id,
      display_name: winner.assignee?.display_name,
      assigned_at: '2026-11-20T09:00:00.000Z',
    });
    const history = await historyOf(lead, id);
    expect(history.items.find((h) => h.action === 'case:claimed')).toMatchObject({
      actor_name: winner.assignee?.display_name,
      after: { assignee: winner.assignee?.reviewer_id, assignee_name: winner.assignee?.display_name },
    });
  });

  it('only the assignee or a lead decides on an assigned case; anyone reads it and adds notes', async () => {
    env = await createReviewEnv();
    const lead = await installSynced(env);
    const ana = await asUser(env, lead, 'user_ana', { role: 'reviewer', name: 'Ana Analyst' });
    const ben = await asUser(env, lead, 'user_ben', { role: 'reviewer', name: 'Ben Checker' });
    const id = await firstNew(lead);
    expect((await claim(ana, id)).status).toBe(200);
    const before = await openCase(lead, id);

    const refused = await decide(ben, id, { action: 'escalate', note: 'not mine' });
    expect(refused.status).toBe(403);
    const error = ErrorEnvelope.parse(await refused.json()).error;
    expect(error).toMatchObject({
      code: 'assigned_to_other',
      message: 'This case is assigned to Ana Analyst: only they or a lead can act on it.',
    });
    expect(error.details?.['assignee']).toMatchObject({ display_name: 'Ana Analyst' });
    // Nothing stored: same status, same version, no decision row, no outbox row.
    const after = await openCase(lead, id);
    expect(after.case.status).toBe(before.case.status);
    expect(after.case.updated_at).toBe(before.case.updated_at);
    expect(auditCount(env, 'decision:escalate')).toBe(0);
    // A claim on someone else's case is a 409, not a takeover.
    const takeover = await claim(ben, id);
    expect(takeover.status).toBe(409);
    expect(await errorCode(takeover)).toBe('already_claimed');

    // Reading and notes stay open to everyone.
    const param = { identityId: id };
    expect((await ben.rpc.api.cases[':identityId'].$get({ param })).status).toBe(200);
    expect(
      (await ben.rpc.api.cases[':identityId'].notes.$post({ param, json: { text: 'Saw the file too.' } })).status,
    ).toBe(201);

    // The assignee decides; so may a lead.
    expect((await decide(ana, id, { action: 'escalate', note: 'needs a lead' })).status).toBe(200);
    expect((await decide(lead, id, { action: 'reject', reason_code: 'other', note: 'lead call' })).status).toBe(200);
  });

  it('a lead assigns, reassigns and unassigns (audited); reviewers cannot; bad targets are 400 and change nothing', async () => {
    env = await createReviewEnv();
    const lead = await installSynced(env);
    const ana = await asUser(env, lead, 'user_ana', { role: 'reviewer', name: 'Ana Analyst' });
    const ben = await asUser(env, lead, 'user_ben', { role: 'reviewer', name: 'Ben Checker' });
    const id = await firstNew(lead);
    const team = TeamDto.parse(await (await ana.rpc.api.team.$get()).json());
    const anaId = team.items.find((m) => m.display_name === 'Ana Analyst')?.reviewer_id;
    const benId = team.items.find((m) => m.display_name === 'Ben Checker')?.reviewer_id;
    if (anaId === undefined || benId === undefined) throw new Error('the team lists both reviewers');
    expect(team.items.find((m) => m.reviewer_id === anaId)?.role).toBe('reviewer');

    const put = (who: typeof lead, reviewerId: string | null) =>
      who.rpc.api.cases[':identityId'].assignee.$put({ param: { identityId: id }, json: { reviewer_id: reviewerId } });

    const byReviewer = await put(ana, anaId);
    expect(byReviewer.status).toBe(403);
    expect(await errorCode(byReviewer)).toBe('role_required');

    const assigned = await put(lead, anaId);
    expect(assigned.status).toBe(200);
    expect(AssignmentDto.parse(await assigned.json()).assignee?.display_name).toBe('Ana Analyst');
    const reassigned = await put(lead, benId);
    expect(AssignmentDto.parse(await reassigned.json()).assignee?.display_name).toBe('Ben Checker');

    for (const bad of [{ reviewer_id: 'rvw_nobody' }, { reviewer_id: 'user_ana' }, {}, { reviewer_id: benId, x: 1 }]) {
      const res = await lead.api(`/api/cases/${id}/assignee`, { method: 'PUT', body: bad });
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
    expect((await openCase(lead, id)).case.assignee?.display_name).toBe('Ben Checker');

    // The queue filters by assignee (me, none, an id) and names the assignee on each row.
    const mine = await queue(ben, '?assignee=me');
    expect(mine.items.map((c) => [c.identity_id, c.assignee_name])).toEqual([[id, 'Ben Checker']]);
    expect((await queue(ana, '?assignee=me')).items).toEqual([]);
    expect((await queue(lead, `?assignee=${benId}`)).total).toBe(1);
    const unassigned = await queue(lead, '?assignee=none');
    expect(unassigned.items.some((c) => c.identity_id === id)).toBe(false);
    expect(unassigned.total).toBe((await queue(lead)).total - 1);
    expect((await lead.api('/api/cases?assignee=someone')).status).toBe(400);

    // The dashboard counts each reviewer's open assigned cases.
    const dashboard = DashboardDto.parse(await (await lead.rpc.api.dashboard.$get()).json());
    expect(dashboard.reviewers).toContainEqual({
      reviewer_id: benId,
      display_name: 'Ben Checker',
      open_assigned: 1,
      decisions_7d: 0,
    });

    const unassign = await put(lead, null);
    expect(AssignmentDto.parse(await unassign.json()).assignee).toBeNull();
    expect(auditCount(env, 'case:assigned')).toBe(2);
    expect(auditCount(env, 'case:unassigned')).toBe(1);
    const history = await historyOf(lead, id);
    expect(history.items.filter((h) => h.action.startsWith('case:')).map((h) => h.after)).toEqual([
      { assignee: null },
      { assignee: benId, assignee_name: 'Ben Checker' },
      { assignee: anaId, assignee_name: 'Ana Analyst' },
    ]);
    // Unassigned again: anyone may claim it.
    expect((await claim(ana, id)).status).toBe(200);
    expect((await queue(ana, '?assignee=me')).total).toBe(1);
  });

  it('claims and assignments on unknown or another install’s cases are 404 and store nothing', async () => {
    env = await createReviewEnv();
    const [a, b] = await env.instances();
    if (a === undefined || b === undefined) throw new Error('the emulator needs two instances');
    const lead = await installSynced(env);
    const other = await env.install(undefined, {
      instanceId: lead.instanceId === a.instance_id ? b.instance_id : a.instance_id,
    });
    await queue(other);
    await env.t.services.review.sync.idle(other.installedAppId);
    const foreign = await firstNew(other);
    for (const id of [foreign, 'idt_doesnotexist']) {
      const claimed = await claim(lead, id);
      expect(claimed.status, id).toBe(404);
      const assigned = await lead.rpc.api.cases[':identityId'].assignee.$put({
        param: { identityId: id },
        json: { reviewer_id: null },
      });
      expect(assigned.status, id).toBe(404);
    }
    expect(auditCount(env, 'case:claimed') + auditCount(env, 'case:unassigned')).toBe(0);
    expect((await queue(other, '?assignee=none')).total).toBe((await queue(other)).total);
  });
});
