import type { z } from 'zod';

/** A column that holds JSON, parsed with its schema: rows are outside data too. */
export function parseJsonColumn<S extends z.ZodType>(schema: S, text: string, column: string): z.output<S> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`The ${column} column does not hold JSON.`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`The ${column} column does not have the expected shape.`);
  return parsed.data;
}

export function parseNullableJsonColumn<S extends z.ZodType>(
  schema: S,
  text: string | null,
  column: string,
): z.output<S> | null {
  return text === null ? null : parseJsonColumn(schema, text, column);
}
