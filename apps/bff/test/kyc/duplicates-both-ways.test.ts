import { Identity } from '@kyc-review/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createKycRepositories } from '../../src/db/kyc-repositories';
import type { EmulatorBackedApp, InstalledSession } from '../support/emulator-app';
import { createReviewEnv, firstBySeed, identitiesBySeed, installSynced, openCase } from './support/review-env';

let env: EmulatorBackedApp | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

/** Writes to Cloud the way another app or an operator would: the emulator's proxy routes. */
async function proxy(e: EmulatorBackedApp, installed: InstalledSession, method: string, path: string, body: object) {
  const res = await fetch(`${e.emulatorUrl}/proxy/identities${path}?instance_id=${installed.instanceId}`, {
    method,
    headers: { Authorization: `Bearer ${installed.apiKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect([200, 201]).toContain(res.status);
  return res;
}

/** A sync as the queue's refresh button starts it, waited for. */
async function resync(e: EmulatorBackedApp, installed: InstalledSession) {
  const res = await installed.rpc.api.cases.refresh.$post();
  expect(res.status).toBe(202);
  await e.t.services.review.sync.idle(installed.installedAppId);
}

/** The case as stored now, without re-reading Cloud first (which could re-assess it). */
function storedDuplicates(e: EmulatorBackedApp, installed: InstalledSession, identityId: string) {
  const kase = createKycRepositories(e.t.db).cases.get(installed.installedAppId, identityId);
  return kase?.assessment.checks.find((c) => c.check_id === 'duplicates');
}

describe('duplicates both ways', () => {
  it('a new identity sharing an email re-assesses the existing case, which links back by name', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    const existing = await firstBySeed(env, installed, 'complete');
    expect((await openCase(installed, existing.identity_id)).case.duplicates).toEqual([]);

    const created = Identity.parse(
      await (
        await proxy(env, installed, 'POST', '', {
          identity_type: 'individual',
          first_name: 'Marguerite',
          last_name: 'Okonkwo-Hale',
          email_address: existing.email_address.toUpperCase(),
          country: 'United Kingdom',
        })
      ).json(),
    );
    await resync(env, installed);

    // The existing side was re-assessed in the sync, not when someone opened it.
    expect(storedDuplicates(env, installed, existing.identity_id)?.status).toBe('warn');
    const theirs = await openCase(installed, existing.identity_id);
    expect(theirs.case.duplicates).toEqual([
      { identity_id: created.identity_id, name: 'Marguerite Okonkwo-Hale', matched: ['email'] },
    ]);
    const ours = await openCase(installed, created.identity_id);
    expect(ours.case.duplicates).toEqual([
      { identity_id: existing.identity_id, name: expect.stringContaining(existing.last_name), matched: ['email'] },
    ]);
    expect(ours.case.checks.find((c) => c.check_id === 'duplicates')?.reason).not.toContain('idt_');

    // The new identity's email changes in Cloud: the other side stops listing it.
    await proxy(env, installed, 'PUT', `/${created.identity_id}`, { email_address: 'someone.else@example.org' });
    await openCase(installed, created.identity_id);
    expect(storedDuplicates(env, installed, existing.identity_id)?.status).toBe('pass');
    expect((await openCase(installed, existing.identity_id)).case.duplicates).toEqual([]);
  });

  it('three formats of one phone number link each other, each with the key that matched', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    const trio = await identitiesBySeed(env, installed, 'duplicate_phone');
    expect(trio.length).toBeGreaterThanOrEqual(3);
    for (const identity of trio.slice(0, 3)) {
      const detail = await openCase(installed, identity.identity_id);
      const others = trio.slice(0, 3).filter((o) => o.identity_id !== identity.identity_id);
      for (const other of others) {
        expect(detail.case.duplicates).toContainEqual({
          identity_id: other.identity_id,
          name: expect.any(String),
          matched: [expect.stringMatching(/^phone number/)],
        });
      }
    }
  });

  it('a key many new identities share: each sharing case is re-assessed once after the pages, and every side lists the others', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    const existing = await firstBySeed(env, installed, 'complete');
    const SHARING = 30;
    const created: string[] = [];
    for (let i = 0; i < SHARING; i++) {
      const res = await proxy(env, installed, 'POST', '', {
        identity_type: 'individual',
        first_name: `Sharer${String(i)}`,
        last_name: 'Okonkwo-Hale',
        email_address: i % 2 === 0 ? existing.email_address.toUpperCase() : ` ${existing.email_address} `,
        country: 'United Kingdom',
      });
      created.push(Identity.parse(await res.json()).identity_id);
    }
    // Every re-assessment of a case rewrites its assessment row: count them during the sync.
    env.t.db.exec(`CREATE TEMP TABLE reassessed (identity_id TEXT);
      CREATE TEMP TRIGGER count_reassessed AFTER UPDATE OF assessment ON main.kyc_case_assessments
      BEGIN INSERT INTO reassessed SELECT identity_id FROM main.kyc_cases WHERE case_id = NEW.case_id; END;`);
    await resync(env, installed);

    // Re-assessed one by one inside the sync, each new identity re-assessed the up to 20 it
    // listed (hundreds of re-assessments here); the bounded pass does each sharing case once.
    const counts = env.t.db
      .prepare('SELECT identity_id, COUNT(*) AS n FROM reassessed GROUP BY identity_id')
      .all()
      .map((r) => z.object({ identity_id: z.string(), n: z.number() }).parse(r));
    expect(counts.every((c) => c.n === 1)).toBe(true);
    expect(counts.length).toBeLessThanOrEqual(SHARING);
    expect(counts.map((c) => c.identity_id)).toContain(existing.identity_id);
    // The last one listed every other at its own first screening; nobody had to mark it.
    for (const id of [existing.identity_id, ...created]) {
      const check = storedDuplicates(env, installed, id);
      expect(check?.status, id).toBe('warn');
      expect(z.object({ match_count: z.number() }).parse(check?.evidence).match_count, id).toBe(SHARING);
    }
    expect(env.t.db.prepare('SELECT COUNT(*) FROM identity_mirror WHERE relink_pending = 1').pluck().get()).toBe(0);
    const theirs = await openCase(installed, existing.identity_id);
    expect(theirs.case.duplicates).toHaveLength(20);
  });

  it('marks a sync left behind (cut off between its pages and its pass) are re-assessed at the next start', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    const pair = await identitiesBySeed(env, installed, 'duplicate_email');
    const marked = pair.slice(0, 2).map((i) => i.identity_id);
    const assessedAt = () =>
      marked.map((id) => createKycRepositories(env?.t.db ?? expect.fail()).cases.stamp(installed.installedAppId, id));
    const before = assessedAt();
    createKycRepositories(env.t.db).mirror.markForRelink(installed.installedAppId, marked);
    env.t.clock.advanceMs(60_000);

    expect(env.t.services.review.resumeInterruptedReassessments()).toEqual([installed.installedAppId]);
    await env.t.services.review.sync.idle(installed.installedAppId);
    const after = assessedAt();
    for (const [i, stamp] of after.entries()) expect(stamp?.assessedAt).not.toBe(before[i]?.assessedAt);
    expect(env.t.db.prepare('SELECT COUNT(*) FROM identity_mirror WHERE relink_pending = 1').pluck().get()).toBe(0);
    // Still each other's duplicate.
    expect(storedDuplicates(env, installed, marked[0] ?? '')?.status).toBe('warn');
  });
});
