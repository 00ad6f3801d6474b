import type { ReviewerRole } from '@kyc-review/contracts';
import { AppError } from '../errors';

// The reviewer sign-in's errors (docs/decisions/017). Messages never say which factor
// failed or whether an email exists.

/** Launched, but nobody signed in on this session: every /api route but sign-in answers this. */
export class ReviewerRequiredError extends AppError {
  constructor() {
    super('reviewer_required', 401, 'Sign in to KYC Review to continue.');
  }
}

export class RoleRequiredError extends AppError {
  constructor(required: ReviewerRole) {
    super('role_required', 403, `This needs the ${required} role or higher. Ask an admin of KYC Review.`, {
      required_role: required,
    });
  }
}

export class ReviewerDisabledError extends AppError {
  constructor() {
    super('reviewer_disabled', 403, 'This reviewer account is disabled. Ask an admin of KYC Review.');
  }
}

/** Wrong email, password or code: one answer for all of them. */
export class SignInFailedError extends AppError {
  constructor() {
    super('sign_in_failed', 401, 'The email, password or code is not right.');
  }
}

export class SignInLockedError extends AppError {
  constructor(retryAfterSeconds: number) {
    super('sign_in_locked', 429, 'Too many failed sign-ins. Try again later.', {
      retry_after: Math.max(1, Math.ceil(retryAfterSeconds)),
    });
  }
}

export class SignInRateLimitedError extends AppError {
  constructor(retryAfterSeconds: number) {
    super('rate_limited', 429, 'Too many sign-in attempts on this install. Try again in a minute.', {
      retry_after: Math.max(1, Math.ceil(retryAfterSeconds)),
    });
  }
}

/** A sensitive action by a lead or admin whose last second-factor confirmation is too old. */
export class StepUpRequiredError extends AppError {
  constructor() {
    super('step_up_required', 401, 'Confirm your authenticator code to continue.');
  }
}

export class AlreadySetUpError extends AppError {
  constructor() {
    super('already_set_up', 409, 'KYC Review is already set up on this install. Sign in instead.');
  }
}

/** An invitation that was redeemed, revoked or has expired: only a new one helps. */
export class InvitationGoneError extends AppError {
  constructor(why: 'redeemed' | 'revoked' | 'expired') {
    const what = { redeemed: 'was already used', revoked: 'was revoked', expired: 'has expired' }[why];
    super('invitation_gone', 410, `This invitation ${what}. Ask an admin of KYC Review for a new one.`, {
      reason: why,
    });
  }
}

/** Disabling or demoting the install's last active admin would leave nobody to manage reviewers. */
export class LastAdminError extends AppError {
  constructor() {
    super(
      'last_admin',
      409,
      'This is the last active admin of KYC Review on this install. Make another reviewer an admin first.',
    );
  }
}
