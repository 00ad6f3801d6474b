// Readers for JSON answers: the bench checks shapes by hand (the workspace root depends on
// no zod) and never casts outside data.

function at(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path)
    current = typeof current === 'object' && current !== null ? Reflect.get(current, key) : undefined;
  return current;
}

export function stringAt(value: unknown, ...path: string[]): string {
  const found = at(value, path);
  if (typeof found !== 'string') throw new Error(`the answer has no string at ${path.join('.')}`);
  return found;
}

export function numberAt(value: unknown, ...path: string[]): number {
  const found = at(value, path);
  if (typeof found !== 'number') throw new Error(`the answer has no number at ${path.join('.')}`);
  return found;
}

export function booleanAt(value: unknown, ...path: string[]): boolean {
  const found = at(value, path);
  if (typeof found !== 'boolean') throw new Error(`the answer has no boolean at ${path.join('.')}`);
  return found;
}

export function arrayAt(value: unknown, ...path: string[]): readonly unknown[] {
  const found = at(value, path);
  if (!Array.isArray(found)) throw new Error(`the answer has no array at ${path.join('.')}`);
  return found;
}

export function numberOrNullAt(value: unknown, ...path: string[]): number | null {
  const found = at(value, path);
  if (found === null) return null;
  if (typeof found !== 'number') throw new Error(`the answer has no number or null at ${path.join('.')}`);
  return found;
}
