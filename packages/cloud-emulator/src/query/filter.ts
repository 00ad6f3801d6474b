import { dateMs, parseDateRange, type DateRange } from './dates';
import type { FieldKind, ResourceSpec, Row } from './resources';

// One filter model for both the Data API query string and the Filters API body.

export const OPERATORS = [
  'eq',
  'ne',
  'gt',
  'gte',
  'lt',
  'lte',
  'in',
  'between',
  'like',
  'ilike',
  'isnull',
  'isnotnull',
  'exists',
  'notexists',
] as const;
export type Operator = (typeof OPERATORS)[number];

export interface Filter {
  readonly field: string;
  readonly op: Operator;
  /** Operands: one for most operators, a list for `in`, two for `between`, none for null/exists checks. */
  readonly values: readonly string[];
}

/** A filter the caller got wrong; answered as 400 `{"error": message}`. */
export class BadFilterError extends Error {}

export type Predicate = (row: Row) => boolean;

export function isOperator(value: string): value is Operator {
  return (OPERATORS as readonly string[]).includes(value);
}

/** The kind of `field` on this resource, or a BadFilterError for an unknown field. */
export function fieldKind(spec: ResourceSpec, field: string): FieldKind {
  if (field.startsWith('meta_data.')) {
    if (
      field
        .split('.')
        .slice(1)
        .some((part) => part === '')
    )
      throw new BadFilterError(`invalid metadata path "${field}"`);
    return 'meta';
  }
  const kind = spec.fields[field];
  if (kind === undefined) throw new BadFilterError(`unknown filter field "${field}" for ${spec.name}`);
  return kind;
}

/** The values a field holds on a row: `balance_id` on transactions is source or destination. */
function read(spec: ResourceSpec, row: Row, field: string): readonly unknown[] {
  if (spec.name === 'transactions' && field === 'balance_id') return [row['source'], row['destination']];
  if (!field.startsWith('meta_data.')) return [row[field]];
  let at: unknown = row['meta_data'];
  for (const part of field.slice('meta_data.'.length).split('.')) {
    if (typeof at !== 'object' || at === null || Array.isArray(at) || !Object.hasOwn(at, part)) return [undefined];
    at = Reflect.get(at, part);
  }
  return [at];
}

function likeRegex(pattern: string, insensitive: boolean): RegExp {
  const body = pattern
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replaceAll('%', '.*')
    .replaceAll('_', '.');
  return new RegExp(`^${body}$`, insensitive ? 'is' : 's');
}

/** Metadata values compare as numbers when both sides are numeric, else as text (like JSONB `->>`). */
function asText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

type Compare = (value: unknown) => number | null;

function comparer(kind: FieldKind, operand: string, field: string, op: Operator): { cmp: Compare; range?: DateRange } {
  if (kind === 'number') {
    const target = Number(operand);
    if (operand.trim() === '' || Number.isNaN(target))
      throw new BadFilterError(`${field}_${op}: "${operand}" is not a number`);
    return { cmp: (v) => (typeof v === 'number' ? Math.sign(v - target) : null) };
  }
  if (kind === 'date') {
    const range = parseDateRange(operand);
    if (range === null) throw new BadFilterError(`${field}_${op}: "${operand}" is not a date`);
    // -1 before the period, 0 inside it, 1 after it.
    return {
      cmp: (v) => {
        const ms = dateMs(v);
        return Number.isNaN(ms) ? null : ms < range.start ? -1 : ms >= range.end ? 1 : 0;
      },
      range,
    };
  }
  const numeric = kind === 'meta' && operand.trim() !== '' && !Number.isNaN(Number(operand));
  return {
    cmp: (v) => {
      if (numeric && typeof v === 'number') return Math.sign(v - Number(operand));
      const text = kind === 'meta' ? asText(v) : typeof v === 'string' ? v : null;
      return text === null ? null : text < operand ? -1 : text > operand ? 1 : 0;
    },
  };
}

export function compileFilter(spec: ResourceSpec, filter: Filter): Predicate {
  const { field, op, values } = filter;
  const kind = fieldKind(spec, field);
  const any =
    (test: (v: unknown) => boolean): Predicate =>
    (row) =>
      read(spec, row, field).some(test);
  const need = (count: number): void => {
    if (values.length !== count)
      throw new BadFilterError(`${field}_${op} takes ${count === 1 ? 'one value' : `${count} values`}`);
  };
  switch (op) {
    case 'isnull':
      return any((v) => v === undefined || v === null);
    case 'isnotnull':
      return (row) => !read(spec, row, field).some((v) => v === undefined || v === null);
    case 'exists':
    case 'notexists': {
      if (kind !== 'meta' || field === 'meta_data')
        throw new BadFilterError(`${op} applies to metadata keys (meta_data.<key>), not "${field}"`);
      const exists = any((v) => v !== undefined);
      return op === 'exists' ? exists : (row) => !exists(row);
    }
    case 'like':
    case 'ilike': {
      need(1);
      const re = likeRegex(values[0] ?? '', op === 'ilike');
      return any((v) => {
        const text = asText(v);
        return text !== null && re.test(text);
      });
    }
    case 'in': {
      if (values.length === 0) throw new BadFilterError(`${field}_in takes a comma-separated list`);
      const tests = values.map((value) => comparer(kind, value, field, op).cmp);
      return any((v) => tests.some((cmp) => cmp(v) === 0));
    }
    case 'between': {
      need(2);
      const low = comparer(kind, values[0] ?? '', field, op).cmp;
      const high = comparer(kind, values[1] ?? '', field, op).cmp;
      return any((v) => {
        const a = low(v);
        const b = high(v);
        return a !== null && b !== null && a >= 0 && b <= 0;
      });
    }
    default: {
      need(1);
      const { cmp } = comparer(kind, values[0] ?? '', field, op);
      const accept: Readonly<Record<string, (c: number) => boolean>> = {
        eq: (c) => c === 0,
        ne: (c) => c !== 0,
        gt: (c) => c > 0,
        gte: (c) => c >= 0,
        lt: (c) => c < 0,
        lte: (c) => c <= 0,
      };
      const ok = accept[op];
      if (ok === undefined) throw new BadFilterError(`unknown operator "${op}"`);
      return any((v) => {
        const c = cmp(v);
        return c !== null && ok(c);
      });
    }
  }
}
