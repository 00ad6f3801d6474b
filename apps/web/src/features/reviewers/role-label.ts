import type { ReviewerRole } from '@kyc-review/contracts';

/** How each role reads on screen. */
export const ROLE_LABEL: Record<ReviewerRole, string> = {
  reviewer: 'Reviewer',
  lead: 'Lead',
  admin: 'Admin',
};
