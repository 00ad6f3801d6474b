import type { QueueFilters } from './queue-filters';

// The queue view (filters, page and cursor) the reviewer last looked at, so "Next case" on a
// case walks the list they came from. Navigation memory of this tab only: not server state,
// not kept in browser storage, gone on reload (then the reviewer's default view is used).

let last: QueueFilters | null = null;

export const rememberQueueView = (filters: QueueFilters): void => {
  last = filters;
};

export const lastQueueView = (): QueueFilters | null => last;
