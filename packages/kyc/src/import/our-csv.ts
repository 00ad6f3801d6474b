import {
  WatchlistEntry,
  WatchlistEntryType,
  WatchlistTopic,
  WATCHLIST_ENTRY_LIMITS,
  type WatchlistAlias,
} from '@kyc-review/contracts';
import { resolveCountry } from '../country/resolve-country';
import { stableHash } from '../hash';
import { parsePartialDate } from '../identity/dob';
import { normaliseName } from '../screening/prepared-name';
import { CsvSyntaxError, parseCsv } from './csv-reader';
import { zodMessage } from './zod-message';

/** Limits of the small synchronous parse used for the demo list and tests. */
export const WATCHLIST_CSV_LIMITS = { maxBytes: 5_000_000, maxRows: 50_000 } as const;

export interface WatchlistCsvError {
  readonly line: number;
  readonly message: string;
}

export interface WatchlistCsvResult {
  readonly entries: WatchlistEntry[];
  readonly errors: WatchlistCsvError[];
}

type Column =
  | 'name'
  | 'aliases'
  | 'weak_aliases'
  | 'dob'
  | 'country'
  | 'nationality'
  | 'list'
  | 'topic'
  | 'type'
  | 'programme'
  | 'source';
const REQUIRED: readonly Column[] = ['name', 'list', 'topic'];
const HEADER_ALIASES: Record<string, Column> = {
  name: 'name',
  aliases: 'aliases',
  weak_aliases: 'weak_aliases',
  dob: 'dob',
  dobs: 'dob',
  country: 'country',
  countries: 'country',
  nationality: 'nationality',
  nationalities: 'nationality',
  list: 'list',
  topic: 'topic',
  type: 'type',
  entry_type: 'type',
  programme: 'programme',
  programmes: 'programme',
  program: 'programme',
  programs: 'programme',
  source: 'source',
};

export type OurCsvColumns = ReadonlyMap<Column, number>;

/** The header row's columns, or what it lacks. */
export function ourCsvColumns(header: readonly string[]): OurCsvColumns | string {
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

const split = (text: string) => [...new Set(text.split(';').map((v) => v.trim()))].filter((v) => v !== '');

function countryCodes(text: string, what: string): string[] | string {
  const codes: string[] = [];
  for (const value of split(text)) {
    const code = resolveCountry(value);
    if (code === null) return `${what} "${value}" is not a recognised country`;
    if (!codes.includes(code)) codes.push(code);
  }
  return codes;
}

/**
 * One data row to an entry, or the reason it is refused. Several dates of birth,
 * countries, nationalities, aliases or programmes in one cell are separated by ";".
 */
export function ourCsvRow(fields: readonly string[], columns: OurCsvColumns): WatchlistEntry | string {
  const cell = (column: Column) => {
    const position = columns.get(column);
    return position === undefined ? '' : (fields[position] ?? '').trim();
  };
  const name = cell('name');
  if (name === '') return 'name is empty';
  const dobText = cell('dob');
  const dobs = split(dobText);
  const badDob = dobs.find((dob) => !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(dob) || parsePartialDate(dob) === null);
  if (badDob !== undefined) return `dob "${badDob}" is not YYYY, YYYY-MM or YYYY-MM-DD`;
  const countries = countryCodes(cell('country'), 'country');
  if (typeof countries === 'string') return countries;
  const nationalities = countryCodes(cell('nationality'), 'nationality');
  if (typeof nationalities === 'string') return nationalities;
  const topic = WatchlistTopic.safeParse(cell('topic').toLowerCase());
  if (!topic.success) return `topic "${cell('topic')}" is not one of ${WatchlistTopic.options.join(', ')}`;
  const typeText = cell('type').toLowerCase();
  const type = WatchlistEntryType.safeParse(typeText === '' ? 'unknown' : typeText);
  if (!type.success) return `type "${cell('type')}" is not one of ${WatchlistEntryType.options.join(', ')}`;
  const aliases: WatchlistAlias[] = [];
  const seen = new Set([name]);
  for (const [column, kind] of [
    ['aliases', 'strong'],
    ['weak_aliases', 'weak'],
  ] as const) {
    for (const alias of split(cell(column))) {
      if (!seen.has(alias)) aliases.push({ name: alias, kind });
      seen.add(alias);
    }
  }
  const list = cell('list');
  // Content-derived id: re-importing the same person keeps the id, so dismissed hits stay
  // dismissed (the same formula as before several dobs and countries were allowed).
  const countryKey = (countries.length > 0 ? countries : nationalities).join(';');
  const entry_id = `wle_${stableHash([list, normaliseName(name), dobText, countryKey].join('|'))}`;
  const parsed = WatchlistEntry.safeParse({
    entry_id,
    name,
    entry_type: type.data,
    aliases: aliases.slice(0, WATCHLIST_ENTRY_LIMITS.aliases),
    dobs,
    nationalities,
    countries,
    list,
    topic: topic.data,
    source: cell('source') === '' ? null : cell('source'),
    programmes: split(cell('programme')),
  });
  return parsed.success ? parsed.data : zodMessage(parsed.error);
}

/**
 * A small watchlist CSV in memory (the demo list, tests): header row with name, list,
 * topic and optionally aliases, weak_aliases, dob, country, nationality, type, programme,
 * source, in any order; extra columns ignored. Bad rows are reported by line and left
 * out. Uploads go through the streaming readers instead (read-watchlist-files.ts).
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
  const columns = ourCsvColumns(header.fields);
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
    const entry = ourCsvRow(row.fields, columns);
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
