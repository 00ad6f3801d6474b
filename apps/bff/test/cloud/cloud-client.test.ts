import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdentityId, TOKEN_PREFIX } from '@kyc-review/contracts';
import type { InstallCloudClient } from '../../src/cloud/cloud-client';
import { ALL, clientFor, startEmulator, type TestEmulator, type TestInstall } from './emulator-harness';
import { failure } from './fixtures';

// Each typed method against the emulator on loopback: what it sends, what it parses.

let emulator: TestEmulator;
let installA: TestInstall;
let cloud: InstallCloudClient;
let otherCloud: InstallCloudClient;

beforeAll(async () => {
  emulator = await startEmulator();
  const [first, second] = await emulator.instances();
  installA = await emulator.install(ALL, first);
  const installB = await emulator.install(ALL, second);
  const { client } = clientFor(emulator);
  cloud = client.forInstall(installA);
  otherCloud = client.forInstall(installB);
});
afterAll(() => emulator.close());

describe('identities', () => {
  it('lists a page with its total, newest first, filtered by Data API parameters', async () => {
    const page = await cloud.listIdentities({ page: 1, pageSize: 5 });
    expect(page.data).toHaveLength(5);
    expect(page.total).toBe(60);
    const created = page.data.map((i) => i.created_at);
    expect([...created].sort().reverse()).toEqual(created);

    const individuals = await cloud.listIdentities({
      pageSize: 100,
      filters: [{ field: 'identity_type', op: 'eq', value: 'individual' }],
    });
    expect(individuals.total).toBeGreaterThan(0);
    expect(individuals.total).toBeLessThan(60);
    expect(individuals.data.every((i) => i.identity_type === 'individual')).toBe(true);
  });

  it('reads one identity through the detail route', async () => {
    const [listed] = (await cloud.listIdentities({ pageSize: 1 })).data;
    const identity = await cloud.getIdentity(listed!.identity_id);
    expect(identity).toEqual(listed);
  });

  it('finds the never-reviewed queue through the Filters API', async () => {
    const page = await cloud.filterIdentities({
      pageSize: 100,
      filters: [{ field: 'meta_data.kyc_status', op: 'notexists' }],
    });
    const reviewed = await cloud.filterIdentities({
      pageSize: 100,
      filters: [{ field: 'meta_data.kyc_status', op: 'exists' }],
    });
    expect(page.total).toBeGreaterThan(0);
    expect(page.total + reviewed.total).toBe(60);
    expect(page.data.every((i) => !('kyc_status' in i.meta_data))).toBe(true);
    expect(reviewed.data.every((i) => typeof i.meta_data['kyc_status'] === 'string')).toBe(true);
  });

  it('does not reveal another instance’s identity, not even through the list fallback', async () => {
    const [foreign] = (await otherCloud.listIdentities({ pageSize: 1 })).data;
    const error = await failure(cloud.getIdentity(foreign!.identity_id));
    expect(error).toMatchObject({ code: 'cloud_not_found', status: 404 });
    expect(JSON.stringify(error)).not.toContain(foreign!.identity_id);
  });
});

describe('balances and transactions', () => {
  it('lists an identity’s balances with amounts as exact strings, and their applied transactions', async () => {
    const withBalance = await findIdentityWithBalances();
    const balances = await cloud.listBalances({ filters: [{ field: 'identity_id', op: 'eq', value: withBalance }] });
    expect(balances.total).toBeGreaterThan(0);
    for (const b of balances.data) {
      expect(b.identity_id).toBe(withBalance);
      expect(b.balance).toMatch(/^-?\d+$/);
    }
    const ids: string[] = balances.data.map((b) => b.balance_id);
    const txns = await cloud.listTransactions({
      pageSize: 50,
      filters: [
        { field: 'balance_id', op: 'in', values: ids },
        { field: 'status', op: 'eq', value: 'APPLIED' },
      ],
    });
    expect(txns.total).toBeGreaterThan(0);
    for (const t of txns.data) {
      expect(t.status).toBe('APPLIED');
      expect(ids.includes(t.source) || ids.includes(t.destination)).toBe(true);
      expect(t.precise_amount).toMatch(/^-?\d+$/);
    }
  });
});

describe('tokenized fields', () => {
  it('lists the tokenized fields and reveals one', async () => {
    const page = await cloud.listIdentities({
      pageSize: 100,
      filters: [{ field: 'meta_data.tokenized_fields.FirstName', op: 'eq', value: 'true' }],
    });
    const identity = page.data[0];
    expect(identity?.first_name.startsWith(TOKEN_PREFIX)).toBe(true);
    const fields = await cloud.getTokenizedFields(identity!.identity_id);
    expect(fields).toContain('FirstName');
    const value = await cloud.detokenizeField(identity!.identity_id, 'FirstName');
    expect(value).not.toBe('');
    expect(value.startsWith(TOKEN_PREFIX)).toBe(false);
  });
});

describe('metadata write-back', () => {
  it('merges flat keys and keeps the others', async () => {
    const reviewed = await cloud.filterIdentities({
      pageSize: 1,
      filters: [{ field: 'meta_data.kyc_status', op: 'exists' }],
    });
    const identity = reviewed.data[0]!;
    const merged = await cloud.updateIdentityMetadata(identity.identity_id, {
      kyc_status: 'escalated',
      kyc_case_id: 'case_test',
    });
    expect(merged).toEqual({ ...identity.meta_data, kyc_status: 'escalated', kyc_case_id: 'case_test' });
    expect(await emulator.identity(identity.identity_id)).toMatchObject({ meta_data: merged });
  });

  it('cannot write to another instance’s identity', async () => {
    const [foreign] = (await otherCloud.listIdentities({ pageSize: 1 })).data;
    const before = await emulator.identity(foreign!.identity_id);
    const error = await failure(cloud.updateIdentityMetadata(foreign!.identity_id, { kyc_status: 'approved' }));
    expect(error.code).toBe('cloud_not_found');
    expect(await emulator.identity(foreign!.identity_id)).toEqual(before);
  });
});

describe('alerts', () => {
  it('flags an identity, reads the alert, finds it by identity, updates its status', async () => {
    const [identity] = (await cloud.listIdentities({ pageSize: 1, page: 3 })).data;
    const id = identity!.identity_id;
    const flagged = await cloud.flagAlert(id, { title: 'KYC rejected', description: 'Document mismatch' });
    expect(flagged).toMatchObject({
      status: 'FLAGGED',
      type: 'Identity',
      affected_identities: [id],
      title: 'KYC rejected',
    });

    expect(await cloud.getAlert(flagged.anomaly_id)).toEqual(flagged);
    const listed = await cloud.listAlerts({ identityId: id });
    expect(listed.data.map((a) => a.anomaly_id)).toContain(flagged.anomaly_id);
    expect(listed.data.every((a) => a.affected_identities.includes(id))).toBe(true);

    const statuses = await cloud.alertStatuses();
    expect(statuses.map((s) => s.key)).toEqual(expect.arrayContaining(['FLAGGED', 'INVESTIGATING', 'RESOLVED']));
    expect(statuses).toContainEqual({ key: 'PENDING_REVIEW', name: 'Pending Review', colour: '#3B82F6' });
    const updated = await cloud.updateAlert(flagged.anomaly_id, {
      status: 'INVESTIGATING',
      description: 'Asked for a new document',
    });
    expect(updated).toMatchObject({
      anomaly_id: flagged.anomaly_id,
      status: 'INVESTIGATING',
      description: 'Asked for a new document',
    });
  });

  it('does not flag or read across instances', async () => {
    const [foreign] = (await otherCloud.listIdentities({ pageSize: 1 })).data;
    expect((await failure(cloud.flagAlert(foreign!.identity_id, { description: 'x' }))).code).toBe('cloud_not_found');
    const theirs = await otherCloud.flagAlert(foreign!.identity_id, { description: 'theirs' });
    expect((await failure(cloud.getAlert(theirs.anomaly_id))).code).toBe('cloud_not_found');
    expect((await cloud.listAlerts({ pageSize: 100 })).data.map((a) => a.anomaly_id)).not.toContain(theirs.anomaly_id);
  });
});

async function findIdentityWithBalances(): Promise<IdentityId> {
  const balances = await cloud.listBalances({
    pageSize: 100,
    filters: [{ field: 'identity_id', op: 'ne', value: '' }],
  });
  const owner = balances.data.find((b) => b.identity_id !== '')?.identity_id;
  return IdentityId.parse(owner);
}
