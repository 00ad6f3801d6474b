import { Identity } from '@kyc-review/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { createKycRepositories } from '../../src/db/kyc-repositories';
import type { EmulatorBackedApp, InstalledSession } from '../support/emulator-app';
import { createReviewEnv, installSynced } from './support/review-env';

// A sync slice writes its identities in one transaction without a savepoint each; when one
// throws, the slice is written again with a savepoint per identity and only that one is
// skipped (decision 019).

let env: EmulatorBackedApp | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

async function createIdentity(e: EmulatorBackedApp, installed: InstalledSession, firstName: string) {
  const res = await fetch(`${e.emulatorUrl}/proxy/identities?instance_id=${installed.instanceId}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${installed.apiKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      identity_type: 'individual',
      first_name: firstName,
      last_name: 'Slicewright',
      email_address: `${firstName.toLowerCase()}@slices.example.org`,
      country: 'United Kingdom',
    }),
  });
  expect(res.status).toBe(201);
  return Identity.parse(await res.json()).identity_id;
}

async function resync(e: EmulatorBackedApp, installed: InstalledSession) {
  expect((await installed.rpc.api.cases.refresh.$post()).status).toBe(202);
  await e.t.services.review.sync.idle(installed.installedAppId);
}

describe('sync slices', () => {
  it('an identity that throws is skipped alone: the rest of its slice is written, and it syncs once it can', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    const [before, poisoned, after] = [
      await createIdentity(env, installed, 'Ada'),
      await createIdentity(env, installed, 'Bea'),
      await createIdentity(env, installed, 'Cy'),
    ];
    env.t.db.exec(`CREATE TEMP TRIGGER poison BEFORE INSERT ON main.kyc_cases WHEN NEW.identity_id = '${poisoned}'
      BEGIN SELECT RAISE(ABORT, 'poisoned'); END;`);
    await resync(env, installed);

    const kyc = createKycRepositories(env.t.db);
    expect(kyc.cases.get(installed.installedAppId, before)?.status).toBe('new');
    expect(kyc.cases.get(installed.installedAppId, after)?.status).toBe('new');
    // Its savepoint kept its mirror row out too.
    expect(kyc.cases.get(installed.installedAppId, poisoned)).toBeNull();
    expect(kyc.mirror.get(installed.installedAppId, poisoned)).toBeNull();
    expect(kyc.mirror.syncState(installed.installedAppId)).toMatchObject({ lastError: null, unreadableCount: 1 });
    const skipped = env.t.logs.filter((l) => l.includes('identity sync could not process an identity'));
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toContain(poisoned);

    env.t.db.exec('DROP TRIGGER temp.poison');
    await resync(env, installed);
    expect(kyc.cases.get(installed.installedAppId, poisoned)?.status).toBe('new');
    expect(kyc.mirror.syncState(installed.installedAppId)).toMatchObject({ lastError: null, unreadableCount: 0 });
  });

  it('a complete pass removes, batch by batch, the identities Cloud no longer lists; their case stays, out of the queue', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    const kyc = createKycRepositories(env.t.db);
    const install = installed.installedAppId;
    const [kept] = kyc.mirror.pageAfter(install, '', 1);
    if (kept === undefined) throw new Error('nothing mirrored');
    // One identity with a case that Cloud stops listing, and 2 500 mirror rows it never listed
    // (more than one sweep batch), all older than the next pass.
    env.t.db
      .prepare("UPDATE kyc_cases SET identity_id = 'idt_gone' WHERE installed_app_id = ? AND identity_id = ?")
      .run(install, kept.identityId);
    env.t.db
      .prepare("UPDATE identity_mirror SET identity_id = 'idt_gone' WHERE installed_app_id = ? AND identity_id = ?")
      .run(install, kept.identityId);
    const stale = { ...kept, syncedAt: '2000-01-01T00:00:00Z' };
    for (let i = 0; i < 2_500; i++)
      kyc.mirror.upsert({ ...stale, identityId: `idt_never_${String(i).padStart(5, '0')}` });
    env.t.clock.advanceMs(60_000);
    await resync(env, installed);

    const count = (sql: string) => env?.t.db.prepare(sql).pluck().get(install);
    expect(
      count("SELECT COUNT(*) FROM identity_mirror WHERE installed_app_id = ? AND identity_id LIKE 'idt_never_%'"),
    ).toBe(0);
    expect(kyc.mirror.get(install, 'idt_gone')).toBeNull();
    expect(count("SELECT listed FROM kyc_cases WHERE installed_app_id = ? AND identity_id = 'idt_gone'")).toBe(0);
    // Still listed by Cloud: synced again as a new identity, in the queue.
    expect(kyc.mirror.get(install, kept.identityId)).not.toBeNull();
    expect(
      count(`SELECT listed FROM kyc_cases WHERE installed_app_id = ? AND identity_id = '${kept.identityId}'`),
    ).toBe(1);
    expect(count('SELECT COUNT(*) FROM kyc_cases WHERE installed_app_id = ? AND listed = 0')).toBe(1);
  });
});
