import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Alert } from '@kyc-review/contracts';
import { z } from 'zod';
import { createOutboxRepository } from '../../src/db/outbox-repository';
import type { SqlDatabase, SqlExecutor } from '../../src/db/sql/sql';
import { createLogger } from '../../src/logging/logger';
import { createOutboxWorker, LEASE_MS } from '../../src/services/outbox-worker';
import type { NewOutboxStep } from '../../src/services/outbox-step';
import { alertMarker } from '../../src/services/write-back-plan';
import { ENGINES } from '../support/storage-engines';
import type { InstallCloudClient } from '../../src/cloud/cloud-client';
import { startCloudInstall, type CloudInstall } from './cloud-install';
import { AT, NOW_MS } from './storage-fixture';

// The worker holds a claimed batch under one lease and records its outcomes together
// (decision 012): one claim and one record statement for a batch, a renewal only when a slow
// batch runs low on lease, and a batch taken over after its lease ran out records nothing
// while every alert still lands in Cloud exactly once (the next holder looks before flagging).

const Alerts = z.object({ data: z.array(Alert) });
const Calls = z.object({ data: z.array(z.object({ method: z.string(), path: z.string() })) });

let cloud: CloudInstall;
beforeAll(async () => {
  cloud = await startCloudInstall({ seed: 12, identities: 12 });
});
afterAll(() => cloud.close());

/** The database as an executor that keeps the text of every statement it runs. */
function recording(db: SqlDatabase): { sql: SqlExecutor; statements: string[] } {
  const statements: string[] = [];
  const keep = (text: string) => statements.push(text.trim().split(/\s+/).slice(0, 3).join(' '));
  return {
    statements,
    sql: {
      engine: db.engine,
      all: (text, params) => (keep(text), db.all(text, params)),
      one: (text, params) => (keep(text), db.one(text, params)),
      run: (text, params) => (keep(text), db.run(text, params)),
      script: (text) => (keep(text), db.script(text)),
    },
  };
}

function step(identityId: string, kind: 'metadata' | 'alert', tag: string): NewOutboxStep {
  const common = {
    installedAppId: cloud.installedAppId,
    identityId,
    caseId: `case_${tag}_${identityId}`,
    actionId: `act_${tag}_${identityId}`,
    state: 'pending' as const,
    reason: null,
    nextAttemptAt: NOW_MS,
  };
  return kind === 'metadata'
    ? {
        ...common,
        kind,
        payload: {
          kyc_status: 'rejected',
          kyc_risk_level: 'high',
          kyc_risk_score: 80,
          kyc_reviewed_at: AT,
          kyc_reviewed_by: 'rvw_1',
          kyc_case_id: common.caseId,
        },
      }
    : { ...common, kind, payload: { title: 'KYC rejected', description: `Rejected. ${alertMarker(common.actionId)}` } };
}

const alertsFor = async (tag: string, identityId: string) =>
  Alerts.parse(await cloud.control('GET', `/alerts?identity_id=${identityId}`)).data.filter((a) =>
    a.description.includes(alertMarker(`act_${tag}_${identityId}`)),
  ).length;

/** A clock the test moves: `at` is epoch ms. */
const movable = (at: number) => {
  const clock = { at, now: () => new Date(clock.at) };
  return clock;
};

describe.each(ENGINES)('the outbox worker’s batches on $name', (engine) => {
  it('a batch is one claim and one record statement, however many steps it holds', async () => {
    const { first, close } = await engine.openTwo();
    try {
      const tag = `one_${engine.name}`;
      const writer = createOutboxRepository(first);
      for (const id of cloud.identityIds.slice(0, 5)) {
        await writer.insert(step(id, 'metadata', tag), AT);
        await writer.insert(step(id, 'alert', tag), AT);
      }
      const { sql, statements } = recording(first);
      const worker = createOutboxWorker({
        outbox: createOutboxRepository(sql),
        clock: movable(NOW_MS),
        logger: createLogger({ level: 'error', sink: () => undefined }),
        clientFor: () => cloud.client,
      });
      expect(await worker.runOnce()).toBe(10);
      // The metadata steps each read whether a later decision superseded them; nothing else is read or written.
      expect(statements.filter((s) => !s.startsWith('SELECT 1'))).toEqual([
        'UPDATE kyc_outbox SET',
        'UPDATE kyc_outbox SET',
      ]);
      const steps = (
        await Promise.all(
          cloud.identityIds.slice(0, 5).map((id) => writer.forAction(cloud.installedAppId, `act_${tag}_${id}`)),
        )
      ).flat();
      expect(steps.map((s) => [s.kind, s.state, s.attempts])).toEqual(
        cloud.identityIds.slice(0, 5).flatMap(() => [
          ['metadata', 'done', 0],
          ['alert', 'done', 0],
        ]),
      );
      expect(steps.every((s) => s.kind === 'metadata' || s.anomalyId !== null)).toBe(true);
      expect(await worker.runOnce()).toBe(0);
    } finally {
      await close();
    }
  });

  it('a slow batch records what is done and renews the rest once its lease runs low', async () => {
    const { first, close } = await engine.openTwo();
    try {
      const tag = `slow_${engine.name}`;
      const writer = createOutboxRepository(first);
      for (const id of cloud.identityIds.slice(0, 3)) await writer.insert(step(id, 'metadata', tag), AT);
      const clock = movable(NOW_MS);
      // Each write takes 40 s of the worker's clock: the third starts with 40 s of lease left.
      const slow: InstallCloudClient = {
        ...cloud.client,
        updateIdentityMetadata: async (identityId, metadata) => {
          clock.at += 40_000;
          return cloud.client.updateIdentityMetadata(identityId, metadata);
        },
      };
      const { sql, statements } = recording(first);
      const worker = createOutboxWorker({
        outbox: createOutboxRepository(sql),
        clock,
        logger: createLogger({ level: 'error', sink: () => undefined }),
        clientFor: () => slow,
      });
      expect(await worker.runOnce()).toBe(3);
      expect(statements.filter((s) => !s.startsWith('SELECT 1'))).toEqual([
        'UPDATE kyc_outbox SET', // the claim
        'UPDATE kyc_outbox SET', // the first two outcomes
        'UPDATE kyc_outbox SET', // the renewal of the third
        'UPDATE kyc_outbox SET', // its outcome
      ]);
      const done = (
        await Promise.all(
          cloud.identityIds.slice(0, 3).map((id) => writer.forAction(cloud.installedAppId, `act_${tag}_${id}`)),
        )
      ).flat();
      expect(done.map((s) => s.state)).toEqual(['done', 'done', 'done']);
    } finally {
      await close();
    }
  });

  it('a batch taken over after its lease ran out records nothing, and every alert lands once', async () => {
    const { first, second, close } = await engine.openTwo();
    try {
      const tag = `taken_${engine.name}`;
      const ids = cloud.identityIds.slice(5, 9);
      const writer = createOutboxRepository(first);
      for (const id of ids) await writer.insert(step(id, 'alert', tag), AT);
      await cloud.control('DELETE', '/calls');
      const lines: string[] = [];
      const logger = createLogger({ level: 'warn', sink: (line) => lines.push(line) });
      const late = movable(NOW_MS + LEASE_MS + 1);
      const other = createOutboxWorker({
        outbox: createOutboxRepository(second),
        clock: late,
        logger,
        clientFor: () => cloud.client,
        workerId: 'replica-b',
      });
      const clock = movable(NOW_MS);
      let tookOver = 0;
      // The first flag lands, then this worker stalls past its lease: the other replica claims
      // the whole batch (a takeover: look before flagging) and carries it out meanwhile.
      const stalling: InstallCloudClient = {
        ...cloud.client,
        flagAlert: async (identityId, alert) => {
          const flagged = await cloud.client.flagAlert(identityId, alert);
          clock.at = late.at;
          tookOver = await other.runOnce();
          return flagged;
        },
      };
      const worker = createOutboxWorker({
        outbox: createOutboxRepository(first),
        clock,
        logger,
        clientFor: () => stalling,
        workerId: 'replica-a',
      });
      expect(await worker.runOnce()).toBe(ids.length);
      expect(tookOver).toBe(ids.length);
      for (const id of ids) expect(await alertsFor(tag, id), id).toBe(1);
      const flags = Calls.parse(await cloud.control('GET', '/calls')).data.filter((c) => c.method === 'POST');
      expect(flags).toHaveLength(ids.length);
      const steps = (
        await Promise.all(ids.map((id) => writer.forAction(cloud.installedAppId, `act_${tag}_${id}`)))
      ).flat();
      expect(steps.map((s) => [s.state, s.attempts])).toEqual(ids.map(() => ['done', 0]));
      // This worker said it lost every step of its batch, the one it carried out included.
      expect(lines.filter((l) => l.includes('outbox step taken over after its lease ran out'))).toHaveLength(
        ids.length,
      );
    } finally {
      await close();
    }
  });
});
