import { Hono } from 'hono';
import { WATCHLIST_IMPORT_PATH } from '@kyc-review/contracts';
import type { Clock } from './clock';
import type { CloudClient } from './cloud/cloud-client';
import { loadMigrations } from './db/migrate';
import type { Db } from './db/open-database';
import type { Config } from './env';
import type { AppEnv } from './http/app-env';
import { requireCallbackKey } from './http/callback-key';
import { errorHandler, notFoundHandler } from './http/error-handler';
import { limitApiBody } from './http/api-body-limit';
import { limitBody } from './http/json-body';
import { requestLog } from './http/request-log';
import { securityHeaders } from './http/security-headers';
import { requireReviewer } from './http/reviewer-middleware';
import { requireCsrf, requireSession } from './http/session-middleware';
import type { Logger } from './logging/logger';
import { accountRoutes } from './routes/account-routes';
import { alertRoutes } from './routes/alert-routes';
import { bulkApprovalRoutes } from './routes/bulk-approval-routes';
import { caseRoutes } from './routes/case-routes';
import { cloudRoutes } from './routes/cloud-routes';
import { dashboardRoutes } from './routes/dashboard-routes';
import { exportRoutes } from './routes/export-routes';
import { healthRoutes } from './routes/health-routes';
import { identityRoutes } from './routes/identity-routes';
import { assignmentRoutes, teamRoutes } from './routes/assignment-routes';
import { noteRoutes } from './routes/note-routes';
import { savedViewRoutes } from './routes/saved-view-routes';
import { infoRequestRoutes } from './routes/info-request-routes';
import { portalRoutes } from './routes/portal-routes';
import { reviewerRoutes } from './routes/reviewer-routes';
import { sessionRoutes } from './routes/session-routes';
import { settingsRoutes } from './routes/settings-routes';
import { staticRoutes } from './routes/static-routes';
import { watchlistRoutes } from './routes/watchlist-routes';
import { createServices, type Services } from './services/create-services';

export type AppDeps = {
  readonly db: Db;
  readonly config: Config;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The Cloud client (tests may shorten timeouts); built from config when absent. */
  readonly cloud?: CloudClient;
  /** Prebuilt services (tests share them); built from the other deps when absent. */
  readonly services?: Services;
};

/**
 * Middleware and routes, no side effects (CONVENTIONS habit 2). The tree is built by
 * chaining so `AppType` carries every /api route for the SPA's `hc<AppType>` client.
 */
export function createApp(deps: AppDeps) {
  const { db, config, logger } = deps;
  const services = deps.services ?? createServices(deps);

  return (
    new Hono<AppEnv>()
      .onError(errorHandler(logger))
      .notFound(notFoundHandler)
      .use(requestLog(logger))
      .use(securityHeaders(config.frameAncestors))
      .route('/', healthRoutes(db, loadMigrations().length, logger))
      .use('/cloud/*', limitBody(), requireCallbackKey(config.callbackSecret))
      .route(
        '/cloud',
        cloudRoutes({ installs: services.installs, portal: services.portal, pinnedAppId: config.cloudAppId }),
      )
      .route('/portal', portalRoutes(services.portal))
      .use(
        '/api/*',
        limitApiBody([WATCHLIST_IMPORT_PATH]),
        requireSession(services.sessions),
        requireCsrf(config.publicOrigin),
      )
      .route('/api', sessionRoutes(services.auth))
      // Order matters: the /api/session routes above answer a launch alone; every route below
      // needs a signed-in reviewer (401 reviewer_required) and declares any higher role it needs.
      .use('/api/*', requireReviewer())
      .route('/api/identities', identityRoutes(services.identities, services.alerts))
      .route('/api/alerts', alertRoutes(services.alerts))
      .route('/api/cases', caseRoutes(services.review))
      .route('/api/cases', noteRoutes(services.review.notes))
      .route('/api/cases', infoRequestRoutes(services.review.infoRequests))
      .route('/api/cases', assignmentRoutes(services.review.assignment))
      .route('/api/bulk-approvals', bulkApprovalRoutes(services.review.bulkApprovals))
      .route('/api/team', teamRoutes(services.review.assignment))
      .route('/api/saved-views', savedViewRoutes(services.savedViews))
      .route('/api/dashboard', dashboardRoutes(services.review.dashboard))
      .route('/api/exports', exportRoutes(services.review.exports, logger))
      .route('/api/settings', settingsRoutes(services.review))
      .route('/api/watchlist', watchlistRoutes(services.review))
      .route('/api/reviewers', reviewerRoutes(services.reviewerAdmin))
      .route('/api/account', accountRoutes(services.account))
      .route('/', staticRoutes(config.staticDir))
  );
}

export type AppType = ReturnType<typeof createApp>;
