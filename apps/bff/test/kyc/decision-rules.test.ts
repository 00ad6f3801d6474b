import { describe, expect, it } from 'vitest';
import { CaseStatus, DecisionAction } from '@kyc-review/contracts';
import { allowedActions, nextStatus } from '../../src/services/decision-rules';

// The whole state machine, cell by cell: a change to a transition must change this table.
const TABLE: Record<CaseStatus, Partial<Record<DecisionAction, CaseStatus>>> = {
  new: { approve: 'approved', reject: 'rejected', request_info: 'info_requested', escalate: 'escalated' },
  in_review: { approve: 'approved', reject: 'rejected', request_info: 'info_requested', escalate: 'escalated' },
  info_requested: { approve: 'approved', reject: 'rejected', escalate: 'escalated' },
  escalated: { approve: 'approved', reject: 'rejected', request_info: 'info_requested' },
  approved: { reopen: 'in_review' },
  rejected: { reopen: 'in_review' },
  needs_rereview: { approve: 'approved', reject: 'rejected', request_info: 'info_requested', escalate: 'escalated' },
};

describe('the review state machine', () => {
  for (const status of CaseStatus.options) {
    for (const action of DecisionAction.options) {
      const expected = TABLE[status][action] ?? null;
      it(`${status} + ${action} → ${expected ?? 'invalid'}`, () => {
        expect(nextStatus(status, action)).toBe(expected);
        expect(allowedActions(status).includes(action)).toBe(expected !== null);
      });
    }
  }

  it('re-opening is the only way out of a closed case', () => {
    expect(allowedActions('approved')).toEqual(['reopen']);
    expect(allowedActions('rejected')).toEqual(['reopen']);
    expect(allowedActions('new')).not.toContain('reopen');
  });
});
