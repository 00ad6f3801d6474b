import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { OFFSET_MAX, reachablePage } from '../../src/db/case-queue-repository';
import type { EmulatorBackedApp } from '../support/emulator-app';
import { writeQueueCases } from './support/queue-rows';
import { createReviewEnv, installSynced, queue } from './support/review-env';

// A page asked for by number alone (a typed or shared URL, no cursor) skips at most OFFSET_MAX
// rows, from the nearer end of the view; a deeper number is answered with the nearest page that
// is not, and says so in `page`, and Next and Previous go on from there by cursor (decision 019).

let env: EmulatorBackedApp | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

describe('pages by number', () => {
  it('are served as asked within the bound of either end, else the nearest page within it', () => {
    const total = 100_000;
    const edge = OFFSET_MAX / 20 + 1; // the deepest page from the start: its rows start after OFFSET_MAX rows
    expect(reachablePage(1, 20, total, true)).toBe(1);
    expect(reachablePage(edge, 20, total, true)).toBe(edge);
    expect(reachablePage(edge + 1, 20, total, true)).toBe(edge);
    // The last pages, counted from the end, as asked (the last one may be short).
    expect(reachablePage(5_000, 20, total, true)).toBe(5_000);
    expect(reachablePage(4_500, 20, total, true)).toBe(4_500);
    expect(reachablePage(4_499, 20, total, true)).toBe(4_500);
    // The middle: whichever end is nearer.
    expect(reachablePage(2_000, 20, total, true)).toBe(edge);
    expect(reachablePage(4_000, 20, total, true)).toBe(4_500);
    // Past the end: as asked (an empty page, as before).
    expect(reachablePage(9_000, 20, total, true)).toBe(9_000);
    // A lower-bound total (a broad search): only the start is known.
    expect(reachablePage(4_900, 20, total, false)).toBe(edge);
  });

  it('over HTTP: a deep number answers the nearest reachable page, with its own rows and cursors', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    const install = installed.installedAppId;
    writeQueueCases(env.t.db, { install, count: 2 * OFFSET_MAX + 4_000, word: 'okapi' });
    const total = (await queue(installed, 'pageSize=1')).total;
    const Id = z.object({ identity_id: z.string() });
    /** The rows of a page in created order, by the plainest SQL. */
    const rowsOf = (page: number) =>
      env?.t.db
        .prepare(
          `SELECT identity_id FROM kyc_cases WHERE installed_app_id = ? AND listed = 1
          ORDER BY identity_created_at, identity_id LIMIT 20 OFFSET ?`,
        )
        .all(install, (page - 1) * 20)
        .map((r) => Id.parse(r).identity_id);
    const ids = (p: { items: { identity_id: string }[] }) => p.items.map((i) => i.identity_id);
    const edge = OFFSET_MAX / 20 + 1;
    const deepestFromEnd = Math.ceil((total - OFFSET_MAX) / 20);

    const asked = await queue(installed, `sort=created_at_asc&pageSize=20&page=${String(edge)}`);
    expect(asked.page).toBe(edge);
    expect(ids(asked)).toEqual(rowsOf(edge));
    const middle = await queue(installed, `sort=created_at_asc&pageSize=20&page=${String(edge + 10)}`);
    expect(middle.page).toBe(edge);
    expect(ids(middle)).toEqual(rowsOf(edge));
    const nearEnd = await queue(installed, `sort=created_at_asc&pageSize=20&page=${String(deepestFromEnd - 3)}`);
    expect(nearEnd.page).toBe(deepestFromEnd);
    expect(ids(nearEnd)).toEqual(rowsOf(deepestFromEnd));
    const last = Math.ceil(total / 20);
    const lastPage = await queue(installed, `sort=created_at_asc&pageSize=20&page=${String(last)}`);
    expect(lastPage.page).toBe(last);
    expect(ids(lastPage)).toEqual(rowsOf(last));
    expect(lastPage.next_cursor).toBeNull();
    // Next from the served page is the page after it, by cursor.
    const next = await queue(
      installed,
      `sort=created_at_asc&pageSize=20&cursor=${encodeURIComponent(middle.next_cursor ?? '')}`,
    );
    expect(next.page).toBe(edge + 1);
    expect(ids(next)).toEqual(rowsOf(edge + 1));
    const back = await queue(
      installed,
      `sort=created_at_asc&pageSize=20&cursor=${encodeURIComponent(next.prev_cursor ?? '')}`,
    );
    expect(back.page).toBe(edge);
    expect(ids(back)).toEqual(rowsOf(edge));
    // 24 000 cases written through every trigger, then a dozen pages: longer than most tests under load.
  }, 90_000);
});
