import { readFileSync } from 'node:fs';
import type { FrameLocator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { casesTable, openQueue, panel } from '../support/app';
import { screenshots } from '../support/browser';
import { browserSuite } from '../support/browser-suite';
import { installApp, launchApp, openDashboard } from '../support/dashboard';

// A reviewer's and a lead's day (issue 12, docs/decisions/021) in Chromium inside the
// dashboard's iframe, end to end: claim a low-risk case from "Unassigned", add a note,
// request information, mark it received, approve it; bulk-approve 20 low-risk cases; download
// the audit CSV from the dashboard, and see the decisions on it. Screenshots go to
// e2e/artifacts/team-day/.

const BULK = 20;
const suite = browserSuite({ appHost: 'localhost', identitiesPerInstance: 200 });

/** The queue's new low-risk rows in one view, once loaded. */
async function lowRiskRows(app: FrameLocator, view: string) {
  await openQueue(app);
  await app.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: view, exact: true }).click();
  const tab = app.getByRole('tablist', { name: 'Cases by status' }).getByRole('tab', { name: /^New\b/ });
  await tab.click();
  await expect.poll(() => tab.getAttribute('aria-selected')).toBe('true');
  const risk = app.getByRole('combobox', { name: 'Risk' });
  await risk.selectOption('low');
  await expect.poll(() => risk.inputValue()).toBe('low');
  await expect.poll(() => tab.getAttribute('aria-selected')).toBe('true');
  await expect.poll(() => casesTable(app).getAttribute('aria-busy')).toBe('false');
  const rows = casesTable(app).locator('tbody > tr[aria-label*=", New, low risk"]');
  await rows.first().waitFor();
  return rows;
}

describe("a reviewer's and a lead's day in Chromium", () => {
  it('claims, notes, requests information, approves; bulk-approves 20; downloads the audit CSV; sees the dashboard', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    const shot = screenshots(page, 'team-day');
    await openDashboard(page, suite.stack.emulatorUrl);
    await installApp(page, ['data:read', 'data:write', 'alerts:read', 'alerts:write']);
    const app = await launchApp(page);
    await app.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();

    // Claim an unassigned low-risk case with nothing open, so it can be approved.
    const unassigned = await lowRiskRows(app, 'Unassigned');
    await unassigned.first().getByRole('link').click();
    const decision = panel(app, 'Decision');
    await decision.waitFor();
    await panel(app, 'Assignment').getByRole('button', { name: 'Claim this case' }).click();
    await expect.poll(() => panel(app, 'Assignment').innerText()).toMatch(/The case is yours|Alex Admin/);

    // A note, without deciding.
    const notes = panel(app, 'Notes');
    await notes.getByLabel('Add a note').fill('Called the customer: documents follow by email.');
    await notes.getByRole('button', { name: 'Add note' }).click();
    const noteList = notes.getByRole('list', { name: 'Notes on this case' });
    await expect.poll(() => noteList.innerText()).toMatch(/documents follow by email/);
    expect(await noteList.innerText()).toMatch(/Alex Admin · \w{3} \d{1,2}, \d{4}/);
    await shot('note added');

    // Request information, then mark it received.
    await decision.getByRole('radio', { name: 'Request information' }).check();
    await decision.getByLabel('What is missing (required)').fill('Proof of address.');
    await decision.getByRole('button', { name: 'Request information' }).click();
    const requested = panel(app, 'Information requested');
    await requested.waitFor();
    await requested.getByRole('button', { name: 'Information received…' }).click();
    const received = app.getByRole('dialog', { name: 'Information received' });
    await received.getByLabel('What the customer sent (required)').fill('A utility bill, by email.');
    await received.getByRole('button', { name: 'Back to review' }).click();
    await received.waitFor({ state: 'hidden' });

    // Approve it.
    const approve = decision.getByRole('radio', { name: 'Approve' });
    await expect.poll(() => approve.isDisabled()).toBe(false);
    await approve.check();
    await decision.getByRole('button', { name: 'Approve', exact: true }).click();
    const confirm = app.getByRole('dialog', { name: /^Approve/ });
    if (await confirm.isVisible().catch(() => false)) await confirm.getByRole('button', { name: /^Approve/ }).click();
    await decision.getByRole('status').filter({ hasText: 'Decision saved.' }).waitFor();
    await expect.poll(() => panel(app, 'History').innerText()).toMatch(/Approved[\s\S]*Information received/);
    await shot('approved after information received');

    // Bulk approval of 20 low-risk cases from "All cases".
    const rows = await lowRiskRows(app, 'All cases');
    // The first sync may still be adding cases: refresh until a page holds enough of them.
    await expect
      .poll(
        async () => {
          const count = await rows.count();
          if (count < BULK) await app.getByRole('button', { name: 'Refresh' }).click();
          return count;
        },
        { timeout: 60_000, interval: 2_000 },
      )
      .toBeGreaterThanOrEqual(BULK);
    await shot('bulk queue');
    for (let i = 0; i < BULK; i++) await rows.nth(i).getByRole('checkbox').check();
    await app.getByRole('button', { name: 'Approve selected…' }).click();
    const bulk = app.getByRole('dialog', { name: `Approve ${BULK} selected cases` });
    await expect.poll(() => bulk.innerText()).toMatch(/can be approved/);
    await shot('bulk preview');
    await bulk.getByRole('button', { name: /^Approve \d+ cases?$/ }).click();
    const result = bulk.getByRole('list', { name: 'Result per case' });
    await result.waitFor();
    await expect.poll(() => result.getByRole('listitem').count()).toBe(BULK);
    const bulkApproved = await result.getByText('Approved', { exact: true }).count();
    expect(bulkApproved).toBeGreaterThan(0);
    await shot('bulk result');
    await bulk.getByRole('button', { name: 'Close' }).click();

    // The lead's dashboard: the decisions are counted, and the audit CSV downloads.
    await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
    await app.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    // The decisions table is folded under its chart: today's row is the last, its total last.
    const decisions = app.getByRole('table', { name: 'Decisions per day by outcome', includeHidden: true });
    await expect
      .poll(async () => Number((await decisions.locator('tbody tr').last().locator('td').last().textContent()) ?? 0))
      .toBeGreaterThanOrEqual(bulkApproved + 1);
    await shot('dashboard');
    const download = page.waitForEvent('download');
    await app.getByRole('button', { name: 'Download audit CSV' }).click();
    const saved = await download;
    expect(saved.suggestedFilename()).toMatch(/^kyc-audit-.*\.csv$/);
    const file = await saved.path();
    const csv = readFileSync(file, 'utf8');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines.length).toBeGreaterThan(bulkApproved + 4);
    expect(csv).toContain('note_added');
    expect(csv).toContain('case:info_received');
    expect(csv.match(/decision:approve/g)?.length ?? 0).toBeGreaterThanOrEqual(bulkApproved + 1);
    await context.close();
  });
});
