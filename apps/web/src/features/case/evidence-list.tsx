import type { Evidence, EvidenceValue } from '@kyc-review/contracts';
import styles from './case-page.module.css';

/** "missing_fields" → "Missing fields". */
export const humanize = (key: string) => {
  const words = key.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

function valueText(value: EvidenceValue): string {
  if (value === null) return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? 'None' : value.map(valueText).join(', ');
  return Object.entries(value)
    .map(([k, v]) => `${humanize(k)}: ${valueText(v)}`)
    .join('; ');
}

const isRecordList = (value: EvidenceValue): value is { [key: string]: EvidenceValue }[] =>
  Array.isArray(value) &&
  value.length > 0 &&
  value.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item));

/** A check's evidence as label/value pairs; a list of records gets a line each, other nesting one line. */
export function EvidenceList({ evidence }: { evidence: Evidence }) {
  const entries = Object.entries(evidence);
  if (entries.length === 0) return null;
  return (
    <dl className={styles.evidence}>
      {entries.map(([key, value]) => (
        <div key={key}>
          <dt>{humanize(key)}</dt>
          <dd>
            {isRecordList(value) ? (
              <ul className={styles.evidenceItems}>
                {value.map((item, index) => (
                  <li key={index}>{valueText(item)}</li>
                ))}
              </ul>
            ) : (
              valueText(value)
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
