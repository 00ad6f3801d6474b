import type { Identity, IdentityListDto, IdentityListQuery } from '@kyc-review/contracts';
import type { InstallCloudClient } from '../cloud/cloud-client';
import type { DataFilter, QueryFilter } from '../cloud/cloud-filters';
import type { CloudPage } from '../cloud/cloud-responses';
import { MAX_PAGE_SIZE } from '../cloud/page-query';
import { planIdentityQuery } from './identity-query';
import { newestFirst, toIdentityDto } from './record-dto';

type Fetch = (filters: readonly QueryFilter[], page: number, pageSize: number) => Promise<CloudPage<Identity>>;

const isDataFilter = (filter: QueryFilter): filter is DataFilter => filter.op !== 'exists' && filter.op !== 'notexists';

/**
 * The Data API (`GET /data/identities`) when its operators suffice, the Filters API
 * only for `exists`/`notexists` (the never-reviewed queue), which only it has.
 */
function fetcher(cloud: InstallCloudClient): Fetch {
  return (filters, page, pageSize) =>
    filters.every(isDataFilter)
      ? cloud.listIdentities({ filters, page, pageSize })
      : cloud.filterIdentities({ filters, page, pageSize });
}

const oldestFirst = (a: Identity, b: Identity) => newestFirst(b, a);

/**
 * One filter set, oldest first. Cloud lists newest first and takes no sort parameter
 * (docs/cloud-contract.md §6.2 [gap]), so page p ascending is the window [total − p·s, total − (p−1)·s)
 * of the newest-first order: the first page tells the total, at most two more cover it.
 */
async function oldestFirstPage(
  fetch: Fetch,
  filters: readonly QueryFilter[],
  page: number,
  size: number,
): Promise<CloudPage<Identity>> {
  const first = await fetch(filters, 1, size);
  const end = first.total - (page - 1) * size;
  if (end <= 0) return { data: [], total: first.total };
  const start = Math.max(0, first.total - page * size);
  const pages = new Map<number, Identity[]>([[0, first.data]]);
  const wanted = [...new Set([Math.floor(start / size), Math.floor((end - 1) / size)])].filter((k) => !pages.has(k));
  const fetched = await Promise.all(wanted.map((k) => fetch(filters, k + 1, size)));
  wanted.forEach((k, i) => pages.set(k, fetched[i]?.data ?? []));
  const window: Identity[] = [];
  for (let offset = start; offset < end; offset += 1) {
    const row = pages.get(Math.floor(offset / size))?.[offset % size];
    if (row !== undefined) window.push(row);
  }
  return { data: window.sort(oldestFirst), total: first.total };
}

/**
 * A search: each alternative's newest MAX_PAGE_SIZE matches, united by id, sorted and
 * paged here. A term matching more than that in one field shows only those; the SPA
 * asks the user to narrow it (decision 009).
 */
async function unitedPage(
  fetch: Fetch,
  alternatives: readonly (readonly QueryFilter[])[],
  query: IdentityListQuery,
): Promise<CloudPage<Identity>> {
  const pages = await Promise.all(alternatives.map((filters) => fetch(filters, 1, MAX_PAGE_SIZE)));
  const byId = new Map<string, Identity>();
  for (const row of pages.flatMap((p) => p.data)) byId.set(row.identity_id, row);
  const all = [...byId.values()].sort(query.sort === 'created_at_asc' ? oldestFirst : newestFirst);
  const from = (query.page - 1) * query.pageSize;
  return { data: all.slice(from, from + query.pageSize), total: all.length };
}

export async function listIdentities(cloud: InstallCloudClient, query: IdentityListQuery): Promise<IdentityListDto> {
  const fetch = fetcher(cloud);
  const { alternatives } = planIdentityQuery(query);
  const [only] = alternatives;
  let result: CloudPage<Identity>;
  if (alternatives.length !== 1 || only === undefined) result = await unitedPage(fetch, alternatives, query);
  else if (query.sort === 'created_at_asc') result = await oldestFirstPage(fetch, only, query.page, query.pageSize);
  else {
    const page = await fetch(only, query.page, query.pageSize);
    // Cloud's order is a [gap]; a page is re-sorted so the SPA never shows it shuffled.
    result = { data: [...page.data].sort(newestFirst), total: page.total };
  }
  return { items: result.data.map(toIdentityDto), page: query.page, pageSize: query.pageSize, total: result.total };
}
