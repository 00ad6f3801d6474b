import { describe, expect, it } from 'vitest';
import { openQueue, SESSION_ENDED } from '../support/app';
import { openSession, screenshots } from '../support/browser';
import { browserSuite } from '../support/browser-suite';
import { installApp, launchApp, openDashboard, uninstallApp } from '../support/dashboard';
import { watchTraffic } from '../support/traffic';

// An admin uninstalls the app in one tab while a reviewer has it open in another: every
// API call re-checks the install (docs/cloud-contract.md §8), so the open app's next action ends it.

const suite = browserSuite();

describe('uninstalling while the app is open, in Chromium', () => {
  it("ends the open app's session on its next action and leaves nothing to launch", async () => {
    const { context, page, shot } = await openSession(suite.browser, 'uninstall while open');
    const traffic = watchTraffic(page, suite.stack.bff.url);
    await openDashboard(page, suite.stack.emulatorUrl);
    const installId = await installApp(page, ['data:read', 'data:write', 'alerts:read', 'alerts:write']);
    const app = await launchApp(page);
    const rows = await openQueue(app);
    await shot('app open on the queue');

    // The admin's tab: the same dashboard, where the launched app is not covering the list.
    const admin = await context.newPage();
    const adminShot = screenshots(admin, 'uninstall while open admin tab');
    await openDashboard(admin, suite.stack.emulatorUrl);
    await uninstallApp(admin, installId);
    await admin.getByText('Not installed on this instance.').waitFor();
    expect(await admin.getByRole('button', { name: `Launch ${installId}` }).count()).toBe(0);
    await adminShot('uninstalled');

    await page.bringToFront();
    await rows.first().getByRole('link').click();
    await app.getByRole('heading', { name: SESSION_ENDED, level: 1 }).waitFor();
    await app.getByText('Relaunch the app from Blnk Cloud').waitFor();
    await shot('next action shows the relaunch screen');
    expect(traffic.count('/portal/enter')).toBe(1);
    expect(await app.getByRole('button').count()).toBe(0);
    await context.close();
  });
});
