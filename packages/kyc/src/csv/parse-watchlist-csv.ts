import { WatchlistEntry, WatchlistTopic } from '@kyc-review/contracts';
import { resolveCountry } from '../country/resolve-country';
import { stableHash } from '../hash';
import { parsePartialDate } from '../identity/dob';
import { normaliseName } from '../screening/prepared-name';
import { CsvSyntaxError, parseCsv } from './parse-csv';

/** Limits that keep one import inside a request's memory and time budget. */
export const WATCHLIST_CSV_LIMITS = { maxBytes: 5_000_000, maxRows: 50_000 } as const;

export interface WatchlistCsvError {
  readonly line: number;
  readonly message: string;
}

export interface WatchlistCsvResult {
  readonly entries: WatchlistEntry[];
  readonly errors: WatchlistCsvError[];
}

type Column = 'name' | 'aliases' | 'dob' | 'country' | 'list' | 'topic';
const REQUIRED: readonly Column[] = ['name', 'list', 'topic'];
const HEADER_ALIASES: Record<string, Column> = {
  name: 'name',
  aliases: 'aliases',
  dob: 'dob',
  country: 'country',
  nationality: 'country',
  list: 'list',
  topic: 'topic',
};

function columnsOf(header: readonly string[]): Map<Column, number> | string {
  const columns = new Map<Column, number>();
  header.forEach((title, position) => {
    const column = HEADER_ALIASES[title.trim().toLowerCase()];
    if (column !== undefined && !columns.has(column)) columns.set(column, position);
  });
  const missing = REQUIRED.filter((c) => !columns.has(c));
  return missing.length === 0
    ? columns
    : `the header row lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`;
}

/** One data row to an entry, or the reason it is rejected. */
function toEntry(fields: readonly string[], columns: Map<Column, number>): WatchlistEntry | string {
  const cell = (column: Column) => {
    const position = columns.get(column);
    return position === undefined ? '' : (fields[position] ?? '').trim();
  };
  const name = cell('name');
  if (name === '') return 'name is empty';
  const dob = cell('dob');
  if (dob !== '' && (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(dob) || parsePartialDate(dob) === null))
    return `dob "${dob}" is not YYYY, YYYY-MM or YYYY-MM-DD`;
  const countryText = cell('country');
  const country = countryText === '' ? null : resolveCountry(countryText);
  if (countryText !== '' && country === null) return `country "${countryText}" is not a recognised country`;
  const topic = WatchlistTopic.safeParse(cell('topic').toLowerCase());
  if (!topic.success) return `topic "${cell('topic')}" is not one of ${WatchlistTopic.options.join(', ')}`;
  const aliases = [
    ...new Set(
      cell('aliases')
        .split(';')
        .map((a) => a.trim())
        .filter((a) => a !== '' && a !== name),
    ),
  ];
  const list = cell('list');
  // Content-derived id: re-importing the same person keeps the id, so dismissed hits stay dismissed.
  const entry_id = `wle_${stableHash([list, normaliseName(name), dob, country ?? ''].join('|'))}`;
  const parsed = WatchlistEntry.safeParse({
    entry_id,
    name,
    aliases,
    dob: dob === '' ? null : dob,
    country,
    list,
    topic: topic.data,
  });
  if (!parsed.success)
    return parsed.error.issues.map((issue) => `${issue.path.join('.') || 'row'}: ${issue.message}`).join('; ');
  return parsed.data;
}

/**
 * A watchlist CSV (header row with name, aliases, dob, country or nationality, list,
 * topic, in any order; extra columns ignored) to entries. Bad rows are reported by line
 * and left out; good rows are kept. Exceeding the size or row cap rejects the file.
 */
export function parseWatchlistCsv(text: string): WatchlistCsvResult {
  if (new TextEncoder().encode(text).length > WATCHLIST_CSV_LIMITS.maxBytes) {
    return {
      entries: [],
      errors: [{ line: 0, message: `the file is larger than ${String(WATCHLIST_CSV_LIMITS.maxBytes)} bytes` }],
    };
  }
  let records;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) return { entries: [], errors: [{ line: error.line, message: error.message }] };
    throw error;
  }
  const [header, ...rows] = records;
  if (header === undefined)
    return { entries: [], errors: [{ line: 1, message: 'the file is empty: a header row is required' }] };
  const columns = columnsOf(header.fields);
  if (typeof columns === 'string') return { entries: [], errors: [{ line: header.line, message: columns }] };
  if (rows.length > WATCHLIST_CSV_LIMITS.maxRows) {
    return {
      entries: [],
      errors: [
        {
          line: 0,
          message: `the file has ${String(rows.length)} rows; at most ${String(WATCHLIST_CSV_LIMITS.maxRows)} are accepted`,
        },
      ],
    };
  }
  const entries: WatchlistEntry[] = [];
  const errors: WatchlistCsvError[] = [];
  const firstLineOf = new Map<string, number>();
  for (const row of rows) {
    const entry = toEntry(row.fields, columns);
    if (typeof entry === 'string') {
      errors.push({ line: row.line, message: entry });
      continue;
    }
    const seen = firstLineOf.get(entry.entry_id);
    if (seen !== undefined) {
      errors.push({ line: row.line, message: `duplicate of line ${String(seen)}` });
      continue;
    }
    firstLineOf.set(entry.entry_id, row.line);
    entries.push(entry);
  }
  return { entries, errors };
}
