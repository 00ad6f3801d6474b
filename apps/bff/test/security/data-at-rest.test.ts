import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { installEvent, TEST_CALLBACK_SECRET, uninstallEvent } from '../support';
import { buildFileApp } from '../kyc/support/file-backed-app';

// What stays on disk (docs/cloud-contract.md §8): database files only the owner can read, and a destroyed
// key envelope gone from both the database file and its WAL once the uninstall is answered.

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function fileApp() {
  const dir = mkdtempSync(join(tmpdir(), 'kyc-at-rest-'));
  dirs.push(dir);
  const path = join(dir, 'nested', 'kyc.db');
  return { path, ...buildFileApp('http://127.0.0.1:1', path, '2026-11-22T09:00:00.000Z') };
}

const post = (app: ReturnType<typeof fileApp>['app'], body: unknown) =>
  app.request(`/cloud/callback?key=${TEST_CALLBACK_SECRET}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

const onDisk = (path: string) =>
  Buffer.concat([path, `${path}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f))).toString('latin1');

describe('data at rest', () => {
  it('creates the database, its WAL and shared-memory files readable by the owner only', async () => {
    const { app, path, db } = fileApp();
    expect((await post(app, installEvent())).status).toBe(200);
    for (const file of [path, `${path}-wal`, `${path}-shm`]) {
      expect(existsSync(file), file).toBe(true);
      expect(statSync(file).mode & 0o777, file).toBe(0o600);
    }
    expect(db.pragma('secure_delete', { simple: true })).toBe(1);
    db.close();
  });

  it('leaves no byte of a destroyed key envelope in the database file or the WAL after uninstall', async () => {
    const { app, path, db, services } = fileApp();
    const event = installEvent();
    expect((await post(app, event)).status).toBe(200);
    const envelope = (await services.repos.installs.find(event.installed_app_id))?.apiKeyCiphertext ?? '';
    // The envelope's body: base64url text that can only come from this ciphertext.
    const body = envelope.split('.').at(-1) ?? '';
    expect(body.length).toBeGreaterThan(20);
    db.pragma('wal_checkpoint(PASSIVE)');
    expect(onDisk(path)).toContain(body);

    expect((await post(app, uninstallEvent())).status).toBe(200);
    const bytes = onDisk(path);
    expect(bytes).not.toContain(body);
    expect(bytes).not.toContain(envelope.slice(0, 40));
    expect(existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0).toBe(0);
    db.close();
  });
});
