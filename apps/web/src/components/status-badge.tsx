import type { CaseStatus } from '@kyc-review/contracts';
import { Badge, type Tone } from './badge';

export type QueueStatus = CaseStatus | 'never_reviewed';

export const STATUS_LABELS: Readonly<Record<QueueStatus, string>> = {
  never_reviewed: 'Never reviewed',
  new: 'New',
  in_review: 'In review',
  info_requested: 'Info requested',
  escalated: 'Escalated',
  approved: 'Approved',
  rejected: 'Rejected',
  needs_rereview: 'Needs re-review',
};

const TONES: Readonly<Record<QueueStatus, Tone>> = {
  never_reviewed: 'neutral',
  new: 'accent',
  in_review: 'accent',
  info_requested: 'warning',
  escalated: 'warning',
  approved: 'success',
  rejected: 'danger',
  needs_rereview: 'danger',
};

/** A case's review status. */
export function StatusBadge({ status }: { status: QueueStatus }) {
  return (
    <Badge tone={TONES[status]} dot>
      {STATUS_LABELS[status]}
    </Badge>
  );
}
