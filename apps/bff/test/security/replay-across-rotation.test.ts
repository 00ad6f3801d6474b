import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { installEvent, TEST_CALLBACK_SECRET, TEST_ENCRYPTION_KEY, uninstallEvent } from '../support';
import { buildFileApp } from '../kyc/support/file-backed-app';

// Replays of old callback events after APP_ENCRYPTION_KEY is rotated (docs/cloud-contract.md §8): the
// rotation must not make an old event look new.

const NEW_KEY = Buffer.alloc(32, 9).toString('base64');
const ROTATED = { APP_ENCRYPTION_KEY: `k2:${NEW_KEY},k1:${TEST_ENCRYPTION_KEY}` };

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function database(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kyc-rotation-'));
  dirs.push(dir);
  return join(dir, 'kyc.db');
}

type FileApp = ReturnType<typeof buildFileApp>;
async function send(app: FileApp, body: unknown) {
  const res = await app.app.request(`/cloud/callback?key=${TEST_CALLBACK_SECRET}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { outcome?: string; error?: { code: string } } };
}

describe('replays across a key rotation', () => {
  it('a replayed old uninstall does not remove the current install', async () => {
    const path = database();
    const before = buildFileApp('http://127.0.0.1:1', path, '2026-11-22T09:00:00.000Z');
    await send(before, installEvent({ api_key: 'blnk_first_key_000000000000000001' }));
    const oldUninstall = uninstallEvent({ uninstalled_at: '2026-11-22T10:00:00Z' });
    expect((await send(before, oldUninstall)).body.outcome).toBe('uninstalled');
    before.clock.set('2026-11-23T09:00:00.000Z');
    const reinstall = installEvent({ api_key: 'blnk_second_key_00000000000000002' });
    expect((await send(before, reinstall)).body.outcome).toBe('reactivated');
    before.db.close();

    const after = buildFileApp('http://127.0.0.1:1', path, '2026-11-24T09:00:00.000Z', ROTATED);
    expect((await send(after, oldUninstall)).body.outcome).toBe('duplicate');
    expect((await after.services.repos.installs.find(reinstall.installed_app_id))?.status).toBe('active');
    expect(after.services.installs.keyHandle(reinstall.installed_app_id).apiKey()).toBe(reinstall.api_key);
    after.db.close();
  });

  it('a replayed old install does not revive a revoked key', async () => {
    const path = database();
    const before = buildFileApp('http://127.0.0.1:1', path, '2026-11-22T09:00:00.000Z');
    const first = installEvent({ api_key: 'blnk_first_key_000000000000000001' });
    await send(before, first);
    before.clock.set('2026-11-22T11:00:00.000Z');
    const second = installEvent({ api_key: 'blnk_second_key_00000000000000002' });
    expect((await send(before, second)).body.outcome).toBe('replaced');
    expect((await send(before, uninstallEvent({ uninstalled_at: '2026-11-22T12:00:00Z' }))).body.outcome).toBe(
      'uninstalled',
    );
    before.db.close();

    const after = buildFileApp('http://127.0.0.1:1', path, '2026-11-24T09:00:00.000Z', ROTATED);
    expect((await send(after, first)).body.outcome).toBe('duplicate');
    expect((await after.services.repos.installs.find(first.installed_app_id))?.status).toBe('uninstalled');
    // A genuinely new install after the rotation still activates, under the new key.
    const third = installEvent({ api_key: 'blnk_third_key_000000000000000003' });
    expect((await send(after, third)).body.outcome).toBe('reactivated');
    expect((await after.services.repos.installs.find(first.installed_app_id))?.apiKeyCiphertext).toMatch(/^v1\.k2\./);
    after.db.close();
  });

  it('refuses, with 409 and nothing stored, an uninstall dated over a minute before the current activation', async () => {
    const app = buildFileApp('http://127.0.0.1:1', database(), '2026-11-22T09:00:00.000Z');
    const event = installEvent();
    await send(app, event);
    const early = await send(app, uninstallEvent({ uninstalled_at: '2026-11-22T08:58:59Z' }));
    expect(early).toMatchObject({ status: 409, body: { error: { code: 'stale_event' } } });
    expect((await app.services.repos.installs.find(event.installed_app_id))?.status).toBe('active');
    expect(await app.services.repos.callbackEvents.outcomesFor(event.installed_app_id)).toEqual(['installed']);
    // Cloud's clock a few seconds behind ours is not a replay.
    const skewed = await send(app, uninstallEvent({ uninstalled_at: '2026-11-22T08:59:50Z' }));
    expect(skewed.body.outcome).toBe('uninstalled');
    app.db.close();
  });
});
