import { afterEach, describe, expect, it } from 'vitest';
import { WatchlistSummaryDto } from '@kyc-review/contracts';
import { createEmulatorBackedApp, type EmulatorBackedApp } from '../support/emulator-app';
import { createReviewEnv } from './support/review-env';

// DEMO_WATCHLIST_CSV (dev only) seeds a new install's list when Cloud installs it; reading
// the watchlist never writes (issue 16: no dev side effects on production read paths).

let env: EmulatorBackedApp | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

describe('the demo watchlist (DEMO_WATCHLIST_CSV)', () => {
  it('is imported once when Cloud installs the app, before anyone reads the watchlist', async () => {
    env = await createReviewEnv();
    const installed = await env.install();
    const state = env.t.services.review.kyc.watchlist.state(installed.installedAppId);
    expect(state.version).toBe(1);
    const summary = WatchlistSummaryDto.parse(await (await installed.api('/api/watchlist')).json());
    expect(summary.version).toBe(1);
    expect(summary.total).toBeGreaterThan(0);
    // Reading again changes nothing.
    await installed.api('/api/watchlist');
    expect(env.t.services.review.kyc.watchlist.state(installed.installedAppId).version).toBe(1);
  });

  it('without the setting, an install starts with no list and reading it imports nothing', async () => {
    env = await createEmulatorBackedApp();
    const installed = await env.install();
    const summary = WatchlistSummaryDto.parse(await (await installed.api('/api/watchlist')).json());
    expect(summary).toMatchObject({ version: 0, total: 0 });
    expect(env.t.services.review.kyc.watchlist.state(installed.installedAppId).version).toBe(0);
  });
});
