import { afterEach, describe, expect, it } from 'vitest';
import type { CaseQueueDto } from '@kyc-review/contracts';
import { BulkPreviewDto, BulkResultDto, ErrorEnvelope, Identity } from '@kyc-review/contracts';
import { z } from 'zod';
import type { EmulatorBackedApp, InstalledSession } from '../support/emulator-app';
import { asUser, createReviewEnv, drainOutbox, installSynced, openCase, queue } from './support/review-env';

// Bulk approval (issue 12, decision 021) over HTTP against the emulator: eligibility is the
// single approval's rules plus low risk, each case is one decision with its own audit row
// and outbox rows, and what is refused is reported, never decided.

let env: EmulatorBackedApp | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const preview = async (who: InstalledSession, ids: readonly string[]) => {
  const res = await who.api('/api/bulk-approvals/preview', { method: 'POST', body: { identity_ids: ids } });
  expect(res.status, await res.clone().text()).toBe(200);
  return BulkPreviewDto.parse(await res.json());
};
const approve = async (who: InstalledSession, cases: readonly { identity_id: string; version: number }[]) => {
  const res = await who.api('/api/bulk-approvals', { method: 'POST', body: { cases } });
  expect(res.status, await res.clone().text()).toBe(200);
  return BulkResultDto.parse(await res.json());
};
const confirmOf = (p: BulkPreviewDto) => p.eligible.map((i) => ({ identity_id: i.identity_id, version: i.version }));

const AuditRow = z.object({ identity_id: z.string().nullable(), action: z.string(), after: z.string().nullable() });
const auditRows = (e: EmulatorBackedApp, action: string) =>
  e.t.db
    .prepare('SELECT identity_id, action, after_state AS after FROM kyc_audit WHERE action = ?')
    .all(action)
    .map((r) => AuditRow.parse(r));
const outboxCount = (e: EmulatorBackedApp) => Number(e.t.db.prepare('SELECT count(*) FROM kyc_outbox').pluck().get());
/** The metadata write-backs of these identities, counted by state. */
const metadataStates = (e: EmulatorBackedApp, ids: readonly string[]) =>
  e.t.db
    .prepare(
      `SELECT state, count(*) AS n FROM kyc_outbox WHERE kind = 'metadata'
        AND identity_id IN (SELECT value FROM json_each(?)) GROUP BY state`,
    )
    .all(JSON.stringify(ids));
const ledgerIdentity = async (e: EmulatorBackedApp, id: string) =>
  Identity.parse(await e.control('GET', `/identities/${id}`));

/** Eligible low-risk cases, and cases of each kind bulk refuses, from the seeded queue. */
async function selection(installed: InstalledSession): Promise<{ low: string[]; notLow: string[] }> {
  const all: CaseQueueDto = await queue(installed, '?open=true&pageSize=100');
  const lowIds = all.items.filter((c) => c.risk_level === 'low' && c.open_hits === 0).map((c) => c.identity_id);
  const notLow = all.items.filter((c) => c.risk_level !== 'low').map((c) => c.identity_id);
  const p = await preview(installed, lowIds);
  const low = p.eligible.map((i) => i.identity_id);
  if (low.length < 3 || notLow.length < 2) throw new Error('the seed has too few cases of each kind');
  return { low, notLow };
}

describe('bulk approval over HTTP', () => {
  it('mixed selection: the preview says who is eligible and why not; only eligible cases are approved, each audited once', async () => {
    env = await createReviewEnv();
    const lead = await installSynced(env);
    const { low, notLow } = await selection(lead);
    const picked = [...low.slice(0, 3), ...notLow.slice(0, 2)];

    const p = await preview(lead, picked);
    expect(p.eligible.map((i) => i.identity_id)).toEqual(low.slice(0, 3));
    expect(p.eligible.every((i) => i.expected === 'approved' && i.display_name !== null)).toBe(true);
    expect(p.ineligible.map((i) => [i.identity_id, i.refusal?.code])).toEqual(
      notLow.slice(0, 2).map((id) => [id, 'not_low_risk']),
    );
    expect(p.ineligible[0]?.refusal?.message).toMatch(/^The case is (medium|high) risk: only low-risk cases/);
    // A preview decides nothing.
    expect(auditRows(env, 'decision:approve')).toHaveLength(0);

    // The confirmation may still carry an ineligible case (a stale screen): it is refused, not decided.
    const stale = p.ineligible[0];
    if (stale === undefined) throw new Error('an ineligible case');
    const result = await approve(lead, [...confirmOf(p), { identity_id: stale.identity_id, version: stale.version }]);
    expect(result).toMatchObject({ approved: 3, first_approvals: 0, refused: 1 });
    expect(result.items.map((i) => i.outcome)).toEqual(['approved', 'approved', 'approved', 'refused']);
    expect(result.items[3]?.refusal?.code).toBe('not_low_risk');
    for (const id of low.slice(0, 3)) expect((await openCase(lead, id)).case.status).toBe('approved');
    expect((await openCase(lead, notLow[0] ?? '')).case.status).not.toBe('approved');

    // One decision:approve row per case, each naming the run; an unknown id is refused per case.
    const rows = auditRows(env, 'decision:approve');
    expect(rows.map((r) => r.identity_id).sort()).toEqual(low.slice(0, 3).sort());
    for (const r of rows) expect(JSON.parse(r.after ?? '{}')).toMatchObject({ bulk_id: result.bulk_id, risk: 'low' });
    const again = await approve(lead, [{ identity_id: 'idt_unknown', version: 1 }, ...confirmOf(p).slice(0, 1)]);
    expect(again.items.map((i) => [i.outcome, i.refusal?.code])).toEqual([
      ['refused', 'not_found'],
      ['refused', 'conflict'],
    ]);
    expect(auditRows(env, 'decision:approve')).toHaveLength(3);
  });

  it('a reviewer (not a lead): cases assigned to others are refused with the assignee’s name, the rest approved', async () => {
    env = await createReviewEnv();
    const lead = await installSynced(env);
    const ana = await asUser(env, lead, 'user_ana', { role: 'reviewer', name: 'Ana Analyst' });
    const ben = await asUser(env, lead, 'user_ben', { role: 'reviewer', name: 'Ben Checker' });
    const { low } = await selection(lead);
    const [benS, anaS, free] = low;
    if (benS === undefined || anaS === undefined || free === undefined) throw new Error('three low-risk cases');
    expect((await ben.api(`/api/cases/${benS}/claim`, { method: 'POST' })).status).toBe(200);
    expect((await ana.api(`/api/cases/${anaS}/claim`, { method: 'POST' })).status).toBe(200);
    const before = await openCase(lead, benS);

    const p = await preview(ana, [benS, anaS, free]);
    expect(p.eligible.map((i) => i.identity_id)).toEqual([anaS, free]);
    expect(p.ineligible).toEqual([
      expect.objectContaining({
        identity_id: benS,
        expected: null,
        refusal: {
          code: 'assigned_to_other',
          message: 'This case is assigned to Ben Checker: only they or a lead can act on it.',
        },
      }),
    ]);
    // Sending Ben's case anyway changes nothing on it.
    const result = await approve(ana, [...confirmOf(p), { identity_id: benS, version: p.ineligible[0]?.version ?? 0 }]);
    expect(result.items.map((i) => [i.identity_id, i.outcome])).toEqual([
      [anaS, 'approved'],
      [free, 'approved'],
      [benS, 'refused'],
    ]);
    const after = await openCase(lead, benS);
    expect(after.case.status).toBe(before.case.status);
    expect(after.case.updated_at).toBe(before.case.updated_at);
    expect(auditRows(env, 'decision:approve').map((r) => r.identity_id)).not.toContain(benS);
    // The lead may approve Ben's case in bulk: a lead acts on any assigned case.
    const byLead = await approve(lead, confirmOf(await preview(lead, [benS])));
    expect(byLead.approved).toBe(1);
  });

  it('over 200 cases, duplicates or an empty selection: 400 with the limit, nothing stored', async () => {
    env = await createReviewEnv();
    const lead = await installSynced(env);
    const { low } = await selection(lead);
    const ids = Array.from({ length: 201 }, (_, i) => low[i] ?? `idt_filler${String(i).padStart(4, '0')}`);
    const audits = Number(env.t.db.prepare('SELECT count(*) FROM kyc_audit').pluck().get());
    const outbox = outboxCount(env);
    const bodies: [string, unknown][] = [
      ['/api/bulk-approvals/preview', { identity_ids: ids }],
      ['/api/bulk-approvals', { cases: ids.map((id) => ({ identity_id: id, version: 1 })) }],
      ['/api/bulk-approvals', { cases: [] }],
      ['/api/bulk-approvals', { cases: [low[0], low[0]].map((id) => ({ identity_id: id, version: 1 })) }],
      ['/api/bulk-approvals', { cases: [{ identity_id: 'not-an-id', version: 1 }] }],
    ];
    for (const [path, body] of bodies) {
      const res = await lead.api(path, { method: 'POST', body });
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(ErrorEnvelope.parse(await res.json()).error.code).toBe('validation_failed');
    }
    const over = await lead.api('/api/bulk-approvals', {
      method: 'POST',
      body: { cases: ids.map((id) => ({ identity_id: id, version: 1 })) },
    });
    expect(JSON.stringify(await over.json())).toContain('at most 200 cases');
    expect(Number(env.t.db.prepare('SELECT count(*) FROM kyc_audit').pluck().get())).toBe(audits);
    expect(outboxCount(env)).toBe(outbox);
    for (const id of low) expect((await openCase(lead, id)).case.status).not.toBe('approved');
  });

  it('Cloud down during the write-back: every decision stands, the outbox retries, each lands once', async () => {
    env = await createReviewEnv();
    const lead = await installSynced(env);
    const { low } = await selection(lead);
    const p = await preview(lead, low);
    const ledgerBefore = new Map<string, unknown>();
    for (const id of low) ledgerBefore.set(id, (await ledgerIdentity(env, id)).meta_data['kyc_status']);
    await env.control('POST', '/faults', { status: 503, count: 500 });

    const result = await approve(lead, confirmOf(p));
    expect(result.approved).toBe(low.length);
    await env.t.services.review.outbox.runOnce();
    // Nothing half-applied: each case approved with its metadata write pending; the ledger unchanged.
    expect(metadataStates(env, low)).toEqual([{ state: 'pending', n: low.length }]);
    const firstQueue = await queue(lead, '?status=approved&pageSize=100');
    for (const id of low) expect(firstQueue.items.find((i) => i.identity_id === id)?.sync_pending).toBe(true);
    await env.control('DELETE', '/faults');
    for (const id of low) expect((await ledgerIdentity(env, id)).meta_data['kyc_status']).toBe(ledgerBefore.get(id));

    env.t.clock.advanceSeconds(120);
    await drainOutbox(env);
    for (const id of low) {
      expect((await ledgerIdentity(env, id)).meta_data['kyc_status']).toBe('approved');
      expect((await openCase(lead, id)).case.write_back?.metadata.state).toBe('done');
    }
    // Each written back once: one metadata row per decision, all done, nothing due.
    expect(metadataStates(env, low)).toEqual([{ state: 'done', n: low.length }]);
    expect(await env.t.services.review.outbox.runOnce()).toBe(0);
    expect(auditRows(env, 'decision:approve')).toHaveLength(low.length);
  });
});
