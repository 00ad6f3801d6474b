import type { InstanceData } from '../state/instance-data';
import { newestFirst } from '../state/table';
import { compileFilter, type Filter } from './filter';
import type { Paging } from './parse';
import type { ResourceSpec, Row } from './resources';

export interface QueryResult {
  readonly data: readonly Row[];
  readonly total: number;
}

function mergeNewestFirst(a: readonly Row[], b: readonly Row[]): Row[] {
  const out: Row[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    const next = y === undefined || (x !== undefined && newestFirst(x, y) <= 0) ? (i++, x) : (j++, y);
    if (next !== undefined && out.at(-1) !== next) out.push(next);
  }
  return out;
}

/** Rows that can match: an index lookup when some `eq` filter hits an indexed field; null: every row. */
function candidates(spec: ResourceSpec, data: InstanceData, filters: readonly Filter[]): Iterable<Row> | null {
  const table = spec.table(data);
  for (const f of filters) {
    if (f.op !== 'eq' || f.values.length !== 1) continue;
    const value = f.values[0] ?? '';
    if (f.field === spec.idField) {
      const row = table.get(value);
      return row ? [row] : [];
    }
    if (spec.name === 'transactions' && f.field === 'balance_id')
      return mergeNewestFirst(table.lookup('source', value), table.lookup('destination', value));
    if (table.isIndexed(f.field)) return table.lookup(f.field, value);
  }
  return null;
}

/** Filters (all must match), newest first, one page. Throws BadFilterError for bad filters. */
export function runQuery(
  spec: ResourceSpec,
  data: InstanceData,
  filters: readonly Filter[],
  paging: Paging,
): QueryResult {
  const predicates = filters.map((f) => compileFilter(spec, f));
  const from = (paging.page - 1) * paging.pageSize;
  const table = spec.table(data);
  const indexed = candidates(spec, data, filters);
  // Unfiltered: the page is a slice (a generated table builds only the rows it serves).
  if (indexed === null && predicates.length === 0)
    return { data: table.page(from, paging.pageSize), total: table.size };
  const rows = indexed ?? table.rows();
  const page: Row[] = [];
  let total = 0;
  for (const row of rows) {
    if (!predicates.every((p) => p(row))) continue;
    if (total >= from && page.length < paging.pageSize) page.push(row);
    total++;
  }
  return { data: page, total };
}
