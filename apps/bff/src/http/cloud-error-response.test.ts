import { describe, expect, it } from 'vitest';
import {
  CloudBadResponseError,
  CloudConflictError,
  CloudForbiddenError,
  CloudNotFoundError,
  CloudRateLimitedError,
  CloudRejectedError,
  CloudTimeoutError,
  CloudUnauthorizedError,
  CloudUnavailableError,
  type CloudError,
} from '../cloud/cloud-errors';
import { browserErrorOf } from './cloud-error-response';

const cases: [string, CloudError, { code: string; status: number; details?: Record<string, unknown> }][] = [
  ['401', new CloudUnauthorizedError(), { code: 'cloud_unauthorized', status: 409 }],
  ['403', new CloudForbiddenError(), { code: 'cloud_forbidden', status: 403 }],
  [
    '404',
    new CloudNotFoundError('IDT_NOT_FOUND'),
    { code: 'cloud_not_found', status: 404, details: { cloud_code: 'IDT_NOT_FOUND' } },
  ],
  [
    '429 with a hint',
    new CloudRateLimitedError(30),
    { code: 'cloud_rate_limited', status: 429, details: { retry_after: 30 } },
  ],
  [
    '429 without',
    new CloudRateLimitedError(null),
    { code: 'cloud_rate_limited', status: 429, details: { retry_after: null } },
  ],
  ['503', new CloudUnavailableError(503, 12), { code: 'cloud_unavailable', status: 503, details: { retry_after: 12 } }],
  ['500', new CloudUnavailableError(500), { code: 'cloud_unavailable', status: 502 }],
  ['unreachable', new CloudUnavailableError(null), { code: 'cloud_unavailable', status: 502 }],
  ['timeout', new CloudTimeoutError(), { code: 'cloud_timeout', status: 504 }],
  ['unreadable', new CloudBadResponseError(), { code: 'cloud_bad_response', status: 502 }],
  [
    '422',
    new CloudRejectedError(422, 'META_KEY_INVALID'),
    { code: 'bad_request', status: 400, details: { cloud_code: 'META_KEY_INVALID' } },
  ],
  ['423', new CloudConflictError(423), { code: 'conflict', status: 409 }],
];

describe('what the browser gets for what Cloud did', () => {
  it.each(cases)('%s', (_, cloud, expected) => {
    const error = browserErrorOf(cloud);
    expect({ code: error.code, status: error.status, details: error.details }).toEqual({
      details: undefined,
      ...expected,
    });
    expect(error.message).toBe(cloud.message);
  });

  it('drops a Cloud code that is not one (free text never reaches the browser)', () => {
    expect(browserErrorOf(new CloudNotFoundError('the identity idt_1 of jane@x.test')).details).toBeUndefined();
  });

  it('says which failures certainly did not reach Cloud’s ledger', () => {
    expect(new CloudUnavailableError(503).certainlyNotApplied).toBe(true);
    expect(new CloudRateLimitedError(null).certainlyNotApplied).toBe(true);
    expect(new CloudUnauthorizedError().certainlyNotApplied).toBe(true);
    expect(new CloudUnavailableError(502).certainlyNotApplied).toBe(false);
    expect(new CloudTimeoutError().certainlyNotApplied).toBe(false);
    expect(new CloudUnavailableError(null).certainlyNotApplied).toBe(false);
  });
});
