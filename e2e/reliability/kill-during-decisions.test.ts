import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseDetailDto, type CaseSummaryDto } from '@kyc-review/contracts';
import { alertsByAction, cloudMetadata, eventually, identityCount } from '../support/cloud-state';
import { caseRows, decisionAudit, outboxRows } from '../support/db-file';
import { api, envelopeCode, installAndSignIn, syncedQueue, type Reviewer } from '../support/review-session';
import { startStack, type Stack } from '../support/stack';

// kill -9 of the production BFF while 500 decisions are in flight, then a restart over
// the same SQLite file (decisions 011, 012): every decision answered 2xx is stored with
// its audit row and outbox rows, nothing is half-written, and the outbox then drains to
// Cloud with each alert raised once. The first process runs with its outbox worker
// paused, so the kill interrupts decisions only: a step claimed by a killed worker is
// leased for two minutes by design, longer than this test may wait.

const DECISIONS = 500;
const KILL_AFTER_ACKS = 150;

type Planned = { identityId: string; body: { action: string; note?: string } };
type Acked = { identityId: string; decisionId: string; action: string };

let stack: Stack;
let reviewer: Reviewer;
beforeAll(async () => {
  stack = await startStack({ identitiesPerInstance: 300, firstBffEnv: { OUTBOX_INTERVAL_MS: '3600000' } });
  reviewer = await installAndSignIn(stack);
});
afterAll(async () => stack.close());

/**
 * Two decisions per case, sent back to back so they race: low risk is approved (no four
 * eyes) then escalated (a 409: approved is closed); medium asks for information then
 * escalates; high escalates then asks for information (each second one supersedes).
 */
function plan(open: readonly CaseSummaryDto[]): Planned[] {
  const first = { low: 'approve', medium: 'request_info', high: 'escalate' } as const;
  const second = { low: 'escalate', medium: 'escalate', high: 'request_info' } as const;
  return Array.from({ length: DECISIONS }, (_, i) => {
    const kase = open[Math.floor(i / 2) % open.length];
    if (kase === undefined) throw new Error('no open case');
    const action = (i % 2 === 0 ? first : second)[kase.risk_level];
    return {
      identityId: kase.identity_id,
      body: action === 'approve' ? { action } : { action, note: `crash test decision ${String(i)}` },
    };
  });
}

/** The answer's status and body; null when the process died before answering, a null body when it died mid-body. */
async function sendDecision(
  identityId: string,
  body: Planned['body'],
): Promise<{ status: number; text: string | null } | null> {
  let res: Response;
  try {
    res = await api(stack, reviewer, `/api/cases/${identityId}/decisions`, { method: 'POST', body });
  } catch {
    return null;
  }
  try {
    return { status: res.status, text: await res.text() };
  } catch {
    return { status: res.status, text: null };
  }
}

describe('kill -9 in the middle of 500 concurrent decisions', () => {
  it('keeps every acknowledged decision, a consistent audit trail, and drains the outbox after a restart', async () => {
    const queue = await syncedQueue(stack, reviewer, await identityCount(stack, reviewer));
    const open = queue.filter((c) => c.status === 'new');
    expect(open.length).toBeGreaterThan(100);

    const acked: Acked[] = [];
    const refused: string[] = [];
    const cutOff: string[] = [];
    const kill: { done: Promise<void> | null } = { done: null };
    const answers = plan(open).map(async ({ identityId, body }) => {
      const answer = await sendDecision(identityId, body);
      if (answer === null) return; // the connection died with the process: not acknowledged
      const { status, text } = answer;
      // A 200 whose body was cut off still counts: the status alone tells the SPA it was stored.
      if (status === 200 && text === null) cutOff.push(identityId);
      if (text === null) return;
      if (status === 200) {
        const decision = CaseDetailDto.parse(JSON.parse(text)).case.last_decision;
        if (decision === null) throw new Error('a 200 without the decision');
        acked.push({ identityId, decisionId: decision.decision_id, action: decision.action });
        if (acked.length === KILL_AFTER_ACKS) kill.done = stack.bff.kill('SIGKILL');
      } else {
        // Two decisions racing on one case: the loser is a 409, never a 500.
        expect(status).toBe(409);
        refused.push(envelopeCode(status, text));
      }
    });
    await Promise.all(answers);
    expect(kill.done).not.toBeNull();
    await kill.done;
    expect(acked.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
    expect(acked.length + refused.length).toBeLessThan(DECISIONS);

    await stack.startBff();
    const install = reviewer.installedAppId;

    // Every acknowledged decision: exactly one audit row, its two outbox rows.
    const audit = decisionAudit(stack.dir, install);
    const outbox = outboxRows(stack.dir, install);
    const auditIds = audit.map((row) => row.decision_id);
    expect(new Set(auditIds).size).toBe(auditIds.length);
    for (const decision of acked)
      expect(
        auditIds.filter((id) => id === decision.decisionId),
        decision.decisionId,
      ).toHaveLength(1);
    for (const identityId of cutOff)
      expect(
        audit.some((row) => row.identity_id === identityId),
        identityId,
      ).toBe(true);
    // No orphans either way: each audited decision has both steps, each step an audited decision.
    const decisionSteps = outbox.filter((row) => row.action_id.startsWith('dec_'));
    expect(decisionSteps).toHaveLength(2 * audit.length);
    expect(new Set(decisionSteps.map((row) => row.action_id))).toEqual(new Set(auditIds));
    // Each case shows the last decision of its own audit trail.
    const lastAudited = new Map(audit.map((row) => [row.identity_id, row.decision_id]));
    for (const kase of caseRows(stack.dir, install).filter((c) => lastAudited.has(c.identity_id))) {
      expect(kase.last_decision_id, kase.identity_id).toBe(lastAudited.get(kase.identity_id));
    }

    // The API of the new process shows the acknowledged decisions too.
    for (const decision of acked.slice(0, 20)) {
      const history = await (await api(stack, reviewer, `/api/cases/${decision.identityId}/history`)).text();
      expect(history).toContain(decision.decisionId);
    }

    // The outbox drains: nothing pending or failing, within a bound.
    await eventually(
      () => outboxRows(stack.dir, install).every((row) => row.state !== 'pending' && row.state !== 'failing'),
      () =>
        JSON.stringify(
          outboxRows(stack.dir, install)
            .filter((row) => row.state === 'pending' || row.state === 'failing')
            .slice(0, 3),
        ),
      90_000,
    );
    const drained = outboxRows(stack.dir, install);
    expect(drained.filter((row) => row.state === 'skipped')).toEqual([]);

    // Cloud has each case's final status as metadata, and one alert per alert step.
    const metadata = await cloudMetadata(stack, reviewer);
    for (const kase of caseRows(stack.dir, install).filter((c) => lastAudited.has(c.identity_id))) {
      expect(metadata.get(kase.identity_id)?.['kyc_status'], kase.identity_id).toBe(kase.status);
    }
    const alerts = await alertsByAction(stack);
    for (const step of drained.filter((row) => row.kind === 'alert' && row.state === 'done')) {
      expect(alerts.get(step.action_id), step.action_id).toBe(1);
    }
  });
});
