import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiAnswer } from '../support/rpc';
import { z } from 'zod';
import { AlertDto, AlertListDto, AlertStatusListDto, CaseQueueDto, UserId } from '@kyc-review/contracts';
import { createEmulatorBackedApp, type EmulatorBackedApp, type InstalledSession } from '../support';
import { clearCalls, cloudCalls, direct, errorOf, identitiesOf } from './api-helpers';

// Cloud's alerts through the BFF (docs/cloud-contract.md §6.5): what the SPA lists, raises and updates
// is what Cloud holds, and state-changing calls need the CSRF header.

const CloudAlerts = z.object({
  data: z.array(z.looseObject({ anomaly_id: z.string(), affected_identities: z.array(z.string()) })),
  total: z.number(),
});

let env: EmulatorBackedApp;
let installed: InstalledSession;
let identityId = '';
let quietIdentity = '';
beforeAll(async () => {
  env = await createEmulatorBackedApp({ identitiesPerInstance: 40 });
  installed = await env.install();
  const cloud = CloudAlerts.parse(await direct(env, installed, '/alerts?pageSize=100'));
  const ids = (await identitiesOf(env, installed)).map((i) => i.identity_id);
  identityId = ids[0] ?? '';
  quietIdentity =
    ids.find((id) => !cloud.data.some((a) => a.affected_identities.includes(id)) && id !== identityId) ?? '';
});
afterAll(async () => env.close());

const json = async <T extends z.ZodType>(res: ApiAnswer, schema: T, status = 200) => {
  expect(res.status).toBe(status);
  return schema.parse(await res.json());
};

describe('alerts', () => {
  it('raises an alert on an identity, lists it for that identity, reads and updates it', async () => {
    const raised = await json(
      await installed.rpc.api.identities[':identityId'].alerts.$post({
        param: { identityId: identityId },
        json: { title: 'Document mismatch', description: '  Passport name differs  ' },
      }),
      AlertDto,
      201,
    );
    expect(raised).toMatchObject({
      title: 'Document mismatch',
      description: 'Passport name differs',
      status: 'FLAGGED',
      affected_identities: [identityId],
    });

    const listed = await json(
      await installed.rpc.api.alerts.$get({
        query: Object.fromEntries(new URLSearchParams(`identity_id=${identityId}`)),
      }),
      AlertListDto,
    );
    expect(listed.items.map((a) => a.anomaly_id)).toContain(raised.anomaly_id);
    expect(listed.items.every((a) => a.affected_identities.includes(identityId))).toBe(true);
    expect(
      await json(await installed.rpc.api.alerts[':alertId'].$get({ param: { alertId: raised.anomaly_id } }), AlertDto),
    ).toEqual(raised);

    const updated = await json(
      await installed.rpc.api.alerts[':alertId'].$patch({
        param: { alertId: raised.anomaly_id },
        json: { status: 'INVESTIGATING', description: 'Asked for a new scan' },
      }),
      AlertDto,
    );
    expect(updated).toMatchObject({
      anomaly_id: raised.anomaly_id,
      status: 'INVESTIGATING',
      description: 'Asked for a new scan',
      title: 'Document mismatch',
    });
    const inCloud = z
      .object({ data: z.array(z.looseObject({ anomaly_id: z.string(), status: z.string() })) })
      .parse(await env.control('GET', `/alerts?identity_id=${identityId}`));
    expect(inCloud.data.find((a) => a.anomaly_id === raised.anomaly_id)?.status).toBe('INVESTIGATING');
  });

  it("lists the install's alerts with Cloud's total, an identity without alerts as an empty list", async () => {
    const cloud = CloudAlerts.parse(await direct(env, installed, '/alerts?pageSize=5'));
    const page = await json(
      await installed.rpc.api.alerts.$get({ query: Object.fromEntries(new URLSearchParams(`pageSize=5`)) }),
      AlertListDto,
    );
    expect(page.total).toBe(cloud.total);
    expect(page.items.map((a) => a.anomaly_id)).toEqual(cloud.data.map((a) => a.anomaly_id));
    expect(
      await json(
        await installed.rpc.api.alerts.$get({
          query: Object.fromEntries(new URLSearchParams(`identity_id=${quietIdentity}`)),
        }),
        AlertListDto,
      ),
    ).toEqual({
      items: [],
      total: 0,
    });
  });

  it("answers Cloud's statuses with their names and colours, custom ones included", async () => {
    const { data } = await json(await installed.rpc.api.alerts.statuses.$get(), AlertStatusListDto);
    expect(data).toEqual(
      expect.arrayContaining([
        { key: 'FLAGGED', name: 'Flagged', colour: '#EF4444' },
        { key: 'PENDING_REVIEW', name: 'Pending Review', colour: '#3B82F6' },
      ]),
    );
  });

  it('sets a status the organization added in Cloud after the app was installed', async () => {
    const added = await fetch(`${env.emulatorUrl}/alerts/statuses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${installed.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Awaiting documents', colour: '#EC4899' }),
    });
    expect(added.status).toBe(201);
    const { data } = await json(await installed.rpc.api.alerts.statuses.$get(), AlertStatusListDto);
    expect(data).toContainEqual({ key: 'AWAITING_DOCUMENTS', name: 'Awaiting documents', colour: '#EC4899' });
    const created = await json(
      await installed.rpc.api.identities[':identityId'].alerts.$post({
        param: { identityId: identityId },
        json: { description: 'docs' },
      }),
      AlertDto,
      201,
    );
    const updated = await installed.rpc.api.alerts[':alertId'].$patch({
      param: { alertId: created.anomaly_id },
      json: { status: 'AWAITING_DOCUMENTS' },
    });
    expect(updated.status).toBe(200);
    expect(await updated.json()).toMatchObject({ status: 'AWAITING_DOCUMENTS' });
  });

  it('refuses bad bodies with the fields named, before calling Cloud; a status Cloud refuses is a 400', async () => {
    await clearCalls(env);
    // A body the typed client would not compile: sent raw.
    const noDescription = await installed.api(`/api/identities/${identityId}/alerts`, {
      method: 'POST',
      body: { title: 'x' },
    });
    expect(noDescription.status).toBe(400);
    expect(await errorOf(noDescription)).toMatchObject({
      code: 'validation_failed',
      details: { fields: [expect.objectContaining({ field: 'description' })] },
    });
    const empty = await installed.api('/api/alerts/ano_00000000-0000-4000-8000-000000000000', {
      method: 'PATCH',
      body: {},
    });
    expect(empty.status).toBe(400);
    expect(await cloudCalls(env)).toEqual([]);

    const listed = await json(
      await installed.rpc.api.alerts.$get({
        query: Object.fromEntries(new URLSearchParams(`identity_id=${identityId}`)),
      }),
      AlertListDto,
    );
    const id = listed.items[0]?.anomaly_id ?? '';
    const unknownStatus = await installed.rpc.api.alerts[':alertId'].$patch({
      param: { alertId: id },
      json: { status: 'NOT_A_STATUS' },
    });
    expect(unknownStatus.status).toBe(400);
    const text = JSON.stringify(await errorOf(unknownStatus));
    expect(text).toContain('bad_request');
    expect(text).not.toContain('GET /alerts/statuses');
  });

  it('names the affected identities the install has cases for, and only those', async () => {
    const before = await json(
      await installed.rpc.api.alerts.$get({ query: { identity_id: identityId } }),
      AlertListDto,
    );
    // Before the queue's first sync the install knows no names: the ids stand alone.
    if (before.items.length > 0) expect(before.items[0]?.identity_names).toEqual({});
    await installed.rpc.api.cases.$get({ query: {} });
    await env.t.services.review.sync.idle(installed.installedAppId);
    const queue = CaseQueueDto.parse(await (await installed.rpc.api.cases.$get({ query: { pageSize: '100' } })).json());
    const names = new Map(queue.items.map((c) => [c.identity_id, c.display_name]));

    const all = await json(await installed.rpc.api.alerts.$get({ query: {} }), AlertListDto);
    const affected = all.items.flatMap((a) => a.affected_identities);
    expect(affected.length).toBeGreaterThan(0);
    for (const alert of all.items)
      for (const id of alert.affected_identities) expect(alert.identity_names[id]).toBe(names.get(id));
    const first = all.items.find((a) => a.affected_identities.length > 0);
    if (first === undefined) throw new Error('no alert names an identity');
    const one = await json(
      await installed.rpc.api.alerts[':alertId'].$get({ param: { alertId: first.anomaly_id } }),
      AlertDto,
    );
    expect(one.identity_names).toEqual(first.identity_names);
    // An id the install has no case for (another install's, say) has no name.
    expect(Object.keys(one.identity_names).every((id) => one.affected_identities.includes(id))).toBe(true);
  });

  it('names who an alert is assigned and escalated to: the reviewer linked to that Cloud user, else what Cloud gave', async () => {
    const me = installed.session.reviewer;
    if (me === undefined) throw new Error('nobody signed in');
    const repos = env.t.services.repos;
    await repos.reviewers.linkCloudUser(installed.installedAppId, me.reviewerId, UserId.parse('user_ada_cloud'));
    // Another install's reviewer linked to a Cloud user is no name here.
    const instance = (await env.instances()).find((i) => i.instance_id !== installed.instanceId);
    if (instance === undefined) throw new Error('the emulator has two instances');
    const other = await env.install(undefined, { instanceId: instance.instance_id });
    const theirs = other.session.reviewer?.reviewerId ?? '';
    await repos.reviewers.linkCloudUser(other.installedAppId, theirs, UserId.parse('user_other_install'));

    const raised = await json(
      await installed.rpc.api.identities[':identityId'].alerts.$post({
        param: { identityId },
        json: { description: 'Who is on it?' },
      }),
      AlertDto,
      201,
    );
    expect(raised).toMatchObject({ assignee: null, escalated: [] });
    // Cloud's API sets neither field; an operator does so in Cloud's dashboard.
    const row = env.emulatorStore.instance(installed.instanceId)?.alerts.get(raised.anomaly_id);
    if (row === undefined) throw new Error('the raised alert is not in the emulator');
    row.assigned_to = 'user_ada_cloud';
    row.escalated_to = ['user_other_install', 'user_ada_cloud'];
    env.emulatorStore.changed();

    const read = async () =>
      json(await installed.rpc.api.alerts[':alertId'].$get({ param: { alertId: raised.anomaly_id } }), AlertDto);
    const named = await read();
    const ada = { kind: 'reviewer', name: me.displayName, cloud_user_id: 'user_ada_cloud' };
    expect(named.assignee).toEqual(ada);
    expect(named.escalated).toEqual([{ kind: 'cloud_user', name: null, cloud_user_id: 'user_other_install' }, ada]);
    // Cloud's raw values stay as they were.
    expect(named).toMatchObject({
      assigned_to: 'user_ada_cloud',
      escalated_to: ['user_other_install', 'user_ada_cloud'],
    });

    // A team name Cloud gives as is; the list names people the same way.
    row.assigned_to = 'Compliance Team';
    env.emulatorStore.changed();
    expect((await read()).assignee).toEqual({ kind: 'cloud_name', name: 'Compliance Team', cloud_user_id: null });
    const listed = await json(
      await installed.rpc.api.alerts.$get({ query: { identity_id: identityId } }),
      AlertListDto,
    );
    expect(listed.items.find((a) => a.anomaly_id === raised.anomaly_id)?.escalated).toEqual(named.escalated);
  });

  it('answers 404 for an alert that does not exist', async () => {
    const res = await installed.rpc.api.alerts[':alertId'].$get({
      param: { alertId: 'ano_00000000-0000-4000-8000-000000000000' },
    });
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('not_found');
  });
});

describe('CSRF on state-changing calls', () => {
  it.each([
    { method: 'POST', path: () => `/api/identities/${identityId}/alerts`, body: { description: 'no header' } },
    {
      method: 'PATCH',
      path: () => '/api/alerts/ano_00000000-0000-4000-8000-000000000000',
      body: { status: 'RESOLVED' },
    },
  ])('$method without X-CSRF-Token: 403 csrf_failed and no call to Cloud', async ({ method, path, body }) => {
    await clearCalls(env);
    const { cookie, origin } = installed.session;
    const res = await env.t.app.request(path(), {
      method,
      headers: { Cookie: cookie, Origin: origin, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe('csrf_failed');
    expect(await cloudCalls(env)).toEqual([]);
  });
});

describe('bodies that are not JSON', () => {
  it.each([
    { name: 'malformed JSON', contentType: 'application/json', body: '{"description": ' },
    { name: 'text/plain', contentType: 'text/plain', body: 'description=hello' },
  ])('$name: 400 in the error envelope, nothing sent to Cloud', async ({ contentType, body }) => {
    await clearCalls(env);
    const { cookie, csrfToken, origin } = installed.session;
    const res = await env.t.app.request(`/api/identities/${identityId}/alerts`, {
      method: 'POST',
      headers: { Cookie: cookie, 'X-CSRF-Token': csrfToken, Origin: origin, 'Content-Type': contentType },
      body,
    });
    expect(res.status).toBe(400);
    expect(['bad_request', 'validation_failed']).toContain((await errorOf(res)).code);
    expect(await cloudCalls(env)).toEqual([]);
  });
});
