import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CaseQueueQuery, CaseSort } from '@kyc-review/contracts';
import { createCaseQueueRepository } from '../../src/db/case-queue-repository';
import { loadMigrations, migrate } from '../../src/db/migrate';
import { openDatabase, type Db } from '../../src/db/open-database';
import { pageRowidsSql, searchPageSql, searchTabsSql } from '../../src/db/queue-plan';
import { QUEUE_SORTS, QUEUE_ORDERS, queueIndexName } from '../../src/db/queue-schema';
import { candidateCountSql, characterCount, searchOf, SUBSTRING_MIN_CHARACTERS } from '../../src/db/queue-search';
import { explain, expectIndexWalk, random } from '../support/query-plans';

// The search's index (migration 0026) and its statements, on SQLite itself: the plans read the
// candidates from the index and each candidate's row by rowid, never a pass over the install; the
// FTS index stays equal to the table through every write; and every page and figure of a search
// equals the plainest SQL over the rows (decision 019 "Search"). Over HTTP: queue-search.test.ts.

let db: Db;
beforeEach(() => {
  db = openDatabase(':memory:');
  migrate(db);
});
afterEach(() => db.close());

const WORDS = ['ann', 'anna', 'bob', 'joanna', 'o’neil', 'zoë', 'li', 'x_y', '50%', 'smith', 'nguyen'];

function seed(count: number, rnd: () => number, install = 'inst') {
  const insert =
    db.prepare(`INSERT INTO kyc_cases (case_id, installed_app_id, identity_id, status, version, display_name,
    search_text, identity_type, country, identity_created_at, listed, never_reviewed, risk_score, risk_level, top_reasons,
    open_hits, assessed_fingerprint, assessed_watchlist_version, assessed_settings_version, assessed_at, created_at, updated_at)
    VALUES (?, ?, ?, ?, 1, 'x', ?, 'individual', 'CA', ?, 1, ?, ?, 'low', '[]', 0, 'f', 0, 0, ?, ?, ?)`);
  const word = () => WORDS[Math.floor(rnd() * WORDS.length)] ?? 'ann';
  for (let i = 0; i < count; i += 1) {
    const at = new Date(Date.UTC(2026, 0, 1) + Math.floor(rnd() * 1e9)).toISOString();
    const id = `idt_${install}_${String(i).padStart(4, '0')}`;
    insert.run(
      `${install}-${String(i)}`,
      install,
      id,
      rnd() < 0.5 ? 'new' : 'approved',
      `${word()} ${word()} ${word()}@mail.test ${id}`,
      at,
      rnd() < 0.3 ? 1 : 0,
      Math.round(rnd() * 20) / 20,
      at,
      at,
      at,
    );
  }
}

const FtsOk = () => db.exec("INSERT INTO kyc_cases_fts (kyc_cases_fts, rank) VALUES ('integrity-check', 1)");

const Id = z.object({ identity_id: z.string() });
/** The truth: the plainest SQL over the rows, in the sort's full order. */
function truth(q: string, status: string | undefined, sort: CaseSort): string[] {
  const text = q.toLowerCase();
  const match =
    characterCount(text) >= SUBSTRING_MIN_CHARACTERS
      ? 'instr(search_text, @t) > 0'
      : 'substr(search_text, 1, length(@t)) = @t';
  const { order, descending } = QUEUE_SORTS[sort];
  const by = QUEUE_ORDERS[order].map((k) => `${k}${descending ? ' DESC' : ''}`).join(', ');
  return db
    .prepare(
      `SELECT identity_id FROM kyc_cases WHERE installed_app_id = 'inst' AND listed = 1 AND ${match}
      ${status === undefined ? '' : 'AND status = @s'} ORDER BY ${by}`,
    )
    .all({ t: text, ...(status === undefined ? {} : { s: status }) })
    .map((r) => Id.parse(r).identity_id);
}

describe('the search index', () => {
  it('stays equal to the table through inserts, changed search texts, unlisting and deletes', () => {
    const rnd = random(3);
    seed(300, rnd);
    seed(50, rnd, 'other');
    for (let step = 0; step < 200; step += 1) {
      const rowid = 1 + Math.floor(rnd() * 350);
      const roll = rnd();
      if (roll < 0.5)
        db.prepare('UPDATE kyc_cases SET search_text = ? WHERE rowid = ?').run(`changed ${String(step)}`, rowid);
      else if (roll < 0.7) db.prepare('UPDATE kyc_cases SET listed = 1 - listed WHERE rowid = ?').run(rowid);
      else if (roll < 0.8) db.prepare("UPDATE kyc_cases SET status = 'in_review' WHERE rowid = ?").run(rowid);
      else db.prepare('DELETE FROM kyc_cases WHERE rowid = ?').run(rowid);
    }
    expect(FtsOk).not.toThrow();
    const queue = createCaseQueueRepository(db);
    const changed = queue.page('inst', CaseQueueQuery.parse({ q: 'changed 1', pageSize: '100' }), null, '2026-01-01');
    expect(changed.items.length).toBe(truth('changed 1', undefined, 'risk_desc').length);
    // The check itself fails on an index that lost a row.
    db.exec(
      "INSERT INTO kyc_cases_fts (kyc_cases_fts, rowid, search_text) VALUES ('delete', 5, 'not what row 5 holds')",
    );
    expect(FtsOk).toThrow();
  });

  it('migration 0026 indexes the cases written before it', () => {
    const before = openDatabase(':memory:');
    const migrations = loadMigrations();
    migrate(before, migrations.slice(0, 25));
    const previous = db;
    db = before;
    seed(40, random(4));
    migrate(db, migrations);
    const found = createCaseQueueRepository(db).page('inst', CaseQueueQuery.parse({ q: 'joanna' }), null, '2026-01-01');
    expect(found.total).toBe(truth('joanna', undefined, 'risk_desc').length);
    expect(found.total).toBeGreaterThan(0);
    expect(FtsOk).not.toThrow();
    previous.close();
  });

  it('every page and figure of a search equals the plainest SQL, walked by cursor in every sort', () => {
    const rnd = random(8);
    seed(400, rnd);
    seed(100, rnd, 'other');
    const queue = createCaseQueueRepository(db);
    for (const q of ['ann', 'ANNA', 'o’n', 'zoë', 'x_y', '50%', '@mail.test idt_inst_01', 'an', 'j', 'li', 'zz'])
      for (const status of [undefined, 'new'])
        for (const sort of CaseSort.options) {
          const query = CaseQueueQuery.parse({ q, sort, pageSize: '17', ...(status === undefined ? {} : { status }) });
          const expected = truth(q, status, sort);
          const walked: string[] = [];
          let page = queue.page('inst', query, null, '2026-01-01');
          const label = `${q} ${String(status)} ${sort}`;
          expect(page.total, label).toBe(expected.length);
          expect(page.figures.exact, label).toBe(true);
          for (let n = 2; page.items.length > 0; n += 1) {
            walked.push(...page.items.map((i) => i.identityId));
            if (page.lastKey === null || page.items.length < 17) break;
            page = queue.page('inst', { ...query, page: n }, { direction: 'after', key: page.lastKey }, '2026-01-01');
          }
          expect(walked, label).toEqual(expected);
          // A page by number from either end is the same rows.
          const third = queue.page('inst', { ...query, page: 3 }, null, '2026-01-01');
          expect(
            third.items.map((i) => i.identityId),
            label,
          ).toEqual(expected.slice(34, 51));
        }
  });
});

describe('search plans', () => {
  const view = { filters: [{ name: 'status' as const, value: 'new' }], dueBefore: null, firstApproverNot: null };
  const bound = { candidates: 5000, limit: 20, offset: 0 };
  for (const [label, q] of [
    ['3+ characters', 'ann'],
    ['1-2 characters', 'an'],
  ] as const)
    it(`${label}: candidates from the index, each row read by rowid, never a scan of kyc_cases`, () => {
      const search = searchOf(q);
      if (search === null) throw new Error('no search');
      const index =
        search.kind === 'substring'
          ? /^SCAN kyc_cases_fts VIRTUAL TABLE INDEX 0:M1$/m
          : /^SEARCH kyc_cases USING COVERING INDEX kyc_cases_search \(installed_app_id=\? AND listed=\? AND search_text>\? AND search_text<\?\)$/m;
      const count = candidateCountSql(search);
      const countPlan = explain(db, count.sql, { ...count.params, ...bound }).join('\n');
      expect(countPlan, countPlan).toMatch(index);
      expect(countPlan, countPlan).not.toMatch(/^SCAN kyc_cases$|^SEARCH c|TEMP B-TREE/m);
      for (const sort of CaseSort.options) {
        const tabs = searchTabsSql(search, view);
        const page = searchPageSql(search, { ...view, sort, seek: null, reverse: false, limit: 20, offset: 0 });
        for (const [s, sorted] of [
          [tabs, /^USE TEMP B-TREE FOR GROUP BY$/m],
          [page, /^USE TEMP B-TREE FOR ORDER BY$/m],
        ] as const) {
          const plan = explain(db, s.sql, { ...s.params, ...bound }).join('\n');
          expect(plan, plan).toMatch(index);
          expect(plan, plan).toMatch(/^SEARCH c USING INTEGER PRIMARY KEY \(rowid=\?\)$/m);
          expect(plan, plan).not.toMatch(/^SCAN (kyc_cases|c)$/m);
          // The one temporary B-tree: grouping or sorting the candidates, at most @candidates rows.
          expect(plan.replace(sorted, ''), plan).not.toMatch(/TEMP B-TREE/);
        }
        // More candidates than that: the page walks the sort's index like any view.
        const walk = pageRowidsSql({ ...view, driving: 'status', search, sort, seek: null, reverse: false, ...bound });
        expectIndexWalk(explain(db, walk.sql, walk.params), queueIndexName('status', QUEUE_SORTS[sort].order));
      }
    });
});
