import { afterEach, describe, expect, it } from 'vitest';
import { CaseStatus } from '@kyc-review/contracts';
import { z } from 'zod';
import type { EmulatorBackedApp } from '../support/emulator-app';
import { DEFAULT_IDS } from '../support/lifecycle';
import { asUser, createReviewEnv, decide, installSynced, queue } from './support/review-env';

// Over HTTP, on a day some cases fall due: the total and every status tab of each view the
// SPA offers equal a recount of the install's rows. The BFF reads them from the kept counts
// (assignee, open, overdue: decision 019); the recount here is the plainest SQL.

const NOW = '2026-11-20T09:00:00.000Z';
const HOUR = 3_600_000;

let env: EmulatorBackedApp | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const TABS = [...CaseStatus.options, 'never_reviewed'] as const;

function recount(e: EmulatorBackedApp, install: string, me: string, query: string, tab?: string): number {
  const p = new URLSearchParams(query);
  if (tab !== undefined) p.set('status', tab);
  const where = ['installed_app_id = @install', 'listed = 1'];
  const status = p.get('status');
  if (status === 'never_reviewed') where.push('never_reviewed = 1');
  else if (status !== null) where.push('status = @status');
  const assignee = p.get('assignee');
  if (assignee !== null) where.push('assignee_id = @assignee');
  if (p.get('open') !== null) where.push("status NOT IN ('approved', 'rejected')");
  if (p.get('overdue') !== null) where.push('due_at < @now');
  if (p.get('second_approval') !== null) where.push('awaiting_second = 1 AND first_approver_id <> @me');
  if (p.get('risk_level') !== null) where.push('risk_level = @risk');
  const row = e.t.db.prepare(`SELECT COUNT(*) AS n FROM kyc_cases WHERE ${where.join(' AND ')}`).get({
    install,
    status: status ?? '',
    assignee: assignee === 'me' ? me : assignee === 'none' ? '' : (assignee ?? ''),
    now: e.t.clock.now().toISOString(),
    me,
    risk: p.get('risk_level') ?? '',
  });
  return z.object({ n: z.number() }).parse(row).n;
}

describe('queue view totals over HTTP', () => {
  it('every view’s total and tabs equal a recount, on a day some cases fall due', async () => {
    env = await createReviewEnv({ now: NOW });
    const first = await installSynced(env);
    const open = (await queue(first, '?open=true&pageSize=100')).items;
    expect(open.length).toBeGreaterThan(10);
    for (const c of open.slice(0, 4))
      expect((await first.api(`/api/cases/${c.identity_id}/claim`, { method: 'POST' })).status).toBe(200);
    const lena = await asUser(env, first, 'Lena Lead', { role: 'lead' });
    for (const c of open.slice(4, 7))
      expect((await lena.api(`/api/cases/${c.identity_id}/claim`, { method: 'POST' })).status).toBe(200);
    const low = open.find((c) => c.risk_level === 'low' && c.open_hits === 0);
    if (low !== undefined) expect((await decide(first, low.identity_id, { action: 'approve' })).status).toBe(200);

    // Two days and three hours on: the high-risk new cases fell due this morning (due after
    // two days at 09:00), so "overdue" reaches into today's part of the due-date index.
    env.t.clock.advanceMs(51 * HOUR);
    const ada = await asUser(env, first, DEFAULT_IDS.user_id);
    const me = ada.session.reviewer?.reviewerId ?? '';
    expect(me).not.toBe('');
    const views = [
      'assignee=me&open=true&sort=due_at_asc',
      'assignee=none&open=true&sort=due_at_asc',
      'second_approval=awaiting&sort=due_at_asc',
      'overdue=true&sort=due_at_asc',
      'status=needs_rereview&sort=due_at_asc',
      'sort=risk_desc',
      'assignee=none&overdue=true',
      'assignee=none&open=true&risk_level=high',
      'overdue=true&risk_level=high',
    ];
    let overdue = 0;
    for (const view of views) {
      const page = await queue(ada, `?${view}`);
      expect(page.total, view).toBe(recount(env, ada.installedAppId, me, view));
      if (view.startsWith('overdue')) overdue = page.total;
      for (const tab of TABS)
        expect(page.counts[tab], `${view} ${tab}`).toBe(recount(env, ada.installedAppId, me, view, tab));
    }
    expect(overdue).toBeGreaterThan(0);
    // A bad assignee is refused, as before.
    expect((await ada.api('/api/cases?assignee=nobody%20at%20all')).status).toBe(400);
  });
});
