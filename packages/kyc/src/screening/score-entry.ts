import type { Corroboration, WatchlistHit } from '@kyc-review/contracts';
import { stableHash } from '../hash';
import { adjustScore, compareCountry, compareDob } from './corroboration';
import { nameScore } from './name-score';
import type { WordSimilarity } from './token-similarity';
import type { ScreeningSubject } from './query-names';
import type { IndexedEntry, IndexedName } from './watchlist-index';

/** Stable id of a hit: the same entry matched on the same entry name gives the same id. */
export function hitId(entryId: string, matchedName: string): string {
  return `hit_${stableHash(`${entryId}\u0000${matchedName}`)}`;
}

interface BestMatch {
  readonly score: number;
  readonly nameScore: number;
  readonly matched: IndexedName;
  readonly queryName: string;
  readonly dob: Corroboration;
  readonly country: Corroboration;
}

/** Best score of the subject's names against one entry's names and aliases. */
export function bestMatch(
  subject: ScreeningSubject,
  entry: IndexedEntry,
  names: readonly IndexedName[],
  similarity: WordSimilarity,
  floor: number,
): BestMatch | null {
  const dob = compareDob(subject.dob, entry.dob);
  const country = compareCountry(subject.countries, entry.country);
  let best: BestMatch | null = null;
  for (const query of subject.names) {
    for (const candidate of names) {
      const names = nameScore(
        query.name.tokens,
        candidate.name.tokens,
        query.joined,
        candidate.joined,
        similarity,
        floor,
      );
      const score = adjustScore(names, dob, country);
      if (best === null || score > best.score) {
        best = { score, nameScore: names, matched: candidate, queryName: query.name.original, dob, country };
      }
    }
  }
  return best;
}

const describe = (what: string, c: Corroboration) => (c === 'unknown' ? `${what} unknown` : `${what} ${c}`);

export function toHit(entry: IndexedEntry, match: BestMatch): WatchlistHit {
  const { entry: listed } = entry;
  const matched = match.matched.name.original;
  const alias = matched === listed.name ? 'name' : 'alias';
  return {
    hit_id: hitId(listed.entry_id, match.matched.name.normalised),
    entry: listed,
    matched_name: matched,
    query_name: match.queryName,
    score: match.score,
    dob: match.dob,
    country: match.country,
    explanation:
      `"${match.queryName}" is similar to the ${alias} "${matched}" on ${listed.list} ` +
      `(name similarity ${match.nameScore.toFixed(2)}); ${describe('date of birth', match.dob)}; ${describe('country', match.country)}.`,
  };
}
