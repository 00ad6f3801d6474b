// Failures of a Cloud call, as facts about what Cloud did (docs/cloud-contract.md §6.6): which
// kind of failure, the status Cloud answered (null when it never answered), its Core error code
// and its wait hint. What the browser gets is decided in one place (http/cloud-error-response.ts);
// the outbox and the sync read these facts, never a browser status. Messages are ours: Cloud's
// error text, its headers and the install's key never get copied in.

export type CloudFailureKind =
  | 'cloud_unauthorized'
  | 'cloud_forbidden'
  | 'cloud_not_found'
  | 'cloud_rate_limited'
  | 'cloud_unavailable'
  | 'cloud_timeout'
  | 'cloud_bad_response'
  | 'cloud_rejected'
  | 'cloud_conflict';

/** Keeps a Core error code only when it looks like one: nothing free-form gets through. */
export function safeCloudCode(code: string | undefined): string | null {
  return code !== undefined && /^[A-Z][A-Z0-9_]{1,63}$/.test(code) ? code : null;
}

export type CloudFacts = {
  /** The HTTP status Cloud answered; null for a timeout, an unreachable Cloud or an unreadable answer. */
  readonly cloudStatus?: number | null;
  readonly cloudCode?: string | undefined;
  /** What Cloud asked us to wait (Retry-After), when it said. */
  readonly retryAfterSeconds?: number | null;
};

export abstract class CloudError extends Error {
  abstract readonly code: CloudFailureKind;
  readonly cloudStatus: number | null;
  readonly cloudCode: string | null;
  readonly retryAfterSeconds: number | null;

  constructor(message: string, facts: CloudFacts = {}) {
    super(message);
    this.name = new.target.name;
    this.cloudStatus = facts.cloudStatus ?? null;
    this.cloudCode = safeCloudCode(facts.cloudCode);
    this.retryAfterSeconds = facts.retryAfterSeconds ?? null;
  }

  /**
   * Cloud certainly did not act on the request: it refused the key (401), limited us (429) or
   * said it is unavailable (503) before doing anything. Anything else may have landed.
   */
  get certainlyNotApplied(): boolean {
    return this.cloudStatus === 401 || this.cloudStatus === 429 || this.cloudStatus === 503;
  }

  /** Worth trying again later without changing the request. */
  get retryable(): boolean {
    return (
      this.code === 'cloud_rate_limited' ||
      this.code === 'cloud_unavailable' ||
      this.code === 'cloud_timeout' ||
      this.code === 'cloud_unauthorized'
    );
  }
}

/** Cloud answered 401: the install's key is revoked or unknown. */
export class CloudUnauthorizedError extends CloudError {
  readonly code = 'cloud_unauthorized';
  constructor(message = 'Blnk Cloud no longer accepts this install. Reinstall the app from Blnk Cloud.') {
    super(message, { cloudStatus: 401 });
  }
}

/** Cloud answered 403: it refused the scope or the instance, although our own check passed. */
export class CloudForbiddenError extends CloudError {
  readonly code = 'cloud_forbidden';
  constructor() {
    super('Blnk Cloud refused this request for this install.', { cloudStatus: 403 });
  }
}

export class CloudNotFoundError extends CloudError {
  readonly code = 'cloud_not_found';
  constructor(cloudCode?: string) {
    super('Blnk Cloud has no such record in this instance.', { cloudStatus: 404, cloudCode });
  }
}

export class CloudRateLimitedError extends CloudError {
  readonly code = 'cloud_rate_limited';
  constructor(retryAfterSeconds: number | null) {
    super('Blnk Cloud is limiting requests from this install. Try again shortly.', {
      cloudStatus: 429,
      retryAfterSeconds,
    });
  }
}

/** Cloud answered 5xx (`cloudStatus`), or could not be reached (`cloudStatus` null). */
export class CloudUnavailableError extends CloudError {
  readonly code = 'cloud_unavailable';
  constructor(cloudStatus: number | null, retryAfterSeconds: number | null = null) {
    super('Blnk Cloud is unavailable right now. Try again shortly.', { cloudStatus, retryAfterSeconds });
  }
}

export class CloudTimeoutError extends CloudError {
  readonly code = 'cloud_timeout';
  constructor() {
    super('Blnk Cloud took too long to answer.');
  }
}

/** Cloud answered something we cannot read: not JSON, too big, not the documented shape, or a status outside the contract. */
export class CloudBadResponseError extends CloudError {
  readonly code = 'cloud_bad_response';
  constructor(cloudStatus: number | null = null) {
    super('Blnk Cloud sent a response this app could not read.', { cloudStatus });
  }
}

/** Core refused the request as invalid (400/422 through the proxy), e.g. a bad metadata key. */
export class CloudRejectedError extends CloudError {
  readonly code = 'cloud_rejected';
  constructor(cloudStatus: number, cloudCode?: string) {
    super('Blnk Cloud rejected the request as invalid.', { cloudStatus, cloudCode });
  }
}

/** Core reported a conflict or a lock (409/423): the record changed or is busy. */
export class CloudConflictError extends CloudError {
  readonly code = 'cloud_conflict';
  constructor(cloudStatus: number, cloudCode?: string) {
    super('Blnk Cloud reported a conflict with the current state of the record.', { cloudStatus, cloudCode });
  }
}
