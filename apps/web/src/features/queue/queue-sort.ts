import type { CaseSort } from '@kyc-review/contracts';
import type { SortingState } from '@tanstack/react-table';

// The BFF sorts; the table headers show and change that sort. Only the sorts the API offers
// exist: risk (highest first) and created (either way). "Recently updated" has no column.

export const SORT_LABELS: Readonly<Record<CaseSort, string>> = {
  risk_desc: 'Highest risk first',
  created_at_desc: 'Newest first',
  created_at_asc: 'Oldest first',
  updated_at_desc: 'Recently updated',
  due_at_asc: 'Oldest due first',
};

export function sortingFromSort(sort: CaseSort): SortingState {
  switch (sort) {
    case 'risk_desc':
      return [{ id: 'risk', desc: true }];
    case 'created_at_desc':
      return [{ id: 'created', desc: true }];
    case 'created_at_asc':
      return [{ id: 'created', desc: false }];
    case 'updated_at_desc':
      return [];
    case 'due_at_asc':
      return [{ id: 'due', desc: false }];
  }
}

export function sortFromSorting(sorting: SortingState): CaseSort {
  const first = sorting[0];
  if (first?.id === 'created') return first.desc ? 'created_at_desc' : 'created_at_asc';
  if (first?.id === 'due') return 'due_at_asc';
  return 'risk_desc';
}
