import type { RiskAssessment } from '@kyc-review/contracts';
import { formatScore, RiskBadge } from '../../components/risk-badge';
import { Panel } from '../../components/panel';
import styles from './case-page.module.css';

/** The risk score and the reasons that make it, heaviest first. */
export function RiskPanel({ risk }: { risk: RiskAssessment }) {
  const reasons = [...risk.reasons].sort((a, b) => b.weight - a.weight);
  return (
    <Panel title="Risk" aside={<RiskBadge level={risk.level} />}>
      <p className={styles.score}>
        <span className={styles.scoreValue}>{formatScore(risk.score)}</span>
        <span className={styles.muted}> / 100</span>
      </p>
      {reasons.length === 0 ? (
        <p className={styles.muted}>No risk factor found.</p>
      ) : (
        <ul className={styles.reasonList} aria-label="Risk reasons">
          {reasons.map((reason, index) => (
            // The same code can appear twice (two watchlist hits), so the position is the key.
            <li key={`${reason.code}-${String(index)}`}>
              <span>{reason.label}</span>
              <span className={styles.weight} aria-label={`weight ${formatScore(reason.weight)}`}>
                +{formatScore(reason.weight)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
