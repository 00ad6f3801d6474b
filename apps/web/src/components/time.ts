// Dates from the BFF are ISO strings; screens show them relative ("3 h ago") with the
// absolute date and time one hover away, or absolute where the exact moment matters.

const absolute = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'short' });

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

const parse = (iso: string): Date | null => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
};

/** "22 Nov 2026, 10:04"; an unparseable value is shown as given rather than "Invalid Date". */
export function formatDateTime(iso: string): string {
  const date = parse(iso);
  return date === null ? iso : absolute.format(date);
}

export function formatDate(iso: string): string {
  const date = parse(iso);
  return date === null ? iso : dateOnly.format(date);
}

/** "5 min ago", "in 2 hr", "now"; `now` is passed in tests. */
export function formatRelative(iso: string, now: number = Date.now()): string {
  const date = parse(iso);
  if (date === null) return iso;
  const seconds = Math.round((date.getTime() - now) / 1000);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.trunc(seconds / size), unit);
  }
  return relative.format(0, 'second');
}
