import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { countRows } from '../support/db-file';
import { loopback } from '../support/review-session';
import { startStack, type Stack } from '../support/stack';

// Cloud sends each event once but handlers must be safe to run again (docs/cloud-contract.md §3). The
// worst case: the same install event 200 times at once, straight at the production BFF's
// callback URL. Every answer is 200 and exactly one install record exists afterwards.

const COPIES = 200;
const Answer = z.object({ ok: z.literal(true), outcome: z.string() });

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ identitiesPerInstance: 10 });
});
afterAll(async () => stack.close());

describe('200 concurrent copies of one install event', () => {
  it('all answered 200, one install stored and usable, one "installed" outcome', async () => {
    const [instance] = z.array(z.object({ instance_id: z.string() })).parse(await stack.control('GET', '/instances'));
    const installedAppId = `instapp_${randomUUID()}`;
    const apiKey = `blnk_${randomBytes(24).toString('hex')}`;
    const appId = `app_${randomUUID()}`;
    const event = JSON.stringify({
      installed_app_id: installedAppId,
      app_id: appId,
      instance_id: instance?.instance_id,
      api_key: apiKey,
      api_key_prefix: apiKey.slice(0, 12),
      granted_permissions: ['data:read', 'data:write', 'alerts:read', 'alerts:write'],
      idempotency_key: `install:${installedAppId}`,
    });
    const url = `${loopback(stack)}/cloud/callback?key=${encodeURIComponent(stack.secrets.callbackSecret)}`;

    const answers = await Promise.all(
      Array.from({ length: COPIES }, async () => {
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: event });
        return { status: res.status, outcome: Answer.parse(await res.json()).outcome };
      }),
    );

    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: COPIES }, () => 200));
    const outcomes = answers.map((a) => a.outcome);
    expect(outcomes.filter((o) => o === 'installed')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(COPIES - 1);
    expect(countRows(stack.dir, 'SELECT count(*) AS n FROM installs')).toBe(1);
    expect(
      countRows(
        stack.dir,
        "SELECT count(*) AS n FROM installs WHERE installed_app_id = ? AND status = 'active'",
        installedAppId,
      ),
    ).toBe(1);
    expect(
      countRows(
        stack.dir,
        "SELECT count(*) AS n FROM callback_events WHERE installed_app_id = ? AND outcome = 'installed'",
        installedAppId,
      ),
    ).toBe(1);

    // The one record works: Cloud's launch for it gets a portal URL.
    const portal = await fetch(
      `${loopback(stack)}/cloud/portal?key=${encodeURIComponent(stack.secrets.callbackSecret)}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ installed_app_id: installedAppId, app_id: appId, instance_id: instance?.instance_id }),
      },
    );
    expect(portal.status).toBe(200);
    expect(stack.bff.lines.join('\n')).not.toContain(apiKey);
  });
});
