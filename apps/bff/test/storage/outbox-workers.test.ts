import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Alert } from '@kyc-review/contracts';
import { z } from 'zod';
import { createOutboxRepository } from '../../src/db/outbox-repository';
import { createLogger } from '../../src/logging/logger';
import { createOutboxWorker } from '../../src/services/outbox-worker';
import { alertMarker } from '../../src/services/write-back-plan';
import { ENGINES } from '../support/storage-engines';
import { startCloudInstall, type CloudInstall } from './cloud-install';
import { AT } from './storage-fixture';

// Two replicas' outbox workers (the production worker, each on its own connection pool) drain
// one outbox into the Cloud emulator at the same time: every metadata write and every alert
// lands exactly once, whichever replica carried it out (issue 15, decision 022).

const Calls = z.object({ data: z.array(z.object({ method: z.string(), path: z.string(), status: z.number() })) });
const Alerts = z.object({ data: z.array(Alert) });

let cloud: CloudInstall;
beforeAll(async () => {
  cloud = await startCloudInstall({ seed: 11, identities: 30 });
});
afterAll(() => cloud.close());

describe.each(ENGINES)('two replicas’ outbox workers on one $name database', (engine) => {
  it('every write-back and alert lands in Cloud exactly once, and both replicas did part of it', async () => {
    const { first, second, close } = await engine.openTwo();
    try {
      await cloud.control('DELETE', '/calls');
      const actionOf = (identityId: string) => `act_${engine.name}_${identityId}`;
      const writer = createOutboxRepository(first);
      for (const identityId of cloud.identityIds) {
        const step = {
          installedAppId: cloud.installedAppId,
          identityId,
          caseId: `case_${identityId}`,
          actionId: actionOf(identityId),
          state: 'pending' as const,
          reason: null,
          nextAttemptAt: Date.now(),
        };
        const metadata = {
          kyc_status: 'rejected',
          kyc_risk_level: 'high',
          kyc_risk_score: 80,
          kyc_reviewed_at: AT,
          kyc_reviewed_by: 'rvw_1',
          kyc_case_id: step.caseId,
        };
        await writer.insert({ ...step, kind: 'metadata', payload: metadata }, AT);
        const description = `Rejected in KYC review. ${alertMarker(step.actionId)}`;
        await writer.insert({ ...step, kind: 'alert', payload: { title: 'KYC rejected', description } }, AT);
      }

      const logger = createLogger({ level: 'error', sink: () => undefined });
      const workers = [first, second].map((db, n) =>
        createOutboxWorker({
          outbox: createOutboxRepository(db),
          clock: { now: () => new Date() },
          logger,
          clientFor: () => cloud.client,
          workerId: `replica-${String(n)}`,
        }),
      );
      const tried = [0, 0];
      for (;;) {
        const counts = await Promise.all(workers.map((w) => w.runOnce()));
        counts.forEach((n, i) => (tried[i] = (tried[i] ?? 0) + n));
        if (counts.every((n) => n === 0)) break;
      }
      expect(tried.every((n) => n > 0)).toBe(true);
      expect(tried.reduce((a, b) => a + b)).toBe(2 * cloud.identityIds.length);

      const calls = Calls.parse(await cloud.control('GET', '/calls')).data;
      const writes = calls.filter((c) => c.method !== 'GET');
      const metadataWrites = writes.filter((c) => c.path.includes('/metadata'));
      expect(metadataWrites).toHaveLength(cloud.identityIds.length);
      expect(new Set(metadataWrites.map((c) => c.path)).size).toBe(cloud.identityIds.length);
      for (const identityId of cloud.identityIds) {
        const alerts = Alerts.parse(await cloud.control('GET', `/alerts?identity_id=${identityId}`)).data;
        expect(alerts.filter((a) => a.description.includes(alertMarker(actionOf(identityId))))).toHaveLength(1);
      }
      const reader = createOutboxRepository(second);
      for (const identityId of cloud.identityIds) {
        const steps = await reader.forAction(cloud.installedAppId, actionOf(identityId));
        expect(steps.map((s) => [s.kind, s.state, s.attempts])).toEqual([
          ['metadata', 'done', 0],
          ['alert', 'done', 0],
        ]);
      }
    } finally {
      await close();
    }
  });
});
