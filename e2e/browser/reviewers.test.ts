import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, FrameLocator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CaseDetailDto, CaseQueueDto } from '@kyc-review/contracts';
import { z } from 'zod';
import { appDocument, panel } from '../support/app';
import { openSession, type Shots } from '../support/browser';
import { browserSuite } from '../support/browser-suite';
import { appFrame, installApp, launchApp, openDashboard } from '../support/dashboard';
import { eventually } from '../support/poll';
import { accountEmail, E2E_PASSWORD, totpNow } from '../support/reviewer-accounts';
import { loopback } from '../support/review-session';

// Reviewers in Chromium, cross-site inside the emulator's dashboard (decision 017): the first
// launch sets up an admin, who invites a lead; the lead redeems the invitation from a second
// browser; a high-risk case is approved by both (four eyes by person), the admin's second
// approval behind the step-up dialog; the history names both and Cloud's ledger metadata
// names the second approver. Every new screen is photographed.

const suite = browserSuite({ appHost: 'localhost', identitiesPerInstance: 30 });
const Identity = z.object({ meta_data: z.record(z.string(), z.unknown()) });
const ADMIN = 'Alex Admin';
const LEAD = 'Lee Lead';

const heading = (app: FrameLocator, name: string) => app.getByRole('heading', { name, level: 1 }).waitFor();

/** The recovery codes on screen, then on past them. */
async function savedCodes(app: FrameLocator): Promise<string[]> {
  const items = app.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
  await items.first().waitFor();
  const codes = (await items.allTextContents()).map((c) => c.trim());
  await app.getByRole('button', { name: 'I have saved these codes' }).click();
  await app.getByRole('navigation', { name: 'Main' }).waitFor();
  return codes;
}

/** The authenticator step: the setup key shown, and the code it gives now. */
async function authenticatorCode(app: FrameLocator): Promise<{ secret: string; code: string }> {
  const secret = ((await app.getByTestId('totp-secret').textContent()) ?? '').replace(/\s+/g, '');
  return { secret, code: totpNow(secret) };
}

/** A high-risk case still to decide with nothing blocking an approval (no open hit), asked of the BFF with the browser's own session cookie. */
async function highRiskCase(context: BrowserContext): Promise<string> {
  const cookie = (await context.cookies(suite.stack.bff.url)).find((c) => c.name === '__Host-kyc_session');
  if (cookie === undefined) throw new Error('no session cookie in the browser');
  return eventually('a new high-risk case in the synced queue', async () => {
    const res = await fetch(`${loopback(suite.stack)}/api/cases?pageSize=100`, {
      headers: { cookie: `${cookie.name}=${cookie.value}` },
    });
    const queue = CaseQueueDto.parse(await res.json());
    for (const item of queue.items.filter((c) => c.status === 'new' && c.risk_level === 'high')) {
      const detail = await fetch(`${loopback(suite.stack)}/api/cases/${item.identity_id}`, {
        headers: { cookie: `${cookie.name}=${cookie.value}` },
      });
      const { case: kase } = CaseDetailDto.parse(await detail.json());
      if (!kase.allowed_actions.approve.blockers.some((b) => b.code === 'invalid_transition')) return item.identity_id;
    }
    return undefined;
  });
}

async function openCase(page: Page, identityId: string): Promise<FrameLocator> {
  await appDocument(page, suite.stack.bff.url).goto(`${suite.stack.bff.url}/cases/${identityId}`);
  const app = appFrame(page);
  await panel(app, 'Decision').waitFor();
  return app;
}

/** The lead's first approval over the case's blockers (open hits): reason, note, confirmation (decision 020). */
async function overrideAndApprove(app: FrameLocator): Promise<void> {
  const blocked = panel(app, 'Decision').getByRole('region', { name: 'Approval blocked' });
  await blocked.getByRole('button', { name: 'Override as lead…' }).click();
  await blocked.getByRole('combobox', { name: 'Reason' }).selectOption({ label: 'Hit cleared by evidence' });
  await blocked.getByRole('textbox', { name: 'Note (required)' }).fill('Passport seen in the browser test.');
  await blocked.getByRole('button', { name: 'Approve over the blockers' }).click();
  await app
    .getByRole('dialog', { name: 'Approve over the blockers?' })
    .getByRole('button', { name: 'Override and approve' })
    .click();
}

async function approve(app: FrameLocator): Promise<void> {
  const decision = panel(app, 'Decision');
  await decision.getByRole('radio', { name: 'Approve' }).check();
  await decision.getByRole('button', { name: 'Approve', exact: true }).click();
  const confirm = app.getByRole('dialog', { name: 'Approve under four eyes?' });
  await confirm.getByRole('button', { name: 'Approve' }).click();
}

/** The pictures of this run, also where the reviewer of this change looks at them. */
function publish(shot: Shots, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const file of readdirSync(shot.dir)) copyFileSync(join(shot.dir, file), join(to, file));
}

describe('reviewers in Chromium, cross-site', () => {
  it(
    'bootstrap, invitation, a lead in a second browser, a high-risk approval by both',
    { timeout: 300_000 },
    async () => {
      // The admin's browser.
      const a = await openSession(suite.browser, 'reviewers admin');
      await openDashboard(a.page, suite.stack.emulatorUrl);
      await installApp(a.page, ['data:read', 'data:write', 'alerts:read', 'alerts:write']);
      let admin = await launchApp(a.page, { as: false });
      await heading(admin, 'Set up KYC Review');
      await admin.getByLabel('Your name').fill(ADMIN);
      await admin.getByLabel('Email').fill(accountEmail(ADMIN));
      await admin.getByLabel('Password', { exact: true }).fill(E2E_PASSWORD);
      await admin.getByLabel('Password again').fill(E2E_PASSWORD);
      await a.shot('bootstrap');
      await admin.getByRole('button', { name: 'Continue' }).click();
      await heading(admin, 'Set up your authenticator');
      const adminTotp = await authenticatorCode(admin);
      await admin.getByLabel('6-digit code from the app').fill(adminTotp.code);
      await a.shot('bootstrap totp setup');
      await admin.getByRole('button', { name: 'Create admin account' }).click();
      await admin.getByRole('list', { name: 'Recovery codes' }).waitFor();
      await a.shot('recovery codes');
      const adminCodes = await savedCodes(admin);

      // The admin page: invite a lead; the code is shown once.
      await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reviewers' }).click();
      await heading(admin, 'Reviewers');
      await admin.getByRole('table', { name: 'Reviewers' }).getByText(ADMIN).waitFor();
      await admin.getByRole('textbox', { name: 'Name' }).fill(LEAD);
      await admin.getByRole('textbox', { name: 'Email' }).fill(accountEmail(LEAD));
      await admin.getByRole('combobox', { name: 'Role', exact: true }).selectOption('lead');
      await admin.getByRole('button', { name: 'Create invitation' }).click();
      const codeBox = admin.getByLabel('Invitation code');
      await codeBox.waitFor();
      const invitationCode = ((await codeBox.textContent()) ?? '').trim();
      expect(invitationCode).toMatch(/^[A-Za-z0-9_-]{43}$/);
      await admin.getByRole('table', { name: 'Open invitations' }).getByText(LEAD).waitFor();
      await a.shot('admin page with invitation code');

      // The lead, in a browser of their own: their own launch, the invitation, password and TOTP.
      const b = await openSession(suite.browser, 'reviewers lead');
      await openDashboard(b.page, suite.stack.emulatorUrl);
      let lead = await launchApp(b.page, { as: false });
      await heading(lead, 'Sign in to KYC Review');
      await b.shot('sign in');
      await lead.getByRole('button', { name: 'I have an invitation' }).click();
      await heading(lead, 'Accept your invitation');
      await lead.getByRole('textbox', { name: 'Invitation code' }).fill(invitationCode);
      await b.shot('invitation code');
      await lead.getByRole('button', { name: 'Continue' }).click();
      await heading(lead, `Welcome, ${LEAD}`);
      await lead.getByLabel('Password', { exact: true }).fill(E2E_PASSWORD);
      await lead.getByLabel('Password again').fill(E2E_PASSWORD);
      await b.shot('invitation redeem');
      await lead.getByRole('button', { name: 'Continue' }).click();
      await heading(lead, 'Set up your authenticator');
      await lead.getByLabel('6-digit code from the app').fill((await authenticatorCode(lead)).code);
      await b.shot('invitation totp setup');
      await lead.getByRole('button', { name: 'Create my account' }).click();
      await savedCodes(lead);
      await lead.getByRole('link', { name: LEAD }).waitFor();

      // The lead gives the first approval of a high-risk case.
      const identityId = await highRiskCase(b.context);
      lead = await openCase(b.page, identityId);
      if (await panel(lead, 'Decision').getByRole('radio', { name: 'Approve' }).isDisabled())
        await overrideAndApprove(lead);
      else await approve(lead);
      await panel(lead, 'Decision')
        .getByText(/Waiting for a second approval/)
        .waitFor();
      await b.shot('first approval by the lead');

      // The admin's own page; they sign out and back in asking to be remembered, then relaunch:
      // the remembered browser signs them in, with no second factor on this launch.
      await admin.getByRole('link', { name: ADMIN }).click();
      await heading(admin, 'My account');
      await panel(admin, 'Authenticator app')
        .getByText(/Recovery codes left: 10/)
        .waitFor();
      await a.shot('my account');
      await admin.getByRole('main').getByRole('button', { name: 'Sign out' }).click();
      await heading(admin, 'Sign in to KYC Review');
      await admin.getByLabel('Email').fill(accountEmail(ADMIN));
      await admin.getByLabel('Password').fill(E2E_PASSWORD);
      await admin.getByRole('button', { name: 'Sign in' }).click();
      await heading(admin, 'Enter your authenticator code');
      await admin.getByRole('textbox', { name: 'Code' }).fill(adminCodes[0] ?? '');
      await admin.getByRole('checkbox', { name: 'Remember this browser for 30 days' }).check();
      await a.shot('second factor');
      await admin.getByRole('button', { name: 'Continue' }).click();
      await admin.getByRole('navigation', { name: 'Main' }).waitFor();
      await a.page.getByRole('button', { name: 'Close app' }).click();
      admin = await launchApp(a.page, { as: false });
      await admin.getByRole('navigation', { name: 'Main' }).waitFor();
      await admin.getByRole('link', { name: ADMIN }).click();
      await panel(admin, 'Remembered browsers').getByText('This browser').waitFor();
      await a.shot('my account remembered browser');

      // The second approval is a sensitive action: the step-up dialog asks for the code, then it goes through.
      admin = await openCase(a.page, identityId);
      await approve(admin);
      const stepUp = admin.getByRole('dialog', { name: 'Confirm it is you' });
      await stepUp.waitFor();
      await stepUp.getByRole('textbox', { name: 'Authenticator code' }).fill(adminCodes[1] ?? '');
      await a.shot('step-up dialog');
      await stepUp.getByRole('button', { name: 'Confirm and continue' }).click();
      await stepUp.waitFor({ state: 'detached' });
      await panel(admin, 'Decision').getByText('Decision saved.').waitFor();
      await a.shot('second approval by the admin');

      // Both names in the history; the ledger names the second approver, never an email.
      const history = panel(admin, 'History');
      await expect.poll(() => history.innerText()).toContain(`by ${ADMIN}`);
      expect(await history.innerText()).toContain(`by ${LEAD}`);
      const written = await eventually('the approval in the identity metadata', async () => {
        const identity = Identity.parse(await suite.stack.control('GET', `/identities/${identityId}`));
        return identity.meta_data['kyc_status'] === 'approved' ? identity : undefined;
      });
      expect(written.meta_data['kyc_reviewed_by']).toMatch(new RegExp(`^${ADMIN} \\(rvw_[0-9a-f-]+\\)$`));
      expect(JSON.stringify(written.meta_data)).not.toContain('@e2e.test');
      await history.scrollIntoViewIfNeeded();
      await a.shot('history with both names');
      // A page screenshot shows only the iframe's own viewport: the history panel by itself too.
      await history.screenshot({ path: join(a.shot.dir, '11-history-panel.png') });

      publish(a.shot, '/tmp/shots-h10');
      publish(b.shot, '/tmp/shots-h10/lead');
      await a.context.close();
      await b.context.close();
    },
  );
});
