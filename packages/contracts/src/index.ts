// The public surface of @kyc-review/contracts.
export * from './ids';
export * from './errors';
export * from './cloud/permissions';
export * from './cloud/events';
export * from './cloud/records';
export * from './api/session';
export * from './kyc/watchlist';
