import { afterEach, describe, expect, it } from 'vitest';
import type { EmulatorBackedApp } from '../support/emulator-app';
import {
  asUser,
  createReviewEnv,
  decide,
  drainOutbox,
  firstBySeed,
  installSynced,
  openCase,
  queue,
} from './support/review-env';

let env: EmulatorBackedApp | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

describe('periodic review (injected clock)', () => {
  it('an approved case becomes due after its interval, enters Needs re-review at the next sync and raises one alert', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    const identity = await firstBySeed(env, installed, 'complete');
    const opened = await openCase(installed, identity.identity_id);
    expect(opened.case.approval_blockers).toEqual([]);
    const level = opened.case.risk.level;
    expect((await decide(installed, identity.identity_id, { action: 'approve' })).status).toBe(200);
    await drainOutbox(env);
    const alertsBefore = env.t.db
      .prepare("SELECT COUNT(*) FROM kyc_outbox WHERE kind = 'alert' AND identity_id = ?")
      .pluck()
      .get(identity.identity_id);

    // Months pass: every earlier session has expired, so each sync comes from a fresh launch.
    let viewer = installed;
    const sync = async () => {
      if (env === undefined) throw new Error('no env');
      viewer = await asUser(env, installed, 'user_lead_periodic');
      expect((await viewer.rpc.api.cases.refresh.$post()).status).toBe(202);
      await env.t.services.review.sync.idle(installed.installedAppId);
    };
    // A day before the interval ends: nothing moves.
    const months = { high: 12, medium: 24, low: 36 }[level];
    const due = new Date(env.t.clock.now());
    due.setUTCMonth(due.getUTCMonth() + months);
    env.t.clock.set(new Date(due.getTime() - 24 * 3600_000));
    await sync();
    expect((await openCase(viewer, identity.identity_id)).case.status).toBe('approved');

    env.t.clock.set(new Date(due.getTime() + 3600_000));
    await sync();
    const reopened = await openCase(viewer, identity.identity_id);
    expect(reopened.case.status).toBe('needs_rereview');
    expect(reopened.case.last_decision?.action).toBe('approve');
    expect(reopened.case.changes_since_decision).toEqual([
      expect.objectContaining({
        cause: 'periodic_review',
        change: expect.objectContaining({
          kind: 'review_due',
          level,
          decided_at: reopened.case.last_decision?.decided_at,
        }),
      }),
    ]);
    const rereview = await queue(viewer, '?status=needs_rereview&pageSize=100');
    expect(rereview.items.map((i) => i.identity_id)).toContain(identity.identity_id);

    // Another sync finds the same due review and raises nothing again.
    await sync();
    const alertsAfter = env.t.db
      .prepare("SELECT COUNT(*) FROM kyc_outbox WHERE kind = 'alert' AND identity_id = ?")
      .pluck()
      .get(identity.identity_id);
    expect(Number(alertsAfter) - Number(alertsBefore)).toBe(1);
  });
});
