import { z } from 'zod';
import { BadFilterError, OPERATORS, isOperator, type Filter } from './filter';

// Reading filters and paging from the two ways callers send them (docs/cloud-contract.md §6.2, §6.3).

/** Query parameters that are never filters. */
export const RESERVED_PARAMS = new Set([
  'page',
  'pageSize',
  'per_page',
  'limit',
  'offset',
  'sort',
  'order',
  'order_by',
  'order_dir',
  'instance_id',
  'org_id',
]);

// Longest first, so `_isnotnull` wins over `_isnull`... and `_gte` over `_gt`-like suffixes.
const SUFFIXES = [...OPERATORS].sort((a, b) => b.length - a.length);

/** `{field}_{op}=value` pairs, every non-reserved parameter. */
export function filtersFromQuery(params: URLSearchParams): Filter[] {
  const filters: Filter[] = [];
  for (const [key, value] of params) {
    if (RESERVED_PARAMS.has(key)) continue;
    const op = SUFFIXES.find((suffix) => key.endsWith(`_${suffix}`) && key.length > suffix.length + 1);
    if (op === undefined)
      throw new BadFilterError(
        `unknown filter "${key}": expected {field}_{operator} with an operator among ${OPERATORS.join(', ')}`,
      );
    const field = key.slice(0, key.length - op.length - 1);
    const values =
      op === 'in'
        ? value
            .split(',')
            .map((v) => v.trim())
            .filter((v) => v !== '')
        : op === 'between'
          ? value.split('|')
          : op === 'isnull' || op === 'isnotnull' || op === 'exists' || op === 'notexists'
            ? []
            : [value];
    filters.push({ field, op, values });
  }
  return filters;
}

const Scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const BodyFilter = z.object({
  field: z.string().min(1).max(200),
  operator: z.string().min(1).max(20),
  value: Scalar.nullish(),
  values: z.array(Scalar).max(1000).optional(),
});
export const FilterBody = z.object({ filters: z.array(BodyFilter).max(50).default([]) });

export function filtersFromBody(body: unknown): Filter[] {
  const parsed = FilterBody.safeParse(body ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BadFilterError(
      `invalid filter body: ${issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'malformed'}`,
    );
  }
  return parsed.data.filters.map(({ field, operator, value, values }) => {
    if (!isOperator(operator)) throw new BadFilterError(`unknown operator "${operator}" on "${field}"`);
    const list =
      values ??
      (value === undefined || value === null
        ? []
        : operator === 'in'
          ? value.split(',')
          : operator === 'between'
            ? value.split('|')
            : [value]);
    return { field, op: operator, values: list };
  });
}

export interface Paging {
  readonly page: number;
  readonly pageSize: number;
}

export const MAX_PAGE_SIZE = 100;

/**
 * How the Data API pages (switchable, so a client's paging can be tested against a Cloud
 * that pages differently): the largest page it serves, and whether it ignores `page`.
 */
export interface DataApiMode {
  readonly maxPageSize: number;
  readonly ignorePage: boolean;
}
export const DEFAULT_DATA_API_MODE: DataApiMode = { maxPageSize: MAX_PAGE_SIZE, ignorePage: false };

/** `page` (from 1) and `pageSize` (default per resource, capped at 100: docs/cloud-contract.md §6.2 [gap]). */
export function pagingFrom(
  params: URLSearchParams,
  defaultPageSize: number,
  mode: DataApiMode = DEFAULT_DATA_API_MODE,
): Paging {
  const number = (name: string, fallback: number): number => {
    const raw = params.get(name);
    if (raw === null || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) throw new BadFilterError(`${name} must be a positive integer`);
    return value;
  };
  const page = number('page', 1);
  return {
    page: mode.ignorePage ? 1 : page,
    pageSize: Math.min(number('pageSize', defaultPageSize), mode.maxPageSize),
  };
}
