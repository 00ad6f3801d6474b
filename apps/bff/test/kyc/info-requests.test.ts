import { afterEach, describe, expect, it } from 'vitest';
import {
  CaseDetailDto,
  DEFAULT_DUE_DAYS,
  ErrorEnvelope,
  HistoryDto,
  InfoRequestListDto,
  type CaseSummaryDto,
} from '@kyc-review/contracts';
import type { EmulatorBackedApp, InstalledSession } from '../support/emulator-app';
import { apiHeaders } from '../support/lifecycle';
import { asUser, createReviewEnv, decide, drainOutbox, installSynced, openCase, queue } from './support/review-env';

// Request information (issue 12, decision 021): what was asked and until when, "received"
// putting the case back in review with the answer noted, audited and written back.

let env: EmulatorBackedApp | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const NOW = '2026-11-20T09:00:00.000Z';
const DAY_MS = 86_400_000;
const plusDays = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY_MS).toISOString();

const ask = (who: InstalledSession, id: string, body: unknown) =>
  who.api(`/api/cases/${id}/info-requests`, { method: 'POST', body });
const receive = (who: InstalledSession, id: string, body: unknown) =>
  who.api(`/api/cases/${id}/info-requests/received`, { method: 'POST', body });
async function requests(who: InstalledSession, id: string) {
  const res = await who.api(`/api/cases/${id}/info-requests`);
  expect(res.status).toBe(200);
  return InfoRequestListDto.parse(await res.json()).items;
}
const count = (e: EmulatorBackedApp, sql: string) => Number(e.t.db.prepare(sql).pluck().get());

async function newLowCase(installed: InstalledSession): Promise<CaseSummaryDto> {
  const c = (await queue(installed, '?status=new&risk_level=low')).items[0];
  if (c === undefined) throw new Error('no new low-risk case in the seed');
  return c;
}

describe('request information over HTTP', () => {
  it('records what was asked with its due date, shows it overdue, and "received" puts the case back in review', async () => {
    env = await createReviewEnv({ now: NOW });
    const lead = await installSynced(env);
    const id = (await newLowCase(lead)).identity_id;

    const asked = await ask(lead, id, {
      text: 'We need proof of address and a clearer ID.',
      items: ['Utility bill under 3 months', ' Passport photo page '],
    });
    expect(asked.status, await asked.clone().text()).toBe(200);
    expect(CaseDetailDto.parse(await asked.json()).case.status).toBe('info_requested');
    const due = plusDays(NOW, DEFAULT_DUE_DAYS.info_requested.low);
    expect(await requests(lead, id)).toEqual([
      expect.objectContaining({
        text: 'We need proof of address and a clearer ID.',
        items: ['Utility bill under 3 months', 'Passport photo page'],
        asked_at: NOW,
        due_at: due,
        overdue: false,
        received_at: null,
        answer: null,
      }),
    ]);
    // The audit row of the decision names the items.
    const history = HistoryDto.parse(await (await lead.api(`/api/cases/${id}/history`)).json());
    expect(history.items.find((h) => h.action === 'decision:request_info')).toMatchObject({
      reason: 'We need proof of address and a clearer ID.',
      after: { requested_items: ['Utility bill under 3 months', 'Passport photo page'] },
    });

    // Past the due date it is overdue like any other case, in the queue and on the request.
    env.t.clock.advanceMs((DEFAULT_DUE_DAYS.info_requested.low + 1) * DAY_MS);
    const later = await asUser(env, lead, 'user_lead_again', { role: 'lead', name: 'Lena Lead' });
    expect((await requests(later, id))[0]).toMatchObject({ due_at: due, overdue: true });
    expect((await queue(later, '?overdue=true&pageSize=100')).items.map((c) => c.identity_id)).toContain(id);

    const got = await receive(later, id, { answer: 'Bill and passport scan received by email.' });
    expect(got.status, await got.clone().text()).toBe(200);
    const back = CaseDetailDto.parse(await got.json());
    expect(back.case.status).toBe('in_review');
    // The clock restarts from the answer, by the reason the case waits (new, low).
    expect(back.case.due).toEqual({
      due_at: plusDays(env.t.clock.now().toISOString(), DEFAULT_DUE_DAYS.new.low),
      reason: 'new',
      overdue: false,
    });
    expect((await requests(later, id))[0]).toMatchObject({
      answer: 'Bill and passport scan received by email.',
      received_by_name: 'Lena Lead',
      due_at: null,
      overdue: false,
    });
    const after = HistoryDto.parse(await (await later.api(`/api/cases/${id}/history`)).json());
    expect(after.items.find((h) => h.action === 'case:info_received')).toMatchObject({
      actor_name: 'Lena Lead',
      reason: 'Bill and passport scan received by email.',
      before: { status: 'info_requested' },
      after: { status: 'in_review' },
    });
    // The ledger follows the case back into review.
    env.t.clock.advanceSeconds(1);
    await drainOutbox(env);
    expect((await openCase(later, id)).case.write_back?.metadata.state).toBe('done');
    // The case is decided as usual afterwards.
    expect((await decide(later, id, { action: 'approve' })).status).toBe(200);
  });

  it('refuses bad bodies, a case not waiting, and someone else’s case; nothing is stored', async () => {
    const e = (env = await createReviewEnv({ now: NOW }));
    const lead = await installSynced(e);
    const ana = await asUser(env, lead, 'user_ana', { role: 'reviewer', name: 'Ana Analyst' });
    const ben = await asUser(env, lead, 'user_ben', { role: 'reviewer', name: 'Ben Checker' });
    const id = (await newLowCase(lead)).identity_id;
    const stored = () => count(e, 'SELECT count(*) FROM kyc_info_requests');
    const audits = () => count(e, 'SELECT count(*) FROM kyc_audit');

    const before = { requests: stored(), audits: audits() };
    for (const body of [
      {},
      { text: '   ' },
      { text: 'ok', items: Array.from({ length: 21 }, (_, i) => `item ${String(i)}`) },
      { text: 'ok', items: [''] },
      { text: 'ok', items: ['x'.repeat(201)] },
      { text: 'ok', extra: 1 },
    ]) {
      const res = await ask(lead, id, body);
      expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(400);
      expect(ErrorEnvelope.parse(await res.json()).error.code).toBe('validation_failed');
    }
    // Received on a case nobody asked anything: 409, nothing changes.
    const notWaiting = await receive(lead, id, { answer: 'Sent' });
    expect(notWaiting.status).toBe(409);
    expect(ErrorEnvelope.parse(await notWaiting.json()).error).toMatchObject({
      code: 'invalid_transition',
      message: 'The case is new: it is not waiting for information.',
    });
    expect({ requests: stored(), audits: audits() }).toEqual(before);

    // Ana holds the case: Ben may neither ask nor mark received; Ana may.
    expect((await ana.api(`/api/cases/${id}/claim`, { method: 'POST' })).status).toBe(200);
    const claimed = audits();
    expect((await ask(ben, id, { text: 'Proof of address' })).status).toBe(403);
    expect((await ask(ana, id, { text: 'Proof of address' })).status).toBe(200);
    const refused = await receive(ben, id, { answer: 'Sent' });
    expect(refused.status).toBe(403);
    expect(ErrorEnvelope.parse(await refused.json()).error.code).toBe('assigned_to_other');
    for (const body of [{}, { answer: '' }, { answer: 'x'.repeat(2001) }])
      expect((await receive(ana, id, body)).status).toBe(400);
    expect((await openCase(lead, id)).case.status).toBe('info_requested');
    expect(audits()).toBe(claimed + 1);
    expect((await requests(ben, id))[0]?.answer).toBeNull();
    // A stale If-Match is a conflict.
    const stale = await env.t.app.request(`/api/cases/${id}/info-requests/received`, {
      method: 'POST',
      headers: { ...apiHeaders(ana.session), 'If-Match': '"v0"' },
      body: JSON.stringify({ answer: 'Sent' }),
    });
    expect(stale.status).toBe(409);
    expect((await receive(ana, id, { answer: 'Sent' })).status).toBe(200);
    expect((await receive(ana, id, { answer: 'Sent again' })).status).toBe(409);
    expect((await lead.api('/api/cases/idt_unknown/info-requests')).status).toBe(404);
  });
});
