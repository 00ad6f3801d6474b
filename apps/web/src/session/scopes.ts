import type { Permission } from '@kyc-review/contracts';

export interface ScopeDescription {
  /** What works with the scope granted. */
  allows: string;
  /** What the user notices when the install lacks it (docs/product.md, "Permissions shape the app"). */
  without: string;
}

export const SCOPES: Readonly<Record<Permission, ScopeDescription>> = {
  'data:read': {
    allows: 'The review queue, case view, checks, linked balances and transactions.',
    without: 'The app cannot open: it needs read access to review anything.',
  },
  'data:write': {
    allows: 'Writing decisions back to identity metadata and revealing tokenized fields.',
    without: 'Decisions are kept in the app only and are not written to the ledger.',
  },
  'alerts:read': {
    allows: 'Cloud alerts on each case and the alerts view.',
    without: 'Alerts are not shown; the alerts panel explains why.',
  },
  'alerts:write': {
    allows: 'Raising Cloud alerts on reject, escalate and confirmed watchlist hits.',
    without: 'Decisions still work, but no alert is raised in Cloud.',
  },
};
