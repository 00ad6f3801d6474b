import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  appDocument,
  caseIdFromUrl,
  casesTable,
  firstRowWithOpenHits,
  openQueue,
  panel,
  queueSettled,
} from '../support/app';
import { openSession } from '../support/browser';
import { browserSuite } from '../support/browser-suite';
import { installApp, launchApp, openDashboard } from '../support/dashboard';
import { eventually } from '../support/poll';

// Decisions a compliance officer can defend (issue 11, docs/decisions/020), in Chromium inside
// the dashboard's iframe: a decided customer whose screening changed waits under "Needs
// re-review" with the change explained and a Cloud alert raised; an approval with open hits is
// blocked with the blockers listed, and a lead overrides them with a reason.

const Alerts = z.object({ data: z.array(z.object({ title: z.string(), description: z.string() })) });
const Identity = z.object({ meta_data: z.record(z.string(), z.unknown()) });

const suite = browserSuite({ appHost: 'localhost', identitiesPerInstance: 60 });

describe('monitoring and the approval guardrails in Chromium', () => {
  it('shows a re-opened decided case with what changed, and lets a lead override blocked approval', async () => {
    const { page, shot } = await openSession(suite.browser, 'monitoring and guardrails');
    await openDashboard(page, suite.stack.emulatorUrl);
    await installApp(page, ['data:read', 'data:write', 'alerts:read', 'alerts:write']);
    const app = await launchApp(page);
    await app.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    await openQueue(app);

    // Seeded approved customers carry open watchlist hits: the first screening re-opens them.
    await app.getByRole('tab', { name: /^Needs re-review/ }).click();
    const rows = casesTable(app).locator('tbody > tr[aria-label]');
    await rows.first().waitFor();
    await shot('needs re-review tab');
    await rows.first().getByRole('link').click();
    const changes = panel(app, 'What changed since the decision');
    await changes.waitFor();
    await expect
      .poll(() => changes.innerText())
      .toMatch(/New watchlist match|Watchlist match changed|Risk went up|now fails/);
    const reopened = caseIdFromUrl(appDocument(page, suite.stack.bff.url));
    await shot('what changed since the decision');
    const alerts = await eventually('the re-review alert in Cloud', async () => {
      const all = Alerts.parse(await suite.stack.control('GET', `/alerts?identity_id=${reopened}`)).data;
      return all.some((a) => a.title === 'KYC review: re-review needed') ? all : undefined;
    });
    expect(alerts.filter((a) => a.title === 'KYC review: re-review needed').length).toBeGreaterThan(0);
    const ledger = await eventually('kyc_status=needs_rereview in the ledger', async () => {
      const identity = Identity.parse(await suite.stack.control('GET', `/identities/${reopened}`));
      return identity.meta_data['kyc_status'] === 'needs_rereview' ? identity : undefined;
    });
    expect(ledger.meta_data['kyc_status']).toBe('needs_rereview');

    // A new case with an open hit: Approve is blocked, the blockers are listed, a lead overrides.
    const queue = await openQueue(app);
    const newTab = app.getByRole('tab', { name: /^New/ });
    await newTab.click();
    await expect.poll(() => newTab.getAttribute('aria-selected')).toBe('true');
    await queueSettled(app);
    await queue.first().waitFor();
    const row = await firstRowWithOpenHits(app, casesTable(app).locator('tbody > tr[aria-label]'));
    expect(row, 'the seed has new cases with open hits').not.toBeNull();
    await row!.getByRole('link').click();
    const decision = panel(app, 'Decision');
    const blocked = decision.getByRole('region', { name: 'Approval blocked' });
    await blocked.waitFor();
    expect(await decision.getByRole('radio', { name: 'Approve' }).isDisabled()).toBe(true);
    await shot('approval blocked with the blockers');
    await blocked.getByRole('button', { name: 'Override as lead…' }).click();
    await blocked.getByLabel('Reason').selectOption({ label: 'Hit cleared by evidence' });
    await blocked.getByLabel('Note (required)').fill('Passport seen: born 1961, the listed person 1975.');
    await blocked.getByRole('button', { name: 'Approve over the blockers' }).click();
    const dialog = app.getByRole('dialog', { name: 'Approve over the blockers?' });
    await dialog.waitFor();
    await shot('override confirmation');
    await dialog.getByRole('button', { name: 'Override and approve' }).click();
    const history = panel(app, 'History').getByRole('listitem');
    await expect.poll(() => history.first().innerText()).toMatch(/Lead override/);
    await shot('override recorded');
  });
});
