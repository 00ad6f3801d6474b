import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CaseQueueQuery, CaseSort, CaseStatus, RiskAssessment, RiskLevel } from '@kyc-review/contracts';
import { z } from 'zod';
import { createCaseQueueRepository } from '../../src/db/case-queue-repository';
import { createCaseRepository } from '../../src/db/case-repository';
import { migrate } from '../../src/db/migrate';
import { openDatabase, type Db } from '../../src/db/open-database';
import { pageRowidsSql } from '../../src/db/queue-plan';
import { COUNT_TABLES, QUEUE_SORTS, queueIndexName } from '../../src/db/queue-schema';
import { explain, random } from '../support/query-plans';

// The totals and status tabs of every view the SPA offers come from the kept counts
// (db/queue-totals.ts, decision 019): each view's statements are recorded as the repository
// runs them and explained by SQLite (no scan, no sort step, and no COUNT over more than one
// day's range of the due-date index), and every figure equals a recount of the rows.

const NOW = '2026-11-20T09:00:00.000Z';
const DAY = 86_400_000;
const ME = 'rvw_me';
const OTHER = 'rvw_other';

type Recorded = { sql: string; params: unknown };

/** A method of `target` called on it, whatever it is called with. */
const bound =
  (target: object, method: (...args: unknown[]) => unknown) =>
  (...args: unknown[]): unknown =>
    Reflect.apply(method, target, args);

/** The database as the repository sees it, recording each statement it runs and its parameters. */
function recording(db: Db, seen: Recorded[]): Db {
  return new Proxy(db, {
    get(target, prop): unknown {
      const value: unknown = Reflect.get(target, prop);
      if (typeof value !== 'function') return value;
      if (prop !== 'prepare') return bound(target, value as (...args: unknown[]) => unknown);
      return (sql: string) =>
        new Proxy(target.prepare(sql), {
          get(st, p): unknown {
            const method: unknown = Reflect.get(st, p);
            if (typeof method !== 'function') return method;
            const call = bound(st, method as (...args: unknown[]) => unknown);
            if (p !== 'get' && p !== 'all') return call;
            return (...args: unknown[]): unknown => {
              seen.push({ sql, params: args[0] });
              return call(...args);
            };
          },
        });
    },
  });
}

function seed(db: Db, count: number, rnd: () => number) {
  const cases = createCaseRepository(db);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] ?? (xs[0] as T);
  for (let i = 0; i < count; i += 1) {
    const level = pick(RiskLevel.options);
    // Entered the queue 0-12 days before NOW: due 2, 5 or 10 days later, so some are due on NOW's
    // day before NOW (the part the due-day counts leave to a count), some after it.
    const at = new Date(Date.parse(NOW) - Math.floor(rnd() * 12 * DAY)).toISOString();
    cases.insert({
      caseId: `case-${String(i)}`,
      installedAppId: i % 7 === 0 ? 'other' : 'inst',
      identityId: `idt_${String(i).padStart(5, '0')}`,
      status: pick(['new', 'new', 'in_review', 'approved', 'rejected', 'needs_rereview'] as const),
      summary: {
        displayName: `Person ${String(i)}`,
        searchText: `person ${String(i)} ${pick(['ann', 'bob'])}`,
        identityType: pick(['individual', 'organization']),
        country: pick(['Canada', 'canada', 'Germany', '']),
        createdAt: at,
        kycStatus: rnd() < 0.5 ? null : 'approved',
        kycReviewedAt: null,
        kycRiskLevel: null,
      },
      assessment: { checks: [], hits: [], risk: RiskAssessment.parse({ score: rnd(), level, reasons: [] }) },
      openHits: 0,
      stamp: { fingerprint: 'f', watchlistVersion: 0, settingsVersion: 0, assessedAt: at },
      at,
    });
  }
  // Assign some, and give some a first approval waiting for the second (mine or the other lead's).
  db.exec(
    `UPDATE kyc_cases SET assignee_id = CASE abs(random()) % 4 WHEN 0 THEN '${ME}' WHEN 1 THEN '${OTHER}' ELSE '' END`,
  );
  db.exec(`UPDATE kyc_cases SET pending_approval = json_object('first_reviewer', CASE WHEN rowid % 2 = 0 THEN '${ME}'
    ELSE '${OTHER}' END) WHERE rowid % 9 = 0 AND status = 'in_review'`);
}

/** The SPA's views (features/queue/queue-views.tsx), each status tab, and saved-view combinations. */
const VIEWS: Record<string, string>[] = [
  { assignee: 'me', open: 'true', sort: 'due_at_asc' },
  { assignee: 'none', open: 'true', sort: 'due_at_asc' },
  { second_approval: 'awaiting', sort: 'due_at_asc' },
  { overdue: 'true', sort: 'due_at_asc' },
  { status: 'needs_rereview', sort: 'due_at_asc' },
  {},
  ...[...CaseStatus.options, 'never_reviewed'].map((status) => ({ status })),
  ...CaseSort.options.map((sort) => ({ sort })),
  { assignee: 'none', open: 'true', risk_level: 'high' },
  { assignee: 'me', overdue: 'true', status: 'in_review' },
  { overdue: 'true', status: 'never_reviewed' },
  { open: 'true', country: 'CANADA', identity_type: 'individual' },
  { assignee: OTHER, risk_level: 'low', sort: 'created_at_asc' },
];

/** The rows a view holds, counted by the plainest SQL (the truth the kept counts must equal). */
function recount(db: Db, view: Record<string, string>, status?: string): number {
  const where = ["installed_app_id = 'inst'", 'listed = 1'];
  const v: Record<string, string | undefined> = { ...view, ...(status === undefined ? {} : { status }) };
  if (v.status === 'never_reviewed') where.push('never_reviewed = 1');
  else if (v.status !== undefined) where.push(`status = '${v.status}'`);
  if (v.assignee !== undefined)
    where.push(`assignee_id = '${v.assignee === 'me' ? ME : v.assignee === 'none' ? '' : v.assignee}'`);
  if (v.open !== undefined) where.push("status NOT IN ('approved', 'rejected')");
  if (v.overdue !== undefined) where.push(`due_at < '${NOW}'`);
  if (v.second_approval !== undefined) where.push(`pending_approval IS NOT NULL AND first_approver_id <> '${ME}'`);
  if (v.risk_level !== undefined) where.push(`risk_level = '${v.risk_level}'`);
  if (v.identity_type !== undefined) where.push(`identity_type = '${v.identity_type}'`);
  if (v.country !== undefined) where.push(`lower(country) = lower('${v.country}')`);
  const n = db.prepare(`SELECT COUNT(*) AS n FROM kyc_cases WHERE ${where.join(' AND ')}`).get();
  return z.object({ n: z.number() }).parse(n).n;
}

/** The query the service hands the repository: `me` resolved to the reviewer, who asks set. */
const queryOf = (view: Record<string, string>) => ({
  ...CaseQueueQuery.parse({ pageSize: '20', ...view, ...(view['assignee'] === 'me' ? { assignee: ME } : {}) }),
  first_approver_not: ME,
});

let db: Db;
beforeEach(() => {
  db = openDatabase(':memory:');
  migrate(db);
  seed(db, 1_400, random(5));
});
afterEach(() => db.close());

describe('carried filters', () => {
  it('with an indexed filter are checked on the entries of its index, not on the rows', () => {
    for (const driving of ['status', 'country', 'assignee'] as const)
      for (const carried of ['never_reviewed', 'risk_level', 'identity_type'] as const)
        for (const sort of CaseSort.options) {
          const { sql, params } = pageRowidsSql({
            filters: [
              { name: driving, value: 'x' },
              { name: carried, value: carried === 'never_reviewed' ? 1 : 'x' },
            ],
            driving,
            search: null,
            dueBefore: null,
            firstApproverNot: null,
            sort,
            seek: null,
            reverse: false,
            limit: 21,
            offset: 0,
          });
          const plan = explain(db, sql, params).join('\n');
          const index = queueIndexName(driving, QUEUE_SORTS[sort].order);
          expect(plan, plan).toMatch(new RegExp(`^SEARCH kyc_cases USING COVERING INDEX ${index} `, 'm'));
        }
  });
});

describe('kept counts of every view', () => {
  it('equal a recount of the rows, for the total and every status tab', () => {
    const queue = createCaseQueueRepository(db);
    for (const view of VIEWS) {
      const q = queryOf(view);
      expect(queue.page('inst', q, null, NOW).total, JSON.stringify(view)).toBe(recount(db, view));
      const counts = queue.counts('inst', q, NOW);
      const { status: _tab, ...others } = view;
      for (const tab of [...CaseStatus.options, 'never_reviewed'])
        expect(counts[tab], `${JSON.stringify(view)} ${tab}`).toBe(recount(db, others, tab));
    }
  });

  it('stay equal to a recount of every table while cases are assigned, approved once, decided and unlisted', () => {
    const rnd = random(9);
    for (let step = 0; step < 300; step += 1) {
      const id = Math.floor(rnd() * 1_400) + 1;
      const roll = rnd();
      if (roll < 0.3) db.prepare('UPDATE kyc_cases SET assignee_id = ? WHERE rowid = ?').run(rnd() < 0.5 ? '' : ME, id);
      else if (roll < 0.6)
        db.prepare('UPDATE kyc_cases SET status = ? WHERE rowid = ?').run(CaseStatus.options[step % 7] ?? 'new', id);
      else if (roll < 0.7) db.prepare('UPDATE kyc_cases SET listed = 1 - listed WHERE rowid = ?').run(id);
      else if (roll < 0.8)
        db.prepare('UPDATE kyc_cases SET pending_approval = ? WHERE rowid = ?').run(
          rnd() < 0.3 ? null : JSON.stringify({ first_reviewer: rnd() < 0.5 ? ME : OTHER }),
          id,
        );
      else db.prepare('UPDATE kyc_cases SET queue_entered_at = ? WHERE rowid = ?').run(NOW, id);
    }
    for (const t of Object.values(COUNT_TABLES)) {
      const cols = t.dimensions.map((d) => d.of('')).join(', ');
      const grouped = t.dimensions.map((d) => d.grouped).join(', ');
      const kept = db
        .prepare(
          `SELECT installed_app_id, ${t.dimensions.map((d) => d.name).join(', ')}, n FROM ${t.name} ORDER BY 1, 2, 3, 4, 5`,
        )
        .raw()
        .all();
      const truth = db
        .prepare(
          `SELECT installed_app_id, ${cols}, COUNT(*) FROM kyc_cases WHERE listed = 1 GROUP BY installed_app_id, ${grouped} ORDER BY 1, 2, 3, 4, 5`,
        )
        .raw()
        .all();
      // Countries compare without case: which spelling a row keeps is the first one counted.
      const fold = (rows: unknown[]) => rows.map((r) => JSON.stringify(r).toLowerCase()).sort();
      expect(kept.length, t.name).toBeGreaterThan(10);
      expect(fold(kept), t.name).toEqual(fold(truth));
    }
  });

  it('run no scan, no sort step and no COUNT over more than a day of the due-date index (a search: queue-search.test.ts)', () => {
    for (const view of VIEWS) {
      const seen: Recorded[] = [];
      const queue = createCaseQueueRepository(recording(db, seen));
      const q = queryOf(view);
      const first = queue.page('inst', q, null, NOW);
      queue.counts('inst', q, NOW);
      // A deep page by keyset: the page after the first one's last row, and a page from the end.
      if (first.lastKey !== null)
        queue.page('inst', { ...q, page: 2 }, { direction: 'after', key: first.lastKey }, NOW);
      queue.page('inst', { ...q, page: Math.max(1, Math.ceil(first.total / 20)) }, null, NOW);
      expect(seen.length).toBeGreaterThan(2);
      for (const { sql, params } of seen) {
        const plan = explain(db, sql, params).join('\n');
        const label = `${JSON.stringify(view)}\n${sql}\n${plan}`;
        expect(plan, label).not.toMatch(/^SCAN (?!CONSTANT)/m);
        // Every view the SPA offers is held by the kept counts: no grouped pass over rows, no sort step.
        expect(sql.trim(), label).not.toMatch(/GROUP BY status, never_reviewed$/);
        expect(plan, label).not.toMatch(/TEMP B-TREE/);
        if (/COUNT\(\*\)/.test(sql)) expect(plan, label).toMatch(/due_at>\? AND due_at<\?/);
      }
    }
  });
});
