import { afterEach, describe, expect, it } from 'vitest';
import { CaseDetailDto, DEFAULT_KYC_SETTINGS } from '@kyc-review/contracts';
import type { EmulatorBackedApp } from '../support/emulator-app';
import {
  asUser,
  createReviewEnv,
  decide,
  errorCode,
  history as historyOf,
  installSynced,
  offeredDecisions,
  openCase,
  queue,
} from './support/review-env';

let env: EmulatorBackedApp | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

/** An unreviewed case nothing blocks from approval; high ones exist once the bands are lowered. */
async function approvable(installed: Parameters<typeof queue>[0], riskLevel: 'low' | 'medium' | 'high') {
  const page = await queue(installed, `?status=never_reviewed&risk_level=${riskLevel}&pageSize=100`);
  for (const item of page.items) {
    const opened = await openCase(installed, item.identity_id);
    if (opened.case.approval_blockers.length === 0 && opened.case.risk.level === riskLevel) return item.identity_id;
  }
  throw new Error(`no approvable ${riskLevel}-risk case in the seed`);
}

describe('decisions over HTTP', () => {
  it('follows the state machine: invalid transitions are 409 invalid_transition, reopening is its own action', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    const id = await approvable(installed, 'low');

    const approved = await decide(installed, id, { action: 'approve', note: 'documents fine' });
    expect(approved.status).toBe(200);
    const dto = CaseDetailDto.parse(await approved.json());
    expect(dto.case.status).toBe('approved');
    expect(offeredDecisions(dto.case)).toEqual(['reopen']);
    expect(dto.case.last_decision?.decided_by_name).toBe('user_reviewer_1');
    expect(dto.case.write_back?.metadata.state).toBe('pending');
    expect(dto.case.write_back?.alert.state).toBe('not_needed');

    const again = await decide(installed, id, { action: 'reject', reason_code: 'other', note: 'changed my mind' });
    expect(again.status).toBe(409);
    expect(await errorCode(again)).toBe('invalid_transition');

    const reopened = CaseDetailDto.parse(
      await (await decide(installed, id, { action: 'reopen', note: 'new documents' })).json(),
    );
    expect(reopened.case.status).toBe('in_review');

    const noReason = await decide(installed, id, { action: 'reject', note: 'no reason code' });
    expect(noReason.status).toBe(400);
    expect(await errorCode(noReason)).toBe('validation_failed');
    const noNote = await decide(installed, id, { action: 'escalate' });
    expect(noNote.status).toBe(400);

    const rejected = CaseDetailDto.parse(
      await (
        await decide(installed, id, { action: 'reject', reason_code: 'fraud_suspected', note: 'forged utility bill' })
      ).json(),
    );
    expect(rejected.case.status).toBe('rejected');
    expect(rejected.case.write_back?.alert.state).toBe('pending');

    const history = await historyOf(installed, id);
    expect(history.items.map((h) => h.action)).toEqual(['decision:reject', 'decision:reopen', 'decision:approve']);
    expect(history.items[0]).toMatchObject({
      actor_name: 'user_reviewer_1',
      reason: 'fraud_suspected: forged utility bill',
      before: { status: 'in_review' },
      after: { status: 'rejected' },
    });
    expect(history.items.every((h) => typeof h.request_id === 'string' && h.request_id !== '')).toBe(true);
    // The queue follows: no longer never-reviewed, counted as rejected.
    const counts = (await queue(installed)).counts;
    expect(counts['rejected']).toBeGreaterThan(0);
  });

  it('four eyes: a high-risk approval needs a second, different reviewer', async () => {
    env = await createReviewEnv();
    const first = await installSynced(env);
    // Weights alone make these cases high: no hit, hard stop or skipped check blocks them.
    const lowBands = { ...DEFAULT_KYC_SETTINGS, risk_bands: { medium: 0.05, high: 0.1 } };
    expect((await first.rpc.api.settings.$put({ json: lowBands })).status).toBe(200);
    await env.t.services.review.sync.idle(first.installedAppId);
    const id = await approvable(first, 'high');

    const one = await decide(first, id, { action: 'approve', note: 'looks fine to me' });
    expect(one.status).toBe(200);
    const pending = CaseDetailDto.parse(await one.json());
    expect(pending.case.status).toBe('in_review');
    expect(pending.case.pending_approval).toMatchObject({
      first_reviewer: first.session.reviewer?.reviewerId,
      first_reviewer_name: 'user_reviewer_1',
      note: 'looks fine to me',
    });
    expect(pending.case.write_back?.metadata.state).toBe('not_needed');

    const same = await decide(first, id, { action: 'approve' });
    expect(same.status).toBe(409);
    expect(await errorCode(same)).toBe('four_eyes_required');

    const second = await asUser(env, first, 'user_reviewer_2');
    const two = await decide(second, id, { action: 'approve', note: 'second look agrees' });
    expect(two.status).toBe(200);
    const approved = CaseDetailDto.parse(await two.json());
    expect(approved.case.status).toBe('approved');
    expect(approved.case.pending_approval).toBeNull();
    expect(approved.case.last_decision?.decided_by_name).toBe('user_reviewer_2');
    expect(approved.case.write_back?.metadata.state).toBe('pending');

    const history = await historyOf(first, id);
    expect(history.items.map((h) => [h.action, h.actor_name])).toEqual([
      ['decision:approve', 'user_reviewer_2'],
      ['decision:approve_first_of_two', 'user_reviewer_1'],
    ]);
    expect((await openCase(first, id)).case.status).toBe('approved');
  });
});

describe('four eyes by person, not by score (decision 017)', () => {
  async function highRiskWithHits(installed: Parameters<typeof queue>[0], skip = 0) {
    const page = await queue(installed, '?status=never_reviewed&risk_level=high&pageSize=100');
    const found = page.items.filter((c) => c.open_hits > 0)[skip];
    if (found === undefined) throw new Error('no unreviewed high-risk case with open hits in the seed');
    return found.identity_id;
  }
  async function dismissAll(installed: Parameters<typeof queue>[0], id: string) {
    for (const hit of (await openCase(installed, id)).case.hits.filter((h) => h.disposition === 'open')) {
      const res = await installed.rpc.api.cases[':identityId'].hits[':hitId'].$post({
        param: { identityId: id, hitId: hit.hit_id },
        json: { disposition: 'false_positive', reason_code: 'different_dob', note: 'not the listed person' },
      });
      expect(res.status).toBe(200);
    }
    return openCase(installed, id);
  }

  it('dismiss the hits → approve → approve again by the same person fails; a reviewer-role second fails; a lead completes it', async () => {
    env = await createReviewEnv();
    const admin = await installSynced(env, undefined, 'Ada Admin');
    const rita = await asUser(env, admin, 'Rita Reviewer', { role: 'reviewer' });
    const id = await highRiskWithHits(rita);
    // Open hits block any approval (decision 020): the reviewer gives verdicts first.
    expect(await errorCode(await decide(rita, id, { action: 'approve' }))).toBe('approval_blocked');

    const dismissed = await dismissAll(rita, id);
    expect(dismissed.case.four_eyes).toMatchObject({ reason: 'hits_dismissed_at_high_risk' });
    const first = await decide(rita, id, { action: 'approve', note: 'first look' });
    expect(first.status).toBe(200);
    // Whatever the risk is now, the case needs a second approval.
    expect(CaseDetailDto.parse(await first.json()).case).toMatchObject({
      status: 'in_review',
      pending_approval: { first_reviewer: rita.session.reviewer?.reviewerId, first_reviewer_name: 'Rita Reviewer' },
    });

    const again = await decide(rita, id, { action: 'approve', note: 'risk is low now' });
    expect(again.status).toBe(409);
    expect(await errorCode(again)).toBe('four_eyes_required');
    // The same person on another launch (another device) is still the same person.
    const ritaAgain = await asUser(env, admin, 'Rita Reviewer', { role: 'reviewer' });
    expect(await errorCode(await decide(ritaAgain, id, { action: 'approve' }))).toBe('four_eyes_required');
    const rex = await asUser(env, admin, 'Rex Reviewer', { role: 'reviewer' });
    const byReviewer = await decide(rex, id, { action: 'approve' });
    expect(byReviewer.status).toBe(409);
    expect(await errorCode(byReviewer)).toBe('four_eyes_required');
    expect((await openCase(admin, id)).case.status).toBe('in_review');

    const lena = await asUser(env, admin, 'Lena Lead', { role: 'lead' });
    const second = await decide(lena, id, { action: 'approve', note: 'checked the hits' });
    expect(second.status).toBe(200);
    const done = CaseDetailDto.parse(await second.json()).case;
    expect(done).toMatchObject({ status: 'approved', pending_approval: null, four_eyes: null });
    expect(done.last_decision?.decided_by_name).toBe('Lena Lead');
  });

  it('who dismissed the hits of a high-risk case cannot be its only approver', async () => {
    env = await createReviewEnv();
    const admin = await installSynced(env, undefined, 'Ada Admin');
    const lena = await asUser(env, admin, 'Lena Lead', { role: 'lead' });
    const id = await highRiskWithHits(lena, 1);

    const after = await dismissAll(lena, id);
    expect(after.case.four_eyes).toMatchObject({ reason: 'hits_dismissed_at_high_risk', reviewer_name: 'Lena Lead' });
    const one = await decide(lena, id, { action: 'approve' });
    expect(one.status).toBe(200);
    expect(CaseDetailDto.parse(await one.json()).case.status).toBe('in_review');
    expect(await errorCode(await decide(lena, id, { action: 'approve' }))).toBe('four_eyes_required');
    const two = await decide(admin, id, { action: 'approve' });
    expect(two.status).toBe(200);
    expect(CaseDetailDto.parse(await two.json()).case.status).toBe('approved');
  });
});
