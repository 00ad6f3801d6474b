// The public surface of @kyc-review/contracts.
export * from './ids';
export * from './errors';
export * from './cloud/permissions';
export * from './cloud/events';
export * from './cloud/records';
export * from './api/session';
export * from './api/identities';
export * from './api/alerts';
export * from './kyc/watchlist';
export * from './kyc/check-result';
export * from './kyc/watchlist-hit';
export * from './kyc/risk';
export * from './kyc/settings';
export * from './kyc/monitoring';
export * from './api/cases';
export * from './api/notes';
export * from './api/exports';
