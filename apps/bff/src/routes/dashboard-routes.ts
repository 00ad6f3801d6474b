import { Hono } from 'hono';
import type { AppEnv } from '../http/app-env';
import type { DashboardService } from '../services/dashboard-service';

/** `GET /api/dashboard`: the lead's figures for the session's install. */
export function dashboardRoutes(dashboard: DashboardService) {
  return new Hono<AppEnv>().get('/', async (c) => c.json(await dashboard.get(c.var.session), 200));
}
