import type { Permission } from '@kyc-review/contracts';
import { MissingPermissionError } from '../errors';

/** Which of Cloud's APIs a call goes to: Data, Filters and Proxy calls carry `instance_id`. */
export type CloudApi = 'data' | 'filters' | 'proxy' | 'alerts';
export type HttpMethod = 'GET' | 'POST' | 'PUT';

export interface OperationSpec<Args extends readonly string[]> {
  readonly method: HttpMethod;
  readonly api: CloudApi;
  readonly scope: Permission;
  /**
   * `read` may be repeated safely (GETs and the POST …/filter queries); `write` changes
   * state in Cloud and is never blindly retried (docs/decisions/008-cloud-client-retries.md).
   */
  readonly effect: 'read' | 'write';
  readonly path: (...args: Args) => string;
}

const define = <Args extends readonly string[]>(spec: OperationSpec<Args>): OperationSpec<Args> => spec;
const seg = (value: string): string => encodeURIComponent(value);

/**
 * Every Cloud call the app makes, with its scope (docs/cloud-contract.md §6.1). The client checks the
 * scope against the install's grants before any request leaves the process.
 */
export const OPERATIONS = {
  listIdentities: define({
    method: 'GET',
    api: 'data',
    scope: 'data:read',
    effect: 'read',
    path: () => '/data/identities',
  }),
  getIdentity: define({
    method: 'GET',
    api: 'data',
    scope: 'data:read',
    effect: 'read',
    path: (id: string) => `/data/identities/${seg(id)}`,
  }),
  filterIdentities: define({
    method: 'POST',
    api: 'filters',
    scope: 'data:read',
    effect: 'read',
    path: () => '/identities/filter',
  }),
  listBalances: define({
    method: 'GET',
    api: 'data',
    scope: 'data:read',
    effect: 'read',
    path: () => '/data/balances',
  }),
  listTransactions: define({
    method: 'GET',
    api: 'data',
    scope: 'data:read',
    effect: 'read',
    path: () => '/data/transactions',
  }),
  getTokenizedFields: define({
    method: 'GET',
    api: 'proxy',
    scope: 'data:read',
    effect: 'read',
    path: (id: string) => `/proxy/identities/${seg(id)}/tokenized-fields`,
  }),
  // Stricter than Cloud's gateway (a GET /proxy is data:read there): revealing PII is
  // a data:write feature in the product (docs/product.md, "Permissions shape the app").
  detokenizeField: define({
    method: 'GET',
    api: 'proxy',
    scope: 'data:write',
    effect: 'read',
    path: (id: string, field: string) => `/proxy/identities/${seg(id)}/detokenize/${seg(field)}`,
  }),
  updateIdentityMetadata: define({
    method: 'POST',
    api: 'proxy',
    scope: 'data:write',
    effect: 'write',
    path: (id: string) => `/proxy/${seg(id)}/metadata`,
  }),
  listAlerts: define({ method: 'GET', api: 'alerts', scope: 'alerts:read', effect: 'read', path: () => '/alerts' }),
  alertStatuses: define({
    method: 'GET',
    api: 'alerts',
    scope: 'alerts:read',
    effect: 'read',
    path: () => '/alerts/statuses',
  }),
  getAlert: define({
    method: 'GET',
    api: 'alerts',
    scope: 'alerts:read',
    effect: 'read',
    path: (id: string) => `/alerts/${seg(id)}`,
  }),
  flagAlert: define({
    method: 'POST',
    api: 'alerts',
    scope: 'alerts:write',
    effect: 'write',
    path: (entityId: string) => `/alerts/flag/${seg(entityId)}`,
  }),
  updateAlert: define({
    method: 'PUT',
    api: 'alerts',
    scope: 'alerts:write',
    effect: 'write',
    path: (alertId: string) => `/alerts/flag/${seg(alertId)}`,
  }),
} as const;

export type OperationName = keyof typeof OPERATIONS;

/** The scope each operation needs, for services and the SPA to explain what is missing. */
export function requiredScope(operation: OperationName): Permission {
  return OPERATIONS[operation].scope;
}

/** Throws 403 `missing_permission` with `{required}` when the install lacks the scope. */
export function assertGranted(granted: readonly Permission[], operation: OperationName): void {
  const scope = requiredScope(operation);
  if (!granted.includes(scope)) throw new MissingPermissionError(scope);
}
