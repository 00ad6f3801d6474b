import type { ApprovalBlocker, CaseStatus, DecisionAction } from '@kyc-review/contracts';
import { AppError } from '../errors';

/** The state machine does not allow this action from the case's status (decision 011). */
export class InvalidTransitionError extends AppError {
  constructor(status: CaseStatus, action: DecisionAction, allowed: readonly DecisionAction[]) {
    super('invalid_transition', 409, `A case that is ${status.replace('_', ' ')} cannot take the action ${action}.`, {
      status,
      action,
      allowed_actions: [...allowed],
    });
  }
}

/** A high-risk approval needs a second reviewer who is not the first. */
export class FourEyesRequiredError extends AppError {
  constructor(message = 'This high-risk case needs a second approval by a different reviewer.') {
    super('four_eyes_required', 409, message);
  }
}

/** "Information received" on a case that is not waiting for the customer. */
export class NotWaitingForInformationError extends AppError {
  constructor(status: CaseStatus) {
    super('invalid_transition', 409, `The case is ${status.replace('_', ' ')}: it is not waiting for information.`, {
      status,
    });
  }
}

/** Another import of this install's watchlist is still being read. */
export class ImportInProgressError extends AppError {
  constructor() {
    super('import_in_progress', 409, 'A watchlist import is already running for this install; try again when it ends.');
  }
}

/**
 * An uploaded watchlist file cannot be read at all (unknown format: 415; unreadable: 400).
 * Nothing of the upload is stored. Details name the file and line when known.
 */
export class WatchlistFileRefusedError extends AppError {
  constructor(error: {
    code: 'unsupported_watchlist_format' | 'invalid_watchlist_file';
    message: string;
    file: string | null;
    line: number | null;
  }) {
    super(error.code, error.code === 'unsupported_watchlist_format' ? 415 : 400, error.message, {
      ...(error.file === null ? {} : { file: error.file }),
      ...(error.line === null ? {} : { line: error.line }),
    });
  }
}

/** Approval refused: screening incomplete, a hit open or a hard stop (docs/product.md "Approval needs complete, current screening"); a lead may override. */
export class ApprovalBlockedError extends AppError {
  constructor(blockers: readonly ApprovalBlocker[]) {
    super(
      'approval_blocked',
      409,
      `This case cannot be approved yet: ${blockers.map((b) => b.message).join(' ')} A lead may override with a reason.`,
      { blockers: [...blockers] },
    );
  }
}
