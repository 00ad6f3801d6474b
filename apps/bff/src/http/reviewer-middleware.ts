import { createMiddleware } from 'hono/factory';
import { roleAtLeast, type ReviewerRole } from '@kyc-review/contracts';
import { ReviewerRequiredError, RoleRequiredError } from '../services/reviewer-errors';
import type { AppEnv } from './app-env';

/**
 * A launch is only half a sign-in (decision 017): past this middleware a reviewer is signed
 * in on the session, and `c.var.reviewer` is that reviewer (also `c.var.session.reviewer`,
 * which services read). Mounted after the /api/session routes, which work on a launch alone.
 */
export function requireReviewer() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const reviewer = c.var.session.reviewer;
    if (reviewer === null) throw new ReviewerRequiredError();
    c.set('reviewer', reviewer);
    await next();
  });
}

/**
 * The role a route needs, declared where the route is: `.put('/', requireRole('lead'), …)`.
 * Roles are ordered reviewer < lead < admin. Routes without it are open to every reviewer.
 */
export function requireRole(minimum: ReviewerRole) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (!roleAtLeast(c.var.reviewer.role, minimum)) throw new RoleRequiredError(minimum);
    await next();
  });
}
