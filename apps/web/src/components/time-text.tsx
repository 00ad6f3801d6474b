import { formatDate, formatDateTime, formatRelative } from './time';

export interface TimeTextProps {
  iso: string;
  /**
   * relative: "3 h ago" with the full moment in the tooltip; date: the day only; absolute:
   * date, time and zone, with the relative time in the tooltip.
   */
  format?: 'relative' | 'date' | 'absolute';
}

/** A date from the BFF as a <time> element, machine-readable, with the other form one hover away. */
export function TimeText({ iso, format = 'relative' }: TimeTextProps) {
  const full = formatDateTime(iso);
  const text = format === 'relative' ? formatRelative(iso) : format === 'date' ? formatDate(iso) : full;
  return (
    <time dateTime={iso} title={format === 'absolute' ? formatRelative(iso) : full}>
      {text}
    </time>
  );
}
