import type { Identity } from '@kyc-review/contracts';
import type { InstallCloudClient } from '../cloud/cloud-client';
import type { UnreadableRow } from '../cloud/cloud-responses';
import { MAX_PAGE_SIZE } from '../cloud/page-query';

/** How a pass over Cloud's identities ended (docs/cloud-contract.md §6.2). */
export type PassResult = {
  /** Every identity Cloud counts in `total` was seen: only then may the mirror drop the others. */
  readonly complete: boolean;
  /** Why an incomplete pass stopped. */
  readonly stoppedBy: 'end' | 'empty_page' | 'repeated_page' | 'page_cap' | null;
  readonly pages: number;
  readonly seen: number;
  readonly total: number;
  /** Rows that could not be read, skipped (the rest of the pass went on). */
  readonly unreadable: readonly UnreadableRow[];
};

/**
 * Walks `GET /data/identities` without trusting the page size (docs/cloud-contract.md §6.2): pages by the
 * number of rows actually returned (a Cloud that caps pages at 50 is asked for 50 from then
 * on), keeps going while rows seen < `total`, stops when a page repeats the previous one's
 * ids or adds none (a Cloud that ignores `page`), and caps the page count at
 * `ceil(total / returned) + 1`. `onPage` gets the readable rows of each page, in order.
 *
 * Pipelined: once a page is accepted and more are due, the next one is requested before
 * `onPage` screens and writes this one, so Cloud's latency overlaps the BFF's work (one
 * request ahead, within the install's Cloud concurrency).
 */
export async function walkIdentityPages(
  client: Pick<InstallCloudClient, 'listIdentityRows'>,
  onPage: (rows: readonly Identity[]) => Promise<void> | void,
): Promise<PassResult> {
  const seen = new Set<string>();
  const unreadable: UnreadableRow[] = [];
  let pageSize = MAX_PAGE_SIZE;
  let previous = '';
  let total = 0;
  let maxPages = 1;
  let rowsSeen = 0;
  const result = (stoppedBy: PassResult['stoppedBy'], pages: number): PassResult => ({
    complete: rowsSeen >= total,
    stoppedBy: rowsSeen >= total ? 'end' : stoppedBy,
    pages,
    seen: seen.size,
    total,
    unreadable,
  });

  let ahead: ReturnType<typeof client.listIdentityRows> | null = null;
  for (let page = 1; ; page++) {
    const batch = await (ahead ?? client.listIdentityRows({ page, pageSize }));
    ahead = null;
    total = batch.total;
    const returned = batch.data.length + batch.unreadable.length;
    if (returned === 0) return result('empty_page', page);
    // Readable ids plus a marker per unreadable row, so a page of only broken rows still compares.
    const ids = [...batch.data.map((i) => i.identity_id), ...batch.unreadable.map((u, n) => u.identityId ?? `#${n}`)];
    const signature = ids.join(',');
    if (signature === previous) return result('repeated_page', page);
    const fresh = batch.data.filter((identity) => !seen.has(identity.identity_id));
    const freshUnreadable = batch.unreadable.filter((u) => u.identityId === null || !seen.has(u.identityId));
    if (fresh.length === 0 && freshUnreadable.length === 0) return result('repeated_page', page);
    previous = signature;
    if (page === 1) {
      // A Cloud that serves fewer rows than asked is asked for that many from now on, so
      // page N starts where the rows seen so far end, whichever size Cloud pages by.
      pageSize = Math.min(pageSize, returned);
      maxPages = Math.ceil(total / pageSize) + 1;
    }
    for (const identity of fresh) seen.add(identity.identity_id);
    for (const row of freshUnreadable) {
      if (row.identityId !== null) seen.add(row.identityId);
      unreadable.push(row);
    }
    rowsSeen += fresh.length + freshUnreadable.length;
    if (rowsSeen < total && page < maxPages) {
      ahead = client.listIdentityRows({ page: page + 1, pageSize });
      // Awaited next turn; if onPage throws first, its failure must not go unhandled.
      ahead.catch(() => undefined);
    }
    await onPage(fresh);
    if (rowsSeen >= total) return result('end', page);
    if (page >= maxPages) return result('page_cap', page);
  }
}
