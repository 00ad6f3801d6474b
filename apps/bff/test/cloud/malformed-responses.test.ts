import { afterEach, describe, expect, it } from 'vitest';
import { AlertId, IdentityId } from '@kyc-review/contracts';
import { createCloudClient } from '../../src/cloud/cloud-client';
import { alertRecord, captureLogger, exposed, failure, identityRecord, installRef, TEST_KEY } from './fixtures';
import { sendJson, startStandIn, type StandInHandler } from './stand-in-server';

// Answers the emulator never gives: these stand in for a broken Cloud or a broken proxy
// in front of it (docs/cloud-contract.md §6, the gaps), byte for byte.

const ID = IdentityId.parse('idt_0001');
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function clientFor(handler: StandInHandler, extra: { maxResponseBytes?: number } = {}) {
  const standIn = await startStandIn(handler);
  close = standIn.close;
  const logger = captureLogger();
  const client = createCloudClient({
    baseUrl: standIn.url,
    timeoutMs: 2_000,
    logger,
    sleep: () => Promise.resolve(),
    ...extra,
  });
  return { cloud: client.forInstall(installRef()), requests: standIn.requests, logger };
}

describe('answers that are not the documented shape', () => {
  it('a body that is not JSON is cloud_bad_response, and is not retried', async () => {
    const { cloud, requests } = await clientFor((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>Gateway says hi</html>');
    });
    const error = await failure(cloud.listIdentities());
    expect(error).toMatchObject({ code: 'cloud_bad_response', status: 502 });
    expect(exposed(error)).not.toContain('Gateway says hi');
    expect(requests).toHaveLength(1);
  });

  it('rows that do not parse, a missing total, and an empty body are cloud_bad_response', async () => {
    const answers = [{ data: [{ identity_id: 'not-an-id' }], total: 1 }, { data: [] }, ''];
    let n = 0;
    const { cloud } = await clientFor((_req, res) => {
      const answer = answers[n++];
      if (typeof answer === 'string') {
        res.writeHead(200);
        res.end();
      } else sendJson(res, 200, answer);
    });
    for (let i = 0; i < answers.length; i += 1) {
      expect((await failure(cloud.listIdentities())).code).toBe('cloud_bad_response');
    }
  });

  it('a body over the size limit is cloud_bad_response', async () => {
    const { cloud } = await clientFor(
      (_req, res) => sendJson(res, 200, { data: [], total: 0, padding: 'x'.repeat(4_096) }),
      { maxResponseBytes: 1_024 },
    );
    expect((await failure(cloud.listIdentities())).code).toBe('cloud_bad_response');
  });

  it('a redirect is not followed (the key stays here) and is cloud_bad_response', async () => {
    const { cloud, requests } = await clientFor((req, res) => {
      if (req.url.pathname === '/elsewhere') {
        sendJson(res, 200, { data: [], total: 0 });
        return;
      }
      res.writeHead(302, { location: '/elsewhere' });
      res.end();
    });
    expect((await failure(cloud.listIdentities())).code).toBe('cloud_bad_response');
    expect(requests.map((r) => r.url.pathname)).toEqual(['/data/identities']);
  });

  it('a detail answering another record falls back to the list, which decides', async () => {
    const { cloud, requests } = await clientFor((req, res) => {
      if (req.url.pathname === `/data/identities/${ID}`) {
        sendJson(res, 200, identityRecord('idt_someone_else'));
        return;
      }
      sendJson(res, 200, { data: [], total: 0 });
    });
    expect((await failure(cloud.getIdentity(ID))).code).toBe('cloud_not_found');
    expect(requests.map((r) => `${r.url.pathname}?${r.url.searchParams.get('identity_id_eq') ?? ''}`)).toEqual([
      `/data/identities/${ID}?`,
      `/data/identities?${ID}`,
    ]);
  });
});

describe('tolerance where the contract marks a gap', () => {
  it('accepts a detail wrapped in {data} and a bare one', async () => {
    let wrap = true;
    const { cloud } = await clientFor((_req, res) => {
      sendJson(res, 200, wrap ? { data: identityRecord(ID) } : identityRecord(ID));
      wrap = !wrap;
    });
    expect((await cloud.getIdentity(ID)).identity_id).toBe(ID);
    expect((await cloud.getIdentity(ID)).identity_id).toBe(ID);
  });

  it('falls back to the list when the detail route fails', async () => {
    const { cloud, requests } = await clientFor((req, res) => {
      if (req.url.pathname === `/data/identities/${ID}`) {
        sendJson(res, 404, { error: 'route not found' });
        return;
      }
      sendJson(res, 200, { data: [identityRecord(ID)], total: 1 });
    });
    expect((await cloud.getIdentity(ID)).first_name).toBe('Ada');
    expect(requests).toHaveLength(2);
  });

  it('accepts the alerts list as {data,total} or a bare array', async () => {
    let bare = false;
    const { cloud } = await clientFor((req, res) => {
      if (req.url.pathname === '/alerts/ano_1') {
        sendJson(res, 200, alertRecord('ano_1'));
        return;
      }
      const alerts = [alertRecord('ano_1'), alertRecord('ano_2')];
      sendJson(res, 200, bare ? alerts : { data: alerts.slice(0, 1), total: 7 });
      bare = true;
    });
    expect(await cloud.listAlerts()).toMatchObject({ total: 7, data: [{ anomaly_id: 'ano_1' }] });
    expect(await cloud.listAlerts()).toMatchObject({
      total: 2,
      data: [{ anomaly_id: 'ano_1' }, { anomaly_id: 'ano_2' }],
    });
    expect((await cloud.getAlert(AlertId.parse('ano_1'))).status).toBe('FLAGGED');
  });

  it('carries amounts given as numbers or as strings beyond 2^53 as exact decimal strings', async () => {
    const balance = (id: string, amount: number | string) => ({
      balance_id: id,
      ledger_id: 'ldg_1',
      identity_id: ID,
      indicator: '',
      currency: 'USD',
      balance: amount,
      credit_balance: amount,
      debit_balance: 0,
      created_at: '2026-01-01T00:00:00Z',
      meta_data: null,
    });
    const { cloud } = await clientFor((_req, res) =>
      sendJson(res, 200, { data: [balance('bln_1', 1250), balance('bln_2', '123456789012345678901')], total: 2 }),
    );
    const page = await cloud.listBalances({ filters: [{ field: 'identity_id', op: 'eq', value: ID }] });
    expect(page.data.map((b) => b.balance)).toEqual(['1250', '123456789012345678901']);
    expect(page.data[0]?.meta_data).toEqual({});
  });
});

describe("today's documented shapes (docs/cloud-contract.md §6.5, §7)", () => {
  it('reads GET /alerts/statuses as status objects with allowed_colours, exactly as the docs print it', async () => {
    const { cloud } = await clientFor((_req, res) =>
      sendJson(res, 200, {
        data: [
          {
            organization_id: 'org_01ABC123',
            key: 'PENDING_REVIEW',
            name: 'Pending Review',
            colour: '#3B82F6',
            created_at: '2025-01-29T14:00:00Z',
            updated_at: '2025-01-29T14:00:00Z',
          },
        ],
        allowed_colours: ['#3B82F6', '#10B981'],
      }),
    );
    expect(await cloud.alertStatuses()).toEqual([{ key: 'PENDING_REVIEW', name: 'Pending Review', colour: '#3B82F6' }]);
  });

  it('still reads bare status keys, a bare array, and drops a colour it could not paint safely', async () => {
    const answers = [
      { data: ['FLAGGED', 'INVESTIGATING'] },
      ['RESOLVED'],
      { data: [{ key: 'ODD', name: '', colour: 'red; background: url(x)' }] },
    ];
    let n = 0;
    const { cloud } = await clientFor((_req, res) => sendJson(res, 200, answers[n++]));
    expect(await cloud.alertStatuses()).toEqual([
      { key: 'FLAGGED', name: 'FLAGGED', colour: null },
      { key: 'INVESTIGATING', name: 'INVESTIGATING', colour: null },
    ]);
    expect(await cloud.alertStatuses()).toEqual([{ key: 'RESOLVED', name: 'RESOLVED', colour: null }]);
    expect(await cloud.alertStatuses()).toEqual([{ key: 'ODD', name: 'ODD', colour: null }]);
  });

  it('derives precise_amount from amount × precision when a row lacks it', async () => {
    const txn = (id: string, amount: number, precision: number, precise?: number | string) => ({
      transaction_id: id,
      parent_transaction: '',
      source: 'bln_1',
      destination: 'bln_2',
      reference: `ref_${id}`,
      amount,
      ...(precise === undefined ? {} : { precise_amount: precise }),
      precision,
      currency: 'USD',
      description: '',
      status: 'APPLIED',
      created_at: '2026-01-02T03:04:05.123456789+01:00',
      effective_date: '2026-01-02T03:04:05Z',
      meta_data: null,
    });
    const rows = [
      txn('txn_1', 10.05, 100),
      txn('txn_2', 1250, 100, 125000),
      txn('txn_3', 0.1, 1000),
      txn('txn_4', 99999999999.99, 100),
      txn('txn_5', 2.5, 1),
      txn('txn_6', 1.005, 100),
      txn('txn_7', 12.5, 8),
    ];
    const { cloud } = await clientFor((_req, res) => sendJson(res, 200, { data: rows, total: rows.length }));
    const page = await cloud.listTransactions();
    expect(page.data.map((t) => t.precise_amount)).toEqual([
      '1005',
      '125000',
      '100',
      '9999999999999',
      '3',
      '101',
      '100',
    ]);
  });
});

describe("Cloud's error bodies, headers and the key stay out of errors and logs", () => {
  it('keeps only a well-formed Core code', async () => {
    const bodies = [
      {
        error: 'identity not found: secret-internal-detail',
        error_detail: { code: 'IDT_NOT_FOUND', message: 'secret-internal-detail' },
      },
      { error: 'x', error_detail: { code: '<script>alert(1)</script>', message: 'x' } },
    ];
    let n = 0;
    const { cloud } = await clientFor((_req, res) =>
      sendJson(res, 404, bodies[n++], { 'x-internal-trace': 'trace-abc' }),
    );
    const first = await failure(cloud.getTokenizedFields(ID));
    expect(first).toMatchObject({ code: 'cloud_not_found', status: 404, details: { cloud_code: 'IDT_NOT_FOUND' } });
    expect(exposed(first)).not.toContain('secret-internal-detail');
    expect(exposed(first)).not.toContain('trace-abc');
    const second = await failure(cloud.getTokenizedFields(ID));
    expect(second.details).toBeUndefined();
    expect(exposed(second)).not.toContain('script');
  });

  it('a 500 echoing the key back is reported without it, and the log names only the install', async () => {
    const { cloud, logger, requests } = await clientFor((req, res) =>
      sendJson(res, 500, { error: `bad key ${req.authorization ?? ''}` }, { 'x-echo': req.authorization ?? '' }),
    );
    const error = await failure(
      cloud.listIdentities({ filters: [{ field: 'email_address', op: 'eq', value: 'ada@example.com' }] }),
    );
    expect(error).toMatchObject({ code: 'cloud_unavailable', status: 502 });
    expect(requests).toHaveLength(3);
    expect(requests.every((r) => r.authorization === `Bearer ${TEST_KEY}`)).toBe(true);
    expect(exposed(error)).not.toContain(TEST_KEY);
    expect(exposed(error)).not.toContain('bad key');
    expect(logger.lines.length).toBeGreaterThan(0);
    for (const line of logger.lines) {
      expect(line).not.toContain(TEST_KEY);
      expect(line).not.toContain('ada@example.com');
      expect(line).toContain('instapp_standin');
    }
  });
});

describe('what goes on the wire', () => {
  it('adds instance_id to Data, Filters and Proxy calls but not to Alerts calls', async () => {
    const { cloud, requests } = await clientFor((req, res) => {
      if (req.url.pathname.startsWith('/alerts')) {
        sendJson(res, 200, { data: [], total: 0 });
        return;
      }
      if (req.url.pathname.endsWith('/tokenized-fields')) {
        sendJson(res, 200, { tokenized_fields: null });
        return;
      }
      if (req.url.pathname.endsWith('/metadata')) {
        sendJson(res, 200, { meta_data: { a: 1 } });
        return;
      }
      sendJson(res, 200, { data: [], total: 0, stats: {} });
    });
    await cloud.listIdentities();
    await cloud.filterIdentities({
      page: 2,
      pageSize: 5,
      filters: [{ field: 'meta_data.kyc_status', op: 'notexists' }],
    });
    expect(await cloud.getTokenizedFields(ID)).toEqual([]);
    expect(await cloud.updateIdentityMetadata(ID, { kyc_status: 'approved' })).toEqual({ a: 1 });
    await cloud.listAlerts();
    expect(requests.map((r) => [r.method, r.url.pathname, r.url.searchParams.get('instance_id')])).toEqual([
      ['GET', '/data/identities', 'inst_standin'],
      ['POST', '/identities/filter', 'inst_standin'],
      ['GET', `/proxy/identities/${ID}/tokenized-fields`, 'inst_standin'],
      ['POST', `/proxy/${ID}/metadata`, 'inst_standin'],
      ['GET', '/alerts', null],
    ]);
    expect(JSON.parse(requests[1]!.body)).toEqual({
      filters: [{ field: 'meta_data.kyc_status', operator: 'notexists' }],
    });
    expect(requests[1]!.url.searchParams.get('page')).toBe('2');
    expect(JSON.parse(requests[3]!.body)).toEqual({ meta_data: { kyc_status: 'approved' } });
  });

  it('keeps a self-hosted base path', async () => {
    const standIn = await startStandIn((_req, res) => sendJson(res, 200, { data: [], total: 0 }));
    close = standIn.close;
    const cloud = createCloudClient({ baseUrl: `${standIn.url}/cloud-api`, timeoutMs: 2_000 }).forInstall(installRef());
    await cloud.listIdentities();
    expect(standIn.requests[0]?.url.pathname).toBe('/cloud-api/data/identities');
  });
});
