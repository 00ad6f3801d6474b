import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { appDocument, caseIdFromUrl, firstRowWithOpenHits, openQueue, panel } from '../support/app';
import { openSession } from '../support/browser';
import { browserSuite } from '../support/browser-suite';
import { installApp, launchApp, openDashboard } from '../support/dashboard';
import { eventually } from '../support/poll';

// The whole path as a compliance analyst meets it, cross-site as inside Blnk Cloud: the
// dashboard on 127.0.0.1 frames the app on localhost, so the app's session cookie is a
// third-party cookie and survives only because it is Partitioned (docs/cloud-contract.md §5).

const Identity = z.object({
  identity_id: z.string(),
  first_name: z.string(),
  meta_data: z.record(z.string(), z.unknown()),
});
const Alerts = z.object({
  data: z.array(
    z.object({
      anomaly_id: z.string(),
      title: z.string(),
      description: z.string(),
      affected_identities: z.array(z.string()),
    }),
  ),
});

const suite = browserSuite({ appHost: 'localhost', identitiesPerInstance: 60 });

const alertsOn = async (identityId: string) =>
  Alerts.parse(await suite.stack.control('GET', `/alerts?identity_id=${identityId}`)).data;

describe('the review path in Chromium, cross-site', () => {
  it('installs, launches, confirms a watchlist hit, rejects, and Cloud shows the outcome', async () => {
    expect(new URL(suite.stack.emulatorUrl).hostname).toBe('127.0.0.1');
    expect(new URL(suite.stack.bff.url).hostname).toBe('localhost');
    const { context, page, shot } = await openSession(suite.browser, 'main path cross-site');

    await openDashboard(page, suite.stack.emulatorUrl);
    await shot('dashboard');
    const installId = await installApp(page, ['data:read', 'data:write', 'alerts:read', 'alerts:write']);
    await shot('installed with all scopes');

    const app = await launchApp(page);
    await app.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    await shot('launched dashboard');

    // The premise: this Chromium drops an unpartitioned third-party cookie…
    const frame = appDocument(page, suite.stack.bff.url);
    const jar = await frame.evaluate(() => {
      document.cookie = 'e2e_unpartitioned=1; Secure; SameSite=None; Path=/';
      return document.cookie;
    });
    expect(jar).not.toContain('e2e_unpartitioned');
    // …so the session works only because its cookie is partitioned under the dashboard's site.
    const session = (await context.cookies(suite.stack.bff.url)).find((c) => c.name === '__Host-kyc_session');
    expect(session?.partitionKey).toBe('http://127.0.0.1');
    expect(session?.httpOnly).toBe(true);

    const rows = await openQueue(app);
    expect(await rows.count()).toBeGreaterThan(10);
    await shot('queue with seeded identities');

    const row = await firstRowWithOpenHits(app, rows);
    expect(row, 'the seed puts identities with watchlist hits at the top of the risk-sorted queue').not.toBeNull();
    await row!.getByRole('link').click();
    await panel(app, 'Watchlist hits').waitFor();
    const identityId = caseIdFromUrl(appDocument(page, suite.stack.bff.url));
    const seeded = Identity.parse(await suite.stack.control('GET', `/identities/${identityId}`));
    expect(seeded.meta_data['kyc_status']).toBeUndefined();
    await expect.poll(() => app.getByRole('heading', { level: 1 }).innerText()).toContain(seeded.first_name);
    const name = await app.getByRole('heading', { level: 1 }).innerText();
    const alertsBefore = await alertsOn(identityId);
    await shot('case with a watchlist hit');

    const hit = panel(app, 'Watchlist hits')
      .getByRole('listitem', { name: /^Hit: / })
      .first();
    await hit.getByRole('button', { name: 'Confirm match…' }).click();
    await hit.getByLabel('Note (required)').fill('Same person: dob and nationality match the entry.');
    await hit.getByRole('button', { name: 'Confirm match', exact: true }).click();
    // A confirmed match asks first: it raises a Cloud alert.
    const confirm = app.getByRole('dialog', { name: /^Confirm the match with / });
    await confirm.getByRole('button', { name: 'Confirm match' }).click();
    await hit.getByText('Confirmed match', { exact: true }).waitFor();
    await shot('hit confirmed');

    const decision = panel(app, 'Decision');
    await decision.getByRole('radio', { name: 'Reject' }).check();
    await decision.getByLabel('Reason').selectOption({ label: 'Sanctions match' });
    await decision.getByLabel('Note (required)').fill('Confirmed sanctions match in browser test');
    await shot('reject filled in');
    await decision.getByRole('button', { name: 'Reject', exact: true }).click();
    await decision.getByRole('status').filter({ hasText: 'Decision saved.' }).waitFor();
    await shot('rejected');

    // The outbox writes to Cloud after answering: the ledger and the alerts catch up.
    const written = await eventually('the rejection in the identity metadata', async () => {
      const identity = Identity.parse(await suite.stack.control('GET', `/identities/${identityId}`));
      return identity.meta_data['kyc_status'] === 'rejected' ? identity : undefined;
    });
    expect(written.meta_data).toMatchObject({
      kyc_status: 'rejected',
      kyc_risk_level: expect.any(String),
      kyc_risk_score: expect.any(Number),
    });
    expect(written.meta_data['kyc_case_id']).toMatch(/\S/);
    expect(written.meta_data['kyc_reviewed_by']).toMatch(/\S/);
    const raised = await eventually('two new alerts (confirmed hit, rejection)', async () => {
      const fresh = (await alertsOn(identityId)).filter(
        (a) => !alertsBefore.some((b) => b.anomaly_id === a.anomaly_id),
      );
      return fresh.length >= 2 ? fresh : undefined;
    });
    expect(raised.map((a) => a.title).sort()).toEqual([
      'KYC review: identity rejected',
      'KYC review: watchlist match confirmed',
    ]);
    expect(raised.find((a) => a.title.endsWith('rejected'))?.description).toContain('(sanctions_match)');
    expect(raised).toHaveLength(2);

    // The case screen caches its answer (staleTime 30 s), so the reviewer reloads the frame
    // (a reload inside the iframe reopens the same screen) to see the write-back landed.
    const caseUrl = appDocument(page, suite.stack.bff.url).url();
    await appDocument(page, suite.stack.bff.url).goto(caseUrl);
    await app.getByRole('heading', { name, level: 1 }).waitFor();
    await app.getByText(String(written.meta_data['kyc_case_id']), { exact: true }).waitFor();
    const writeBack = panel(app, 'Write-back to Blnk Cloud');
    await expect.poll(() => writeBack.innerText()).toMatch(/Identity metadata\s*Done[\s\S]*Alert\s*Done/);
    const history = panel(app, 'History').getByRole('listitem');
    await expect
      .poll(() => history.allInnerTexts())
      .toEqual([
        expect.stringMatching(/^Decision: Reject[\s\S]*sanctions_match: Confirmed sanctions match in browser test/),
        expect.stringMatching(/^Hit confirmed as a match/),
      ]);
    await panel(app, 'Cloud alerts').getByRole('link', { name: 'KYC review: identity rejected' }).waitFor();
    await shot('case write-back done and alerts');
    await panel(app, 'History').scrollIntoViewIfNeeded();
    await shot('case history');
    expect(installId).toMatch(/^instapp_/);
    await context.close();
  });
});
