import { afterEach, describe, expect, it } from 'vitest';
import { CaseAction, CaseDetailDto, ErrorEnvelope, type CaseDto } from '@kyc-review/contracts';
import { z } from 'zod';
import type { EmulatorBackedApp, InstalledSession } from '../support/emulator-app';
import type { ApiAnswer } from '../support/rpc';
import { asUser, createReviewEnv, firstBySeed, installSynced, openCase, queue } from './support/review-env';

// The case DTO's allowed_actions (decision 014) against what the BFF enforces: a
// deterministic walk over several cases and three reviewers (two leads, one analyst). At
// every step, every action the offer refuses is tried and must be refused with the code the
// offer's first blocker names, storing nothing; then one offered action is taken and must
// succeed. The walk ends once every action has been both offered-and-taken and refused.

let env: EmulatorBackedApp | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

/** Sends `action` on the case as `who`, with the body the offer says it needs. */
function attempt(who: InstalledSession, identityId: string, action: CaseAction, assignTo: string): Promise<ApiAnswer> {
  const param = { identityId };
  const cases = who.rpc.api.cases[':identityId'];
  switch (action) {
    case 'approve':
      return cases.decisions.$post({ param, json: { action: 'approve' } });
    case 'reject':
      return cases.decisions.$post({ param, json: { action: 'reject', reason_code: 'other', note: 'Walk: reject.' } });
    case 'request_info':
      return cases['info-requests'].$post({ param, json: { text: 'Walk: a proof of address.', items: [] } });
    case 'escalate':
      return cases.decisions.$post({ param, json: { action: 'escalate', note: 'Walk: escalate.' } });
    case 'reopen':
      return cases.decisions.$post({ param, json: { action: 'reopen' } });
    case 'override':
      return cases.override.$post({ param, json: { reason_code: 'documented_exception', note: 'Walk: override.' } });
    case 'claim':
      return cases.claim.$post({ param });
    case 'assign':
      return cases.assignee.$put({ param, json: { reviewer_id: assignTo } });
    case 'info_received':
      return cases['info-requests'].received.$post({ param, json: { answer: 'Walk: it came.' } });
  }
}

/** A small deterministic generator, so a failure replays. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

const Count = z.object({ n: z.number() });

describe('allowed_actions', () => {
  it('offers exactly what the BFF then allows, with the refusal it names, across a walk of cases and reviewers', async () => {
    env = await createReviewEnv();
    const leadA = await installSynced(env, undefined, 'user_lead_a');
    const leadB = await asUser(env, leadA, 'user_lead_b', { role: 'lead' });
    const analyst = await asUser(env, leadA, 'user_analyst', { role: 'reviewer' });
    const actors = [leadA, leadB, analyst];
    const reviewerIds = actors.map((a) => a.session.reviewer?.reviewerId ?? '');

    // Three cases: two nothing blocks (one of them medium risk), one with an open watchlist hit.
    const low = (await queue(leadA, '?status=never_reviewed&risk_level=low&pageSize=100')).items;
    const ids: string[] = [];
    for (const item of low) {
      if ((await openCase(leadA, item.identity_id)).case.approval_blockers.length === 0) ids.push(item.identity_id);
      if (ids.length === 2) break;
    }
    ids.push((await firstBySeed(env, leadA, 'watchlist_exact')).identity_id);
    expect(ids).toHaveLength(3);

    const audit = () =>
      Count.parse(
        env?.t.db.prepare('SELECT count(*) AS n FROM kyc_audit WHERE installed_app_id = ?').get(leadA.installedAppId),
      ).n;
    const taken = new Set<CaseAction>();
    const refused = new Set<CaseAction>();
    const rnd = random(16);
    for (
      let step = 0;
      step < 120 && (taken.size < CaseAction.options.length || refused.size < CaseAction.options.length);
      step++
    ) {
      const identityId = ids[step % ids.length] ?? '';
      const who = actors[Math.floor(rnd() * actors.length)] ?? leadA;
      const before: CaseDto = (await openCase(who, identityId)).case;
      const offers = before.allowed_actions;
      const assignTo = reviewerIds[Math.floor(rnd() * reviewerIds.length)] ?? '';
      for (const action of CaseAction.options.filter((a) => !offers[a].allowed)) {
        const auditBefore = audit();
        const res = await attempt(who, identityId, action, assignTo);
        const label = `${action} by ${who.session.reviewer?.displayName ?? '?'} on a ${before.status} case`;
        expect(res.status, label).toBeGreaterThanOrEqual(400);
        expect(ErrorEnvelope.parse(await res.json()).error.code, label).toBe(offers[action].blockers[0]?.code);
        refused.add(action);
        // Nothing stored on a refusal: same version, same audit trail.
        expect((await openCase(who, identityId)).case.updated_at, label).toBe(before.updated_at);
        expect(audit(), label).toBe(auditBefore);
      }
      const allowed = CaseAction.options.filter((a) => offers[a].allowed);
      // Prefer an action not taken yet, so the walk covers them all; otherwise any.
      const fresh = allowed.filter((a) => !taken.has(a));
      const pool = fresh.length > 0 && rnd() < 0.7 ? fresh : allowed;
      const action = pool[Math.floor(rnd() * pool.length)];
      if (action === undefined) continue;
      const res = await attempt(who, identityId, action, assignTo);
      expect(res.status, `${action} on a ${before.status} case: ${await res.text()}`).toBe(200);
      taken.add(action);
    }
    expect([...taken].sort()).toEqual([...CaseAction.options].sort());
    expect([...refused].sort()).toEqual([...CaseAction.options].sort());
  });

  it('says what each action needs, and asks a lead with a stale second factor to step up first', async () => {
    env = await createReviewEnv();
    const leadA = await installSynced(env, undefined, 'user_lead_a');
    const identity = await firstBySeed(env, leadA, 'watchlist_exact');
    const opened = await openCase(leadA, identity.identity_id);
    const offers = opened.case.allowed_actions;
    expect(offers.reject).toMatchObject({ allowed: true, note: 'required', reason_code: true });
    expect(offers.escalate).toMatchObject({ allowed: true, note: 'required', reason_code: false });
    expect(offers.approve).toMatchObject({ allowed: false, note: 'optional', step_up: false });
    expect(offers.approve.blockers[0]?.code).toBe('approval_blocked');
    expect(offers.info_received.blockers[0]?.code).toBe('invalid_transition');
    expect(offers.override).toMatchObject({ allowed: true, note: 'required', reason_code: true, step_up: false });

    // The override is the first of two approvals on this high-risk case.
    expect(opened.case.risk.level).toBe('high');
    expect(offers.override.four_eyes).toBe('first_of_two');
    const first = await leadA.rpc.api.cases[':identityId'].override.$post({
      param: { identityId: identity.identity_id },
      json: { reason_code: 'hit_cleared_by_evidence', note: 'Passport seen.' },
    });
    expect(first.status).toBe(200);

    // The same lead may not give the second; another lead may, once their second factor is fresh.
    const mine = (await openCase(leadA, identity.identity_id)).case.allowed_actions.approve;
    expect(mine).toMatchObject({ allowed: false, four_eyes: 'second_of_two' });
    expect(mine.blockers[0]?.code).toBe('four_eyes_required');
    const leadB = await asUser(env, leadA, 'user_lead_b', { role: 'lead' });
    // Two idle periods short of the idle timeout, the session kept alive between them: the second factor goes stale.
    env.t.clock.advanceSeconds(10 * 60);
    expect((await leadB.rpc.api.session.$get()).status).toBe(200);
    env.t.clock.advanceSeconds(5 * 60 + 1);
    expect((await leadB.rpc.api.session.$get()).status).toBe(200);
    const theirs = (await openCase(leadB, identity.identity_id)).case.allowed_actions.approve;
    expect(theirs).toMatchObject({ allowed: true, four_eyes: 'second_of_two', step_up: true });
    const param = { identityId: identity.identity_id };
    const stale = await leadB.rpc.api.cases[':identityId'].decisions.$post({ param, json: { action: 'approve' } });
    expect(stale.status).toBe(401);
    expect(ErrorEnvelope.parse(await stale.json()).error.code).toBe('step_up_required');
    const code = leadB.session.reviewer?.code() ?? '';
    expect((await leadB.rpc.api.session['step-up'].$post({ json: { code } })).status).toBe(200);
    expect((await openCase(leadB, identity.identity_id)).case.allowed_actions.approve.step_up).toBe(false);
    const done = await leadB.rpc.api.cases[':identityId'].decisions.$post({ param, json: { action: 'approve' } });
    expect(done.status).toBe(200);
    expect(CaseDetailDto.parse(await done.json()).case.status).toBe('approved');
  });
});
