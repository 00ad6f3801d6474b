import type { FrameLocator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { casesTable, openQueue, panel, queueSettled } from '../support/app';
import { screenshots } from '../support/browser';
import { browserSuite } from '../support/browser-suite';
import { installApp, launchApp, openDashboard } from '../support/dashboard';

// The team's daily work (issue 12, docs/decisions/021) in Chromium inside the dashboard's
// iframe: a reviewer claims a case from "Unassigned", asks the customer for information and
// marks it received; then low-risk cases are approved in bulk; then each queue view, the
// case's history (names, absolute times) and the shortcuts dialog. Screenshots of what is on
// screen at 1280 and 1024 px go to e2e/artifacts/team-workflow/.

const suite = browserSuite({ appHost: 'localhost', identitiesPerInstance: 60 });

async function openFirstOfView(app: FrameLocator, view: string) {
  await openQueue(app);
  await app.getByRole('link', { name: view, exact: true }).click();
  await queueSettled(app);
  const rows = casesTable(app).locator('tbody > tr[aria-label]');
  await rows.first().waitFor();
  await rows.first().getByRole('link').click();
  await panel(app, 'Decision').waitFor();
}

describe('the team workflow in Chromium', () => {
  it('claims from Unassigned, requests information, marks it received, and bulk-approves low-risk cases', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const shots = screenshots(page, 'team-workflow');
    const shot = (step: string) => shots(`${String(page.viewportSize()?.width ?? 0)} px ${step}`);
    await openDashboard(page, suite.stack.emulatorUrl);
    await installApp(page, ['data:read', 'data:write', 'alerts:read', 'alerts:write']);
    const app = await launchApp(page);
    await app.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();

    // Claim from Unassigned.
    await openFirstOfView(app, 'Unassigned');
    await shot('case before claim');
    await panel(app, 'Assignment').getByRole('button', { name: 'Claim this case' }).click();
    await expect.poll(() => panel(app, 'Assignment').innerText()).toMatch(/The case is yours|Alex Admin/);

    // Request information with items, then mark it received.
    const decision = panel(app, 'Decision');
    await decision.getByRole('radio', { name: 'Request information' }).check();
    await decision.getByLabel('What is missing (required)').fill('Proof of address, please.');
    await decision.getByLabel('Items to send (optional, one per line)').fill('Utility bill\nPassport photo page');
    await decision.getByRole('button', { name: 'Request information' }).click();
    const requested = panel(app, 'Information requested');
    await requested.waitFor();
    await expect.poll(() => requested.innerText()).toMatch(/Utility bill[\s\S]*Passport photo page[\s\S]*Due /);
    await shot('information requested');
    await requested.getByRole('button', { name: 'Information received…' }).click();
    const dialog = app.getByRole('dialog', { name: 'Information received' });
    await dialog.getByLabel('What the customer sent (required)').fill('Both documents arrived by email.');
    await shot('information received dialog');
    await dialog.getByRole('button', { name: 'Back to review' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => requested.innerText()).toMatch(/Both documents arrived by email/);
    await expect.poll(() => panel(app, 'History').innerText()).toMatch(/Information received/);
    await shot('back in review');

    // Bulk approval of low-risk cases.
    await openQueue(app);
    await app.getByRole('combobox', { name: 'Risk' }).selectOption('low');
    const rows = casesTable(app).locator('tbody > tr[aria-label*="low risk"]');
    await rows.first().waitFor();
    const n = Math.min(5, await rows.count());
    for (let i = 0; i < n; i++) await rows.nth(i).getByRole('checkbox').check();
    await shot('queue with selection');
    await app.getByRole('button', { name: 'Approve selected…' }).click();
    const bulk = app.getByRole('dialog', { name: /^Approve \d+ selected case/ });
    await expect.poll(() => bulk.innerText()).toMatch(/can be approved/);
    await shot('bulk approval preview');
    await bulk.getByRole('button', { name: /^Approve \d+ cases?$/ }).click();
    const result = bulk.getByRole('list', { name: 'Result per case' });
    await result.waitFor();
    expect(await result.getByText('Approved', { exact: true }).count()).toBeGreaterThan(0);
    await shot('bulk approval result');
    await bulk.getByRole('button', { name: 'Close' }).click();

    // The same screens at 1024 px: the queue's Due column and the case's decision panel.
    await page.setViewportSize({ width: 1024, height: 768 });
    await openQueue(app);
    await shot('queue');
    await openFirstOfView(app, 'All cases');
    await shot('case');
    await page.setViewportSize({ width: 1280, height: 900 });
    await shot('case');

    // Each queue view, the case's history with names and absolute times, and the shortcuts
    // dialog (opened with ?, closed with Esc, focus back on the heading), at both widths.
    const VIEWS = [
      'My open work',
      'Unassigned',
      'Awaiting my second approval',
      'Overdue',
      'Needs re-review',
      'All cases',
    ];
    for (const [width, height] of [
      [1280, 900],
      [1024, 768],
    ] as const) {
      await page.setViewportSize({ width, height });
      await openQueue(app);
      for (const view of VIEWS) {
        const link = app.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: view, exact: true });
        await link.click();
        await expect.poll(() => link.getAttribute('aria-current')).toBe('page');
        await expect.poll(() => casesTable(app).getAttribute('aria-busy')).toBe('false');
        await shot(`view ${view}`);
      }
      // The case claimed above, with its history: names, never ids; dates with their zone.
      await openFirstOfView(app, 'My open work');
      const historyPanel = panel(app, 'History');
      await expect
        .poll(() => historyPanel.innerText())
        .toMatch(/Information received[\s\S]*by Alex Admin · \w{3} \d{1,2}, \d{4}/);
      expect(await historyPanel.innerText()).not.toMatch(/rvw_|user_|idt_/);
      await historyPanel.scrollIntoViewIfNeeded();
      await shot('case history');
      const heading = app.getByRole('heading', { level: 1 });
      await heading.focus();
      await page.keyboard.press('?');
      const help = app.getByRole('dialog', { name: 'Keyboard shortcuts' });
      await help.waitFor();
      await shot('shortcuts dialog');
      await page.keyboard.press('Escape');
      await help.waitFor({ state: 'hidden' });
      await expect.poll(() => heading.evaluate((el) => el === document.activeElement)).toBe(true);
    }
    await context.close();
  });
});
