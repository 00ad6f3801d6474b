import { BadRequestError } from '../errors';
import { appendDataFilters, type DataFilter, type DataResource } from './cloud-filters';

/** Page and filters of a list call; Cloud's defaults are page 1, 20 per page (docs/cloud-contract.md §6.2). */
export interface ListQuery<F> {
  readonly page?: number;
  readonly pageSize?: number;
  readonly filters?: readonly F[];
}

/** The emulator caps pages at 100 (docs/cloud-contract.md §6.2 [gap]); asking for more would be silently cut. */
export const MAX_PAGE_SIZE = 100;

export function pageParams(query: ListQuery<unknown>): URLSearchParams {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  if (!Number.isInteger(page) || page < 1 || page > 1_000_000)
    throw new BadRequestError('page must be a positive integer.');
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new BadRequestError(`pageSize must be an integer from 1 to ${MAX_PAGE_SIZE}.`);
  }
  return new URLSearchParams({ page: String(page), pageSize: String(pageSize) });
}

/** Data API list parameters: page, pageSize and `{field}_{op}` filters. */
export function dataListParams(resource: DataResource, query: ListQuery<DataFilter>): URLSearchParams {
  const params = pageParams(query);
  appendDataFilters(params, resource, query.filters ?? []);
  return params;
}
