import { Hono } from 'hono';
import { BadFilterError } from '../query/filter';
import { filtersFromBody, filtersFromQuery, pagingFrom } from '../query/parse';
import { RESOURCES, isResourceName, type ResourceName } from '../query/resources';
import { runQuery } from '../query/run-query';
import type { Store } from '../state/store';
import { cloudError, jsonBody, type ApiEnv } from './api-env';

// Data API (docs/cloud-contract.md §6.2) and Filters API (§6.3): reads straight from the instance.

export const dataRoutes = (store: Store) =>
  new Hono<ApiEnv>()
    .get('/data/:resource', (c) => {
      const resource = c.req.param('resource');
      if (!isResourceName(resource)) return cloudError(c, 404, `unknown resource "${resource}"`);
      const spec = RESOURCES[resource];
      const params = new URL(c.req.url).searchParams;
      try {
        const result = runQuery(
          spec,
          c.var.instance,
          filtersFromQuery(params),
          pagingFrom(params, spec.defaultPageSize, store.dataApi),
        );
        return c.json({ data: result.data, total: result.total }, 200);
      } catch (e) {
        if (e instanceof BadFilterError) return cloudError(c, 400, e.message);
        throw e;
      }
    })
    .get('/data/:resource/:id', (c) => {
      const resource = c.req.param('resource');
      if (!isResourceName(resource)) return cloudError(c, 404, `unknown resource "${resource}"`);
      // [gap] §6.2: the detail body is undocumented; the emulator answers the bare record.
      const row = RESOURCES[resource].table(c.var.instance).get(c.req.param('id'));
      return row ? c.json(row, 200) : cloudError(c, 404, `${resource.slice(0, -1)} not found`);
    });

const FILTER_PATHS: Readonly<Record<string, ResourceName>> = {
  '/identities/filter': 'identities',
  '/balances/filter': 'balances',
  '/transactions/filter': 'transactions',
  // Singular, as Cloud spells it (docs/cloud-contract.md §6.3).
  '/ledger/filter': 'ledgers',
};

export function filterRoutes(store: Store) {
  const routes = new Hono<ApiEnv>();
  for (const [path, resource] of Object.entries(FILTER_PATHS)) {
    routes.post(path, async (c) => {
      const spec = RESOURCES[resource];
      const body = await jsonBody(c);
      if (body === undefined && (c.req.header('content-length') ?? '0') !== '0')
        return cloudError(c, 400, 'the body must be JSON');
      try {
        const result = runQuery(
          spec,
          c.var.instance,
          filtersFromBody(body),
          pagingFrom(new URL(c.req.url).searchParams, spec.defaultPageSize, store.dataApi),
        );
        if (resource === 'ledgers') return c.json({ data: result.data, total: result.total }, 200);
        if (resource === 'transactions')
          return c.json(
            { data: result.data, total: result.total, stats: {}, total_is_estimate: false, total_source: 'exact' },
            200,
          );
        return c.json({ data: result.data, total: result.total, stats: {} }, 200);
      } catch (e) {
        if (e instanceof BadFilterError) return cloudError(c, 400, e.message);
        throw e;
      }
    });
  }
  return routes;
}
