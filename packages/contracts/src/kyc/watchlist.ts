import { z } from 'zod';

/**
 * One entry of a watchlist of sanctioned and politically exposed persons. The CSV
 * import format has the same columns: name, aliases (separated by ";"), dob
 * (YYYY, YYYY-MM or YYYY-MM-DD), country (name, demonym or ISO code), list, topic.
 */
export const WatchlistTopic = z.enum(['sanction', 'pep', 'crime', 'debarment', 'other']);
export type WatchlistTopic = z.infer<typeof WatchlistTopic>;

export const WatchlistEntry = z.object({
  entry_id: z.string().min(1).max(128),
  name: z.string().min(1).max(300),
  aliases: z.array(z.string().min(1).max(300)).max(50),
  dob: z
    .string()
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/)
    .nullable(),
  country: z.string().max(100).nullable(),
  list: z.string().min(1).max(100),
  topic: WatchlistTopic,
});
export type WatchlistEntry = z.infer<typeof WatchlistEntry>;
