import { describe, expect, it } from 'vitest';
import { createOutboxRepository, type OutboxRepository } from '../../src/db/outbox-repository';
import type { NewOutboxStep, OutboxOutcome, OutboxStep } from '../../src/services/outbox-step';
import { ENGINES } from '../support/storage-engines';
import { AT, INSTALL_ID, NOW_MS, useStorage } from './storage-fixture';

// The outbox on both engines (decision 022): the claim holds due steps under a lease, only
// the holder records, an expired lease hands the step to the next claim (looking before
// flagging), and two replicas claiming at once never take the same step.

const LEASE = 120_000;
const METADATA = {
  kyc_status: 'approved',
  kyc_risk_level: 'low',
  kyc_risk_score: 12,
  kyc_reviewed_at: AT,
  kyc_reviewed_by: 'rvw_1',
  kyc_case_id: 'case_1',
};

const metadataStep = (n: number, caseId = `case_${String(n)}`): NewOutboxStep => ({
  installedAppId: INSTALL_ID,
  identityId: `idt_${String(n)}`,
  caseId,
  actionId: `act_${String(n)}`,
  state: 'pending',
  reason: null,
  nextAttemptAt: NOW_MS,
  kind: 'metadata',
  payload: { ...METADATA, kyc_case_id: caseId },
});

const alertStep = (n: number, caseId = `case_${String(n)}`): NewOutboxStep => ({
  ...metadataStep(n, caseId),
  kind: 'alert',
  payload: { title: 'KYC rejected', description: `[kyc-review act_${String(n)}]` },
});

const done = (step: OutboxStep): OutboxOutcome => ({
  state: 'done',
  reason: null,
  attempts: step.attempts + 1,
  lastErrorCode: null,
  nextAttemptAt: null,
  outcomeUnknown: false,
  anomalyId: step.kind === 'alert' ? `anm_${String(step.outboxId)}` : null,
  doneAt: AT,
});

const claim = (outbox: OutboxRepository, holder: string, nowMs = NOW_MS, limit = 25) =>
  outbox.claimDue({ holder, nowMs, leaseMs: LEASE, limit });

/** Records one step's outcome for `holder`: whether it was written. */
const recordOne = async (outbox: OutboxRepository, step: OutboxStep, holder: string, outcome = done(step)) =>
  (await outbox.record(holder, [{ outboxId: step.outboxId, outcome }], AT)).has(step.outboxId);

describe.each(ENGINES)('the outbox on $name', (engine) => {
  const { storage } = useStorage(engine);

  it('stores a step with its content and reads a decision’s steps back as domain records', async () => {
    const { outbox } = storage();
    await outbox.insert(metadataStep(1), AT);
    await outbox.insert(alertStep(1), AT);
    await outbox.insert({ ...alertStep(2), state: 'not_needed', payload: null, nextAttemptAt: null }, AT);
    const steps = await outbox.forAction(INSTALL_ID, 'act_1');
    expect(steps.map((s) => [s.kind, s.state, s.attempts, s.outcomeUnknown, s.nextAttemptAt])).toEqual([
      ['metadata', 'pending', 0, false, NOW_MS],
      ['alert', 'pending', 0, false, NOW_MS],
    ]);
    expect(steps[0]?.payload).toEqual(METADATA);
    expect((await outbox.forAction(INSTALL_ID, 'act_2'))[0]?.payload).toBeNull();
  });

  it('a claim takes due steps oldest first, up to its limit, and holds them from every other claim', async () => {
    const { outbox } = storage();
    for (const n of [1, 2, 3]) await outbox.insert(metadataStep(n), AT);
    await outbox.insert({ ...metadataStep(4), nextAttemptAt: NOW_MS + 1 }, AT);
    await outbox.insert({ ...metadataStep(5), state: 'done', nextAttemptAt: null }, AT);
    expect((await claim(outbox, 'a', NOW_MS, 2)).map((s) => s.actionId)).toEqual(['act_1', 'act_2']);
    expect((await claim(outbox, 'b')).map((s) => s.actionId)).toEqual(['act_3']);
    expect(await claim(outbox, 'c', NOW_MS + 10)).toMatchObject([{ actionId: 'act_4' }]);
    expect(await claim(outbox, 'd', NOW_MS + LEASE - 1)).toEqual([]);
  });

  it('only the holder records; recording releases the step, and a recorded step is not claimed again', async () => {
    const { outbox } = storage();
    await outbox.insert(metadataStep(1), AT);
    const [step] = await claim(outbox, 'a');
    if (step === undefined) throw new Error('nothing claimed');
    expect(await recordOne(outbox, step, 'b')).toBe(false);
    expect(await recordOne(outbox, step, 'a')).toBe(true);
    expect(await recordOne(outbox, step, 'a')).toBe(false);
    expect(await outbox.forAction(INSTALL_ID, 'act_1')).toMatchObject([{ state: 'done', attempts: 1 }]);
    expect(await claim(outbox, 'c', NOW_MS + 10 * LEASE)).toEqual([]);
  });

  it('a holder that stops mid-step loses the step when its lease runs out; the next claim looks before flagging', async () => {
    const { outbox } = storage();
    await outbox.insert(metadataStep(1), AT);
    await outbox.insert(alertStep(1), AT);
    const first = await claim(outbox, 'dead');
    expect(first.map((s) => [s.kind, s.outcomeUnknown])).toEqual([
      ['metadata', false],
      ['alert', false],
    ]);
    // The holder "dies": it never records. Until the lease ends nobody else takes the steps.
    expect(await claim(outbox, 'next', NOW_MS + LEASE - 1)).toEqual([]);
    const retried = await claim(outbox, 'next', NOW_MS + LEASE);
    // The flag may have reached Cloud: look first. A metadata write is idempotent: no look needed.
    expect(retried.map((s) => [s.kind, s.outcomeUnknown])).toEqual([
      ['metadata', false],
      ['alert', true],
    ]);
    // The stopped holder, coming back late, can neither renew nor overwrite what the next one does.
    for (const step of first) {
      expect((await outbox.renew('dead', NOW_MS + 2 * LEASE)).size).toBe(0);
      expect(await recordOne(outbox, step, 'dead')).toBe(false);
    }
    for (const step of retried) expect(await recordOne(outbox, step, 'next')).toBe(true);
    expect((await outbox.forAction(INSTALL_ID, 'act_1')).map((s) => [s.state, s.attempts])).toEqual([
      ['done', 1],
      ['done', 1],
    ]);
  });

  it('a batch’s outcomes are recorded in one statement, each only where the claim still holds it', async () => {
    const { outbox } = storage();
    for (const n of [1, 2, 3]) await outbox.insert(n === 2 ? alertStep(n) : metadataStep(n), AT);
    const batch = await claim(outbox, 'a');
    // The lease ran out while the batch was slow: another claim took the first step over.
    expect((await claim(outbox, 'b', NOW_MS + LEASE, 1)).map((s) => s.actionId)).toEqual(['act_1']);
    const outcomes = batch.map((step) => ({ outboxId: step.outboxId, outcome: done(step) }));
    const recorded = await outbox.record('a', outcomes, AT);
    expect([...recorded].sort((x, y) => x - y)).toEqual(batch.slice(1).map((s) => s.outboxId));
    // Released: the claim holds nothing more to renew; the taken-over step is still b's to record.
    expect((await outbox.renew('a', NOW_MS + 2 * LEASE)).size).toBe(0);
    expect(await outbox.forAction(INSTALL_ID, 'act_1')).toMatchObject([{ state: 'pending', attempts: 0 }]);
    expect(await outbox.forAction(INSTALL_ID, 'act_2')).toMatchObject([
      { kind: 'alert', state: 'done', attempts: 1, anomalyId: `anm_${String(batch[1]?.outboxId)}`, doneAt: AT },
    ]);
    const [taken] = await outbox.forAction(INSTALL_ID, 'act_1');
    if (taken === undefined) throw new Error('no step');
    expect(await recordOne(outbox, taken, 'b')).toBe(true);
    expect(await outbox.record('a', [], AT)).toEqual(new Set());
  });

  it('a renewed lease keeps the step held past the first lease; a failed attempt comes due again after release', async () => {
    const { outbox } = storage();
    await outbox.insert(alertStep(1), AT);
    const [step] = await claim(outbox, 'a');
    if (step === undefined) throw new Error('nothing claimed');
    expect(await outbox.renew('a', NOW_MS + 2 * LEASE)).toEqual(new Set([step.outboxId]));
    expect(await claim(outbox, 'b', NOW_MS + LEASE + 1)).toEqual([]);
    const retryAt = NOW_MS + 2 * LEASE + 5_000;
    const failed: OutboxOutcome = { ...done(step), state: 'pending', nextAttemptAt: retryAt, doneAt: null };
    expect(await recordOne(outbox, step, 'a', failed)).toBe(true);
    // Released by its holder: the retry is an ordinary claim, not a takeover (no look needed).
    expect(await claim(outbox, 'b', retryAt)).toMatchObject([{ outboxId: step.outboxId, outcomeUnknown: false }]);
  });

  it('a case’s metadata waits while its earlier metadata is held, and a later one supersedes it', async () => {
    const { outbox } = storage();
    await outbox.insert(metadataStep(1, 'case_x'), AT);
    const [earlier] = await claim(outbox, 'a');
    if (earlier === undefined) throw new Error('nothing claimed');
    expect(await outbox.hasLaterMetadata(earlier)).toBe(false);
    await outbox.insert(metadataStep(2, 'case_x'), AT);
    await outbox.insert(alertStep(2, 'case_x'), AT);
    await outbox.insert(metadataStep(3, 'case_y'), AT);
    expect(await outbox.hasLaterMetadata(earlier)).toBe(true);
    // The alert and the other case's metadata go; case_x's second metadata waits for the first.
    expect((await claim(outbox, 'b')).map((s) => [s.kind, s.actionId])).toEqual([
      ['alert', 'act_2'],
      ['metadata', 'act_3'],
    ]);
    await recordOne(outbox, earlier, 'a', { ...done(earlier), state: 'not_needed' });
    expect((await claim(outbox, 'c')).map((s) => s.actionId)).toEqual(['act_2']);
  });
});

describe.each(ENGINES)('two replicas draining one outbox on $name', (engine) => {
  it('claiming concurrently, every step is carried out and recorded exactly once', async () => {
    const { first, second, close } = await engine.openTwo();
    try {
      const replicas = [createOutboxRepository(first), createOutboxRepository(second)];
      const writer = createOutboxRepository(first);
      const steps = 240;
      // Most on cases of their own; every fifth shares a case with the step before it.
      for (let n = 1; n <= steps; n++) {
        const caseId = `case_${String(n % 5 === 0 ? n - 1 : n)}`;
        await writer.insert(n % 2 === 0 ? alertStep(n, caseId) : metadataStep(n, caseId), AT);
      }
      const carriedOut = new Map<number, string[]>();
      // Three workers per replica, each claiming small batches until nothing is due.
      const worker = async (outbox: OutboxRepository, name: string) => {
        for (let round = 0; ; round++) {
          const claimed = await claim(outbox, `${name}#${String(round)}`, NOW_MS, 7);
          if (claimed.length === 0) return;
          for (const step of claimed) {
            carriedOut.set(step.outboxId, [...(carriedOut.get(step.outboxId) ?? []), name]);
            expect(await recordOne(outbox, step, `${name}#${String(round)}`)).toBe(true);
          }
        }
      };
      // Rounds of claims: a metadata step that waited on its case's earlier one is due on the next.
      for (let pass = 0; pass < 3; pass++)
        await Promise.all(
          replicas.flatMap((outbox, r) => [0, 1, 2].map((w) => worker(outbox, `replica${String(r)}.${String(w)}`))),
        );
      expect(carriedOut.size).toBe(steps);
      expect([...carriedOut.values()].filter((by) => by.length !== 1)).toEqual([]);
      // Both replicas did part of the work.
      const byReplica = new Set([...carriedOut.values()].map((by) => by[0]?.split('.')[0]));
      expect(byReplica).toEqual(new Set(['replica0', 'replica1']));
      const reader = createOutboxRepository(second);
      const all = await Promise.all(
        Array.from({ length: steps }, (_, i) => reader.forAction(INSTALL_ID, `act_${String(i + 1)}`)),
      );
      expect(all.flat().filter((s) => s.state !== 'done' || s.attempts !== 1)).toEqual([]);
    } finally {
      await close();
    }
  });
});
