import { AUDIT_EXPORT_MAX_DAYS, AuditExportQuery } from '@kyc-review/contracts';
import { useState } from 'react';
import { DownloadButton } from '../../components/download-button';
import { Field, controlClass } from '../../components/field';
import { Panel } from '../../components/panel';
import styles from './dashboard-page.module.css';

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Why the range cannot be exported, or null; the BFF says the same, this says it before the download. */
export function rangeProblem(from: string, to: string): string | null {
  const parsed = AuditExportQuery.safeParse({ from, to });
  if (!parsed.success)
    return parsed.error.issues[0]?.path[0] === 'to' ? 'The end is before the start.' : 'Pick both days.';
  const days = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;
  return days > AUDIT_EXPORT_MAX_DAYS
    ? `At most ${AUDIT_EXPORT_MAX_DAYS} days at a time; this range has ${days}. Export it in parts.`
    : null;
}

/** The audit trail of a range of days as CSV, for a regulator (leads only). */
export function AuditExportForm() {
  // Lazy initial state: the last 30 days, read once when the form mounts.
  const [from, setFrom] = useState(() => isoDay(Date.now() - 29 * DAY_MS));
  const [to, setTo] = useState(() => isoDay(Date.now()));
  const problem = rangeProblem(from, to);
  const href = `/api/exports/audit.csv?${new URLSearchParams({ from, to }).toString()}`;
  return (
    <Panel title="Audit trail export">
      <p className={styles.note}>
        Every action on every case in these days (UTC), as CSV. The export itself is recorded in the audit trail.
      </p>
      <div className={styles.exportRow}>
        <Field label="From">
          {(control) => (
            <input
              {...control}
              type="date"
              className={controlClass}
              value={from}
              onChange={(e) => setFrom(e.target.value)}
            />
          )}
        </Field>
        <Field label="To" error={problem ?? undefined}>
          {(control) => (
            <input
              {...control}
              type="date"
              className={controlClass}
              value={to}
              onChange={(e) => setTo(e.target.value)}
            />
          )}
        </Field>
        {problem === null ? (
          <DownloadButton variant="primary" href={href} fallbackName="audit.csv">
            Download audit CSV
          </DownloadButton>
        ) : (
          <span className={styles.note}>Fix the range to download.</span>
        )}
      </div>
    </Panel>
  );
}
