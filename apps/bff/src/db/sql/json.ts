import type { Engine } from './sql';

/**
 * The few JSON reads the storage SQL needs, as each engine spells them (decision 022): the
 * columns hold JSON as text on both, so PostgreSQL casts before it reads. Keys are literals
 * of the repositories, never outside input.
 */

/** A subquery of the text values of a JSON array bound to one parameter (`?` or a name), of any length. */
export function jsonTextValues(engine: Engine, param = '?'): string {
  return engine === 'sqlite'
    ? `(SELECT value FROM json_each(${param}))`
    : // Bound as text: postgres.js would send a value bound as json through JSON.stringify (a string scalar).
      `(SELECT json_array_elements_text(CAST(CAST(${param} AS text) AS json)))`;
}

/** The text at `path` (object keys) of a JSON text column or a JSON value. */
export function jsonText(
  engine: Engine,
  column: string,
  path: readonly string[],
  value: 'text' | 'json' = 'text',
): string {
  if (engine === 'sqlite') return `json_extract(${column}, '$.${path.join('.')}')`;
  const keys = path.map((key) => `'${key}'`);
  const last = keys.pop();
  const source = value === 'text' ? `CAST(${column} AS json)` : column;
  return `(${[source, ...keys].join(' -> ')} ->> ${String(last)})`;
}

/** `FROM …, <this>`: the elements of the array at `key` of a JSON text column, as rows of `alias.value`. */
export function jsonArrayRows(engine: Engine, column: string, key: string, alias: string): string {
  return engine === 'sqlite'
    ? `json_each(${column}, '$.${key}') ${alias}`
    : `json_array_elements(CAST(${column} AS json) -> '${key}') AS ${alias}(value)`;
}
