import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { appDocument, caseIdFromUrl, firstRowWithOpenHits, openQueue, panel } from '../support/app';
import { openSession } from '../support/browser';
import { browserSuite } from '../support/browser-suite';
import { installApp, launchApp, openDashboard } from '../support/dashboard';

// An install granted only data:read (docs/product.md, "Permissions shape the app"): what needs a
// missing scope is disabled or absent with the reason on screen, and nothing reaches Cloud.

const Identity = z.object({ meta_data: z.record(z.string(), z.unknown()) });
const Alerts = z.object({ data: z.array(z.object({ anomaly_id: z.string() })) });

const suite = browserSuite({ identitiesPerInstance: 60 });

describe('an install with only data:read, in Chromium', () => {
  it('explains every missing scope where it matters and writes nothing to Cloud', async () => {
    const { context, page, shot } = await openSession(suite.browser, 'data read only');
    await openDashboard(page, suite.stack.emulatorUrl);
    await installApp(page, ['data:read']);
    await shot('installed with data read only');
    const app = await launchApp(page);

    const scopes = app.getByRole('list', { name: 'Scopes of this install' });
    await scopes.getByRole('button', { name: 'data:read: granted' }).waitFor();
    for (const missing of ['data:write', 'alerts:read', 'alerts:write']) {
      await scopes.getByRole('button', { name: `${missing}: not granted` }).waitFor();
    }
    // Alerts need alerts:read: the navigation keeps the item, not as a link, and says why.
    const nav = app.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link', { name: 'Alerts' }).count()).toBe(0);
    const alertsItem = nav.getByText('Alerts', { exact: true });
    expect(await alertsItem.getAttribute('aria-disabled')).toBe('true');
    expect(await alertsItem.getAttribute('title')).toBe('Needs alerts:read');
    await shot('dashboard without write scopes');

    const rows = await openQueue(app);
    const row = await firstRowWithOpenHits(app, rows);
    expect(row, 'the seed has identities with watchlist hits').not.toBeNull();
    await row!.getByRole('link').click();
    const decision = panel(app, 'Decision');
    await decision.waitFor();
    const identityId = caseIdFromUrl(appDocument(page, suite.stack.bff.url));
    const alertsBefore = Alerts.parse(await suite.stack.control('GET', `/alerts?identity_id=${identityId}`)).data;

    await decision
      .getByText('Decisions are kept in the app and not written to the ledger: the install lacks data:write.')
      .waitFor();
    await decision
      .getByText('No Cloud alert will be raised on reject or escalate: the install lacks alerts:write.')
      .waitFor();
    await panel(app, 'Watchlist hits')
      .getByText('A confirmed match raises no Cloud alert: the install lacks alerts:write.')
      .first()
      .waitFor();
    await panel(app, 'Cloud alerts').getByText('Alerts on this identity are not shown').waitFor();
    await shot('case explains the missing scopes');

    // A decision is still kept (docs/product.md): the write-back says it was skipped, and why.
    await decision.getByRole('radio', { name: 'Escalate' }).check();
    await decision.getByLabel('Note (required)').fill('Escalated without write scopes');
    await decision.getByRole('button', { name: 'Escalate', exact: true }).click();
    await decision.getByRole('status').filter({ hasText: 'Decision saved.' }).waitFor();
    const writeBack = panel(app, 'Write-back to Blnk Cloud');
    await writeBack.getByText('Not written to the ledger: the install lacks data:write.').waitFor();
    await writeBack.getByText('No alert was raised: the install lacks alerts:write.').waitFor();
    await shot('decision kept in the app only');

    const identity = Identity.parse(await suite.stack.control('GET', `/identities/${identityId}`));
    expect(identity.meta_data['kyc_status']).toBeUndefined();
    expect(Alerts.parse(await suite.stack.control('GET', `/alerts?identity_id=${identityId}`)).data).toEqual(
      alertsBefore,
    );
    await context.close();
  });
});
