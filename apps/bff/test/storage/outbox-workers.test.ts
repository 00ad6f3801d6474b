import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCloudEmulator } from '@kyc-review/cloud-emulator';
import { Alert, Permission } from '@kyc-review/contracts';
import { z } from 'zod';
import { createCloudClient, type InstallCloudClient } from '../../src/cloud/cloud-client';
import { createOutboxRepository } from '../../src/db/outbox-repository';
import { createLogger } from '../../src/logging/logger';
import { createOutboxWorker } from '../../src/services/outbox-worker';
import { alertMarker } from '../../src/services/write-back-plan';
import { ENGINES } from '../support/storage-engines';
import { AT } from './storage-fixture';

// Two replicas' outbox workers (the production worker, each on its own connection pool) drain
// one outbox into the Cloud emulator at the same time: every metadata write and every alert
// lands exactly once, whichever replica carried it out (issue 15, decision 022).

const Calls = z.object({ data: z.array(z.object({ method: z.string(), path: z.string(), status: z.number() })) });
const Alerts = z.object({ data: z.array(Alert) });

let emulator: Awaited<ReturnType<ReturnType<typeof createCloudEmulator>['listen']>>;
let client: InstallCloudClient;
let installedAppId: string;
let identityIds: string[];

const control = async (method: string, path: string): Promise<unknown> => {
  const res = await fetch(`${emulator.url}/_emulator${path}`, { method });
  if (!res.ok) throw new Error(`emulator ${method} ${path} answered ${String(res.status)}`);
  return res.json();
};

beforeAll(async () => {
  const created = createCloudEmulator({ seed: 11, identitiesPerInstance: 30 });
  emulator = await created.listen(0, '127.0.0.1');
  const { install } = await created.control.install(Permission.options);
  installedAppId = install.installed_app_id;
  client = createCloudClient({
    baseUrl: emulator.url,
    timeoutMs: 5_000,
    retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 50 },
  }).forInstall({
    installedAppId,
    instanceId: install.instance_id,
    grantedPermissions: install.granted_permissions,
    apiKey: () => install.api_key,
  });
  identityIds = (await client.listIdentities({ pageSize: 30 })).data.map((i) => i.identity_id);
});

afterAll(async () => {
  await emulator.close();
});

describe.each(ENGINES)('two replicas’ outbox workers on one $name database', (engine) => {
  it('every write-back and alert lands in Cloud exactly once, and both replicas did part of it', async () => {
    const { first, second, close } = await engine.openTwo();
    try {
      await control('DELETE', '/calls');
      const actionOf = (identityId: string) => `act_${engine.name}_${identityId}`;
      const writer = createOutboxRepository(first);
      for (const identityId of identityIds) {
        const step = {
          installedAppId,
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
          clientFor: () => client,
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
      expect(tried.reduce((a, b) => a + b)).toBe(2 * identityIds.length);

      const calls = Calls.parse(await control('GET', '/calls')).data;
      const writes = calls.filter((c) => c.method !== 'GET');
      const metadataWrites = writes.filter((c) => c.path.includes('/metadata'));
      expect(metadataWrites).toHaveLength(identityIds.length);
      expect(new Set(metadataWrites.map((c) => c.path)).size).toBe(identityIds.length);
      for (const identityId of identityIds) {
        const alerts = Alerts.parse(await control('GET', `/alerts?identity_id=${identityId}`)).data;
        expect(alerts.filter((a) => a.description.includes(alertMarker(actionOf(identityId))))).toHaveLength(1);
      }
      const reader = createOutboxRepository(second);
      for (const identityId of identityIds) {
        const steps = await reader.forAction(installedAppId, actionOf(identityId));
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
