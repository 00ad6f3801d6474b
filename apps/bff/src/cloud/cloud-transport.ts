import type { z } from 'zod';
import { CoreErrorBody } from '@kyc-review/contracts';
import {
  CloudBadResponseError,
  CloudConflictError,
  type CloudError,
  CloudForbiddenError,
  CloudNotFoundError,
  CloudRateLimitedError,
  CloudRejectedError,
  CloudTimeoutError,
  CloudUnauthorizedError,
  CloudUnavailableError,
} from './cloud-errors';
import type { InstallLimiter } from './install-limiter';
import { OPERATIONS, type OperationName } from './operations';
import { parseRetryAfter, retryDelay, type AttemptFailure, type RetryOptions } from './retry-policy';
import { readLimitedText, UnreadableBodyError } from './read-limited-text';

export interface CloudLogger {
  warn(entry: Record<string, unknown>): void;
}

export interface TransportConfig {
  readonly baseUrl: URL;
  readonly timeoutMs: number;
  readonly fetch: typeof fetch;
  readonly retry: RetryOptions;
  readonly limiter: InstallLimiter;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  readonly now: () => number;
  readonly maxResponseBytes: number;
  readonly logger: CloudLogger | undefined;
}

/** Who is calling: the install's id (the only thing logged) and its key, fetched per try. */
export interface CallIdentity {
  readonly installedAppId: string;
  readonly instanceId: string;
  readonly apiKey: () => string;
}

export interface CallRequest<S extends z.ZodType> {
  readonly operation: OperationName;
  readonly path: string;
  readonly query?: URLSearchParams;
  readonly body?: unknown;
  readonly schema: S;
}

/** A checked call: the scope first (no request without it), then the transport. */
export type ScopedCall = <S extends z.ZodType>(request: CallRequest<S>) => Promise<z.output<S>>;

type Attempt = { readonly ok: true; readonly body: unknown } | { readonly ok: false; readonly failure: AttemptFailure };

const ERROR_BODY_LIMIT = 16 * 1024;

/**
 * One Cloud call: the per-install slot, the key, `instance_id`, the timeout, retries where
 * they are safe, and a zod parse of the answer. Throws only AppErrors from cloud-errors.
 */
export async function callCloud<S extends z.ZodType>(
  config: TransportConfig,
  who: CallIdentity,
  request: CallRequest<S>,
): Promise<z.output<S>> {
  const spec = OPERATIONS[request.operation];
  const url = new URL(request.path.replace(/^\//, ''), config.baseUrl);
  for (const [name, value] of request.query ?? []) url.searchParams.append(name, value);
  // Alerts carry no instance_id in the docs (docs/cloud-contract.md §6.5 [gap]); the key scopes them.
  if (spec.api !== 'alerts') url.searchParams.set('instance_id', who.instanceId);

  for (let attempt = 1; ; attempt += 1) {
    const outcome = await config.limiter.run(who.installedAppId, () =>
      attemptOnce(config, who, spec.method, url, request.body),
    );
    if (outcome.ok) {
      const parsed = request.schema.safeParse(outcome.body);
      if (parsed.success) return parsed.data;
      // Field paths only, never values: the body may hold PII or whatever Cloud echoed.
      const paths = parsed.error.issues.slice(0, 5).map((issue) => issue.path.join('.'));
      config.logger?.warn({
        event: 'cloud_bad_response',
        installed_app_id: who.installedAppId,
        operation: request.operation,
        paths,
      });
      throw new CloudBadResponseError();
    }
    const delay = retryDelay(outcome.failure, spec.effect, attempt, config.retry, config.random);
    const reason = outcome.failure.kind === 'status' ? outcome.failure.status : outcome.failure.kind;
    if (delay === null) {
      const error = toCloudError(outcome.failure);
      if (error.retryable || error.code === 'cloud_bad_response') {
        config.logger?.warn({
          event: 'cloud_call_failed',
          installed_app_id: who.installedAppId,
          operation: request.operation,
          attempts: attempt,
          reason,
        });
      }
      throw error;
    }
    config.logger?.warn({
      event: 'cloud_retry',
      installed_app_id: who.installedAppId,
      operation: request.operation,
      attempt,
      reason,
      delay_ms: delay,
    });
    await config.sleep(delay);
  }
}

async function attemptOnce(
  config: TransportConfig,
  who: CallIdentity,
  method: string,
  url: URL,
  body: unknown,
): Promise<Attempt> {
  const headers: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${who.apiKey()}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const signal = AbortSignal.timeout(config.timeoutMs);
  try {
    // `manual`: a redirect is not part of Cloud's contract, and following one could carry
    // the key somewhere else.
    const init: RequestInit = { method, headers, signal, redirect: 'manual' };
    if (body !== undefined) init.body = JSON.stringify(body);
    const response = await config.fetch(url, init);
    if (response.status >= 200 && response.status < 300) {
      return { ok: true, body: JSON.parse(await readLimitedText(response, config.maxResponseBytes)) };
    }
    return { ok: false, failure: await statusFailure(response, config.now()) };
  } catch (error) {
    if (signal.aborted) return { ok: false, failure: { kind: 'timeout' } };
    if (error instanceof SyntaxError || error instanceof UnreadableBodyError)
      return { ok: false, failure: { kind: 'bad_response' } };
    return { ok: false, failure: { kind: 'network' } };
  }
}

async function statusFailure(response: Response, now: number): Promise<AttemptFailure> {
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now);
  let cloudCode: string | undefined;
  try {
    const parsed = CoreErrorBody.safeParse(JSON.parse(await readLimitedText(response, ERROR_BODY_LIMIT)));
    cloudCode = parsed.success ? parsed.data.error_detail?.code : undefined;
  } catch {
    // An unreadable error body changes nothing: the status alone decides.
  }
  return cloudCode === undefined
    ? { kind: 'status', status: response.status, retryAfterMs }
    : { kind: 'status', status: response.status, retryAfterMs, cloudCode };
}

function toCloudError(failure: AttemptFailure): CloudError {
  switch (failure.kind) {
    case 'timeout':
      return new CloudTimeoutError();
    case 'network':
      return new CloudUnavailableError(null);
    case 'bad_response':
      return new CloudBadResponseError();
    case 'status':
      return statusError(failure.status, failure.retryAfterMs, failure.cloudCode);
  }
}

function statusError(status: number, retryAfterMs: number | null, cloudCode: string | undefined): CloudError {
  const retryAfterSeconds = retryAfterMs === null ? null : Math.ceil(retryAfterMs / 1_000);
  if (status === 401) return new CloudUnauthorizedError();
  if (status === 403) return new CloudForbiddenError();
  if (status === 404) return new CloudNotFoundError(cloudCode);
  if (status === 429) return new CloudRateLimitedError(retryAfterSeconds);
  if (status >= 500) return new CloudUnavailableError(status, status === 503 ? retryAfterSeconds : null);
  if (status === 400 || status === 422) return new CloudRejectedError(status, cloudCode);
  if (status === 409 || status === 423) return new CloudConflictError(status, cloudCode);
  // Redirects and other statuses are outside Cloud's contract.
  return new CloudBadResponseError(status);
}
