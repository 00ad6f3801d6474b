import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_DUE_DAYS, DEFAULT_KYC_SETTINGS, type CaseSummaryDto } from '@kyc-review/contracts';
import type { EmulatorBackedApp, InstalledSession } from '../support/emulator-app';
import { DEFAULT_IDS } from '../support/lifecycle';
import { asUser, createReviewEnv, decide, errorCode, installSynced, openCase, queue } from './support/review-env';

let env: EmulatorBackedApp | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const NOW = '2026-11-20T09:00:00.000Z';
const DAY_MS = 86_400_000;
const plusDays = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY_MS).toISOString();

/** Days pass: the session of the morning has gone idle, so the same lead launches again. */
async function later(e: EmulatorBackedApp, installed: InstalledSession, days: number): Promise<InstalledSession> {
  e.t.clock.advanceMs(days * DAY_MS);
  return asUser(e, installed, DEFAULT_IDS.user_id);
}

async function oneOfEach(installed: Parameters<typeof queue>[0]): Promise<Record<string, CaseSummaryDto>> {
  const all = (await queue(installed, '?status=new&pageSize=100')).items;
  const pick = (level: string) => {
    const c = all.find((x) => x.risk_level === level);
    if (c === undefined) throw new Error(`no new ${level}-risk case in the seed`);
    return c;
  };
  return { high: pick('high'), medium: pick('medium'), low: pick('low') };
}

describe('due dates over HTTP (injected clock)', () => {
  it('a new case is due 2, 5 or 10 days after it entered the queue by risk; overdue shows in queue, filter and case', async () => {
    env = await createReviewEnv({ now: NOW });
    const first = await installSynced(env);
    const cases = await oneOfEach(first);
    for (const [level, days] of Object.entries(DEFAULT_DUE_DAYS.new)) {
      const c = cases[level];
      expect(c?.due_at, level).toBe(plusDays(NOW, days));
      expect(c?.overdue, level).toBe(false);
      expect((await openCase(first, c?.identity_id ?? '')).case.due).toEqual({
        due_at: plusDays(NOW, days),
        reason: 'new',
        overdue: false,
      });
    }
    expect((await queue(first, '?overdue=true')).total).toBe(0);

    // Three days on: the high-risk cases (due after 2) are overdue, the others not yet.
    const installed = await later(env, first, 3);
    const overdue = await queue(installed, '?overdue=true&pageSize=100');
    expect(overdue.total).toBeGreaterThan(0);
    expect(overdue.items.every((c) => c.risk_level === 'high' && c.overdue)).toBe(true);
    // Every open high-risk case but those waiting for the customer (5 days) is late.
    const highOpen = (await queue(installed, '?open=true&risk_level=high&pageSize=100')).items;
    expect(overdue.total).toBe(highOpen.filter((c) => c.status !== 'info_requested').length);
    expect((await openCase(installed, cases['high']?.identity_id ?? '')).case.due?.overdue).toBe(true);
    expect((await openCase(installed, cases['low']?.identity_id ?? '')).case.due?.overdue).toBe(false);
    // The queue CSV follows the same filter.
    const csv = await (await installed.rpc.api.exports['queue.csv'].$get({ query: { overdue: 'true' } })).text();
    expect(csv.trim().split('\n')).toHaveLength(overdue.total + 1);

    // Oldest due first: the due-date sort walks from the earliest due date.
    const sorted = (await queue(installed, '?sort=due_at_asc&pageSize=100')).items.map((c) => c.due_at ?? '~');
    expect(sorted).toEqual([...sorted].sort());
    expect((await installed.api('/api/cases?overdue=yes')).status).toBe(400);

    // The dashboard counts the same overdue cases.
    const dashboard = await (await installed.rpc.api.dashboard.$get()).json();
    expect(dashboard).toMatchObject({ ageing: { overdue: overdue.total } });
  });

  it('requesting information, deciding and reopening move the due date; the policy in settings applies at once', async () => {
    env = await createReviewEnv({ now: NOW });
    const first = await installSynced(env);
    const { low } = await oneOfEach(first);
    const id = low?.identity_id ?? '';

    let installed = await later(env, first, 1);
    const asked = plusDays(NOW, 1);
    expect((await decide(installed, id, { action: 'request_info', note: 'Proof of address' })).status).toBe(200);
    expect((await openCase(installed, id)).case.due).toEqual({
      due_at: plusDays(asked, DEFAULT_DUE_DAYS.info_requested.low),
      reason: 'info_requested',
      overdue: false,
    });

    // A lead shortens the wait for information: the open case follows without a new decision.
    const due_days = { ...DEFAULT_DUE_DAYS, info_requested: { high: 1, medium: 2, low: 3 } };
    const saved = await installed.rpc.api.settings.$put({ json: { ...DEFAULT_KYC_SETTINGS, due_days } });
    expect(saved.status).toBe(200);
    expect((await openCase(installed, id)).case.due?.due_at).toBe(plusDays(asked, 3));

    // Bad policies are refused whole and change nothing.
    for (const bad of [
      { ...due_days, new: { high: 0, medium: 5, low: 10 } },
      { ...due_days, new: { high: 2, medium: 5, low: 400 } },
      { ...due_days, new: { high: 2, medium: 5 } },
    ]) {
      const res = await installed.api('/api/settings', {
        method: 'PUT',
        body: { ...DEFAULT_KYC_SETTINGS, due_days: bad },
      });
      expect(res.status).toBe(400);
      expect(await errorCode(res)).toBe('validation_failed');
    }
    expect((await openCase(installed, id)).case.due?.due_at).toBe(plusDays(asked, 3));

    // Decided: nobody waits. Reopened: it needs re-review, due from the reopening.
    installed = await later(env, installed, 1);
    expect((await decide(installed, id, { action: 'approve' })).status).toBe(200);
    expect((await openCase(installed, id)).case.due).toBeNull();
    expect((await queue(installed, '?sort=due_at_asc&pageSize=100')).items.at(-1)?.due_at).toBeNull();
    installed = await later(env, installed, 1);
    const reopenedAt = plusDays(NOW, 3);
    expect((await decide(installed, id, { action: 'reopen', note: 'new document' })).status).toBe(200);
    expect((await openCase(installed, id)).case.due).toEqual({
      due_at: plusDays(reopenedAt, DEFAULT_DUE_DAYS.needs_rereview.low),
      reason: 'needs_rereview',
      overdue: false,
    });
  });
});
