// Dates from the BFF are ISO strings; screens show them relative ("3 h ago") with the
// absolute date and time one hover away, or absolute where the exact moment matters (the
// history, notes), with the relative time as the hint. Absolute times are in the browser's
// time zone, which they name ("5:47 PM GMT+1"), so a team across zones reads the same moment.

const absolute = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZoneName: 'short',
});
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

/** "Nov 22, 2026, 10:04 AM UTC" (in the browser's locale and zone); an unparseable value is shown as given rather than "Invalid Date". */
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
