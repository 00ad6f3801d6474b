import { describe, expect, it } from 'vitest';
import { openQueue, SESSION_ENDED } from '../support/app';
import { openSession } from '../support/browser';
import { browserSuite } from '../support/browser-suite';
import { installApp, launchApp, openDashboard } from '../support/dashboard';
import { watchTraffic } from '../support/traffic';

// Session lifetimes come from the environment (docs/cloud-contract.md §8); here the idle timeout is a few
// seconds, so an unattended app meets the session-ended screen on its next action, and stays
// there: no retry, no redirect, no trip back through /portal/enter.

// Long enough for launch → queue on a busy two-core machine, short enough to wait out.
const IDLE_SECONDS = 6;

const suite = browserSuite({ env: { SESSION_IDLE_SECONDS: String(IDLE_SECONDS), SESSION_MAX_SECONDS: '60' } });

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('an expired session in Chromium', () => {
  it('shows the session-ended screen on the next action, without a loop, and a relaunch recovers', async () => {
    const { context, page, shot } = await openSession(suite.browser, 'session expiry');
    const traffic = watchTraffic(page, suite.stack.bff.url);
    await openDashboard(page, suite.stack.emulatorUrl);
    await installApp(page, ['data:read', 'data:write', 'alerts:read', 'alerts:write']);
    const app = await launchApp(page);
    const rows = await openQueue(app);
    await shot('queue while the session is live');
    expect(traffic.count('/portal/enter')).toBe(1);

    // The reviewer leaves the screen alone for longer than the idle timeout.
    await pause((IDLE_SECONDS + 1.5) * 1000);
    const sessionCallsBefore = traffic.count('/api/session');
    await rows.first().getByRole('link').click();
    await app.getByRole('heading', { name: SESSION_ENDED, level: 1 }).waitFor();
    await app.getByText('Relaunch the app from Blnk Cloud').waitFor();
    await shot('session ended after the idle timeout');

    // Give a loop every chance to show itself, then count.
    const navigations = traffic.navigations();
    await pause(2500);
    await app.getByRole('heading', { name: SESSION_ENDED, level: 1 }).waitFor();
    expect(traffic.navigations()).toBe(navigations);
    expect(traffic.count('/portal/enter')).toBe(1);
    expect(traffic.count('/api/session') - sessionCallsBefore).toBeLessThanOrEqual(2);
    expect(await app.getByRole('button').count()).toBe(0);
    expect(await app.getByRole('link').count()).toBe(0);

    // What the screen says works: close the app, launch it again.
    await page.getByRole('button', { name: 'Close app' }).click();
    await launchApp(page);
    await app.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    expect(traffic.count('/portal/enter')).toBe(2);
    await shot('relaunched');
    await context.close();
  });
});
