import { formatDate, formatDateTime, formatRelative } from './time';

export interface TimeTextProps {
  iso: string;
  /** relative: "3 h ago" with the full date in the tooltip; date: the day only; absolute: date and time. */
  format?: 'relative' | 'date' | 'absolute';
}

/** A date from the BFF as a <time> element, machine-readable and with the full moment on hover. */
export function TimeText({ iso, format = 'relative' }: TimeTextProps) {
  const full = formatDateTime(iso);
  const text = format === 'relative' ? formatRelative(iso) : format === 'date' ? formatDate(iso) : full;
  return (
    <time dateTime={iso} title={full}>
      {text}
    </time>
  );
}
