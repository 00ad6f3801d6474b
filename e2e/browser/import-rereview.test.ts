import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CaseDetailDto, CaseQueueDto, Identity, TOKEN_PREFIX } from '@kyc-review/contracts';
import type { Frame, FrameLocator } from 'playwright-core';
import { appDocument, casesTable, openQueue, panel, searchQueue } from '../support/app';
import { openSession } from '../support/browser';
import { browserSuite } from '../support/browser-suite';
import { installApp, launchApp, openDashboard } from '../support/dashboard';
import { eventually } from '../support/poll';

// Monitoring after an import, in Chromium inside the dashboard's iframe (issue 11, decisions
// 006 and 020): a lead imports a list through Settings that names a customer approved
// earlier; the preview says that decided case would change; once applied, the case waits
// under "Needs re-review" with what changed since the decision, Cloud holds the alert, the
// approval is blocked with its blockers listed and the lead overrides with a reason. Also
// pictures of a case's duplicate links and of a case after a reveal.

const Alerts = z.object({ data: z.array(z.object({ title: z.string(), description: z.string() })) });
const Session = z.object({ csrf_token: z.string() });

const suite = browserSuite({ appHost: 'localhost', identitiesPerInstance: 60 });

/** A call from inside the app's document, as the SPA makes it (its cookie, its CSRF token). */
async function inApp(frame: Frame, path: string, method = 'GET', body?: unknown): Promise<unknown> {
  return frame.evaluate(
    async ({ path, method, body }) => {
      const session: unknown = await (await fetch('/api/session')).json();
      const csrf =
        typeof session === 'object' && session !== null && 'csrf_token' in session ? String(session.csrf_token) : '';
      const res = await fetch(path, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const answer: unknown = await res.json();
      return { status: res.status, body: answer };
    },
    { path, method, body },
  );
}
const Answer = z.object({ status: z.number(), body: z.unknown() });

/** Opens a case from the queue, searched by its identity id (in every case's search text). */
async function openById(app: FrameLocator, identityId: string): Promise<void> {
  await openQueue(app);
  await searchQueue(app, identityId);
  const rows = casesTable(app).locator('tbody > tr[aria-label]');
  await expect.poll(() => rows.count()).toBe(1);
  await rows.first().getByRole('link').click();
  await panel(app, 'Decision').waitFor();
}

describe('an import naming an approved customer, in Chromium', () => {
  it('previews the decided case, re-opens it with what changed and an alert, and a lead overrides', async () => {
    const { page, shot } = await openSession(suite.browser, 'import re-review');
    await openDashboard(page, suite.stack.emulatorUrl);
    await installApp(page, ['data:read', 'data:write', 'alerts:read', 'alerts:write']);
    const app = await launchApp(page);
    await app.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    await openQueue(app);
    const frame = appDocument(page, suite.stack.bff.url);
    expect(Session.safeParse(Answer.parse(await inApp(frame, '/api/session')).body).success).toBe(true);

    // A low-risk customer with readable names, approved before the list arrives.
    const queue = CaseQueueDto.parse(
      Answer.parse(await inApp(frame, '/api/cases?status=new&risk_level=low&pageSize=100')).body,
    );
    let customer: Identity | undefined;
    for (const item of queue.items) {
      const identity = Identity.parse(await suite.stack.control('GET', `/identities/${item.identity_id}`));
      const readable = ![identity.first_name, identity.last_name].some((v) => v === '' || v.startsWith(TOKEN_PREFIX));
      if (!readable || !/^\d{4}-\d{2}-\d{2}/.test(identity.dob)) continue;
      const decided = Answer.parse(
        await inApp(frame, `/api/cases/${item.identity_id}/decisions`, 'POST', { action: 'approve' }),
      );
      if (decided.status === 200) {
        customer = identity;
        break;
      }
    }
    if (customer === undefined) throw new Error('no approvable low-risk customer with readable names');
    const name = `${customer.first_name} ${customer.last_name}`;

    // Settings: a list naming them, previewed, then applied.
    await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    const importPanel = app.getByRole('region', { name: 'Import a watchlist' });
    await importPanel.getByText('No import is waiting for confirmation.').waitFor();
    await importPanel.getByLabel('Import watchlist files').setInputFiles({
      name: 'sanctions-update.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        `name,aliases,dob,country,list,topic\n${name},,${customer.dob.slice(0, 10)},,Browser Sanctions List,sanction\n`,
      ),
    });
    await importPanel.getByRole('button', { name: 'Read and preview' }).click();
    const preview = importPanel.getByRole('region', { name: 'Import preview' });
    await preview.waitFor();
    const outcome = preview.getByRole('group', { name: 'Cases whose outcome would change' });
    await expect.poll(() => outcome.innerText()).toMatch(/1 case would change \(0 open, 1 decided/);
    expect(
      await outcome.getByRole('list', { name: 'Decided cases that would need a re-review' }).innerText(),
    ).toContain(name);
    await shot('the import preview names the approved customer');
    await preview.getByRole('button', { name: 'Confirm import' }).click();
    await app
      .getByRole('dialog', { name: 'Apply this import?' })
      .getByRole('button', { name: 'Apply as a new version' })
      .click();
    await importPanel.getByText(/^Imported: version 2 is active/).waitFor();

    // The queue's Needs re-review tab has them, with what changed since the decision.
    await eventually('the case in needs_rereview', async () => {
      const detail = CaseDetailDto.parse(Answer.parse(await inApp(frame, `/api/cases/${customer.identity_id}`)).body);
      return detail.case.status === 'needs_rereview' ? detail : undefined;
    });
    await openQueue(app);
    await app.getByRole('tab', { name: /^Needs re-review/ }).click();
    await searchQueue(app, name);
    const row = casesTable(app).getByRole('link', { name });
    await row.first().waitFor();
    await shot('needs re-review tab with the approved customer');
    await row.first().click();
    const changes = panel(app, 'What changed since the decision');
    await changes.waitFor();
    await expect.poll(() => changes.innerText()).toMatch(/New watchlist match: .* on Browser Sanctions List/);
    await shot('what changed since the decision');

    // Cloud holds the alert (the emulator's alert list for the identity).
    const alerts = await eventually('the re-review alert in Cloud', async () => {
      const all = Alerts.parse(await suite.stack.control('GET', `/alerts?identity_id=${customer.identity_id}`)).data;
      return all.some((a) => a.title === 'KYC review: re-review needed') ? all : undefined;
    });
    expect(alerts.some((a) => a.description.includes('New watchlist match'))).toBe(true);
    const cloud = await page.context().newPage();
    await cloud.goto(`${suite.stack.emulatorUrl}/_emulator/alerts?identity_id=${customer.identity_id}`);
    await cloud.screenshot({ path: `${shot.dir}/alerts-in-the-emulator.png`, fullPage: true });
    await cloud.close();

    // Approve is blocked with the blockers listed; the lead overrides with a reason.
    const decision = panel(app, 'Decision');
    const blocked = decision.getByRole('region', { name: 'Approval blocked' });
    await blocked.waitFor();
    expect(await blocked.innerText()).toMatch(/Open watchlist match: .* on Browser Sanctions List needs a verdict/);
    expect(await decision.getByRole('radio', { name: 'Approve' }).isDisabled()).toBe(true);
    await shot('approval blocked with the blockers listed');
    await blocked.getByRole('button', { name: 'Override as lead…' }).click();
    await blocked.getByLabel('Reason').selectOption({ label: 'Hit cleared by evidence' });
    await blocked
      .getByLabel('Note (required)')
      .fill('Passport seen: a different date of birth from the listed person.');
    await blocked.getByRole('button', { name: 'Approve over the blockers' }).click();
    const dialog = app.getByRole('dialog', { name: 'Approve over the blockers?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Override and approve' }).click();
    const history = panel(app, 'History').getByRole('listitem');
    await expect.poll(() => history.first().innerText()).toMatch(/Lead override/);
    await shot('lead override recorded');

    // A case with duplicates links each one by the other customer's name.
    const all = CaseQueueDto.parse(Answer.parse(await inApp(frame, '/api/cases?pageSize=100')).body).items;
    let duplicated: string | undefined;
    let tokenized: string | undefined;
    for (const item of all) {
      if (duplicated !== undefined && tokenized !== undefined) break;
      const detail = CaseDetailDto.parse(Answer.parse(await inApp(frame, `/api/cases/${item.identity_id}`)).body);
      if (duplicated === undefined && detail.case.duplicates.length > 0) duplicated = item.identity_id;
      if (tokenized === undefined && detail.identity.meta_data['seed_case'] === 'tokenized')
        tokenized = item.identity_id;
    }
    if (duplicated === undefined || tokenized === undefined)
      throw new Error('the seed has no duplicate or tokenized case');
    await openById(app, duplicated);
    const checks = panel(app, 'Checks');
    await checks.getByRole('link').first().waitFor();
    await checks.scrollIntoViewIfNeeded();
    await shot('duplicate links by name');

    // After a reveal the checks run again with the value, held in memory only.
    await openById(app, tokenized);
    const reveal = app.getByRole('button', { name: 'Reveal first name' });
    await reveal.click();
    await reveal.waitFor({ state: 'detached' });
    await eventually('the reveal re-screening in the history', async () => {
      const text = await panel(app, 'History').innerText();
      return /reveal/i.test(text) ? text : undefined;
    });
    await shot('a case after a reveal');
  });
});
