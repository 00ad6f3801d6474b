// The queue's free-text search (decision 019 "Search"): what a text matches, checked on a case's
// row, and where the cases that may match come from without a pass over the install's cases.
//
// - 3 characters or more: the cases whose search text (lowercase name parts, email and identity
//   id, services/mirrored-identity.ts) contains it, as `LIKE '%text%'` always did. The candidates
//   come from the trigram index kyc_cases_fts (migration 0026).
// - 1 or 2 characters: the cases whose search text starts with it (the first name, or the
//   organization's name), a range of kyc_cases_search. A trigram index cannot serve a shorter
//   text, and a substring of one or two letters matches nearly every case.
//
// The candidates are a superset read in rowid order; every one is checked on its row with the
// search's own clause, so the index only narrows what is read, never what matches.

/** The shortest text searched as a substring anywhere; shorter ones are a prefix. */
export const SUBSTRING_MIN_CHARACTERS = 3;

/**
 * How many candidates a search reads at most for its figures (its total and status tabs), and the
 * most a page sorts: with more, the figures are lower bounds and the page walks the sort's index.
 */
export const SEARCH_CANDIDATES_MAX = 5_000;

/** A text's length in code points, as FTS5's trigram tokenizer counts characters. */
export const characterCount = (text: string): number => Array.from(text).length;

export type QueueSearch = { readonly kind: 'substring' | 'prefix'; readonly text: string };

type Sql = { sql: string; params: Record<string, string | number> };

/** The search a query's `q` asks for (null: none). Lowercase, as the search text is stored. */
export function searchOf(q: string | undefined): QueueSearch | null {
  const text = (q ?? '').trim().toLowerCase();
  if (text === '') return null;
  return { kind: characterCount(text) >= SUBSTRING_MIN_CHARACTERS ? 'substring' : 'prefix', text };
}

/** LIKE with the text taken literally. */
const likeLiteral = (text: string) => `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/** Above every character (U+10FFFF): `text` followed by anything sorts before `text` + this. */
const PAST_PREFIX = '\u{10FFFF}';

const prefixRange = (s: QueueSearch) => ({ q_from: s.text, q_to: `${s.text}${PAST_PREFIX}` });

/** The search checked on a case's row: exactly what it matches. */
export function searchClause(s: QueueSearch): Sql {
  return s.kind === 'substring'
    ? { sql: "search_text LIKE @q ESCAPE '\\'", params: { q: likeLiteral(s.text) } }
    : { sql: 'search_text >= @q_from AND search_text < @q_to', params: prefixRange(s) };
}

/** An FTS5 phrase of the text (a quote inside it doubled): the trigram index reads it as one substring. */
const phrase = (text: string) => `"${text.replace(/"/g, '""')}"`;

/**
 * The rowids (as `id`) that may match, at most @candidates of them: from the trigram index (every
 * install's cases, in rowid order: the row check keeps the install's), or the install's range of
 * kyc_cases_search for a prefix (in its order).
 */
export function candidatesSql(s: QueueSearch): Sql {
  return s.kind === 'substring'
    ? {
        sql: 'SELECT rowid AS id FROM kyc_cases_fts WHERE kyc_cases_fts MATCH @q_match LIMIT @candidates',
        params: { q_match: phrase(s.text) },
      }
    : {
        sql: `SELECT rowid AS id FROM kyc_cases INDEXED BY kyc_cases_search WHERE installed_app_id = @install
          AND listed = 1 AND search_text >= @q_from AND search_text < @q_to LIMIT @candidates`,
        params: prefixRange(s),
      };
}

/** How many candidates there are, counted up to @candidates (more than that: the figures are bounds). */
export function candidateCountSql(s: QueueSearch): Sql {
  const c = candidatesSql(s);
  return { sql: `SELECT COUNT(*) AS n FROM (${c.sql})`, params: c.params };
}
