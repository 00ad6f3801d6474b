import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { appDocument, casesTable, openQueue, panel, searchQueue } from '../support/app';
import { openSession } from '../support/browser';
import { browserSuite } from '../support/browser-suite';
import { launchApp, openDashboard } from '../support/dashboard';

// Identity fields are whatever a ledger user typed: markup in them must show as text in the
// queue and the case, and no script in them may run (issue 7, security suite).

const IMG = '<img src=x onerror="window.__xss=1">';
const SCRIPT = '<script>window.__xss=2</script>';
const EMAIL = 'markup-probe@example.org';

const Install = z.object({
  install: z.object({ installed_app_id: z.string(), instance_id: z.string(), api_key: z.string() }),
});
const Created = z.object({ identity_id: z.string() });

const suite = browserSuite({ identitiesPerInstance: 30 });

/** Someone with the install's key writes an identity through Cloud's proxy (docs/cloud-contract.md §6.4). */
async function createHostileIdentity(): Promise<string> {
  const { install } = Install.parse(
    await suite.stack.control('POST', '/installs', {
      permissions: ['data:read', 'data:write', 'alerts:read', 'alerts:write'],
    }),
  );
  const res = await fetch(
    `${suite.stack.emulatorUrl}/proxy/identities?instance_id=${encodeURIComponent(install.instance_id)}`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${install.api_key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        identity_type: 'individual',
        first_name: IMG,
        last_name: SCRIPT,
        other_names: '<b>bold</b> &amp; <a href="javascript:window.__xss=3">link</a>',
        email_address: EMAIL,
        street: '<iframe src="javascript:parent.__xss=4"></iframe>',
        city: '"><svg onload="window.__xss=5">',
        country: 'Canada',
      }),
    },
  );
  expect(res.status).toBe(201);
  return Created.parse(await res.json()).identity_id;
}

describe('identity fields holding markup, in Chromium', () => {
  it('renders them as literal text in the queue and the case, and runs none of it', async () => {
    const identityId = await createHostileIdentity();
    const { context, page, shot } = await openSession(suite.browser, 'html renders as text');
    await openDashboard(page, suite.stack.emulatorUrl);
    const app = await launchApp(page);
    await openQueue(app);
    await searchQueue(app, EMAIL);
    const link = casesTable(app).getByRole('link', {
      name: `${IMG} <b>bold</b> &amp; <a href="javascript:window.__xss=3">link</a> ${SCRIPT}`,
    });
    await link.waitFor();
    await shot('queue shows the markup as text');

    await link.click();
    const identity = panel(app, 'Identity');
    await identity.waitFor();
    expect(new URL(appDocument(page, suite.stack.bff.url).url()).pathname).toBe(`/cases/${identityId}`);
    for (const text of [
      IMG,
      SCRIPT,
      '<iframe src="javascript:parent.__xss=4"></iframe>',
      '"><svg onload="window.__xss=5">',
    ]) {
      await identity.getByText(text, { exact: true }).waitFor();
    }
    await shot('case shows the markup as text');

    // Nothing ran and nothing was parsed into elements, in the app or in the dashboard around it.
    const frame = appDocument(page, suite.stack.bff.url);
    const inFrame = await frame.evaluate(() => ({
      xss: typeof Reflect.get(window, '__xss'),
      injected: document.querySelectorAll('img[src="x"], svg[onload], iframe, a[href^="javascript:"], b').length,
      scripts: Array.from(document.scripts).filter((s) => s.text.includes('__xss')).length,
    }));
    expect(inFrame).toEqual({ xss: 'undefined', injected: 0, scripts: 0 });
    expect(await page.evaluate(() => typeof Reflect.get(window, '__xss'))).toBe('undefined');
    await context.close();
  });
});
