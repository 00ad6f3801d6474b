import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode } from '@kyc-review/contracts';
import type { CloudError } from '../cloud/cloud-errors';
import { AppError } from '../errors';

/**
 * The one mapping from what Cloud did to what the browser gets (decision 008):
 * - 401 → 409 `cloud_unauthorized`: the user's session is fine, the install cannot serve the
 *   request, and the SPA must not mistake it for an expired session;
 * - 503 only when Cloud itself said 503, any other failure to answer → 502;
 * - Core's 400/422 → 400 `bad_request`, 409/423 → 409 `conflict`;
 * - Cloud's wait hint and a Core error code travel as details; nothing else of Cloud's does.
 */
export function browserErrorOf(error: CloudError): AppError {
  const [code, status] = browserStatus(error);
  const details: Record<string, unknown> = {};
  if (error.cloudCode !== null) details['cloud_code'] = error.cloudCode;
  if (error.retryAfterSeconds !== null || error.code === 'cloud_rate_limited')
    details['retry_after'] = error.retryAfterSeconds;
  return new AppError(code, status, error.message, Object.keys(details).length === 0 ? undefined : details);
}

function browserStatus(error: CloudError): [ErrorCode, ContentfulStatusCode] {
  switch (error.code) {
    case 'cloud_unauthorized':
      return ['cloud_unauthorized', 409];
    case 'cloud_forbidden':
      return ['cloud_forbidden', 403];
    case 'cloud_not_found':
      return ['cloud_not_found', 404];
    case 'cloud_rate_limited':
      return ['cloud_rate_limited', 429];
    case 'cloud_unavailable':
      return ['cloud_unavailable', error.cloudStatus === 503 ? 503 : 502];
    case 'cloud_timeout':
      return ['cloud_timeout', 504];
    case 'cloud_bad_response':
      return ['cloud_bad_response', 502];
    case 'cloud_rejected':
      return ['bad_request', 400];
    case 'cloud_conflict':
      return ['conflict', 409];
  }
}
