import type { Corroboration, HitAttribute, WatchlistHit } from '@kyc-review/contracts';
import { stableHash } from '../hash';
import { adjustScore, compareCountries, compareDobs, countryOutcome } from './corroboration';
import { acronymScore, nameScore } from './name-score';
import type { QueryName, ScreeningSubject } from './query-names';
import type { WordSimilarity } from './token-similarity';
import type { IndexedEntry, IndexedName } from './watchlist-index';
import { comparable } from './watchlist-index';

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

/** Best score of the subject's names against one entry's names and strong aliases. */
export function bestMatch(
  subject: ScreeningSubject,
  entry: IndexedEntry,
  similarity: WordSimilarity,
  floor: number,
): BestMatch | null {
  let best: BestMatch | null = null;
  let attributes: HitAttribute[] | null = null;
  for (const query of subject.names) {
    for (const candidate of entry.names) {
      if (!comparable(query.name.kind, candidate.type)) continue;
      const words = nameScore(query, candidate, similarity, floor);
      const acronym = acronymScore(query.name, candidate.name);
      const names = Math.max(words, acronym);
      if (names === 0) continue;
      if (attributes === null) {
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

export function toHit(entry: IndexedEntry, match: BestMatch): WatchlistHit {
  const { entry: listed } = entry;
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
