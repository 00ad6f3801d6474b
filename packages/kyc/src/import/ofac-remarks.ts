import type { WatchlistAlias } from '@kyc-review/contracts';
import { resolveCountry } from '../country/resolve-country';

/** What an SDN entry's Remarks field says about the person or company, as entry fields. */
export interface OfacRemarks {
  readonly dobs: string[];
  readonly nationalities: string[];
  readonly countries: string[];
  readonly aliases: WatchlistAlias[];
}

const MONTHS: Record<string, string> = {
  jan: '01',
  feb: '02',
  mar: '03',
  apr: '04',
  may: '05',
  jun: '06',
  jul: '07',
  aug: '08',
  sep: '09',
  oct: '10',
  nov: '11',
  dec: '12',
};

/** A year range wider than this is not a date of birth we can corroborate with. */
const MAX_RANGE_YEARS = 10;

/** "10 Dec 1948", "Dec 1948", "1948", "circa 1948" to YYYY-MM-DD / YYYY-MM / YYYY. */
function oneDate(text: string): string | null {
  const value = text
    .trim()
    .replace(/^(circa|approximately|about|c\.|ca\.)\s*/i, '')
    .replace(/\.$/, '');
  let m = /^(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{4})$/i.exec(value);
  if (m !== null) {
    const month = MONTHS[(m[2] ?? '').toLowerCase()];
    return month === undefined ? null : `${m[3] ?? ''}-${month}-${(m[1] ?? '').padStart(2, '0')}`;
  }
  m = /^([a-z]{3})[a-z]*\.?\s+(\d{4})$/i.exec(value);
  if (m !== null) {
    const month = MONTHS[(m[1] ?? '').toLowerCase()];
    return month === undefined ? null : `${m[2] ?? ''}-${month}`;
  }
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (m !== null) return value;
  m = /^(\d{4})$/.exec(value);
  return m === null ? null : value;
}

/** The dates a DOB clause gives: one date, or each year of "1948 to 1950". */
export function ofacDates(text: string): string[] {
  const [from, to, ...rest] = text.split(/\s+to\s+|\s*-\s+/i);
  if (to === undefined || rest.length > 0) {
    const date = oneDate(text);
    return date === null ? [] : [date];
  }
  const start = oneDate(from ?? '');
  const end = oneDate(to);
  if (start === null || end === null) return [];
  const first = Number(start.slice(0, 4));
  const last = Number(end.slice(0, 4));
  if (start.length === 4 && end.length === 4 && last >= first && last - first <= MAX_RANGE_YEARS) {
    return Array.from({ length: last - first + 1 }, (_, i) => String(first + i));
  }
  return [start, end];
}

/** The name inside an a.k.a. clause: 'NAME' or "NAME", quotes removed. */
function quotedName(text: string): string {
  const value = text.trim().replace(/[.;,]+$/, '');
  const m = /^['"‘’“”](.*)['"‘’“”]$/.exec(value);
  return (m?.[1] ?? value).trim();
}

/**
 * The SDN Remarks field: clauses separated by ";" such as "DOB 10 Dec 1948", "alt. DOB
 * 1950", "POB Giza, Egypt", "nationality Egypt", "citizen Egypt", "a.k.a. 'X'", "f.k.a.
 * 'Y'" (a weak a.k.a. is marked as such by OFAC: "(weak)"/"weak a.k.a."). Clauses we do
 * not screen on (passports, gender, websites, "Linked To:") are ignored.
 */
export function parseOfacRemarks(remarks: string): OfacRemarks {
  const result: OfacRemarks = { dobs: [], nationalities: [], countries: [], aliases: [] };
  const addCountry = (into: string[], text: string) => {
    const code = resolveCountry(text.replace(/\.$/, '').trim());
    if (code !== null && !into.includes(code)) into.push(code);
  };
  for (const raw of remarks.split(';')) {
    const clause = raw.trim().replace(/\.$/, '');
    if (clause === '') continue;
    let m = /^(?:alt\.\s*)?DOB\s+(.+)$/i.exec(clause);
    if (m !== null) {
      for (const date of ofacDates(m[1] ?? '')) if (!result.dobs.includes(date)) result.dobs.push(date);
      continue;
    }
    m = /^(?:alt\.\s*)?POB\s+(.+)$/i.exec(clause);
    if (m !== null) {
      // The country is the last part of a place of birth: "Giza, Egypt".
      addCountry(result.countries, (m[1] ?? '').split(',').at(-1) ?? '');
      continue;
    }
    m = /^Nationality of Registration\s+(.+)$/i.exec(clause);
    if (m !== null) {
      addCountry(result.countries, m[1] ?? '');
      continue;
    }
    m = /^(?:alt\.\s*)?(nationality|citizen)\s+(.+)$/i.exec(clause);
    if (m !== null) {
      addCountry(result.nationalities, m[2] ?? '');
      continue;
    }
    m = /^(?:alt\.\s*)?(?:(weak)\s+)?([afn])\.k\.a\.?,?\s*(.+)$/i.exec(clause);
    if (m !== null) {
      const rest = m[3] ?? '';
      const weak = m[1] !== undefined || /\(weak\)\s*$/i.test(rest);
      const name = quotedName(rest.replace(/\(weak\)\s*$/i, ''));
      if (name !== '') result.aliases.push({ name: name.slice(0, 300), kind: weak ? 'weak' : 'strong' });
      continue;
    }
  }
  return result;
}
