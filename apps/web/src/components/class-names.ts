/** Joins CSS-module class names, skipping the falsy ones (conditional classes). */
export function cx(...names: (string | false | null | undefined)[]): string {
  return names.filter(Boolean).join(' ');
}
