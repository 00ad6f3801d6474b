import { afterEach, describe, expect, it } from 'vitest';
import { CaseStatus } from '@kyc-review/contracts';
import type { EmulatorBackedApp } from '../support/emulator-app';
import {
  createReviewEnv,
  decide,
  errorCode,
  firstBySeed,
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

describe('the review queue', () => {
  it('mirrors every identity of the instance, assessed, with counts per status', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    const page = await queue(installed, '?pageSize=100');
    expect(page.total).toBe(40);
    expect(page.items).toHaveLength(40);
    for (const status of CaseStatus.options) expect(page.counts[status]).toBeTypeOf('number');
    // Some seeded identities carry an earlier decision in meta_data.kyc_status: their case starts there.
    expect(CaseStatus.options.reduce((n, s) => n + (page.counts[s] ?? 0), 0)).toBe(40);
    expect(page.counts['never_reviewed']).toBeGreaterThan(0);
    expect(page.counts['never_reviewed']).toBeLessThanOrEqual(page.counts['new'] ?? 0);
    const never = await queue(installed, '?status=never_reviewed&pageSize=100');
    expect(never.total).toBe(page.counts['never_reviewed']);
    expect(never.items.every((i) => i.status === 'new')).toBe(true);
    // risk_desc by default: the first item is at least as risky as the last.
    const scores = page.items.map((i) => i.risk_score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const high = page.items.filter((i) => i.risk_level === 'high');
    expect(high.length).toBeGreaterThan(0);
    expect(high[0]?.top_reasons.length).toBeGreaterThan(0);
  });

  it('syncs every page of the Data API (pages of 100)', async () => {
    env = await createReviewEnv({ identitiesPerInstance: 230 });
    const installed = await installSynced(env);
    const page = await queue(installed, '?pageSize=100&page=3');
    expect(page.total).toBe(230);
    expect(page.items).toHaveLength(30);
    expect(env.t.services.review.kyc.mirror.syncState(installed.installedAppId)).toMatchObject({ lastError: null });
  });

  it('filters by risk band, type and search, and pages', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    const orgs = await queue(installed, '?identity_type=organization&pageSize=100');
    expect(orgs.items.length).toBeGreaterThan(0);
    expect(orgs.items.every((i) => i.identity_type === 'organization')).toBe(true);
    const high = await queue(installed, '?risk_level=high&pageSize=100');
    expect(high.items.every((i) => i.risk_level === 'high')).toBe(true);
    const first = (await queue(installed, '?sort=created_at_asc&pageSize=1')).items[0];
    expect(first).toBeDefined();
    const name = (first?.display_name ?? '').split(' ')[0] ?? '';
    const found = await queue(installed, `?q=${encodeURIComponent(name.toLowerCase())}`);
    expect(found.items.map((i) => i.identity_id)).toContain(first?.identity_id);
    const second = await queue(installed, '?sort=created_at_asc&pageSize=1&page=2');
    expect(second.items[0]?.identity_id).not.toBe(first?.identity_id);
    expect(second.total).toBe(40);
  });

  it('pages with keyset cursors both ways in every sort, matching the numbered pages', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    for (const sort of ['risk_desc', 'created_at_desc', 'created_at_asc', 'updated_at_desc']) {
      const all = (await queue(installed, `?sort=${sort}&pageSize=100`)).items.map((i) => i.identity_id);
      expect(all).toHaveLength(40);
      // Forwards with next_cursor: the same rows in the same order, page numbers counting up.
      const walked: string[] = [];
      const cursors: (string | null)[] = [];
      let page = await queue(installed, `?sort=${sort}&pageSize=7`);
      expect(page.prev_cursor).toBeNull();
      for (;;) {
        walked.push(...page.items.map((i) => i.identity_id));
        cursors.push(page.prev_cursor);
        if (page.next_cursor === null) break;
        const next = await queue(installed, `?sort=${sort}&pageSize=7&cursor=${page.next_cursor}`);
        expect(next.page).toBe(page.page + 1);
        page = next;
      }
      expect(walked, sort).toEqual(all);
      expect(page.page).toBe(6);
      expect(page.items).toHaveLength(5);
      // Backwards with prev_cursor, from the last page to the first.
      const back: string[][] = [page.items.map((i) => i.identity_id)];
      while (page.prev_cursor !== null) {
        page = await queue(installed, `?sort=${sort}&pageSize=7&cursor=${page.prev_cursor}`);
        back.unshift(page.items.map((i) => i.identity_id));
      }
      expect(page.page).toBe(1);
      expect(back.flat(), sort).toEqual(all);
      // A numbered page (counted from the nearer end) is the same page.
      for (const n of [2, 5, 6]) {
        const numbered = await queue(installed, `?sort=${sort}&pageSize=7&page=${String(n)}`);
        expect(
          numbered.items.map((i) => i.identity_id),
          `${sort} page ${String(n)}`,
        ).toEqual(back[n - 1]);
      }
      expect((await queue(installed, `?sort=${sort}&pageSize=7&page=7`)).items).toEqual([]);
    }
  });

  it('filters combine, and a cursor of another view or a forged one is a 400', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    const all = (await queue(installed, '?pageSize=100')).items;
    const expected = all
      .filter((i) => i.status === 'new' && i.identity_type === 'individual')
      .map((i) => i.identity_id);
    const walked: string[] = [];
    let page = await queue(installed, '?status=new&identity_type=individual&pageSize=4');
    expect(page.total).toBe(expected.length);
    for (;;) {
      walked.push(...page.items.map((i) => i.identity_id));
      if (page.next_cursor === null) break;
      page = await queue(installed, `?status=new&identity_type=individual&pageSize=4&cursor=${page.next_cursor}`);
    }
    expect(walked).toEqual(expected);

    const first = await queue(installed, '?status=new&pageSize=4');
    const cursor = first.next_cursor ?? '';
    for (const bad of [
      `?status=approved&pageSize=4&cursor=${cursor}`,
      `?status=new&sort=created_at_asc&pageSize=4&cursor=${cursor}`,
      '?cursor=not-a-cursor',
      `?cursor=${Buffer.from(JSON.stringify({ v: 1, sort: 'risk_desc', dir: 'after', key: [1], page: 2, view: 'x' })).toString('base64url')}`,
      `?cursor=${'a'.repeat(600)}`,
    ]) {
      const res = await installed.api(`/api/cases${bad}`);
      expect(res.status, bad).toBe(400);
      expect(await errorCode(res)).toBe('validation_failed');
    }
  });

  it('rejects a bad query with 400 and names the field', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    const res = await installed.api('/api/cases?status=bogus');
    expect(res.status).toBe(400);
    expect(await errorCode(res)).toBe('validation_failed');
  });

  it('opens a case with identity, checks and risk; another install’s identity is a 404', async () => {
    env = await createReviewEnv();
    const [a, b] = await env.instances();
    if (a === undefined || b === undefined) throw new Error('the emulator needs two instances');
    const mine = await installSynced(env, undefined, undefined);
    const other = await env.install(undefined, {
      instanceId: mine.instanceId === a.instance_id ? b.instance_id : a.instance_id,
    });
    const foreign = await firstBySeed(env, other, 'complete');
    const own = await firstBySeed(env, mine, 'complete');

    const detail = await openCase(mine, own.identity_id);
    expect(detail.identity.identity_id).toBe(own.identity_id);
    expect(detail.case.checks.map((c) => c.check_id)).toEqual(
      expect.arrayContaining(['required_fields', 'age', 'watchlist', 'country_risk', 'duplicates']),
    );
    expect(detail.case.status).toBe('new');
    expect(offeredDecisions(detail.case)).toEqual(['approve', 'reject', 'request_info', 'escalate']);

    const param = { identityId: foreign.identity_id };
    const foreignCase = mine.rpc.api.cases[':identityId'];
    for (const res of [await foreignCase.$get({ param }), await foreignCase.history.$get({ param })]) {
      const status: number = res.status;
      expect(status).toBe(404);
      expect(await res.text()).not.toContain(foreign.last_name);
    }
    const decided = await decide(mine, foreign.identity_id, { action: 'approve' });
    expect(decided.status).toBe(404);
  });
});
