import { describe, expect, it } from 'vitest';
import { Alert } from '@kyc-review/contracts';
import { z } from 'zod';
import { apiHeaders } from '../support/lifecycle';
import { fileBackedTestbed, installInto, syncedLowRiskCase, type Emulator } from './support/file-backed-app';

// The process dies while an alert flag is in flight: Cloud raised the alert, the answer
// never reached the database. The next process (after the claim's lease) must look for
// the alert before flagging, or the decision would raise a second alert (decision 012).

const Calls = z.object({
  data: z.array(z.object({ id: z.number(), method: z.string(), path: z.string(), status: z.number() })),
});
const Alerts = z.object({ data: z.array(Alert) });

const testbed = fileBackedTestbed();

async function flagCall(e: Emulator) {
  return Calls.parse(await e.control('GET', '/calls')).data.find(
    (c) => c.method === 'POST' && c.path.startsWith('/alerts/flag/'),
  );
}

describe('a crash while an alert is being raised', () => {
  it('the next process finds the alert that landed instead of raising it again', async () => {
    const { emulator: running, dbPath } = await testbed.start();

    const first = testbed.app(running.url, dbPath, '2026-11-22T09:00:00.000Z');
    const installed = await installInto(running, first);
    const target = await syncedLowRiskCase(first, installed);
    const decided = await first.app.request(`/api/cases/${target.identity_id}/decisions`, {
      method: 'POST',
      headers: apiHeaders(installed.session),
      body: JSON.stringify({ action: 'reject', reason_code: 'other', note: 'decided just before the crash' }),
    });
    expect(decided.status).toBe(200);
    await running.control('DELETE', '/calls');

    // Both writes answer slowly (within the client's timeout): the metadata lands (its outcome
    // waits for the batch's one record); the process "dies" (its database goes away) while the
    // flag is in Cloud.
    await running.control('POST', '/faults', { latency_ms: 600, count: 2 });
    const run = first.services.review.outbox.runOnce().catch(() => 'crashed');
    await expect.poll(async () => (await flagCall(running))?.status, { timeout: 5_000 }).toBe(0);
    first.db.close();
    await installed.stop();
    expect(await run).toBe('crashed');
    await expect.poll(async () => (await flagCall(running))?.status, { timeout: 5_000 }).toBe(201);

    // A new process over the same file, once the dead worker's lease ran out: it takes the
    // whole batch over, writes the metadata again (an idempotent merge) and looks before flagging.
    const second = testbed.app(running.url, dbPath, '2026-11-22T09:05:00.000Z');
    await running.control('DELETE', '/calls');
    expect(await second.services.review.outbox.runOnce()).toBe(2);
    const retried = Calls.parse(await running.control('GET', '/calls')).data.filter((c) => c.method === 'POST');
    // The metadata once more, and no second flag.
    expect(retried.map((c) => c.path)).toEqual([`/proxy/${target.identity_id}/metadata`]);
    const alerts = Alerts.parse(await running.control('GET', `/alerts?identity_id=${target.identity_id}`)).data.filter(
      (a) => a.description.includes('[kyc-review '),
    );
    expect(alerts).toHaveLength(1);
    const kase = second.services.review.kyc.cases.get(installed.installedAppId, target.identity_id);
    const steps = second.services.review.kyc.outbox.forAction(installed.installedAppId, kase?.lastActionId ?? '');
    expect(steps.map((s) => [s.kind, s.state, s.anomalyId])).toEqual([
      ['metadata', 'done', null],
      ['alert', 'done', alerts[0]?.anomaly_id],
    ]);
  });
});
