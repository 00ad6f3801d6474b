import { z } from 'zod';

/**
 * One entry of a watchlist of sanctioned and politically exposed persons, whatever file it
 * came from (our CSV, the OFAC SDN files, OpenSanctions exports): see
 * docs/decisions/018-real-watchlists.md.
 */
export const WatchlistTopic = z.enum(['sanction', 'pep', 'crime', 'debarment', 'other']);
export type WatchlistTopic = z.infer<typeof WatchlistTopic>;

/**
 * What an entry is. People are screened against people, organisations against
 * organisations, vessels and aircraft; `unknown` (a list that does not say) against both.
 */
export const WatchlistEntryType = z.enum(['person', 'organization', 'vessel', 'aircraft', 'unknown']);
export type WatchlistEntryType = z.infer<typeof WatchlistEntryType>;

/**
 * `strong`: another name the entry is known by. `weak`: a low-quality alias (OFAC's
 * "weak a.k.a.", OpenSanctions' weakAlias, a nickname): shown on a hit, never raising one.
 */
export const WatchlistAliasKind = z.enum(['strong', 'weak']);
export type WatchlistAliasKind = z.infer<typeof WatchlistAliasKind>;

export const WatchlistAlias = z.object({
  name: z.string().min(1).max(300),
  kind: WatchlistAliasKind,
});
export type WatchlistAlias = z.infer<typeof WatchlistAlias>;

/** A full or partial date: YYYY, YYYY-MM or YYYY-MM-DD. */
export const PartialDateText = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD');
const Iso2 = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code');

/** Caps that bound one entry's size whatever a source file says. */
export const WATCHLIST_ENTRY_LIMITS = {
  aliases: 200,
  dobs: 20,
  countries: 50,
  programmes: 30,
} as const;

const CurrentEntry = z.object({
  /** Stable across re-imports (OFAC ent_num, OpenSanctions id, or content-derived). */
  entry_id: z.string().min(1).max(128),
  name: z.string().min(1).max(300),
  entry_type: WatchlistEntryType,
  aliases: z.array(WatchlistAlias).max(WATCHLIST_ENTRY_LIMITS.aliases),
  /** Every date of birth the list gives (or only the year), in the list's order. */
  dobs: z.array(PartialDateText).max(WATCHLIST_ENTRY_LIMITS.dobs),
  nationalities: z.array(Iso2).max(WATCHLIST_ENTRY_LIMITS.countries),
  /** Other countries: citizenship aside, residence, addresses, jurisdiction. */
  countries: z.array(Iso2).max(WATCHLIST_ENTRY_LIMITS.countries),
  /** The list this entry belongs to: an import replaces a list as a whole. */
  list: z.string().min(1).max(100),
  topic: WatchlistTopic,
  /** Where the entry comes from in the source, e.g. "OFAC SDN #36" or "us_ofac_sdn". */
  source: z.string().max(300).nullable(),
  /** Sanctions programmes ("SDGT", "IRAN", "RUSSIA-EO14024"), when the source says. */
  programmes: z.array(z.string().min(1).max(100)).max(WATCHLIST_ENTRY_LIMITS.programmes),
});

/**
 * Entries stored or embedded in hits before issue 14 had one dob, one country and plain
 * alias strings: read them as the current shape so nothing stored needs rewriting.
 */
function upgradeLegacyEntry(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || 'dobs' in value) return value;
  const legacy: Record<string, unknown> = { ...value };
  const { dob, country, aliases } = legacy;
  delete legacy.dob;
  delete legacy.country;
  return {
    entry_type: 'unknown',
    source: null,
    programmes: [],
    nationalities: [],
    ...legacy,
    dobs: typeof dob === 'string' ? [dob] : [],
    countries: typeof country === 'string' ? [country] : [],
    aliases: Array.isArray(aliases)
      ? aliases.map((alias: unknown) => (typeof alias === 'string' ? { name: alias, kind: 'strong' } : alias))
      : aliases,
  };
}

export const WatchlistEntry = z.preprocess(upgradeLegacyEntry, CurrentEntry);
export type WatchlistEntry = z.infer<typeof CurrentEntry>;
