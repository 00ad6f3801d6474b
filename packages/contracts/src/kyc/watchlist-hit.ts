import { z } from 'zod';
import { WatchlistEntry } from './watchlist';

/** Whether a secondary attribute (date of birth, country) supports or weakens a name match. */
export const Corroboration = z.enum(['corroborates', 'contradicts', 'unknown']);
export type Corroboration = z.infer<typeof Corroboration>;

/** One attribute compared: what the identity had against what the entry lists. */
export const HitAttribute = z.object({
  attribute: z.enum(['dob', 'nationality', 'country']),
  outcome: Corroboration,
  /** In words, e.g. "nationality VN matches", "date of birth 1971 is not 1948 or 1950". */
  detail: z.string(),
});
export type HitAttribute = z.infer<typeof HitAttribute>;

export const WatchlistHit = z.object({
  /** Stable across re-screening: derived from the entry id and the matched entry name. */
  hit_id: z.string().regex(/^hit_[0-9a-f]{16}$/),
  entry: WatchlistEntry,
  /** The entry's name or alias that matched best. */
  matched_name: z.string(),
  /** The identity's name that matched it. */
  query_name: z.string(),
  score: z.number().min(0).max(1),
  dob: Corroboration,
  /** Nationality and country together: corroborates when any of them matches. */
  country: Corroboration,
  explanation: z.string(),
  /** Words of either name not compared: titles, legal forms, particles ("General", "LLC", "al"). */
  set_aside: z.array(z.string()).default([]),
  /** Each attribute compared, in words. Hits stored before issue 14 have none. */
  attributes: z.array(HitAttribute).default([]),
});
export type WatchlistHit = z.infer<typeof WatchlistHit>;
