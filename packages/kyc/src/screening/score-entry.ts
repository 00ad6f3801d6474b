import type { Corroboration, HitAttribute, WatchlistEntry, WatchlistHit } from '@kyc-review/contracts';
import { stableHash } from '../hash';
import { adjustScore, compareCountries, compareDobs, countryOutcome } from './corroboration';
import { acronymScore, nameScore } from './name-score';
import type { QueryName, ScreeningSubject } from './query-names';
import type { WordSimilarity } from './token-similarity';
import { comparable } from './blocking-keys';
import type { EntryDetails, IndexedName } from './watchlist-index';

/** Stable id of a hit: the same entry matched on the same entry name gives the same id. */
export function hitId(entryId: string, matchedName: string): string {
  return `hit_${stableHash(`${entryId}\u0000${matchedName}`)}`;
}

export interface BestMatch {
  readonly score: number;
  readonly nameScore: number;
  readonly acronym: boolean;
  readonly matched: IndexedName;
  readonly query: QueryName;
  readonly dob: Corroboration;
  readonly country: Corroboration;
  readonly attributes: readonly HitAttribute[];
}

/**
 * Best score of the subject's names against one entry's names and strong aliases. The
 * entry's dates and countries are read (`details`) only once a name scores at all.
 */
export function bestMatch(
  subject: ScreeningSubject,
  names: readonly IndexedName[],
  details: () => EntryDetails,
  similarity: WordSimilarity,
  floor: number,
): BestMatch | null {
  let best: BestMatch | null = null;
  let attributes: HitAttribute[] | null = null;
  for (const query of subject.names) {
    for (const candidate of names) {
      if (!comparable(query.name.kind, candidate.type)) continue;
      const words = nameScore(query, candidate, similarity, floor);
      const acronym = acronymScore(query.name, candidate.name);
      const names = Math.max(words, acronym);
      if (names === 0) continue;
      if (attributes === null) {
        const entry = details();
        attributes = [compareDobs(subject.dob, entry.dobs), ...compareCountries(subject.countries, entry.countries)];
      }
      const dob = attributes[0]?.outcome ?? 'unknown';
      const country = countryOutcome(attributes);
      const score = adjustScore(names, dob, country);
      if (best === null || score > best.score) {
        best = {
          score,
          nameScore: names,
          acronym: acronym > words,
          matched: candidate,
          query,
          dob,
          country,
          attributes,
        };
      }
    }
  }
  return best;
}

export function toHit(listed: WatchlistEntry, match: BestMatch): WatchlistHit {
  const matched = match.matched.name.original;
  const alias = matched === listed.name ? 'name' : 'alias';
  const setAside = [...new Set([...match.query.name.setAside, ...match.matched.name.setAside])];
  const how = match.acronym ? 'is an acronym of' : 'is similar to';
  const clauses = [
    `"${match.query.name.original}" ${how} the ${alias} "${matched}" on ${listed.list} (name similarity ${match.nameScore.toFixed(2)})`,
    ...(setAside.length > 0 ? [`words set aside: ${setAside.join(', ')}`] : []),
    ...match.attributes.map((a) => a.detail),
    ...(match.dob === 'contradicts' && match.country === 'contradicts'
      ? ['date of birth and country both contradict, which lowers the score further']
      : []),
  ];
  return {
    hit_id: hitId(listed.entry_id, match.matched.name.normalised),
    entry: listed,
    matched_name: matched,
    query_name: match.query.name.original,
    score: match.score,
    dob: match.dob,
    country: match.country,
    explanation: `${clauses.join('; ')}.`,
    set_aside: setAside,
    attributes: [...match.attributes],
  };
}
