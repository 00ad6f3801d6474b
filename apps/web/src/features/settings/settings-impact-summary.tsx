import type { SettingsImpactDto } from '@kyc-review/contracts';
import { RISK_LABELS } from '../../components/risk-badge';
import styles from './settings.module.css';

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/** "14 cases change band, 3 would need re-review": what a save would do, with the first cases named. */
export function SettingsImpactSummary({ impact }: { impact: SettingsImpactDto }) {
  const nothing = impact.band_changes === 0 && impact.alerts === 0;
  return (
    <div className={styles.impact} data-testid="settings-impact">
      <p className={styles.impactHeadline}>
        {nothing
          ? `No case would change: ${plural(impact.cases, 'case', 'cases')} judged again.`
          : `${plural(impact.band_changes, 'case changes', 'cases change')} band, ${plural(
              impact.would_need_rereview,
              'case',
              'cases',
            )} would need re-review.`}
      </p>
      {!nothing && (
        <ul className={styles.impactFacts}>
          {impact.band_moves.map((m) => (
            <li key={`${m.from}-${m.to}`}>
              {RISK_LABELS[m.from]} → {RISK_LABELS[m.to]}: {plural(m.cases, 'case', 'cases')}
            </li>
          ))}
          {impact.alerts > 0 && <li>{plural(impact.alerts, 'Cloud alert', 'Cloud alerts')} would be raised.</li>}
        </ul>
      )}
      {impact.samples.length > 0 && (
        <ol className={styles.impactCases} aria-label="Cases that would change">
          {impact.samples.map((s) => (
            <li key={s.case_id}>
              <span className={styles.impactName}>{s.name}</span>{' '}
              <span className={styles.muted}>
                {RISK_LABELS[s.risk_before]} → {RISK_LABELS[s.risk_after]}
                {s.needs_rereview ? ' · needs re-review' : ''}
              </span>
              {s.changes.length > 0 && (
                <ul className={styles.impactChanges}>
                  {s.changes.map((c) => (
                    <li key={c}>{c}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
      <p className={styles.muted}>
        Judged in memory from every case&apos;s current assessment in {impact.computed_ms.toLocaleString('en-GB')} ms
        {impact.rescreened ? ' (a lower threshold: every identity screened again)' : ''}. Nothing is saved until you
        confirm.
      </p>
    </div>
  );
}
