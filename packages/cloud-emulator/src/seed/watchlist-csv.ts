import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { WatchlistTopic } from '@kyc-review/contracts';
import { z } from 'zod';

// The CSV form of the demo watchlist: columns name, aliases (";"-separated), dob,
// country, list, topic — the same import format the app accepts (contracts/kyc/watchlist).

export const WATCHLIST_COLUMNS = ['name', 'aliases', 'dob', 'country', 'list', 'topic'] as const;

/** Where the shipped file lives, for tools that want the raw CSV. */
export const DEMO_WATCHLIST_PATH = fileURLToPath(new URL('../../data/demo-watchlist.csv', import.meta.url));

/**
 * One row of the demo watchlist: the app's simplest import format, with free-text country
 * as an operator would write it ("Russian", "RU", "Russia"). The app reads it into its
 * watchlist entries on import (packages/kyc/src/import/our-csv.ts).
 */
export interface DemoWatchlistEntry {
  readonly entry_id: string;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly dob: string | null;
  readonly country: string | null;
  readonly list: string;
  readonly topic: WatchlistTopic;
}

function quote(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function watchlistToCsv(entries: readonly DemoWatchlistEntry[]): string {
  const lines = [WATCHLIST_COLUMNS.join(',')];
  for (const e of entries) {
    lines.push([e.name, e.aliases.join(';'), e.dob ?? '', e.country ?? '', e.list, e.topic].map(quote).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** RFC 4180 records: quoted fields may hold commas, quotes ("") and newlines. */
export function parseCsvRecords(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records.filter((r) => !(r.length === 1 && r[0] === ''));
}

const CsvRow = z.tuple([z.string(), z.string(), z.string(), z.string(), z.string(), WatchlistTopic]);

export function watchlistFromCsv(text: string): DemoWatchlistEntry[] {
  const [header, ...rows] = parseCsvRecords(text);
  if (header?.join(',') !== WATCHLIST_COLUMNS.join(','))
    throw new Error(`watchlist CSV must start with the header ${WATCHLIST_COLUMNS.join(',')}`);
  return rows.map((row, i) => {
    const [name, aliases, dob, country, list, topic] = CsvRow.parse(row);
    return {
      entry_id: `FWL-${String(i + 1).padStart(4, '0')}`,
      name,
      aliases: aliases === '' ? [] : aliases.split(';'),
      dob: dob === '' ? null : dob,
      country: country === '' ? null : country,
      list,
      topic,
    };
  });
}

/** The shipped fictional watchlist, parsed. For the BFF in development and tests. */
export function loadDemoWatchlist(): DemoWatchlistEntry[] {
  return watchlistFromCsv(readFileSync(DEMO_WATCHLIST_PATH, 'utf8'));
}
