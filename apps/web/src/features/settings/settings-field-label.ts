import { DueReason, RiskLevel, RiskReasonCode } from '@kyc-review/contracts';
import { RISK_LABELS } from '../../components/risk-badge';
import { RISK_REASON_LABELS } from './risk-reason-labels';

export const DUE_REASON_LABELS: Readonly<Record<DueReason, string>> = {
  new: 'New case',
  needs_rereview: 'Needs re-review',
  periodic_review: 'Periodic review',
  info_requested: 'Information requested',
};

const FIXED: Readonly<Record<string, string>> = {
  min_age: 'Minimum age',
  watchlist_threshold: 'Watchlist threshold',
  'fatf.as_of': 'FATF lists as of',
  'fatf.call_for_action': 'Call for action (high risk)',
  'fatf.increased_monitoring': 'Increased monitoring (elevated risk)',
  'risk_bands.medium': 'Medium risk from',
  'risk_bands.high': 'High risk from',
};

const level = (part: string | undefined) => {
  const parsed = RiskLevel.safeParse(part);
  return parsed.success ? `${RISK_LABELS[parsed.data]} risk` : (part ?? '');
};

/** A setting's name as the form labels it, from its path in a history entry ("risk_bands.high"). */
export function settingsFieldLabel(path: string): string {
  const fixed = FIXED[path];
  if (fixed !== undefined) return fixed;
  const [group, first, second] = path.split('.');
  if (group === 'risk_weights') {
    const code = RiskReasonCode.safeParse(first);
    return `Weight: ${code.success ? RISK_REASON_LABELS[code.data] : (first ?? '')}`;
  }
  if (group === 'review_interval_months') return `Periodic review, ${level(first).toLowerCase()} (months)`;
  if (group === 'due_days') {
    const reason = DueReason.safeParse(first);
    return `Due days: ${reason.success ? DUE_REASON_LABELS[reason.data] : (first ?? '')}, ${level(second).toLowerCase()}`;
  }
  return path;
}

const show = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v));

/** "18 → 21", or for a list of countries what was added and removed ("+VN, −MM"). */
export function settingsFieldChange(before: unknown, after: unknown): string {
  if (Array.isArray(before) && Array.isArray(after)) {
    const was = new Set(before.map(show));
    const now = new Set(after.map(show));
    const added = [...now].filter((v) => !was.has(v)).map((v) => `+${v}`);
    const removed = [...was].filter((v) => !now.has(v)).map((v) => `−${v}`);
    return [...added, ...removed].join(', ') || 'reordered';
  }
  return `${show(before)} → ${show(after)}`;
}
