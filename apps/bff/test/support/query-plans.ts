import { expect } from 'vitest';
import { z } from 'zod';
import type { Db } from '../../src/db/open-database';

// SQLite's own account of how it runs a statement, for the tests that hold the queue's paths to
// walking an index (queue-plans, queue-kept-counts, queue-search): one place for reading a plan
// and for what a walk of an index is.

const PlanRow = z.object({ detail: z.string() });

const Named = z.record(z.string(), z.unknown());

/**
 * EXPLAIN QUERY PLAN's details, one per line of the plan. Named parameters get the install 'inst'
 * unless they name one; others (a rowid) are bound as they are.
 */
export function explain(db: Db, sql: string, params: unknown = {}): string[] {
  const named = Named.safeParse(params);
  return db
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all(named.success ? { install: 'inst', ...named.data } : params)
    .map((r) => PlanRow.parse(r).detail);
}

/** The plan walks `index` (a seek into it) with no sort step and no full scan. */
export function expectIndexWalk(plan: string[], index: string) {
  const text = plan.join('\n');
  expect(text, text).not.toMatch(/TEMP B-TREE/);
  expect(text, text).not.toMatch(/^SCAN /m);
  expect(text, text).toMatch(new RegExp(`^SEARCH kyc_cases USING (COVERING )?INDEX ${index} \\(`, 'm'));
}

/** A small deterministic generator, so a failure replays. */
export function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}
