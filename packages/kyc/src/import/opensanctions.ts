import {
  WatchlistEntry,
  WATCHLIST_ENTRY_LIMITS,
  type WatchlistAlias,
  type WatchlistEntryType,
  type WatchlistTopic,
} from '@kyc-review/contracts';
import { z } from 'zod';
import { resolveCountry } from '../country/resolve-country';
import type { FileTally, ImportItem } from './import-types';
import { zodMessage } from './zod-message';

export const OPENSANCTIONS_LIST = 'OpenSanctions';

/** FollowTheMoney schemata screened, by entry type; every other schema is skipped. */
const SCHEMATA: Record<string, WatchlistEntryType> = {
  Person: 'person',
  Organization: 'organization',
  Company: 'organization',
  LegalEntity: 'organization',
  PublicBody: 'organization',
  Vessel: 'vessel',
  Airplane: 'aircraft',
};

/**
 * OpenSanctions topics to the list category shown on a hit, strongest first
 * (https://www.opensanctions.org/docs/topics/): a sanctioned PEP is a sanction hit.
 */
export function topicOf(topics: readonly string[]): WatchlistTopic {
  const has = (test: (t: string) => boolean) => topics.some(test);
  if (has((t) => t === 'sanction' || t.startsWith('sanction.'))) return 'sanction';
  if (has((t) => t === 'crime' || t.startsWith('crime.') || t === 'wanted')) return 'crime';
  if (has((t) => t === 'debarment')) return 'debarment';
  if (has((t) => t.startsWith('role.pep') || t === 'role.rca' || t.startsWith('gov.'))) return 'pep';
  return 'other';
}

/** "1970-05-01", "1970-05", "1970", or a timestamp: the date part, if it is one. */
function partialDate(text: string): string | null {
  const m = /^(\d{4}(?:-\d{2}(?:-\d{2})?)?)/.exec(text.trim());
  return m?.[1] ?? null;
}

function countries(values: readonly string[]): string[] {
  const codes: string[] = [];
  for (const value of values) {
    const code = resolveCountry(value);
    if (code !== null && !codes.includes(code)) codes.push(code);
  }
  return codes;
}

interface EntityDraft {
  readonly id: string;
  readonly schema: string;
  readonly names: readonly string[];
  readonly strong: readonly string[];
  readonly weak: readonly string[];
  readonly dobs: readonly string[];
  readonly nationalities: readonly string[];
  readonly countries: readonly string[];
  readonly topics: readonly string[];
  readonly programmes: readonly string[];
  readonly datasets: readonly string[];
}

const unique = (values: readonly string[]) => [...new Set(values.map((v) => v.trim()).filter((v) => v !== ''))];

/** A draft to an entry, or the reason it is refused; null when its schema is not screened. */
function toEntry(draft: EntityDraft): WatchlistEntry | string | null {
  const type = SCHEMATA[draft.schema];
  if (type === undefined) return null;
  const [name, ...otherNames] = unique(draft.names);
  if (name === undefined) return 'the entity has no name';
  const seen = new Set([name.toLowerCase()]);
  const aliases: WatchlistAlias[] = [];
  const addAliases = (values: readonly string[], kind: WatchlistAlias['kind']) => {
    for (const alias of unique(values)) {
      if (seen.has(alias.toLowerCase())) continue;
      seen.add(alias.toLowerCase());
      aliases.push({ name: alias.slice(0, 300), kind });
    }
  };
  addAliases([...otherNames, ...draft.strong], 'strong');
  addAliases(draft.weak, 'weak');
  const dobs = unique(draft.dobs.map((d) => partialDate(d) ?? '')).slice(0, WATCHLIST_ENTRY_LIMITS.dobs);
  const nationalities = countries(draft.nationalities);
  const parsed = WatchlistEntry.safeParse({
    entry_id: `${ENTRY_ID_PREFIX}${draft.id}`.slice(0, 128),
    name: name.slice(0, 300),
    entry_type: type,
    aliases: aliases.slice(0, WATCHLIST_ENTRY_LIMITS.aliases),
    dobs,
    nationalities: nationalities.slice(0, WATCHLIST_ENTRY_LIMITS.countries),
    countries: countries(draft.countries)
      .filter((c) => !nationalities.includes(c))
      .slice(0, WATCHLIST_ENTRY_LIMITS.countries),
    list: OPENSANCTIONS_LIST,
    topic: topicOf(draft.topics),
    source: draft.datasets.length === 0 ? null : unique(draft.datasets).join(', ').slice(0, 300),
    programmes: unique(draft.programmes)
      .map((p) => p.slice(0, 100))
      .slice(0, WATCHLIST_ENTRY_LIMITS.programmes),
  });
  return parsed.success ? parsed.data : zodMessage(parsed.error);
}

const Strings = z.array(z.unknown()).transform((values) => values.filter((v): v is string => typeof v === 'string'));
const FtmLine = z.object({
  id: z.string().min(1),
  schema: z.string().min(1),
  caption: z.string().optional(),
  target: z.boolean().optional(),
  datasets: Strings.optional(),
  properties: z.record(z.string(), Strings).default({}),
});

const ENTRY_ID_PREFIX = 'os_';

/**
 * The programmes of FtM `Sanction` records (`entity` → the target, `program` / `programId`),
 * which an export writes as records of their own, before or after their target. A sanction
 * read before its target is kept here until the target comes; one read after it is handed
 * on as a `programmes` item for the entry already read. Holds ids and programme names only.
 */
export class FtmSanctions {
  private readonly pending = new Map<string, string[]>();
  private readonly read = new Set<string>();

  /** A Sanction record: programme items for targets already read; the rest kept for later. */
  add(targets: readonly string[], programmes: readonly string[]): ImportItem[] {
    const named = unique(programmes).map((p) => p.slice(0, 100));
    if (named.length === 0) return [];
    const items: ImportItem[] = [];
    for (const target of unique(targets)) {
      if (this.read.has(target))
        items.push({ kind: 'programmes', entryId: `${ENTRY_ID_PREFIX}${target}`.slice(0, 128), programmes: named });
      else this.pending.set(target, [...(this.pending.get(target) ?? []), ...named]);
    }
    return items;
  }

  /** A target entity is read: the programmes of sanctions seen before it. */
  take(id: string): readonly string[] {
    this.read.add(id);
    const programmes = this.pending.get(id) ?? [];
    this.pending.delete(id);
    return programmes;
  }
}

/**
 * One line of an FtM entities export (entities.ftm.json) to what it gives: an entry, a
 * refused or skipped record, or the programmes of a Sanction record (see FtmSanctions).
 */
export function ftmLine(
  text: string,
  line: number,
  tally: FileTally,
  sanctions: FtmSanctions = new FtmSanctions(),
): ImportItem | ImportItem[] | null {
  if (text.trim() === '') return null;
  tally.rows++;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return tally.refuse(line, 'not a JSON object (entities.ftm.json has one entity per line)');
  }
  const parsed = FtmLine.safeParse(json);
  if (!parsed.success) return tally.refuse(line, zodMessage(parsed.error));
  const { id, schema, caption, target, datasets, properties: p } = parsed.data;
  const get = (key: string) => p[key] ?? [];
  if (schema === 'Sanction') return sanctions.add(get('entity'), [...get('programId'), ...get('program')]);
  if (SCHEMATA[schema] === undefined) return { kind: 'skipped', reason: `${schema} records (not screened)`, count: 1 };
  if (target === false) return { kind: 'skipped', reason: 'entities listed only as related to a target', count: 1 };
  const parts = [get('firstName')[0], get('middleName')[0], get('fatherName')[0], get('lastName')[0]];
  const composed = parts.filter((x): x is string => x !== undefined && x.trim() !== '').join(' ');
  const entry = toEntry({
    id,
    schema,
    names: [...(caption === undefined ? [] : [caption]), ...get('name'), ...(composed === '' ? [] : [composed])],
    strong: [...get('alias'), ...get('previousName')],
    weak: get('weakAlias'),
    dobs: get('birthDate'),
    nationalities: [...get('nationality'), ...get('citizenship')],
    countries: [...get('country'), ...get('jurisdiction'), ...get('mainCountry'), ...get('flag')],
    topics: get('topics'),
    programmes: [...get('programId'), ...get('program'), ...sanctions.take(id)],
    datasets: datasets ?? [],
  });
  if (entry === null) return { kind: 'skipped', reason: `${schema} records (not screened)`, count: 1 };
  if (typeof entry === 'string') return tally.refuse(line, entry);
  return { kind: 'entry', entry, file: tally.name, line };
}

/** The columns of targets.simple.csv read; the others are ignored. */
type SimpleColumn =
  'id' | 'schema' | 'name' | 'aliases' | 'birth_date' | 'countries' | 'sanctions' | 'program_ids' | 'dataset';
const SIMPLE_COLUMNS: readonly SimpleColumn[] = [
  'id',
  'schema',
  'name',
  'aliases',
  'birth_date',
  'countries',
  'sanctions',
  'program_ids',
  'dataset',
];

export function simpleColumns(header: readonly string[]): Map<SimpleColumn, number> {
  const columns = new Map<SimpleColumn, number>();
  header.forEach((title, position) => {
    const column = SIMPLE_COLUMNS.find((c) => c === title.trim().toLowerCase());
    if (column !== undefined && !columns.has(column)) columns.set(column, position);
  });
  return columns;
}

/** The topics a simple-CSV row implies: it has no topics column, only sanctions and dataset titles. */
function simpleTopics(sanctions: string, dataset: string): string[] {
  if (sanctions !== '') return ['sanction'];
  if (/\bpeps?\b|politic/i.test(dataset)) return ['role.pep'];
  if (/wanted|crime|interpol|most wanted/i.test(dataset)) return ['crime'];
  if (/debar/i.test(dataset)) return ['debarment'];
  return [];
}

/** One data row of targets.simple.csv (multi-valued cells separated by ";"). */
export function simpleRow(
  fields: readonly string[],
  line: number,
  columns: Map<SimpleColumn, number>,
  tally: FileTally,
): ImportItem {
  tally.rows++;
  const cell = (column: SimpleColumn) => {
    const position = columns.get(column);
    return position === undefined ? '' : (fields[position] ?? '').trim();
  };
  const many = (column: SimpleColumn) => cell(column).split(';');
  const id = cell('id');
  if (id === '') return tally.refuse(line, 'id is empty');
  const schema = cell('schema');
  const entry = toEntry({
    id,
    schema,
    names: [cell('name')],
    strong: many('aliases'),
    weak: [],
    dobs: many('birth_date'),
    nationalities: [],
    countries: many('countries'),
    topics: simpleTopics(cell('sanctions'), cell('dataset')),
    programmes: many('program_ids'),
    datasets: many('dataset'),
  });
  if (entry === null) return { kind: 'skipped', reason: `${schema || 'unnamed'} records (not screened)`, count: 1 };
  if (typeof entry === 'string') return tally.refuse(line, entry);
  return { kind: 'entry', entry, file: tally.name, line };
}
