import type { Permission, ReviewerRole } from '@kyc-review/contracts';

export interface NavItem {
  to: string;
  label: string;
  /** The scope the screen needs; without it the link stays visible but disabled, with the reason. */
  requires?: Permission;
  /** The role the screen needs (decision 017); a reviewer below it does not see the link at all. */
  role?: ReviewerRole;
}

/** The navigation, in order. Alerts need alerts:read; without it the link says so instead of leading to an empty page. */
export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/', label: 'Dashboard' },
  { to: '/queue', label: 'Queue' },
  { to: '/alerts', label: 'Alerts', requires: 'alerts:read' },
  { to: '/settings', label: 'Settings' },
  { to: '/reviewers', label: 'Reviewers', role: 'admin' },
];
