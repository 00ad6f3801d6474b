import { afterEach, describe, expect, it } from 'vitest';
import { Alert, CaseDetailDto, ErrorEnvelope, Identity } from '@kyc-review/contracts';
import { z } from 'zod';
import type { EmulatorBackedApp } from '../support/emulator-app';
import { createReviewEnv, decide, installSynced, openCase, queue } from './support/review-env';

let env: EmulatorBackedApp | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const Alerts = z.object({ data: z.array(Alert) });

async function ledgerIdentity(e: EmulatorBackedApp, id: string) {
  return Identity.parse(await e.control('GET', `/identities/${id}`));
}
/** Alerts this app raised on the identity (the seed may hold others' alerts too). */
async function alertsOn(e: EmulatorBackedApp, id: string) {
  return Alerts.parse(await e.control('GET', `/alerts?identity_id=${id}`)).data.filter((a) =>
    a.description.includes('[kyc-review '),
  );
}
async function anUnreviewedCase(installed: Parameters<typeof queue>[0]): Promise<string> {
  const first = (await queue(installed, '?status=never_reviewed&risk_level=low')).items[0];
  if (first === undefined) throw new Error('no unreviewed low-risk case');
  return first.identity_id;
}

describe('write-back to Cloud through the outbox', () => {
  it('a rejection lands as flat kyc_* metadata and one alert, and running again adds nothing', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    const id = await anUnreviewedCase(installed);
    const decided = CaseDetailDto.parse(
      await (
        await decide(installed, id, {
          action: 'reject',
          reason_code: 'document_mismatch',
          note: 'name differs on passport',
        })
      ).json(),
    );

    expect(await env.t.services.review.outbox.runOnce()).toBe(2);
    const meta = (await ledgerIdentity(env, id)).meta_data;
    expect(meta).toMatchObject({
      kyc_status: 'rejected',
      kyc_risk_level: decided.case.risk.level,
      kyc_risk_score: Math.round(decided.case.risk.score * 100),
      // `<display name> (<reviewer id>)`, never an email (decision 017).
      kyc_reviewed_by: `user_reviewer_1 (${installed.session.reviewer?.reviewerId ?? ''})`,
      kyc_case_id: decided.case.case_id,
      kyc_reviewed_at: decided.case.last_decision?.decided_at,
    });
    const alerts = await alertsOn(env, id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.description).toContain(decided.case.last_decision?.decision_id);

    const after = await openCase(installed, id);
    expect(after.case.write_back).toMatchObject({
      metadata: { state: 'done', attempts: 0 },
      alert: { state: 'done', anomaly_id: alerts[0]?.anomaly_id },
    });
    expect(await env.t.services.review.outbox.runOnce()).toBe(0);
    expect(await alertsOn(env, id)).toHaveLength(1);
  });

  it('while Cloud answers 503 the decision is kept with sync pending, and lands once the faults stop', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    const id = await anUnreviewedCase(installed);
    await openCase(installed, id);
    await env.control('POST', '/faults', { status: 503, count: 50 });

    const res = await decide(installed, id, { action: 'escalate', note: 'source of funds unclear' });
    expect(res.status).toBe(200);
    await env.t.services.review.outbox.runOnce();
    const pending = await openCase(installed, id).catch(() => null);
    // Opening re-reads Cloud, which is down: the case still opens from the mirror.
    expect(pending?.case.status).toBe('escalated');
    expect(pending?.case.write_back?.metadata).toMatchObject({
      state: 'pending',
      attempts: 1,
      last_error_code: 'cloud_unavailable',
    });
    expect(pending?.case.write_back?.alert).toMatchObject({ state: 'pending', attempts: 1 });
    expect((await queue(installed, '?status=escalated')).items.find((i) => i.identity_id === id)?.sync_pending).toBe(
      true,
    );
    expect((await ledgerIdentity(env, id)).meta_data['kyc_status']).toBeUndefined();

    await env.control('DELETE', '/faults');
    // Not due yet: backoff keeps the worker from hammering Cloud.
    expect(await env.t.services.review.outbox.runOnce()).toBe(0);
    env.t.clock.advanceSeconds(60);
    expect(await env.t.services.review.outbox.runOnce()).toBe(2);
    expect((await ledgerIdentity(env, id)).meta_data['kyc_status']).toBe('escalated');
    expect(await alertsOn(env, id)).toHaveLength(1);
    const landed = await openCase(installed, id);
    expect(landed.case.write_back).toMatchObject({
      metadata: { state: 'done', attempts: 1 },
      alert: { state: 'done' },
    });
    expect((await queue(installed, '?status=escalated')).items.find((i) => i.identity_id === id)?.sync_pending).toBe(
      false,
    );
  });

  it('a flag whose answer was lost is looked up, not raised a second time', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    const id = await anUnreviewedCase(installed);
    await openCase(installed, id);
    // Both writes reach Cloud but answer after the client's 1 s timeout.
    await env.control('POST', '/faults', { latency_ms: 1_300, count: 2 });
    await decide(installed, id, { action: 'reject', reason_code: 'other', note: 'timeout path' });
    await env.t.services.review.outbox.runOnce();
    // The emulator finishes the slow flag after the client gave up on it.
    const running = env;
    await expect.poll(async () => (await alertsOn(running, id)).length, { timeout: 5_000 }).toBe(1);
    const unknown = await openCase(installed, id);
    expect(unknown.case.write_back?.alert).toMatchObject({ state: 'pending', last_error_code: 'cloud_timeout' });

    env.t.clock.advanceSeconds(60);
    await env.t.services.review.outbox.runOnce();
    const alerts = await alertsOn(env, id);
    expect(alerts).toHaveLength(1);
    expect((await openCase(installed, id)).case.write_back?.alert).toMatchObject({
      state: 'done',
      anomaly_id: alerts[0]?.anomaly_id,
    });
  });
});

describe('a Retry-After from a confused Cloud', { timeout: 30_000 }, () => {
  it('is honoured up to 15 minutes, not until 2058', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    const id = await anUnreviewedCase(installed);
    const decided = CaseDetailDto.parse(await (await decide(installed, id, { action: 'approve' })).json());
    // About 100 years, in seconds.
    await env.control('POST', '/faults', { status: 429, retry_after: 100 * 365 * 86_400, count: 1 });
    const before = env.t.clock.now().getTime();
    await env.t.services.review.outbox.runOnce();
    const [step] = env.t.services.review.kyc.outbox.forAction(
      installed.installedAppId,
      decided.case.write_back?.decision_id ?? '',
    );
    expect(step).toMatchObject({ kind: 'metadata', lastErrorCode: 'cloud_rate_limited' });
    expect(step?.nextAttemptAt).toBeGreaterThan(before);
    expect(step?.nextAttemptAt).toBeLessThanOrEqual(before + 15 * 60_000);

    env.t.clock.advanceSeconds(15 * 60);
    await env.t.services.review.outbox.runOnce();
    expect((await ledgerIdentity(env, id)).meta_data['kyc_status']).toBe('approved');
  });
});

describe('a rejected key', () => {
  it('marks the step failing with a reason that says to reinstall, and it lands once Cloud accepts the key again', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    const id = await anUnreviewedCase(installed);
    await decide(installed, id, { action: 'approve' });
    await env.control('POST', '/faults', { status: 401, count: 1 });
    await env.t.services.review.outbox.runOnce();
    const step = env.t.services.review.kyc.outbox.forAction(
      installed.installedAppId,
      (await openCase(installed, id)).case.write_back?.decision_id ?? '',
    );
    expect(step[0]).toMatchObject({ kind: 'metadata', state: 'failing', lastErrorCode: 'cloud_unauthorized' });
    expect(step[0]?.reason).toContain('reinstall');

    env.t.clock.advanceSeconds(60);
    await env.t.services.review.outbox.runOnce();
    expect((await ledgerIdentity(env, id)).meta_data['kyc_status']).toBe('approved');
  });

  it('an uninstall before the write-back skips it with the reason', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    const id = await anUnreviewedCase(installed);
    const decided = CaseDetailDto.parse(await (await decide(installed, id, { action: 'approve' })).json());
    await env.control('POST', `/installs/${installed.installedAppId}/uninstall`);
    await env.t.services.review.outbox.runOnce();
    const steps = env.t.services.review.kyc.outbox.forAction(
      installed.installedAppId,
      decided.case.write_back?.decision_id ?? '',
    );
    expect(steps.find((s) => s.kind === 'metadata')).toMatchObject({
      state: 'skipped',
      reason: 'The app was uninstalled before this was written to Blnk Cloud.',
    });
  });
});

describe('missing scopes', () => {
  it('without data:write and alerts:write the decision is kept and the case says what was not written and why', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env, ['data:read']);
    const id = await anUnreviewedCase(installed);
    const res = await decide(installed, id, { action: 'reject', reason_code: 'other', note: 'kept locally' });
    expect(res.status).toBe(200);
    const dto = CaseDetailDto.parse(await res.json());
    expect(dto.case.status).toBe('rejected');
    expect(dto.case.write_back?.metadata).toMatchObject({
      state: 'skipped',
      reason: 'Not written to the ledger: the install lacks data:write.',
    });
    expect(dto.case.write_back?.alert).toMatchObject({
      state: 'skipped',
      reason: 'No alert was raised: the install lacks alerts:write.',
    });
    expect(await env.t.services.review.outbox.runOnce()).toBe(0);
    expect((await ledgerIdentity(env, id)).meta_data['kyc_status']).toBeUndefined();
    expect(await alertsOn(env, id)).toHaveLength(0);
    const reveal = await installed.api(`/api/cases/${id}/reveal`, { method: 'POST', body: { field: 'first_name' } });
    expect(reveal.status).toBe(403);
    expect(ErrorEnvelope.parse(await reveal.json()).error.details).toEqual({ required: 'data:write' });
  });

  it('with data:write but not alerts:write, the metadata lands and only the alert is skipped', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env, ['data:read', 'data:write']);
    const id = await anUnreviewedCase(installed);
    const dto = CaseDetailDto.parse(
      await (await decide(installed, id, { action: 'escalate', note: 'needs the lead' })).json(),
    );
    expect(dto.case.write_back?.alert).toMatchObject({
      state: 'skipped',
      reason: 'No alert was raised: the install lacks alerts:write.',
    });
    await env.t.services.review.outbox.runOnce();
    expect((await ledgerIdentity(env, id)).meta_data['kyc_status']).toBe('escalated');
    expect(await alertsOn(env, id)).toHaveLength(0);
  });

  it('without data:read every review route is 403 missing_permission before Cloud is called', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env, ['alerts:read']);
    await env.control('DELETE', '/calls');
    const probes: [string, string, unknown][] = [
      ['GET', '/api/cases', undefined],
      ['POST', '/api/cases/refresh', undefined],
      ['GET', '/api/cases/idt_00000000-0000-4000-8000-000000000000', undefined],
      ['POST', '/api/cases/idt_00000000-0000-4000-8000-000000000000/decisions', { action: 'approve' }],
      ['GET', '/api/cases/idt_00000000-0000-4000-8000-000000000000/history', undefined],
      ['GET', '/api/settings', undefined],
      ['GET', '/api/watchlist', undefined],
    ];
    for (const [method, path, body] of probes) {
      const res = await installed.api(path, { method, body });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(ErrorEnvelope.parse(await res.json()).error).toMatchObject({
        code: 'missing_permission',
        details: { required: 'data:read' },
      });
    }
    const calls = z.object({ data: z.array(z.unknown()) }).parse(await env.control('GET', '/calls'));
    expect(calls.data).toHaveLength(0);
  });
});
