import { afterEach, describe, expect, it } from 'vitest';
import type { HitDispositionBody, OverrideBody } from '@kyc-review/contracts';
import { CaseDetailDto, ErrorEnvelope } from '@kyc-review/contracts';
import { z } from 'zod';
import type { EmulatorBackedApp, InstalledSession } from '../support/emulator-app';
import {
  asUser,
  createReviewEnv,
  decide,
  errorCode,
  firstBySeed,
  history as historyOf,
  identitiesBySeed,
  installSynced,
  openCase,
} from './support/review-env';

// Approval guardrails, a lead's override and hit verdicts (issue 11, decision 020).

let env: EmulatorBackedApp | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

/** What a refusal must leave untouched: the case, its verdicts, the audit trail and the outbox. */
function snapshot(e: EmulatorBackedApp, installed: InstalledSession, identityId: string) {
  const count = (sql: string) => z.object({ n: z.number() }).parse(e.t.db.prepare(sql).get(installed.installedAppId)).n;
  return {
    kase: e.t.services.review.kyc.cases.get(installed.installedAppId, identityId),
    verdicts: count('SELECT count(*) AS n FROM hit_dispositions WHERE installed_app_id = ?'),
    audit: count('SELECT count(*) AS n FROM kyc_audit WHERE installed_app_id = ?'),
    outbox: count('SELECT count(*) AS n FROM kyc_outbox WHERE installed_app_id = ?'),
  };
}

const verdict = (
  installed: InstalledSession,
  identityId: string,
  hitId: string,
  body: z.input<typeof HitDispositionBody>,
) => installed.rpc.api.cases[':identityId'].hits[':hitId'].$post({ param: { identityId, hitId }, json: body });

/** A body the contract's type refuses: sent raw. */
const rawVerdict = (installed: InstalledSession, identityId: string, hitId: string, body: Record<string, unknown>) =>
  installed.api(`/api/cases/${identityId}/hits/${hitId}`, { method: 'POST', body });

const override = (installed: InstalledSession, identityId: string, body: z.input<typeof OverrideBody>) =>
  installed.rpc.api.cases[':identityId'].override.$post({ param: { identityId }, json: body });

const reverse = (installed: InstalledSession, identityId: string, hitId: string, note: string) =>
  installed.rpc.api.cases[':identityId'].hits[':hitId'].reversal.$post({
    param: { identityId, hitId },
    json: { note },
  });

describe('approval guardrails', () => {
  it('refuses to approve with a hit open (409 approval_blocked with the blockers); a lead overrides with a reason', async () => {
    env = await createReviewEnv();
    const lead = await installSynced(env, undefined, 'user_lead_1');
    const analyst = await asUser(env, lead, 'user_analyst_1', { role: 'reviewer' });
    const identity = await firstBySeed(env, analyst, 'watchlist_exact');
    const opened = await openCase(analyst, identity.identity_id);
    const hit = opened.case.hits[0];
    if (hit === undefined) throw new Error('no hit');
    expect(opened.case.approval_blockers).toContainEqual(
      expect.objectContaining({ code: 'open_hit', hit_id: hit.hit_id }),
    );

    const before = snapshot(env, analyst, identity.identity_id);
    const refused = await decide(analyst, identity.identity_id, { action: 'approve' });
    expect(refused.status).toBe(409);
    const body = ErrorEnvelope.parse(await refused.json());
    expect(body.error.code).toBe('approval_blocked');
    expect(body.error.details?.['blockers']).toEqual(opened.case.approval_blockers);
    expect(body.error.message).toContain(hit.entry.name);
    // An analyst cannot override.
    const notLead = await override(analyst, identity.identity_id, {
      reason_code: 'hit_cleared_by_evidence',
      note: 'trust me',
    });
    expect(notLead.status).toBe(403);
    expect(snapshot(env, analyst, identity.identity_id)).toEqual(before);

    const badReason = await lead.api(`/api/cases/${identity.identity_id}/override`, {
      method: 'POST',
      body: { reason_code: 'because', note: 'x' },
    });
    expect(badReason.status).toBe(400);
    const noNote = await lead.api(`/api/cases/${identity.identity_id}/override`, {
      method: 'POST',
      body: { reason_code: 'hit_cleared_by_evidence' },
    });
    expect(noNote.status).toBe(400);
    expect(snapshot(env, analyst, identity.identity_id)).toEqual(before);

    // High risk: the override is the first of two approvals; a second, different lead completes it.
    const overridden = await override(lead, identity.identity_id, {
      reason_code: 'hit_cleared_by_evidence',
      note: 'Passport checked: a different person.',
    });
    expect(overridden.status).toBe(200);
    const pending = CaseDetailDto.parse(await overridden.json());
    expect(pending.case.status).toBe('in_review');
    expect(pending.case.pending_approval).toMatchObject({
      first_reviewer: lead.session.reviewer?.reviewerId,
      first_reviewer_name: 'user_lead_1',
      override: { reason_code: 'hit_cleared_by_evidence', by_name: 'user_lead_1' },
    });
    // The overriding lead cannot also give the second approval, nor can a reviewer-role analyst.
    expect(await errorCode(await decide(lead, identity.identity_id, { action: 'approve' }))).toBe('four_eyes_required');
    expect(await errorCode(await decide(analyst, identity.identity_id, { action: 'approve' }))).toBe(
      'four_eyes_required',
    );
    const lena = await asUser(env, lead, 'Lena Lead', { role: 'lead' });
    const second = await decide(lena, identity.identity_id, { action: 'approve', note: 'agreed' });
    expect(second.status).toBe(200);
    const approved = CaseDetailDto.parse(await second.json());
    expect(approved.case.status).toBe('approved');
    expect(approved.case.last_decision?.override).toMatchObject({
      reason_code: 'hit_cleared_by_evidence',
      blockers: opened.case.approval_blockers,
    });
    const history = await historyOf(analyst, identity.identity_id);
    expect(history.items.slice(0, 2).map((h) => [h.action, h.actor_name])).toEqual([
      ['decision:approve', 'Lena Lead'],
      ['decision:override_first_of_two', 'user_lead_1'],
    ]);
    expect(history.items[1]?.reason).toBe('hit_cleared_by_evidence: Passport checked: a different person.');
  });

  it('refuses to approve a case whose screening was skipped, and an override with nothing to override is a 409', async () => {
    env = await createReviewEnv();
    const lead = await installSynced(env, undefined, 'user_lead_1');
    const analyst = await asUser(env, lead, 'user_analyst_1', { role: 'reviewer' });
    const tokenized = await firstBySeed(env, analyst, 'tokenized');
    const opened = await openCase(analyst, tokenized.identity_id);
    expect(opened.case.approval_blockers.map((b) => b.code)).toContain('check_skipped');
    const refused = await decide(analyst, tokenized.identity_id, { action: 'approve' });
    expect(await errorCode(refused)).toBe('approval_blocked');

    let clean: string | undefined;
    for (const candidate of await identitiesBySeed(env, analyst, 'complete')) {
      if ((await openCase(analyst, candidate.identity_id)).case.approval_blockers.length === 0) {
        clean = candidate.identity_id;
        break;
      }
    }
    if (clean === undefined) throw new Error('no complete case without blockers in the seed');
    const nothing = await override(lead, clean, { reason_code: 'other', note: 'no need' });
    expect(nothing.status).toBe(409);
  });
});

describe('hit verdicts', () => {
  it('need a reason code that fits the disposition and a note; unknown and foreign hits are 404; nothing changes on a 4xx', async () => {
    env = await createReviewEnv();
    const lead = await installSynced(env, undefined, 'user_lead_1');
    const analyst = await asUser(env, lead, 'user_analyst_1', { role: 'reviewer' });
    const identity = await firstBySeed(env, analyst, 'watchlist_exact');
    const hit = (await openCase(analyst, identity.identity_id)).case.hits[0];
    if (hit === undefined) throw new Error('no hit');
    const before = snapshot(env, analyst, identity.identity_id);
    for (const body of [
      { disposition: 'false_positive', reason_code: 'looks_different', note: 'x' },
      { disposition: 'false_positive', reason_code: 'confirmed_same_person', note: 'x' },
      { disposition: 'confirmed', reason_code: 'common_name', note: 'x' },
      { disposition: 'false_positive', reason_code: 'common_name' },
    ])
      expect((await rawVerdict(analyst, identity.identity_id, hit.hit_id, body)).status).toBe(400);
    const unknown = await verdict(analyst, identity.identity_id, 'hit_0000000000000000', {
      disposition: 'false_positive',
      reason_code: 'common_name',
      note: 'x',
    });
    expect(unknown.status).toBe(404);
    const other = await firstBySeed(env, analyst, 'complete');
    const foreign = await verdict(analyst, other.identity_id, hit.hit_id, {
      disposition: 'false_positive',
      reason_code: 'common_name',
      note: 'x',
    });
    expect(foreign.status).toBe(404);
    expect(snapshot(env, analyst, identity.identity_id)).toEqual(before);
  });

  it('a lead reverses a verdict with a reason; the history names the hit with before and after', async () => {
    env = await createReviewEnv();
    const lead = await installSynced(env, undefined, 'user_lead_1');
    const analyst = await asUser(env, lead, 'user_analyst_1', { role: 'reviewer' });
    const identity = await firstBySeed(env, analyst, 'watchlist_exact');
    const hit = (await openCase(analyst, identity.identity_id)).case.hits[0];
    if (hit === undefined) throw new Error('no hit');
    const dismissed = await verdict(analyst, identity.identity_id, hit.hit_id, {
      disposition: 'false_positive',
      reason_code: 'different_dob',
      note: 'Born 1961, the entry 1975.',
    });
    expect(dismissed.status).toBe(200);
    expect(CaseDetailDto.parse(await dismissed.json()).case.hits.find((h) => h.hit_id === hit.hit_id)).toMatchObject({
      disposition: 'false_positive',
      reason_code: 'different_dob',
      note: 'Born 1961, the entry 1975.',
    });
    // A verdict stands: giving another is a 409, only a lead reverses it.
    const again = await verdict(analyst, identity.identity_id, hit.hit_id, {
      disposition: 'confirmed',
      reason_code: 'confirmed_same_person',
      note: 'x',
    });
    expect(again.status).toBe(409);
    const reversal = `/api/cases/${identity.identity_id}/hits/${hit.hit_id}/reversal`;
    expect((await reverse(analyst, identity.identity_id, hit.hit_id, 'wrong')).status).toBe(403);
    expect((await lead.api(reversal, { method: 'POST', body: {} })).status).toBe(400);
    expect((await reverse(lead, identity.identity_id, hit.hit_id, '  ')).status).toBe(400);

    const reversed = await reverse(lead, identity.identity_id, hit.hit_id, 'The dob on file was a typo.');
    expect(reversed.status).toBe(200);
    const dto = CaseDetailDto.parse(await reversed.json());
    expect(dto.case.hits.find((h) => h.hit_id === hit.hit_id)?.disposition).toBe('open');
    expect(dto.case.approval_blockers.map((b) => b.code)).toContain('open_hit');
    const history = await historyOf(lead, identity.identity_id);
    expect(history.items[0]).toMatchObject({
      action: 'hit:verdict_reversed',
      actor_name: 'user_lead_1',
      reason: 'The dob on file was a typo.',
      before: {
        entry_name: hit.entry.name,
        list: hit.entry.list,
        disposition: 'false_positive',
        reason_code: 'different_dob',
        by_name: 'user_analyst_1',
      },
      after: { entry_name: hit.entry.name, list: hit.entry.list, disposition: 'open' },
    });
    expect(history.items[1]).toMatchObject({
      action: 'hit:false_positive',
      after: { entry_name: hit.entry.name, reason_code: 'different_dob' },
    });
    // Reversing an open hit is a 409.
    expect((await reverse(lead, identity.identity_id, hit.hit_id, 'again')).status).toBe(409);
  });
});
