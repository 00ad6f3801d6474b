import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openSession } from '../support/browser';
import { browserSuite } from '../support/browser-suite';
import { installApp, launchApp, openDashboard } from '../support/dashboard';

// Custom alert statuses end to end (docs/cloud-contract.md §6.5): an organization adds one in Cloud's
// settings, and a reviewer sets it on an alert from the app, seeing each status's name and colour.

const suite = browserSuite({ appHost: 'localhost', identitiesPerInstance: 40 });
const Statuses = z.object({ data: z.array(z.object({ key: z.string(), name: z.string(), colour: z.string() })) });
const Alert = z.object({ data: z.array(z.object({ anomaly_id: z.string(), status: z.string() })) });

describe('alert statuses in Chromium', () => {
  it('adds a status in the dashboard and sets it on an alert from the app', async () => {
    const { page, shot } = await openSession(suite.browser, 'custom alert status');
    await openDashboard(page, suite.stack.emulatorUrl);
    const statuses = page.getByTestId('alert-statuses');
    await statuses.getByTestId('alert-status-PENDING_REVIEW').waitFor();
    await page.getByLabel('Name').fill('Awaiting documents');
    await page.getByLabel('Colour').selectOption('#EC4899');
    await page.getByRole('button', { name: 'Add status' }).click();
    await statuses.getByTestId('alert-status-AWAITING_DOCUMENTS').waitFor();
    await expect.poll(() => page.locator('#status-form-result').innerText()).toContain('Added Awaiting documents');
    const listed = Statuses.parse(await suite.stack.control('GET', '/alert-statuses'));
    expect(listed.data).toContainEqual(expect.objectContaining({ key: 'AWAITING_DOCUMENTS', colour: '#EC4899' }));
    await shot('dashboard with a custom status');

    await installApp(page, ['data:read', 'data:write', 'alerts:read', 'alerts:write']);
    const app = await launchApp(page);
    await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Alerts' }).click();
    const table = app.getByRole('table', { name: 'Alerts' });
    await table.getByRole('link').first().click();
    const picker = app.getByRole('group', { name: 'Status' });
    const custom = picker.getByRole('radio', { name: /Awaiting documents/ });
    await custom.waitFor();
    await expect.poll(() => picker.getByRole('radio').count()).toBeGreaterThanOrEqual(6);
    await shot('alert with every status by name and colour');
    await custom.check();
    await app.getByRole('button', { name: 'Save' }).click();
    await app.getByText('Alert updated.').waitFor();
    await expect
      .poll(() => app.getByRole('heading', { level: 1 }).locator('..').innerText())
      .toContain('Awaiting documents');
    await shot('custom status saved');

    const all = Alert.parse(await suite.stack.control('GET', '/alerts'));
    expect(all.data.some((a) => a.status === 'AWAITING_DOCUMENTS')).toBe(true);
  });
});
