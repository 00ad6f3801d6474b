import { afterEach, describe, expect, it } from 'vitest';
import { BulkPreviewDto, BulkResultDto, CaseStatus, DEFAULT_KYC_SETTINGS, HistoryDto } from '@kyc-review/contracts';
import type { EmulatorBackedApp, InstalledSession } from '../support/emulator-app';
import { asUser, createReviewEnv, decide, installSynced, openCase, queue } from './support/review-env';

// The queue's views over HTTP (issue 12, decision 021): "Awaiting my second approval" lists
// the cases whose first approval is someone else's, and the status tabs count what the other
// active filters match. Bulk approval of a case four eyes still holds records the first
// approval only, as a single approval would.

let env: EmulatorBackedApp | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const TABS = [...CaseStatus.options, 'never_reviewed'] as const;

async function dismissHits(who: InstalledSession, id: string) {
  for (const hit of (await openCase(who, id)).case.hits.filter((h) => h.disposition === 'open')) {
    const res = await who.api(`/api/cases/${id}/hits/${hit.hit_id}`, {
      method: 'POST',
      body: { disposition: 'false_positive', reason_code: 'different_dob', note: 'not the listed person' },
    });
    expect(res.status).toBe(200);
  }
}

describe('awaiting my second approval', () => {
  it('bulk approval records a first approval where four eyes holds; the case then waits in the other lead’s view only', async () => {
    env = await createReviewEnv();
    const ada = await installSynced(env, undefined, 'Ada Admin');
    const lena = await asUser(env, ada, 'Lena Lead', { role: 'lead' });
    // High-risk cases whose only trouble is their hits: Ada dismisses the hits (four eyes now
    // holds: she cannot be their only approver), then wider bands make them low risk.
    const high = await queue(ada, '?status=never_reviewed&risk_level=high&pageSize=100');
    const withHits = high.items.filter((c) => c.open_hits > 0).map((c) => c.identity_id);
    for (const id of withHits) await dismissHits(ada, id);
    const wide = { ...DEFAULT_KYC_SETTINGS, risk_bands: { medium: 0.97, high: 0.99 } };
    expect((await ada.api('/api/settings', { method: 'PUT', body: wide })).status).toBe(200);
    for (const id of withHits) await openCase(ada, id);
    const previewRes = await ada.api('/api/bulk-approvals/preview', {
      method: 'POST',
      body: { identity_ids: withHits },
    });
    const eligible = BulkPreviewDto.parse(await previewRes.json()).eligible;
    expect(eligible.length).toBeGreaterThan(0);
    for (const item of eligible)
      expect((await openCase(ada, item.identity_id)).case.four_eyes).toMatchObject({
        reason: 'hits_dismissed_at_high_risk',
      });

    const res = await ada.api('/api/bulk-approvals', {
      method: 'POST',
      body: { cases: eligible.map((i) => ({ identity_id: i.identity_id, version: i.version })) },
    });
    expect(res.status).toBe(200);
    const result = BulkResultDto.parse(await res.json());
    expect(result.items.map((i) => i.outcome)).toEqual(eligible.map(() => 'first_approval_recorded'));
    const [first] = eligible;
    if (first === undefined) throw new Error('nothing eligible');
    const pending = (await openCase(ada, first.identity_id)).case;
    expect(pending).toMatchObject({
      status: 'in_review',
      pending_approval: { first_reviewer: ada.session.reviewer?.reviewerId, first_reviewer_name: 'Ada Admin' },
    });
    // Not written to the ledger yet: only the completing approval is.
    expect(pending.write_back?.metadata.state).toBe('not_needed');
    const audit = HistoryDto.parse(await (await ada.api(`/api/cases/${first.identity_id}/history`)).json()).items[0];
    expect(audit).toMatchObject({ action: 'decision:approve_first_of_two', actor_name: 'Ada Admin' });
    expect(audit?.after).toMatchObject({ bulk_id: expect.any(String) });

    // Lena's view lists exactly these cases; Ada's (she gave the first approvals) none of them.
    const ids = eligible.map((i) => i.identity_id).sort();
    const lenas = await queue(lena, '?second_approval=awaiting&pageSize=100');
    expect(lenas.items.map((c) => c.identity_id).sort()).toEqual(ids);
    expect(lenas.total).toBe(ids.length);
    expect(lenas.counts['in_review']).toBe(ids.length);
    const adas = await queue(ada, '?second_approval=awaiting&pageSize=100');
    expect(adas.items).toEqual([]);
    expect(adas.total).toBe(0);

    // Lena's approval completes one: it leaves her view.
    expect((await decide(lena, first.identity_id, { action: 'approve', note: 'second look' })).status).toBe(200);
    const after = await queue(lena, '?second_approval=awaiting&pageSize=100');
    expect(after.items.map((c) => c.identity_id)).not.toContain(first.identity_id);
    expect(after.total).toBe(ids.length - 1);
  });

  it('a bad second_approval value is a 400 and nothing is read', async () => {
    env = await createReviewEnv();
    const ada = await installSynced(env);
    const res = await ada.api('/api/cases?second_approval=mine');
    expect(res.status).toBe(400);
  });
});

describe('status tabs', () => {
  it('count what the other active filters match, each tab as its own filtered total', async () => {
    env = await createReviewEnv();
    const ada = await installSynced(env);
    const open = await queue(ada, '?open=true&pageSize=100');
    for (const c of open.items.slice(0, 3))
      expect((await ada.api(`/api/cases/${c.identity_id}/claim`, { method: 'POST' })).status).toBe(200);

    const whole = (await queue(ada)).counts;
    for (const filters of [
      'risk_level=low',
      'assignee=me',
      'overdue=true',
      'open=true&q=a',
      'identity_type=individual&assignee=none',
    ]) {
      const page = await queue(ada, `?${filters}`);
      for (const tab of TABS) {
        const alone = await queue(ada, `?${filters}&status=${tab}`);
        expect(page.counts[tab], `${filters} ${tab}`).toBe(alone.total);
        // The chosen tab does not change the counts: they are the other filters'.
        expect(alone.counts[tab]).toBe(alone.total);
      }
      const listed = CaseStatus.options.reduce((n, s) => n + (page.counts[s] ?? 0), 0);
      expect(listed, filters).toBe(page.total);
    }
    // Mine: the three claimed cases, whatever else the install holds.
    const mine = (await queue(ada, '?assignee=me')).counts;
    expect(CaseStatus.options.reduce((n, s) => n + (mine[s] ?? 0), 0)).toBe(3);
    expect(CaseStatus.options.reduce((n, s) => n + (whole[s] ?? 0), 0)).toBeGreaterThan(3);
  });
});
