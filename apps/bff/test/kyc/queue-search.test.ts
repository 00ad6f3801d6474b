import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { CaseQueueDto } from '@kyc-review/contracts';
import type { Db } from '../../src/db/open-database';
import { characterCount, SEARCH_CANDIDATES_MAX, SUBSTRING_MIN_CHARACTERS } from '../../src/db/queue-search';
import type { EmulatorBackedApp, InstalledSession } from '../support/emulator-app';
import { writeQueueCases } from './support/queue-rows';
import { createReviewEnv, installSynced, queue } from './support/review-env';

// The queue's search over HTTP, against the real BFF on SQLite and the emulator (decision 019
// "Search"): 3 characters or more match anywhere in the name parts, email and identity id, as
// the LIKE always did; 1 or 2 characters match the start of the search text; a search with more
// candidates than the BFF reads says its figures are lower bounds, and its pages still walk on.
// Plans and the index's upkeep: queue-search-index.test.ts.

let env: EmulatorBackedApp | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const Row = z.object({ identity_id: z.string(), search_text: z.string(), status: z.string() });
const rowsOf = (db: Db, install: string) =>
  db
    .prepare('SELECT identity_id, search_text, status FROM kyc_cases WHERE installed_app_id = ? AND listed = 1')
    .all(install)
    .map((r) => Row.parse(r));

/** Every page of a query, walked by next_cursor as the SPA does. */
async function walkAll(installed: InstalledSession, query: string): Promise<CaseQueueDto[]> {
  const pages = [await queue(installed, query)];
  for (let last = pages[0]; last?.next_cursor != null; last = pages.at(-1))
    pages.push(await queue(installed, `${query}&cursor=${encodeURIComponent(last.next_cursor)}`));
  return pages;
}

describe('the queue search', () => {
  it('finds a text of 3 or more characters anywhere in the name, email or id, and 1 or 2 at the start', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    const rows = rowsOf(env.t.db, installed.installedAppId);
    const sample = rows[3];
    if (sample === undefined) throw new Error('no cases');
    const words = sample.search_text.split(' ');
    const email = words.find((w) => w.includes('@')) ?? '';
    expect(email).not.toBe('');
    const asked = [
      words[0]?.slice(1, 5) ?? '', // inside a name
      email.slice(email.indexOf('@') - 2), // across the email's @
      sample.identity_id.slice(-6), // the end of the identity id
      words[0]?.slice(0, 4).toUpperCase() ?? '', // case does not matter
      `${words[0] ?? ''} ${words[1] ?? ''}`.slice(-5), // across two words
      'zz%', // LIKE's wildcards are literal
      '_',
      words[0]?.slice(0, 2) ?? '', // two characters: the start
      words[0]?.slice(0, 1) ?? '',
      words[1]?.slice(0, 2) ?? '', // the start of a later word is not the start of the text
    ];
    for (const q of asked) {
      const text = q.toLowerCase();
      const expected = rows
        .filter((r) =>
          characterCount(text) >= SUBSTRING_MIN_CHARACTERS
            ? r.search_text.includes(text)
            : r.search_text.startsWith(text),
        )
        .map((r) => r.identity_id)
        .sort();
      const page = await queue(installed, `q=${encodeURIComponent(q)}&pageSize=100`);
      expect(page.items.map((i) => i.identity_id).sort(), q).toEqual(expected);
      expect(page.total, q).toBe(expected.length);
      expect(page.counted, q).toBe('exact');
      // The tabs count the same matches by status.
      for (const status of ['new', 'approved'])
        expect(page.counts[status], `${q} ${status}`).toBe(
          rows.filter((r) => expected.includes(r.identity_id) && r.status === status).length,
        );
    }
    // The sample itself is found by a part of its id, and by the start of its name.
    expect((await queue(installed, `q=${sample.identity_id.slice(4, 12)}`)).items.map((i) => i.identity_id)).toContain(
      sample.identity_id,
    );
  });

  it('a search with a filter and a sort pages by cursor both ways over exactly its matches', async () => {
    env = await createReviewEnv({ identitiesPerInstance: 120 });
    const installed = await installSynced(env);
    const rows = rowsOf(env.t.db, installed.installedAppId);
    const q = '.com'; // every email
    const expected = rows.filter((r) => r.search_text.includes(q) && r.status === 'new').map((r) => r.identity_id);
    expect(expected.length).toBeGreaterThan(14);
    const query = `q=${q}&status=new&sort=created_at_asc&pageSize=7`;
    const pages = await walkAll(installed, query);
    const walked = pages.flatMap((p) => p.items.map((i) => i.identity_id));
    expect([...walked].sort()).toEqual([...expected].sort());
    const created = pages.flatMap((p) => p.items.map((i) => i.created_at));
    expect(created).toEqual([...created].sort());
    // Back from the last page by prev_cursor: the same pages in reverse.
    const last = pages.at(-1);
    const previous = await queue(installed, `${query}&cursor=${encodeURIComponent(last?.prev_cursor ?? '')}`);
    expect(previous.items.map((i) => i.identity_id)).toEqual(pages.at(-2)?.items.map((i) => i.identity_id));
    // A page asked for by number is the same page.
    const third = await queue(installed, `${query}&page=3`);
    expect(third.items.map((i) => i.identity_id)).toEqual(pages[2]?.items.map((i) => i.identity_id));
  });

  it('says "at least" when more cases contain the text than it reads, and still pages through them', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    const install = installed.installedAppId;
    const extra = SEARCH_CANDIDATES_MAX + 300;
    // Cases written straight into SQLite (same table and triggers as the sync's), all containing "zebra".
    writeQueueCases(env.t.db, { install, count: extra, word: 'zebra' });
    const broad = await queue(installed, 'q=zebra&pageSize=100');
    expect(broad.counted).toBe('at_least');
    expect(broad.total).toBeGreaterThan(0);
    expect(broad.total).toBeLessThanOrEqual(extra);
    expect(broad.counts['escalated']).toBeLessThanOrEqual(extra / 10);
    expect(broad.items).toHaveLength(100);
    expect(broad.items.every((i) => i.display_name.startsWith('Zebra'))).toBe(true);
    // Risk order over all of them, not only the ones counted.
    expect(broad.items[0]?.risk_score).toBe(0.99);
    expect(broad.next_cursor).not.toBeNull();
    // Walked to the end by cursor: every matching case once.
    const pages = await walkAll(installed, 'q=zebra&status=escalated&pageSize=100');
    expect(pages.flatMap((p) => p.items).length).toBe(extra / 10);
    expect(pages.at(-1)?.next_cursor).toBeNull();
    // A narrower text is counted exactly again.
    const narrow = await queue(installed, 'q=zebra12');
    expect(narrow.counted).toBe('exact');
    // zebra12, zebra120-129, zebra1200-1299, zebra12000-...
    expect(narrow.total).toBe(1 + 10 + 100 + (extra > 12_000 ? 1_000 : 0));
    // Views without a search stay exact.
    expect((await queue(installed, 'status=new')).counted).toBe('exact');
  });
});
