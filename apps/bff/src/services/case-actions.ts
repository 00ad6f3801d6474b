import { DECISION_FIELDS, type ActionBlocker, type ActionOffer, type AllowedActions } from '@kyc-review/contracts';
import type { HitDispositionRecord } from '../db/hit-disposition-repository';
import { AppError } from '../errors';
import { requireMayActOn } from './assignment-rules';
import type { CaseRecord } from './case-record';
import {
  requireClaimable,
  requireLead,
  requireNothingBlocks,
  requireSecondApprover,
  requireSomethingToOverride,
  requireTransition,
  requireWaitingForInformation,
} from './decision-guards';
import { needsTwoApprovals } from './decision-rules';
import type { Actor } from './reviewer';

// The case DTO's allowed_actions (decision 014): per case and per signed-in reviewer, each
// action with whether it is allowed, why not and what it needs. Every check is one of
// decision-guards.ts, run in the order the service enforcing the action runs it, so the
// first blocker is exactly the refusal the action would get. Computed here only.

export type OfferInput = {
  readonly actor: Actor;
  readonly kase: CaseRecord;
  readonly dispositions: readonly HitDispositionRecord[];
  /** The session's second factor was confirmed within the step-up window. */
  readonly secondFactorFresh: boolean;
};

type Needs = Omit<ActionOffer, 'allowed' | 'blockers'>;
const PLAIN: Needs = { note: 'none', reason_code: false, four_eyes: null, step_up: false };

/** Runs every check; each refusal becomes a blocker with the error's code and message. */
function offer(checks: readonly (() => unknown)[], needs: Needs): ActionOffer {
  const blockers: ActionBlocker[] = [];
  for (const check of checks) {
    try {
      check();
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      blockers.push({ code: error.code, message: error.message });
    }
  }
  return { allowed: blockers.length === 0, blockers, ...needs };
}

/** Which of two approvals this one would be (null: one approval decides). */
const fourEyesOf = (kase: CaseRecord): ActionOffer['four_eyes'] =>
  !needsTwoApprovals(kase) ? null : kase.pendingApproval === null ? 'first_of_two' : 'second_of_two';

export function allowedActionsOf({ actor, kase, dispositions, secondFactorFresh }: OfferInput): AllowedActions {
  const mayAct = () => requireMayActOn(actor, kase);
  const decision = (action: 'reject' | 'request_info' | 'escalate' | 'reopen') =>
    offer([mayAct, () => requireTransition(kase.status, action)], {
      ...PLAIN,
      note: DECISION_FIELDS[action].note,
      reason_code: DECISION_FIELDS[action].reasonCode,
    });
  const fourEyes = fourEyesOf(kase);
  // Leads and admins confirm their second factor for a second approval and for an override.
  const stale = actor.role !== 'reviewer' && !secondFactorFresh;
  return {
    approve: offer(
      [
        mayAct,
        () => requireTransition(kase.status, 'approve'),
        () => requireNothingBlocks(kase, dispositions),
        () => requireSecondApprover(actor, kase),
      ],
      {
        ...PLAIN,
        note: DECISION_FIELDS.approve.note,
        four_eyes: fourEyes,
        step_up: fourEyes === 'second_of_two' && stale,
      },
    ),
    reject: decision('reject'),
    request_info: decision('request_info'),
    escalate: decision('escalate'),
    reopen: decision('reopen'),
    override: offer(
      [
        () => requireLead(actor),
        () => requireSomethingToOverride(kase, dispositions),
        () => requireTransition(kase.status, 'approve'),
        () => requireSecondApprover(actor, kase),
      ],
      { note: 'required', reason_code: true, four_eyes: fourEyes, step_up: stale },
    ),
    claim: offer([() => requireClaimable(actor, kase)], PLAIN),
    assign: offer([() => requireLead(actor)], PLAIN),
    info_received: offer([mayAct, () => requireWaitingForInformation(kase)], { ...PLAIN, note: 'required' }),
  };
}
