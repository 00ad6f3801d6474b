import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RiskAssessment } from '@kyc-review/contracts';
import { z } from 'zod';
import { createCaseRepository } from '../../src/db/case-repository';
import { migrate } from '../../src/db/migrate';
import { openDatabase, type Db } from '../../src/db/open-database';
import type { DecisionRecord, PendingApproval } from '../../src/services/case-record';

// The case repository hands back the services' domain records (camelCase, typed), while
// the JSON columns keep the snake_case spelling every stored row has had: a row written
// before this seam existed still reads, and what is written now reads the same way back.

let db: Db;
beforeEach(() => {
  db = openDatabase(':memory:');
  migrate(db);
});
afterEach(() => db.close());

const AT = '2026-03-01T10:00:00.000Z';

function insertCase(cases: ReturnType<typeof createCaseRepository>) {
  cases.insert({
    caseId: 'case-1',
    installedAppId: 'inst',
    identityId: 'idt_1',
    status: 'new',
    summary: {
      displayName: 'Ada Lovelace',
      searchText: 'ada lovelace',
      identityType: 'individual',
      country: 'GB',
      createdAt: AT,
      kycStatus: null,
      kycReviewedAt: null,
      kycRiskLevel: null,
    },
    assessment: { checks: [], hits: [], risk: RiskAssessment.parse({ score: 0.8, level: 'high', reasons: [] }) },
    openHits: 0,
    stamp: { fingerprint: 'f', watchlistVersion: 0, settingsVersion: 0, assessedAt: AT },
    at: AT,
  });
}

const Columns = z.object({ pending_approval: z.string().nullable(), last_decision: z.string().nullable() });

describe('case repository', () => {
  it('stores decisions as snake_case JSON and returns them as domain records', () => {
    const cases = createCaseRepository(db);
    insertCase(cases);
    const override = {
      reasonCode: 'documented_exception',
      note: 'Board minute 12',
      by: 'rev_lead',
      byName: 'Lena Lead',
      at: AT,
      blockers: [{ code: 'hard_stop', stop: 'confirmed_sanctions_hit', message: 'Confirmed sanctions hit' }],
    } as const;
    const pending: PendingApproval = {
      firstReviewerId: 'rev_lead',
      firstReviewerName: 'Lena Lead',
      approvedAt: AT,
      note: 'first',
      override,
    };
    const decision: DecisionRecord = {
      decisionId: 'dec_1',
      action: 'approve',
      reasonCode: null,
      note: 'first',
      decidedBy: 'rev_lead',
      decidedByName: 'Lena Lead',
      decidedAt: AT,
      statusAfter: 'in_review',
      override,
    };
    const applied = cases.applyDecision({
      installedAppId: 'inst',
      identityId: 'idt_1',
      expectedVersion: 1,
      status: 'in_review',
      pendingApproval: pending,
      fourEyes: { reason: 'high_risk_approval', reviewerId: 'rev_lead', reviewerName: 'Lena Lead', at: AT },
      lastDecision: decision,
      lastActionId: 'dec_1',
      at: AT,
    });
    expect(applied).toBe(true);
    const kase = cases.get('inst', 'idt_1');
    expect(kase).toMatchObject({ status: 'in_review', version: 2, pendingApproval: pending, lastDecision: decision });
    expect(kase?.fourEyes).toEqual({
      reason: 'high_risk_approval',
      reviewerId: 'rev_lead',
      reviewerName: 'Lena Lead',
      at: AT,
    });
    const raw = Columns.parse(
      db.prepare('SELECT pending_approval, last_decision FROM kyc_cases WHERE case_id = ?').get('case-1'),
    );
    expect(JSON.parse(raw.pending_approval ?? 'null')).toMatchObject({
      first_reviewer: 'rev_lead',
      approved_at: AT,
      override: { reason_code: 'documented_exception', by_name: 'Lena Lead' },
    });
    expect(JSON.parse(raw.last_decision ?? 'null')).toMatchObject({ decision_id: 'dec_1', status_after: 'in_review' });
    // A stale version is refused and changes nothing.
    expect(
      cases.applyDecision({
        installedAppId: 'inst',
        identityId: 'idt_1',
        expectedVersion: 1,
        status: 'approved',
        pendingApproval: null,
        fourEyes: null,
        lastDecision: null,
        lastActionId: null,
        at: AT,
      }),
    ).toBe(false);
    expect(cases.get('inst', 'idt_1')?.status).toBe('in_review');
  });

  it('reads rows written before names and overrides were recorded', () => {
    const cases = createCaseRepository(db);
    insertCase(cases);
    db.prepare('UPDATE kyc_cases SET pending_approval = ?, last_decision = ? WHERE case_id = ?').run(
      JSON.stringify({ first_reviewer: 'usr_1', approved_at: AT, note: null }),
      JSON.stringify({
        decision_id: 'dec_0',
        action: 'approve',
        reason_code: null,
        note: null,
        decided_by: 'usr_1',
        decided_at: AT,
        status_after: 'in_review',
      }),
      'case-1',
    );
    const kase = cases.get('inst', 'idt_1');
    expect(kase?.pendingApproval).toEqual({
      firstReviewerId: 'usr_1',
      firstReviewerName: null,
      approvedAt: AT,
      note: null,
      override: null,
    });
    expect(kase?.lastDecision).toMatchObject({ decisionId: 'dec_0', decidedByName: null, override: null });
  });

  it('keeps the last final decision’s time and level for periodic review', () => {
    const cases = createCaseRepository(db);
    insertCase(cases);
    cases.markDecided('inst', 'idt_1', AT, 'medium');
    expect(cases.get('inst', 'idt_1')).toMatchObject({ decidedAt: AT, decidedLevel: 'medium' });
  });

  it('refuses a JSON column that does not have the stored shape', () => {
    const cases = createCaseRepository(db);
    insertCase(cases);
    db.prepare('UPDATE kyc_cases SET four_eyes = ? WHERE case_id = ?').run('{"reason":"because"}', 'case-1');
    expect(() => cases.get('inst', 'idt_1')).toThrow(
      'The kyc_cases.four_eyes column does not have the expected shape.',
    );
  });
});
