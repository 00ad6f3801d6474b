import type { WatchlistImportFormat, WatchlistImportReport } from '@kyc-review/contracts';
import styles from './settings.module.css';

const MAX_SHOWN = 50;

const FORMAT_NAMES: Readonly<Record<WatchlistImportFormat, string>> = {
  csv: 'CSV',
  ofac_sdn: 'OFAC SDN',
  opensanctions_ftm: 'OpenSanctions entities',
  opensanctions_simple: 'OpenSanctions targets.simple.csv',
};

export const plural = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** A file as read: its part only when its name does not already say it ("sdn.csv", not "sdn.csv (sdn.csv)"). */
const fileRead = (f: WatchlistImportReport['files'][number]) =>
  f.part === f.name || f.part === 'csv'
    ? `${f.name} (${plural(f.rows, 'row', 'rows')})`
    : `${f.name} (${f.part}, ${plural(f.rows, 'row', 'rows')})`;

/** What reading an upload gave: the files read, entries accepted, records skipped and each refused row with the reason. */
export function ImportReportView({ report, label }: { report: WatchlistImportReport; label: string }) {
  const { imported, errors, refused, files, skipped } = report;
  return (
    <div className={styles.result} aria-label={label} role="region">
      <p>
        <strong>{imported.toLocaleString()}</strong> {imported === 1 ? 'entry' : 'entries'} read
        {refused > 0 ? `, ${plural(refused, 'row', 'rows')} refused.` : ', no row refused.'}
      </p>
      <p className={styles.muted}>
        Read as {FORMAT_NAMES[report.format]}: {files.map(fileRead).join(', ')}.
      </p>
      {skipped.length > 0 && (
        <p className={styles.muted}>
          Not screened: {skipped.map((s) => `${plural(s.count, 'record', 'records')}: ${s.reason}`).join('; ')}.
        </p>
      )}
      {errors.length > 0 && (
        <>
          <ul className={styles.lineErrors}>
            {errors.slice(0, MAX_SHOWN).map((error) => (
              <li key={`${error.file ?? ''}:${String(error.line)}`}>
                <span className={styles.lineNo}>
                  {files.length > 1 && error.file !== null
                    ? `${error.file} line ${String(error.line)}`
                    : `Line ${String(error.line)}`}
                </span>{' '}
                {error.message}
              </li>
            ))}
          </ul>
          {refused > MAX_SHOWN && <p className={styles.muted}>And {(refused - MAX_SHOWN).toLocaleString()} more.</p>}
        </>
      )}
    </div>
  );
}
