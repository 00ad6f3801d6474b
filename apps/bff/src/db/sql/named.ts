import type { SqlParam } from './sql';

/**
 * `@name` placeholders (better-sqlite3's named parameters, as the queue's filter SQL of
 * `db/queue-plan.ts` writes them) as the `?` list of the async layer, in order of appearance.
 * A name without a value throws: a statement never runs with a missing parameter.
 */
export function positional(
  text: string,
  params: Readonly<Record<string, SqlParam>>,
): { text: string; params: SqlParam[] } {
  const values: SqlParam[] = [];
  const out = text.replace(/@([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`no value for the statement's parameter @${name}`);
    values.push(params[name] ?? null);
    return '?';
  });
  return { text: out, params: values };
}
