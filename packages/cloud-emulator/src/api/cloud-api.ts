import { Hono } from 'hono';
import type { Store } from '../state/store';
import { alertRoutes } from './alert-routes';
import type { ApiEnv } from './api-env';
import { authorize } from './auth';
import { callLog } from './call-log';
import { dataRoutes, filterRoutes } from './data-routes';
import { faultMiddleware } from './faults';
import { proxyIdentityRoutes } from './proxy-identities';
import { proxyWriteRoutes } from './proxy-writes';

/** Cloud's API surface (docs/cloud-contract.md §6): call log → faults → gateway auth → handlers. */
export function cloudApi(store: Store) {
  const instancePaths = [
    '/data/*',
    '/proxy/*',
    '/identities/filter',
    '/balances/filter',
    '/transactions/filter',
    '/ledger/filter',
  ];
  // Hono's `/alerts/*` also matches `/alerts` itself; listing both would run middleware twice.
  const alertPaths = ['/alerts/*'];
  const api = new Hono<ApiEnv>();
  for (const path of [...instancePaths, ...alertPaths]) api.use(path, callLog(store), faultMiddleware(store));
  for (const path of instancePaths) api.use(path, authorize(store, { instanceRequired: true }));
  for (const path of alertPaths) api.use(path, authorize(store, { instanceRequired: false }));
  return api
    .route('/', dataRoutes(store))
    .route('/', filterRoutes(store))
    .route('/', proxyIdentityRoutes(store))
    .route('/', proxyWriteRoutes(store))
    .route('/', alertRoutes(store));
}
