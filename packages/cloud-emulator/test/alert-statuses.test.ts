import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startEmulator } from './helpers';

// Alert statuses as today's docs describe them (docs/cloud-contract.md §6.5): status objects with a name
// and a colour, managed by POST/PUT/DELETE /alerts/statuses, usable on PUT /alerts/flag.

const ctx = await startEmulator();
const Statuses = z.object({
  data: z.array(z.object({ key: z.string(), name: z.string(), colour: z.string(), organization_id: z.string() })),
  allowed_colours: z.array(z.string()),
});

const writer = await ctx.install(['data:read', 'alerts:read', 'alerts:write']);

async function setup() {
  const call = ctx.api(writer.api_key, writer.instance_id);
  const identity = z
    .object({ data: z.array(z.object({ identity_id: z.string() })) })
    .parse(await (await call('GET', '/data/identities?pageSize=1')).json()).data[0];
  if (identity === undefined) throw new Error('no identity');
  const flagged = z
    .object({ anomaly_id: z.string() })
    .parse(await (await call('POST', `/alerts/flag/${identity.identity_id}`, { description: 'check' })).json());
  return { call, alertId: flagged.anomaly_id };
}

describe('alert statuses', () => {
  it('adds a custom status, sets it on an alert, renames, recolours and deletes it', async () => {
    const { call, alertId } = await setup();
    const created = await call('POST', '/alerts/statuses', { name: 'Awaiting documents', colour: '#EC4899' });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ key: 'AWAITING_DOCUMENTS', name: 'Awaiting documents' });
    const listed = Statuses.parse(await (await call('GET', '/alerts/statuses')).json());
    expect(listed.data.find((s) => s.key === 'AWAITING_DOCUMENTS')).toMatchObject({ colour: '#EC4899' });

    const set = await call('PUT', `/alerts/flag/${alertId}`, { status: 'AWAITING_DOCUMENTS' });
    expect(await set.json()).toMatchObject({ status: 'AWAITING_DOCUMENTS' });

    const renamed = await call('PUT', '/alerts/statuses/AWAITING_DOCUMENTS', {
      name: 'Docs requested',
      colour: '#14B8A6',
    });
    expect(await renamed.json()).toMatchObject({
      key: 'AWAITING_DOCUMENTS',
      name: 'Docs requested',
      colour: '#14B8A6',
    });

    expect((await call('DELETE', '/alerts/statuses/AWAITING_DOCUMENTS')).status).toBe(200);
    expect((await call('PUT', `/alerts/flag/${alertId}`, { status: 'AWAITING_DOCUMENTS' })).status).toBe(400);
  });

  it('takes an explicit key, and refuses duplicates, unknown colours, built-in deletes and missing statuses', async () => {
    const { call } = await setup();
    expect(
      (await call('POST', '/alerts/statuses', { key: 'ON_HOLD', name: 'On hold', colour: '#6B7280' })).status,
    ).toBe(201);
    expect((await call('POST', '/alerts/statuses', { name: 'On hold', colour: '#6B7280' })).status).toBe(409);
    const badColour = await call('POST', '/alerts/statuses', { name: 'Red', colour: 'red' });
    expect(badColour.status).toBe(400);
    expect(await badColour.json()).toEqual({ error: expect.stringContaining('colour') });
    expect((await call('POST', '/alerts/statuses', { name: '!!!', colour: '#6B7280' })).status).toBe(400);
    expect((await call('DELETE', '/alerts/statuses/FLAGGED')).status).toBe(400);
    expect((await call('DELETE', '/alerts/statuses/NOPE')).status).toBe(404);
    expect((await call('PUT', '/alerts/statuses/NOPE', { name: 'x' })).status).toBe(404);
    expect((await call('PUT', '/alerts/statuses/ON_HOLD', {})).status).toBe(400);
  });

  it('needs alerts:write to manage statuses', async () => {
    const instances = z
      .array(z.object({ instance_id: z.string() }))
      .parse(await (await ctx.control('GET', '/instances')).json());
    const install = await ctx.install(['data:read', 'alerts:read'], instances[1]?.instance_id);
    const call = ctx.api(install.api_key, install.instance_id);
    expect((await call('GET', '/alerts/statuses')).status).toBe(200);
    expect((await call('POST', '/alerts/statuses', { name: 'X', colour: '#6B7280' })).status).toBe(403);
  });
});
