import { z } from 'zod';
import { WatchlistEntry } from './watchlist';

/** Whether a secondary attribute (date of birth, country) supports or weakens a name match. */
export const Corroboration = z.enum(['corroborates', 'contradicts', 'unknown']);
export type Corroboration = z.infer<typeof Corroboration>;

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
  country: Corroboration,
  explanation: z.string(),
});
export type WatchlistHit = z.infer<typeof WatchlistHit>;
