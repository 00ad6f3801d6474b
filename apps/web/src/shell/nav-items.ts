import type { Permission } from '@kyc-review/contracts';

export interface NavItem {
  to: string;
  label: string;
  /** The scope the screen needs; without it the link stays visible but disabled, with the reason. */
  requires?: Permission;
}

/**
 * The navigation, in order. Only screens that exist are listed: the queue, alerts and
 * settings join here in the releases that build them (see the overview page).
 */
export const NAV_ITEMS: readonly NavItem[] = [{ to: '/', label: 'Overview' }];
