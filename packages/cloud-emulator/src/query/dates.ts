// A date filter value matches the whole precision it was written with (docs/cloud-contract.md §6.2):
// `2024-01-15` is that day, `2024-01` that month, a full timestamp that instant.

const PARTIAL =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2})(?::(\d{2})(?::(\d{2})(\.\d+)?)?)?)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

export interface DateRange {
  /** Inclusive start, epoch ms. */
  readonly start: number;
  /** Exclusive end, epoch ms. */
  readonly end: number;
}

function offsetMs(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
}

export function parseDateRange(value: string): DateRange | null {
  const match = PARTIAL.exec(value.trim());
  if (!match) {
    const exact = Date.parse(value);
    return Number.isNaN(exact) ? null : { start: exact, end: exact + 1 };
  }
  const [, y, mo, da, h, mi, se, frac, zone] = match;
  const year = Number(y);
  const month = mo === undefined ? 0 : Number(mo) - 1;
  const day = da === undefined ? 1 : Number(da);
  const fields = [
    year,
    month,
    day,
    Number(h ?? 0),
    Number(mi ?? 0),
    Number(se ?? 0),
    frac === undefined ? 0 : Math.floor(Number(frac) * 1000),
  ] as const;
  if (month > 11 || day < 1 || day > 31 || fields[3] > 23 || fields[4] > 59 || fields[5] > 60) return null;
  const at = (bump: number, unit: number): number => {
    const parts: number[] = [...fields];
    parts[unit] = (parts[unit] ?? 0) + bump;
    const ms = Date.UTC(
      parts[0] ?? 0,
      parts[1] ?? 0,
      parts[2] ?? 1,
      parts[3] ?? 0,
      parts[4] ?? 0,
      parts[5] ?? 0,
      parts[6] ?? 0,
    );
    // Date.UTC maps years 0–99 to 1900–1999; Blnk's zero time is year 1.
    const fixed = year < 100 ? new Date(ms).setUTCFullYear(year + (unit === 0 ? bump : 0)) : ms;
    return fixed - offsetMs(zone);
  };
  const unit =
    frac !== undefined
      ? 6
      : se !== undefined
        ? 5
        : mi !== undefined
          ? 4
          : h !== undefined
            ? 3
            : da !== undefined
              ? 2
              : mo !== undefined
                ? 1
                : 0;
  return { start: at(0, unit), end: at(1, unit) };
}

/** A stored timestamp as epoch ms (NaN when it is not a date). */
export function dateMs(value: unknown): number {
  return typeof value === 'string' ? Date.parse(value) : Number.NaN;
}
