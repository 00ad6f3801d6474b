import { z } from 'zod';
import { ERROR_CODES } from '../errors';

// What the signed-in reviewer is offered on a case, action by action (decision 014): the
// BFF says whether each is allowed, why not, and what it needs, from the same checks that
// refuse it, so the SPA shows the offer and never restates a rule.

/** Every action a case offers: the decisions, a lead's override, and the assignment and information steps. */
export const CaseAction = z.enum([
  'approve',
  'reject',
  'request_info',
  'escalate',
  'reopen',
  'override',
  'claim',
  'assign',
  'info_received',
]);
export type CaseAction = z.infer<typeof CaseAction>;

/** Why an action is not offered: the error code and message the BFF would refuse it with now. */
export const ActionBlocker = z.object({ code: z.enum(ERROR_CODES), message: z.string() });
export type ActionBlocker = z.infer<typeof ActionBlocker>;

export const ActionOffer = z.object({
  allowed: z.boolean(),
  /**
   * Why not, in the order the BFF checks (empty when allowed): the first is the refusal the
   * action gets now; the others are what would still stand after it.
   */
  blockers: z.array(ActionBlocker),
  /** The body's note: required, optional, or none taken. */
  note: z.enum(['required', 'optional', 'none']),
  /** The body must carry a reason code (a rejection's, an override's). */
  reason_code: z.boolean(),
  /** An approval under four eyes: this one is the first or the second of two; null: one approval decides. */
  four_eyes: z.enum(['first_of_two', 'second_of_two']).nullable(),
  /**
   * A fresh second-factor confirmation is needed first: until it is given the BFF answers
   * 401 step_up_required, whatever else the offer says.
   */
  step_up: z.boolean(),
});
export type ActionOffer = z.infer<typeof ActionOffer>;

/** One offer per action, every action present. */
export const AllowedActions = z.record(CaseAction, ActionOffer);
export type AllowedActions = z.infer<typeof AllowedActions>;
