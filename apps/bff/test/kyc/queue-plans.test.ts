import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CaseQueueQuery, CaseSort, CaseStatus, RiskAssessment, RiskLevel } from '@kyc-review/contracts';
import { z } from 'zod';
import { createCaseQueueRepository } from '../../src/db/case-queue-repository';
import { countSql, pageRowidsSql } from '../../src/db/queue-plan';
import { createCaseRepository } from '../../src/db/case-repository';
import { type Assessment } from '../../src/services/case-record';
import { migrate } from '../../src/db/migrate';
import { openDatabase, type Db } from '../../src/db/open-database';
import {
  ensureQueueSchema,
  QUEUE_FILTERS,
  QUEUE_ORDERS,
  QUEUE_SORTS,
  queueIndexName,
  queueIndexes,
  type QueueFilterName,
} from '../../src/db/queue-schema';
import { searchOf } from '../../src/db/queue-search';
import { explain, expectIndexWalk, random } from '../support/query-plans';

// The queue's statements, explained by SQLite itself: every filter and sort combination
// walks one of db/queue-schema.ts's indexes with no sort step (no TEMP B-TREE) and no full
// scan, from the start, from an offset or from a keyset cursor in either direction. The
// combinations are derived from QUEUE_FILTERS and QUEUE_ORDERS, so a filter or sort added
// there is covered here without a new test. And the counts the triggers keep always equal
// a recount.

/** Every subset of the filters: 2^5 today. */
function subsets<T>(items: readonly T[]): T[][] {
  return items.reduce<T[][]>((all, item) => [...all, ...all.map((s) => [...s, item])], [[]]);
}

const FILTER_NAMES = Object.keys(QUEUE_FILTERS) as QueueFilterName[];
const SORTS = CaseSort.options;

let db: Db;
beforeEach(() => {
  db = openDatabase(':memory:');
  migrate(db);
});
afterEach(() => db.close());

describe('queue plans', () => {
  const positions = [
    { label: 'first page', seek: null, reverse: false, offset: 0 },
    { label: 'offset page', seek: null, reverse: false, offset: 400 },
    { label: 'page counted from the end', seek: null, reverse: true, offset: 40 },
    { label: 'next page (cursor)', seek: 'key', reverse: false, offset: 0 },
    { label: 'previous page (cursor)', seek: 'key', reverse: true, offset: 0 },
  ] as const;

  for (const filters of subsets(FILTER_NAMES))
    it(`filters [${filters.join(', ') || 'none'}]: every sort, position and driving index walks an index`, () => {
      const active = filters.map((name) => ({ name, value: name === 'never_reviewed' ? 1 : 'x' }));
      const indexed = filters.filter((f) => QUEUE_FILTERS[f].indexed);
      const drivers = indexed.length === 0 ? [null] : indexed;
      for (const sort of SORTS)
        for (const driving of drivers)
          for (const search of [null, searchOf('ann'), searchOf('an')])
            for (const at of positions) {
              const keys = QUEUE_ORDERS[QUEUE_SORTS[sort].order];
              const { sql, params } = pageRowidsSql({
                filters: active,
                driving,
                search,
                dueBefore: null,
                // The second-approval view leaves out the asker's own first approvals, per row.
                firstApproverNot: filters.includes('second_approval') ? 'rvw_me' : null,
                sort,
                seek: at.seek === null ? null : keys.map((k) => (k === 'risk_score' ? 0.5 : 'k')),
                reverse: at.reverse,
                limit: 21,
                offset: at.offset,
              });
              const index = queueIndexName(driving, QUEUE_SORTS[sort].order);
              const plan = explain(db, sql, params);
              expectIndexWalk(plan, index);
              // The seek is a range on the index, not a filter checked on every row.
              if (at.seek !== null) expect(plan.join('\n')).toMatch(/\(.*\)[<>]\(\?/);
            }
    });

  it('checks a filter without an index of its own on the entries of the unfiltered index (no table read)', () => {
    const carried = FILTER_NAMES.filter((f) => !QUEUE_FILTERS[f].indexed);
    expect(carried.length).toBeGreaterThan(0);
    for (const filters of subsets(carried))
      for (const sort of SORTS) {
        const { sql, params } = pageRowidsSql({
          filters: filters.map((name) => ({ name, value: name === 'never_reviewed' ? 1 : 'x' })),
          driving: null,
          search: null,
          dueBefore: null,
          firstApproverNot: null,
          sort,
          seek: null,
          reverse: false,
          limit: 21,
          offset: 0,
        });
        const index = queueIndexName(null, QUEUE_SORTS[sort].order);
        expect(explain(db, sql, params).join('\n')).toMatch(
          new RegExp(`^SEARCH kyc_cases USING COVERING INDEX ${index} `, 'm'),
        );
      }
  });

  it('would catch a sort step or a scan (the check itself can fail)', () => {
    const plan = explain(db, 'SELECT rowid FROM kyc_cases WHERE listed = 1 ORDER BY display_name LIMIT 20', {});
    expect(() => expectIndexWalk(plan, queueIndexName(null, 'risk'))).toThrow();
    expect(plan.join('\n')).toMatch(/TEMP B-TREE/);
  });

  it('totals of a filter the counts do not know count one index range (a search: queue-search.test.ts)', () => {
    for (const filters of subsets(FILTER_NAMES)) {
      const active = filters.map((name) => ({ name, value: 'x' }));
      const { sql, params } = countSql({
        filters: active,
        driving: filters.find((f) => QUEUE_FILTERS[f].indexed) ?? null,
        dueBefore: null,
        firstApproverNot: filters.includes('second_approval') ? 'rvw_me' : null,
      });
      const plan = explain(db, sql, params).join('\n');
      expect(plan).not.toMatch(/^SCAN /m);
      expect(plan).toMatch(/^SEARCH kyc_cases USING (COVERING )?INDEX/m);
    }
  });

  it('the overdue view walks an index in every sort and counts a range of the due-date index', () => {
    const dueBefore = '2026-11-20T09:00:00.000Z';
    for (const sort of SORTS)
      for (const filters of [[], ['assignee'], ['status', 'assignee']] as QueueFilterName[][]) {
        const active = filters.map((name) => ({ name, value: 'x' }));
        const driving = filters.at(-1) ?? null;
        const { sql, params } = pageRowidsSql({
          filters: active,
          driving,
          search: null,
          dueBefore,
          firstApproverNot: null,
          sort,
          seek: null,
          reverse: false,
          limit: 21,
          offset: 0,
        });
        expectIndexWalk(explain(db, sql, params), queueIndexName(driving, QUEUE_SORTS[sort].order));
      }
    const { sql, params } = countSql({ filters: [], driving: null, dueBefore, firstApproverNot: null });
    const plan = explain(db, sql, params).join('\n');
    expect(plan).toMatch(
      /^SEARCH kyc_cases USING COVERING INDEX kyc_cases_q_all_due \(installed_app_id=\? AND listed=\? AND due_at<\?\)/m,
    );
  });

  it('tab counts that follow other filters count one index range per tab, never a scan or a sort', () => {
    // What the kept counts do not hold (the second-approval view, a due-date bound
    // with a filter the due-day counts leave out) is counted per tab like the page's total:
    // the driving filter's index in the due order under a due-date bound, else in the risk
    // order, the rest checked per row (decision 019).
    const tabs = [
      ...CaseStatus.options.map((s) => ({ name: 'status' as const, value: s })),
      { name: 'never_reviewed' as const, value: 1 },
    ];
    for (const others of [
      ['assignee'],
      ['second_approval'],
      ['risk_level', 'assignee'],
      ['country'],
      [],
    ] as QueueFilterName[][])
      for (const tab of tabs)
        for (const bounds of [{ dueBefore: '2026-11-20T09:00:00.000Z' }, { dueBefore: null }]) {
          const filters = [...others.map((name) => ({ name, value: 'x' })), tab];
          const indexed = [...others, tab.name].filter((f) => QUEUE_FILTERS[f].indexed);
          for (const driving of indexed.length === 0 ? [null] : indexed) {
            const { sql, params } = countSql({
              filters,
              driving,
              ...bounds,
              firstApproverNot: others.includes('second_approval') ? 'rvw_me' : null,
            });
            const plan = explain(db, sql, params).join('\n');
            expect(plan, plan).not.toMatch(/^SCAN /m);
            expect(plan, plan).not.toMatch(/TEMP B-TREE/);
            const order = bounds.dueBefore === null ? 'risk' : 'due';
            expect(plan, plan).toMatch(
              new RegExp(`^SEARCH kyc_cases USING (COVERING )?INDEX ${queueIndexName(driving, order)} \\(`, 'm'),
            );
            if (bounds.dueBefore !== null) expect(plan, plan).toMatch(/due_at<\?\)/);
          }
        }
    // Counted filters alone: one grouped read of the counts table by its key.
    const grouped = explain(
      db,
      'SELECT status, SUM(n) AS n FROM kyc_case_counts WHERE installed_app_id = @install AND risk_level = @r GROUP BY status',
      { r: 'low' },
    ).join('\n');
    expect(grouped).toMatch(/^SEARCH kyc_case_counts USING PRIMARY KEY \(installed_app_id=\?\)/m);
    expect(grouped).not.toMatch(/^SCAN /m);
  });

  it('the counts table answers totals and tabs by its key', () => {
    const plan = explain(
      db,
      'SELECT status, SUM(n) AS n FROM kyc_case_counts WHERE installed_app_id = @install GROUP BY status',
      {},
    );
    expect(plan.join('\n')).toMatch(/^SEARCH kyc_case_counts USING PRIMARY KEY \(installed_app_id=\?\)/m);
  });

  it('start-up creates every derived index and leaves them alone when unchanged', () => {
    const names = new Set(
      db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'kyc_cases_q_%'")
        .all()
        .map((r) => z.object({ name: z.string() }).parse(r).name),
    );
    expect(names).toEqual(new Set(queueIndexes().keys()));
    expect(ensureQueueSchema(db)).toEqual({ created: [], dropped: [], recounted: false });
  });

  it('start-up drops a queue index no list names, re-creates a changed one, and recounts after a lost trigger', () => {
    db.exec('CREATE INDEX kyc_cases_q_gone_risk ON kyc_cases (installed_app_id, listed, risk_score)');
    const changed = queueIndexName('status', 'created');
    db.exec(`DROP INDEX ${changed}`);
    db.exec(`CREATE INDEX ${changed} ON kyc_cases (installed_app_id)`);
    const cases = seed(db, 30);
    db.exec('DROP TRIGGER kyc_case_counts_insert');
    db.exec("DELETE FROM kyc_case_counts WHERE status = 'new'");
    const result = ensureQueueSchema(db);
    expect(result).toEqual({ created: [changed], dropped: ['kyc_cases_q_gone_risk'], recounted: true });
    expectCountsMatch(db);
    expect(cases).toBe(30);
  });
});

// --- counts kept by triggers ---------------------------------------------------------

const COUNTRIES = ['Canada', 'canada', 'Germany', 'Nigeria', ''];
const assessment = (score: number, level: RiskLevel): Assessment => ({
  checks: [],
  hits: [],
  // Parsed, so the fields the contract defaults are filled in.
  risk: RiskAssessment.parse({ score, level, reasons: [] }),
});

function seed(database: Db, count: number, install = 'inst', rnd = random(7)): number {
  const cases = createCaseRepository(database);
  const pick = <T>(xs: readonly T[]): T => {
    const x = xs[Math.floor(rnd() * xs.length)];
    if (x === undefined) throw new Error('nothing to pick from');
    return x;
  };
  for (let i = 0; i < count; i += 1) {
    const level = pick(RiskLevel.options);
    cases.insert({
      caseId: `${install}-case-${String(i)}`,
      installedAppId: install,
      identityId: `idt_${String(i).padStart(5, '0')}`,
      status: pick(['new', 'new', 'approved', 'rejected'] as const),
      summary: {
        displayName: `Person ${String(i)}`,
        searchText: `person ${String(i)}`,
        identityType: pick(['individual', 'organization']),
        country: pick(COUNTRIES),
        createdAt: new Date(Date.UTC(2026, 0, 1) + Math.floor(rnd() * 1e9)).toISOString(),
        kycStatus: rnd() < 0.5 ? null : 'approved',
        kycReviewedAt: null,
        kycRiskLevel: null,
      },
      assessment: assessment(Math.round(rnd() * 100) / 100, level),
      openHits: 0,
      stamp: { fingerprint: 'f', watchlistVersion: 0, settingsVersion: 0, assessedAt: '2026-01-01T00:00:00.000Z' },
      at: new Date(Date.UTC(2026, 1, 1) + i * 1000).toISOString(),
    });
  }
  return count;
}

const CountsRow = z.object({
  installed_app_id: z.string(),
  status: z.string(),
  never_reviewed: z.number(),
  risk_level: z.string(),
  identity_type: z.string(),
  country: z.string(),
  n: z.number(),
});

function expectCountsMatch(database: Db) {
  const cols = 'installed_app_id, status, never_reviewed, risk_level, identity_type, lower(country) AS country';
  const kept = database
    .prepare(`SELECT ${cols}, n FROM kyc_case_counts ORDER BY 1, 2, 3, 4, 5, 6`)
    .all()
    .map((r) => CountsRow.parse(r));
  const recount = database
    .prepare(
      `SELECT ${cols}, COUNT(*) AS n FROM kyc_cases WHERE listed = 1
       GROUP BY installed_app_id, status, never_reviewed, risk_level, identity_type, country COLLATE NOCASE ORDER BY 1, 2, 3, 4, 5, 6`,
    )
    .all()
    .map((r) => CountsRow.parse(r));
  expect(kept).toEqual(recount);
}

describe('per-status counts', () => {
  it('stay equal to a recount through inserts, decisions, re-assessments, unlisting and relisting', () => {
    const rnd = random(11);
    seed(db, 300, 'inst', rnd);
    seed(db, 50, 'other', rnd);
    const cases = createCaseRepository(db);
    const queue = createCaseQueueRepository(db);
    expectCountsMatch(db);
    for (let step = 0; step < 400; step += 1) {
      const id = `idt_${String(Math.floor(rnd() * 300)).padStart(5, '0')}`;
      const roll = rnd();
      const kase = cases.get('inst', id);
      if (kase === null) throw new Error(`no case ${id}`);
      if (roll < 0.3) {
        cases.applyDecision({
          installedAppId: 'inst',
          identityId: id,
          expectedVersion: kase.version,
          status: CaseStatus.options[Math.floor(rnd() * CaseStatus.options.length)] ?? 'new',
          pendingApproval: null,
          fourEyes: null,
          lastDecision: null,
          lastActionId: null,
          at: '2026-03-01T00:00:00.000Z',
        });
      } else if (roll < 0.55) {
        const level = RiskLevel.options[Math.floor(rnd() * 3)] ?? 'low';
        cases.saveAssessment('inst', id, assessment(rnd(), level), 0, kase.stamp);
      } else if (roll < 0.75) {
        db.prepare('UPDATE kyc_cases SET listed = 0 WHERE installed_app_id = ? AND identity_id = ?').run('inst', id);
      } else {
        cases.saveSummary('inst', id, {
          displayName: 'x',
          searchText: 'x',
          identityType: rnd() < 0.5 ? 'individual' : 'organization',
          country: COUNTRIES[Math.floor(rnd() * COUNTRIES.length)] ?? '',
          createdAt: '2026-01-01T00:00:00.000Z',
          kycStatus: rnd() < 0.5 ? null : 'approved',
          kycReviewedAt: null,
          kycRiskLevel: null,
        });
      }
    }
    expectCountsMatch(db);
    // The totals of filtered views equal counting the rows.
    for (const query of [
      {},
      { status: 'new' },
      { status: 'never_reviewed' },
      { risk_level: 'high', identity_type: 'organization' },
      { country: 'CANADA', status: 'approved' },
    ]) {
      const q = CaseQueueQuery.parse(query);
      const page = queue.page('inst', q, null, '2026-01-01T00:00:00.000Z');
      const active = Object.entries(query).map(([k, v]) =>
        k === 'status' && v === 'never_reviewed' ? 'never_reviewed = 1' : `${k} = '${v}' COLLATE NOCASE`,
      );
      const counted = z
        .object({ n: z.number() })
        .parse(
          db
            .prepare(
              `SELECT COUNT(*) AS n FROM kyc_cases WHERE installed_app_id = 'inst' AND listed = 1 ${active.map((a) => `AND ${a}`).join(' ')}`,
            )
            .get(),
        ).n;
      expect(page.total, JSON.stringify(query)).toBe(counted);
    }
    const counts = queue.counts('inst', {}, '2026-11-20T09:00:00.000Z');
    expect(CaseStatus.options.reduce((n, s) => n + (counts[s] ?? 0), 0)).toBe(
      z
        .object({ n: z.number() })
        .parse(db.prepare("SELECT COUNT(*) AS n FROM kyc_cases WHERE installed_app_id = 'inst' AND listed = 1").get())
        .n,
    );
  });

  it('forget a case that is deleted (an uninstall purge)', () => {
    seed(db, 40);
    seed(db, 10, 'other');
    db.exec(`DELETE FROM kyc_case_assessments WHERE case_id IN (SELECT case_id FROM kyc_cases WHERE installed_app_id = 'inst');
      DELETE FROM kyc_cases WHERE installed_app_id = 'inst'`);
    expectCountsMatch(db);
    expect(createCaseQueueRepository(db).counts('inst', {}, '2026-11-20T09:00:00.000Z')).toMatchObject({
      new: 0,
      approved: 0,
      never_reviewed: 0,
    });
  });
});
