import type { RiskLevel } from '@kyc-review/contracts';
import { Badge, type Tone } from './badge';

export const RISK_LABELS: Readonly<Record<RiskLevel, string>> = { low: 'Low', medium: 'Medium', high: 'High' };
const TONES: Readonly<Record<RiskLevel, Tone>> = { low: 'success', medium: 'warning', high: 'danger' };

/** The risk band, with the score (0–1 shown as 0–100) when given. */
export function RiskBadge({ level, score }: { level: RiskLevel; score?: number }) {
  const label = `${RISK_LABELS[level]} risk`;
  return (
    <Badge tone={TONES[level]} title={score === undefined ? undefined : `${label}, score ${formatScore(score)} of 100`}>
      {RISK_LABELS[level]}
      {score !== undefined && <span aria-label={`, score ${formatScore(score)}`}> · {formatScore(score)}</span>}
    </Badge>
  );
}

/** Scores are 0–1 in the API; reviewers read them as 0–100. */
export function formatScore(score: number): string {
  return String(Math.round(score * 100));
}
