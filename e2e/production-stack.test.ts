import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startStack, type Stack } from './support/stack';

// The production bundle as Cloud meets it: install event over HTTP, launch, portal URL,
// cookie, session, the built SPA served with the framing policy — and no secret in its logs.

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack.close();
});

const Install = z.object({
  install: z.object({ installed_app_id: z.string(), api_key: z.string() }),
  callback: z.object({ status: z.number() }),
});

describe('the production BFF with the emulator', () => {
  it('installs, launches into a session and serves the SPA framed only by allowed hosts', async () => {
    const { install, callback } = Install.parse(
      await stack.control('POST', '/installs', { permissions: ['data:read'] }),
    );
    expect(callback.status).toBe(200);
    const { portal_url } = z
      .object({ portal_url: z.string() })
      .parse(await stack.control('POST', `/installs/${install.installed_app_id}/launch`, {}));
    expect(portal_url.startsWith(`${stack.bff.url}/portal/enter?token=`)).toBe(true);

    const enter = await fetch(portal_url, { redirect: 'manual' });
    expect(enter.status).toBe(303);
    const cookie = (enter.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie.startsWith('__Host-kyc_session=')).toBe(true);

    const session = await fetch(`${stack.bff.url}/api/session`, { headers: { cookie } });
    expect(session.status).toBe(200);

    const page = await fetch(`${stack.bff.url}/queue`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    expect(page.headers.get('content-security-policy')).toContain(`frame-ancestors 'self' ${stack.emulatorUrl}`);

    const logs = stack.bff.lines.join('\n');
    expect(logs).not.toContain(install.api_key);
    expect(logs).not.toContain(stack.secrets.callbackSecret);
    expect(logs).not.toContain(new URL(portal_url).searchParams.get('token') ?? 'no-token');
    expect(logs).not.toContain(cookie.split('=')[1] ?? 'no-cookie');
  });
});
