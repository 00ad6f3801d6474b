import { WatchlistEntry } from '@kyc-review/contracts';
import { z } from 'zod';
import labelled from './fixtures/labelled-names.json' with { type: 'json' };
import { makeIdentity } from './make-identity';

const Pair = z.object({ kind: z.string(), query: z.string().min(1), target: z.string().min(1) });
export const LabelledSet = z.object({ must_match: z.array(Pair), must_not_match: z.array(Pair) });
export type LabelledPair = z.infer<typeof Pair>;

/** The labelled name pairs shipped with the tests (see fixtures/labelled-names.json). */
export const LABELLED = LabelledSet.parse(labelled);

/**
 * One watchlist entry per distinct target name, of unknown type as in a list that does not
 * say (the matcher then recognises organisations by their legal forms and descriptors).
 */
export function labelledEntries(): WatchlistEntry[] {
  const targets = [...new Set([...LABELLED.must_match, ...LABELLED.must_not_match].map((p) => p.target))];
  return targets.map((name, i) =>
    WatchlistEntry.parse({
      entry_id: `wle_labelled_${String(i)}`,
      name,
      entry_type: 'unknown',
      aliases: [],
      dobs: [],
      nationalities: [],
      countries: [],
      list: 'Test list',
      topic: 'sanction',
      source: null,
      programmes: [],
    }),
  );
}

/** Pair kinds that are about organisations: their query is an organization identity's name. */
const ORGANISATION_KINDS = /organi[sz]ation|company|legal|descriptor|acronym|org\b/i;

/**
 * An identity carrying a query name: an organisation's name for organisation pairs, else a
 * person with the last word as last name and the rest as first name.
 */
export function identityNamed(query: string, kind = '') {
  if (ORGANISATION_KINDS.test(kind)) {
    return makeIdentity({
      identity_type: 'organization',
      first_name: '',
      last_name: '',
      organization_name: query,
      nationality: '',
      country: '',
      dob: '',
    });
  }
  const words = query.split(' ');
  return makeIdentity({
    first_name: words.slice(0, -1).join(' '),
    last_name: words.at(-1) ?? '',
    nationality: '',
    country: '',
    dob: '',
  });
}
