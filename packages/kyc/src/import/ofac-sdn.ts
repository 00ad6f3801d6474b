import {
  WatchlistEntry,
  WATCHLIST_ENTRY_LIMITS,
  type WatchlistAlias,
  type WatchlistEntryType,
} from '@kyc-review/contracts';
import { resolveCountry } from '../country/resolve-country';
import type { CsvRecord } from './csv-reader';
import { OFAC_FIELDS, type OfacPart } from './detect-format';
import type { FileTally, ImportItem } from './import-types';
import { WatchlistFileError } from './import-types';
import { parseOfacRemarks } from './ofac-remarks';
import { zodMessage } from './zod-message';

export const OFAC_LIST = 'OFAC SDN';

/** OFAC's null placeholder, "-0-", often followed by a space. */
function value(field: string | undefined): string {
  const text = (field ?? '').trim();
  return text === '-0-' ? '' : text;
}

const TYPES: Record<string, WatchlistEntryType> = {
  individual: 'person',
  '': 'organization',
  entity: 'organization',
  vessel: 'vessel',
  aircraft: 'aircraft',
};

interface Draft {
  readonly line: number;
  readonly file: string;
  readonly entNum: string;
  readonly name: string;
  readonly type: WatchlistEntryType;
  readonly programmes: string[];
  readonly dobs: string[];
  readonly nationalities: string[];
  readonly countries: string[];
  readonly aliases: WatchlistAlias[];
}

const push = <T>(into: T[], item: T) => {
  if (!into.includes(item)) into.push(item);
};

/**
 * The legacy OFAC SDN CSV files uploaded together: sdn.csv (one row per entry), alt.csv
 * (aliases) and add.csv (addresses), joined on ent_num. The files may come in any order,
 * so rows are collected as entry drafts (memory grows with the entries, not the file
 * bytes) and the entries are given out once every file has been read.
 */
export class OfacSdnCollector {
  private readonly drafts = new Map<string, Draft>();
  private readonly extras = new Map<string, { aliases: WatchlistAlias[]; countries: string[] }>();
  private readonly parts = new Set<OfacPart>();

  /** One record of one of the files: nothing to give out yet, or the reason it is refused. */
  add(part: OfacPart, record: CsvRecord, tally: FileTally): ImportItem | null {
    this.parts.add(part);
    const { fields, line } = record;
    const expected = OFAC_FIELDS[part];
    if (fields.length !== expected)
      return tally.refuse(line, `expected ${String(expected)} fields (${part}.csv), found ${String(fields.length)}`);
    const entNum = value(fields[0]);
    if (!/^\d+$/.test(entNum)) return tally.refuse(line, `ent_num "${entNum}" is not a number`);
    if (part === 'sdn') return this.addSdn(entNum, fields, line, tally);
    const extra = this.extras.get(entNum) ?? { aliases: [], countries: [] };
    this.extras.set(entNum, extra);
    if (part === 'alt') {
      const type = value(fields[2]).toLowerCase();
      const name = value(fields[3]);
      if (name === '') return tally.refuse(line, 'alt_name is empty');
      const weak = /weak/i.test(type) || /weak/i.test(value(fields[4]));
      extra.aliases.push({ name: name.slice(0, 300), kind: weak ? 'weak' : 'strong' });
    } else {
      const country = value(fields[4]);
      const code = country === '' ? null : resolveCountry(country);
      if (code !== null) push(extra.countries, code);
    }
    return null;
  }

  private addSdn(entNum: string, fields: readonly string[], line: number, tally: FileTally): ImportItem | null {
    const earlier = this.drafts.get(entNum);
    if (earlier !== undefined) return tally.refuse(line, `duplicate ent_num ${entNum} (line ${String(earlier.line)})`);
    const name = value(fields[1]);
    if (name === '') return tally.refuse(line, 'SDN_Name is empty');
    const rawType = value(fields[2]).toLowerCase();
    const type = TYPES[rawType];
    if (type === undefined)
      return tally.refuse(line, `SDN_Type "${rawType}" is not individual, vessel, aircraft or -0-`);
    const programmes = value(fields[3])
      .split(/\]\s*\[/)
      .map((p) => p.replace(/[[\]]/g, '').trim())
      .filter((p) => p !== '');
    const remarks = parseOfacRemarks(value(fields[11]));
    const flag = value(fields[9]);
    const flagCode = flag === '' ? null : resolveCountry(flag);
    const countries = [...remarks.countries];
    if (flagCode !== null) push(countries, flagCode);
    this.drafts.set(entNum, {
      line,
      file: tally.name,
      entNum,
      name,
      type,
      programmes,
      dobs: remarks.dobs,
      nationalities: remarks.nationalities,
      countries,
      aliases: remarks.aliases,
    });
    return null;
  }

  /** Every entry, once all files are read. alt.csv or add.csv alone cannot make entries. */
  *finish(): Generator<ImportItem> {
    if (!this.parts.has('sdn') && this.parts.size > 0) {
      throw new WatchlistFileError(
        'invalid_watchlist_file',
        'alt.csv and add.csv add aliases and addresses to the entries of sdn.csv: upload sdn.csv with them.',
      );
    }
    let orphans = 0;
    for (const entNum of this.extras.keys()) if (!this.drafts.has(entNum)) orphans++;
    if (orphans > 0)
      yield { kind: 'skipped', reason: `alt.csv/add.csv rows of an ent_num not in sdn.csv`, count: orphans };
    for (const draft of this.drafts.values()) {
      const extra = this.extras.get(draft.entNum);
      const countries = [...draft.countries];
      for (const code of extra?.countries ?? []) push(countries, code);
      const seen = new Set([draft.name.toLowerCase()]);
      const aliases: WatchlistAlias[] = [];
      for (const alias of [...draft.aliases, ...(extra?.aliases ?? [])]) {
        const key = alias.name.toLowerCase();
        if (seen.has(key)) continue;
        seen.add(key);
        aliases.push(alias);
      }
      const parsed = WatchlistEntry.safeParse({
        entry_id: `ofac_sdn_${draft.entNum}`,
        name: draft.name.slice(0, 300),
        entry_type: draft.type,
        aliases: aliases.slice(0, WATCHLIST_ENTRY_LIMITS.aliases),
        dobs: draft.dobs.slice(0, WATCHLIST_ENTRY_LIMITS.dobs),
        nationalities: draft.nationalities.slice(0, WATCHLIST_ENTRY_LIMITS.countries),
        countries: countries.slice(0, WATCHLIST_ENTRY_LIMITS.countries),
        list: OFAC_LIST,
        topic: 'sanction',
        source: `OFAC SDN ent_num ${draft.entNum}`,
        programmes: draft.programmes.slice(0, WATCHLIST_ENTRY_LIMITS.programmes),
      });
      if (parsed.success) yield { kind: 'entry', entry: parsed.data, file: draft.file, line: draft.line };
      else yield { kind: 'refused', file: draft.file, line: draft.line, message: zodMessage(parsed.error) };
    }
  }
}
