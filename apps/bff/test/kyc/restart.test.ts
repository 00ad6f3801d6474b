import { describe, expect, it } from 'vitest';
import { Identity } from '@kyc-review/contracts';
import { apiHeaders } from '../support/lifecycle';
import { fileBackedTestbed, installInto, syncedLowRiskCase } from './support/file-backed-app';

const testbed = fileBackedTestbed();

describe('a BFF restart with a pending outbox', () => {
  it('the next process over the same SQLite file lands the write-back', async () => {
    const { emulator, dbPath } = await testbed.start();

    const first = testbed.app(emulator.url, dbPath, '2026-11-22T09:00:00.000Z');
    const installed = await installInto(emulator, first);
    const target = await syncedLowRiskCase(first, installed);

    await emulator.control('POST', '/faults', { status: 503, count: 50 });
    const res = await first.app.request(`/api/cases/${target.identity_id}/decisions`, {
      method: 'POST',
      headers: apiHeaders(installed.session),
      body: JSON.stringify({ action: 'reject', reason_code: 'other', note: 'decided before the restart' }),
    });
    expect(res.status).toBe(200);
    await first.services.review.outbox.runOnce();
    await installed.stop();
    first.db.close();

    await emulator.control('DELETE', '/faults');
    const second = testbed.app(emulator.url, dbPath, '2026-11-22T09:05:00.000Z');
    expect(await second.services.review.outbox.runOnce()).toBe(2);
    const identity = Identity.parse(await emulator.control('GET', `/identities/${target.identity_id}`));
    expect(identity.meta_data['kyc_status']).toBe('rejected');
    const kase = second.services.review.kyc.cases.get(installed.installedAppId, target.identity_id);
    const steps = second.services.review.kyc.outbox.forAction(installed.installedAppId, kase?.lastActionId ?? '');
    expect(steps.map((s) => [s.kind, s.state])).toEqual([
      ['metadata', 'done'],
      ['alert', 'done'],
    ]);
  });
});
