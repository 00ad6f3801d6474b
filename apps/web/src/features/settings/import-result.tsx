import type { WatchlistImportResultDto } from '@kyc-review/contracts';
import styles from './settings.module.css';

const MAX_SHOWN = 50;

/** What an import did: entries taken, and each refused line with the reason. */
export function ImportResult({ result }: { result: WatchlistImportResultDto }) {
  const { imported, errors } = result;
  return (
    <div className={styles.result} aria-label="Import result" role="region">
      <p>
        <strong>{imported}</strong> {imported === 1 ? 'entry' : 'entries'} imported
        {errors.length > 0
          ? `, ${String(errors.length)} ${errors.length === 1 ? 'line' : 'lines'} refused.`
          : ', no line refused.'}
      </p>
      {errors.length > 0 && (
        <>
          <ul className={styles.lineErrors}>
            {errors.slice(0, MAX_SHOWN).map((error) => (
              <li key={error.line}>
                <span className={styles.lineNo}>Line {error.line}</span> {error.message}
              </li>
            ))}
          </ul>
          {errors.length > MAX_SHOWN && <p className={styles.muted}>And {errors.length - MAX_SHOWN} more.</p>}
        </>
      )}
    </div>
  );
}
