import { afterEach, describe, expect, it } from 'vitest';
import { BalanceListDto } from '@kyc-review/contracts';
import { createCloudClient } from '../../src/cloud/cloud-client';
import { apiHeaders, createTestApp, enterPortal, installApp, type PortalSession, type TestApp } from '../support';
import { sendJson, startStandIn, type StandInHandler } from '../cloud/stand-in-server';
import { errorOf } from './api-helpers';

// Answers the well-behaved emulator never gives, from a byte-for-byte stand-in for Cloud:
// the SPA gets cloud_bad_response (502) and nothing of what Cloud sent.

const ID = 'idt_5e0fd396-aaaa-4bbb-8ccc-000000000001';
const ALERT = 'ano_5e0fd396-aaaa-4bbb-8ccc-000000000002';
const CLOUD_SECRET_TEXT = 'internal-gateway-trace-7f3a';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function appAgainst(
  handler: StandInHandler,
): Promise<{ t: TestApp; s: PortalSession; requests: unknown[]; apiKey: string }> {
  const standIn = await startStandIn(handler);
  const cloud = createCloudClient({
    baseUrl: standIn.url,
    timeoutMs: 1_000,
    retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
  });
  const t = createTestApp({ cloud });
  cleanup = async () => {
    await standIn.close();
    t.close();
  };
  const event = await installApp(t);
  return { t, s: await enterPortal(t), requests: standIn.requests, apiKey: event.api_key };
}

const get = (t: TestApp, s: PortalSession, path: string) => t.app.request(path, { headers: apiHeaders(s) });

const identity = (id: string) => ({
  identity_id: id,
  identity_type: 'individual',
  first_name: 'Ana',
  last_name: 'Lima',
  created_at: '2025-01-01T00:00:00Z',
  meta_data: {},
});

describe('malformed Cloud answers', () => {
  it('HTML instead of JSON: 502 cloud_bad_response, not retried, the HTML never shown', async () => {
    const { t, s, requests } = await appAgainst((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<html>${CLOUD_SECRET_TEXT}</html>`);
    });
    const res = await get(t, s, '/api/identities');
    expect(res.status).toBe(502);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'cloud_bad_response' } });
    expect(text).not.toContain(CLOUD_SECRET_TEXT);
    expect(requests).toHaveLength(1);
  });

  it('rows that are not identities, and an alert other than the one asked for, are 502', async () => {
    const { t, s } = await appAgainst((req, res) => {
      if (req.url.pathname.startsWith('/alerts/'))
        sendJson(res, 200, {
          anomaly_id: 'ano_someone-else',
          type: 'Identity',
          status: 'FLAGGED',
          created_at: 'x',
          updated_at: 'x',
        });
      else sendJson(res, 200, { data: [{ identity_id: 'not-an-id', secret: CLOUD_SECRET_TEXT }], total: 1 });
    });
    for (const path of ['/api/identities', `/api/alerts/${ALERT}`]) {
      const res = await get(t, s, path);
      expect(res.status).toBe(502);
      expect((await errorOf(res)).code).toBe('cloud_bad_response');
    }
    expect(t.logs.join('\n')).not.toContain(CLOUD_SECRET_TEXT);
  });

  it("Cloud's error bodies and headers stay out of responses and logs, the key too", async () => {
    const { t, s, apiKey } = await appAgainst((req, res) => {
      const status = req.url.pathname.startsWith('/alerts') ? 401 : 500;
      sendJson(
        res,
        status,
        { error: `${CLOUD_SECRET_TEXT} key=${req.authorization ?? ''}` },
        { 'x-cloud-trace': CLOUD_SECRET_TEXT },
      );
    });
    const responses = [await get(t, s, '/api/identities'), await get(t, s, '/api/alerts')];
    expect(responses.map((r) => r.status)).toEqual([502, 409]);
    const bodies = await Promise.all(responses.map((r) => r.text()));
    const headers = responses.flatMap((r) => [...r.headers.entries()].map(([k, v]) => `${k}: ${v}`));
    const everything = [...bodies, ...headers, ...t.logs].join('\n');
    expect(everything).not.toContain(CLOUD_SECRET_TEXT);
    expect(everything).not.toContain(apiKey);
  });

  it('amounts as strings beyond 2^53 arrive intact (the documented tolerance)', async () => {
    const huge = '90071992547409931234';
    const { t, s } = await appAgainst((req, res) => {
      if (req.url.pathname === `/data/identities/${ID}`) sendJson(res, 200, { data: identity(ID) });
      else if (req.url.pathname === '/data/balances') {
        sendJson(res, 200, {
          data: [
            {
              balance_id: 'bln_1',
              ledger_id: 'ldg_1',
              identity_id: ID,
              currency: 'USD',
              balance: huge,
              credit_balance: huge,
              debit_balance: 0,
              created_at: '2025-01-01T00:00:00Z',
            },
          ],
          total: 1,
        });
      } else sendJson(res, 200, { data: [], total: 0 });
    });
    const res = await get(t, s, `/api/identities/${ID}/balances`);
    expect(res.status).toBe(200);
    const dto = BalanceListDto.parse(await res.json());
    expect(dto.items[0]).toMatchObject({
      balance: huge,
      credit_balance: huge,
      debit_balance: '0',
      inflight_balance: null,
      precision: null,
    });
  });
});
