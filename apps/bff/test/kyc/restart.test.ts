import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CaseQueueDto, Identity } from '@kyc-review/contracts';
import { apiHeaders } from '../support/lifecycle';
import { buildFileApp, installInto, startEmulator, type Emulator, type FileApp } from './support/file-backed-app';

let emulator: Emulator | undefined;
const apps: FileApp[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) if (app.db.open) app.db.close();
  await emulator?.close();
  emulator = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('a BFF restart with a pending outbox', () => {
  it('the next process over the same SQLite file lands the write-back', async () => {
    emulator = await startEmulator();
    const dir = mkdtempSync(join(tmpdir(), 'kyc-restart-'));
    dirs.push(dir);
    const dbPath = join(dir, 'kyc.db');

    const first = buildFileApp(emulator.url, dbPath, '2026-11-22T09:00:00.000Z');
    apps.push(first);
    const installed = await installInto(emulator, first);
    // The first queue request starts the mirror's sync.
    const started = await first.app.request('/api/cases', { headers: { Cookie: installed.session.cookie } });
    expect(started.status).toBe(200);
    await first.services.review.sync.idle(installed.installedAppId);
    const target = CaseQueueDto.parse(await (await first.app.request('/api/cases?risk_level=low&status=never_reviewed', { headers: { Cookie: installed.session.cookie } })).json()).items[0];
    if (target === undefined) throw new Error('no case to decide');

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
    const second = buildFileApp(emulator.url, dbPath, '2026-11-22T09:05:00.000Z');
    apps.push(second);
    expect(await second.services.review.outbox.runOnce()).toBe(2);
    const identity = Identity.parse(await emulator.control('GET', `/identities/${target.identity_id}`));
    expect(identity.meta_data['kyc_status']).toBe('rejected');
    const kase = second.services.review.kyc.cases.get(installed.installedAppId, target.identity_id);
    const steps = second.services.review.kyc.outbox.forAction(installed.installedAppId, kase?.lastActionId ?? '');
    expect(steps.map((s) => [s.kind, s.state])).toEqual([['metadata', 'done'], ['alert', 'done']]);
  });
});
