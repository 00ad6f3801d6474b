import { afterEach, describe, expect, it } from 'vitest';
import { AUDIT_EXPORT_MAX_DAYS, ErrorEnvelope } from '@kyc-review/contracts';
import type { EmulatorBackedApp, InstalledSession } from '../support/emulator-app';
import { asUser, createReviewEnv, errorCode, installSynced, openCase, queue } from './support/review-env';

let env: EmulatorBackedApp | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const NOW = '2026-11-20T09:00:00.000Z';
const auditRows = (e: EmulatorBackedApp) => Number(e.t.db.prepare('SELECT count(*) FROM kyc_audit').pluck().get());

/** RFC 4180 lines of a CSV body (no quoted line breaks in these fixtures), BOM removed. */
const csvLines = (text: string) =>
  text
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter((l) => l !== '');

async function putIdentity(e: EmulatorBackedApp, who: InstalledSession, id: string, fields: Record<string, string>) {
  const url = new URL(`/proxy/identities/${id}`, e.emulatorUrl);
  url.searchParams.set('instance_id', who.instanceId);
  const res = await fetch(url, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${who.apiKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(fields),
  });
  if (!res.ok) throw new Error(`emulator PUT answered ${res.status}`);
}

/** 100 000 audit rows for the install, written straight into the table (as months of work would). */
function fillAudit(e: EmulatorBackedApp, installedAppId: string, n: number) {
  const insert = e.t.db
    .prepare(`INSERT INTO kyc_audit (installed_app_id, identity_id, case_id, actor, action, before_state,
    after_state, reason, request_id, at) VALUES (?, 'idt_bulk', 'case_bulk', 'user_bulk', 'decision:approve', NULL, '{"status":"approved"}', ?, NULL, ?)`);
  e.t.db.transaction(() => {
    for (let i = 0; i < n; i += 1)
      insert.run(installedAppId, `row ${i}`, new Date(Date.parse('2026-11-10T00:00:00Z') + i * 1000).toISOString());
  })();
}

describe('CSV exports', () => {
  it('exports the queue with its filters, neutralises formula cells, and audits the export', async () => {
    env = await createReviewEnv({ now: NOW });
    const installed = await installSynced(env);
    const low = await queue(installed, '?risk_level=low&pageSize=100');
    const target = low.items[0];
    if (target === undefined) throw new Error('no low-risk case');
    await putIdentity(env, installed, target.identity_id, { first_name: '=HYPERLINK("http://x")', last_name: '@SUM' });
    await openCase(installed, target.identity_id);

    const res = await installed.rpc.api.exports['queue.csv'].$get({ query: { risk_level: 'low' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="kyc-queue-2026-11-20.csv"');
    const lines = csvLines(await res.text());
    expect(lines[0]).toBe(
      'identity_id,name,identity_type,country,status,risk_level,risk_score,open_hits,top_reasons,identity_created_at,updated_at',
    );
    expect(lines).toHaveLength(low.total + 1);
    expect(lines.slice(1).every((l) => l.split(',')[5] === 'low')).toBe(true);
    const row = lines.find((l) => l.startsWith(target.identity_id));
    expect(row).toContain(`"'=HYPERLINK(""http://x"") @SUM"`);

    const none = csvLines(
      await (await installed.rpc.api.exports['queue.csv'].$get({ query: { q: 'nobody-is-called-this' } })).text(),
    );
    expect(none).toHaveLength(1);

    const audit = env.t.db
      .prepare("SELECT actor_name, after_state FROM kyc_audit WHERE action = 'export:queue_csv' ORDER BY audit_id")
      .all();
    expect(audit).toEqual([
      { actor_name: 'user_reviewer_1', after_state: JSON.stringify({ filters: { risk_level: 'low' } }) },
      { actor_name: 'user_reviewer_1', after_state: JSON.stringify({ filters: { q: 'nobody-is-called-this' } }) },
    ]);
  });

  it('exports the audit trail of a date range with formula cells neutralised', async () => {
    env = await createReviewEnv({ now: NOW });
    const installed = await installSynced(env);
    const [first] = (await queue(installed)).items;
    if (first === undefined) throw new Error('no case');
    await installed.rpc.api.cases[':identityId'].notes.$post({
      param: { identityId: first.identity_id },
      json: { text: '-1+1 looks fine' },
    });
    await installed.rpc.api.cases[':identityId'].notes.$post({
      param: { identityId: first.identity_id },
      json: { text: '@compliance see above' },
    });

    const res = await installed.rpc.api.exports['audit.csv'].$get({ query: { from: '2026-11-20', to: '2026-11-20' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="kyc-audit-2026-11-20-to-2026-11-20.csv"',
    );
    const text = await res.text();
    const lines = csvLines(text);
    expect(lines[0]).toBe(
      'audit_id,at,actor,actor_name,actor_cloud_user_id,action,identity_id,case_id,reason,before,after,request_id',
    );
    expect(text).toContain(",'-1+1 looks fine,");
    expect(text).toContain(",'@compliance see above,");
    expect(lines.some((l) => l.includes(',export:audit_csv,'))).toBe(true);

    // The day before holds nothing.
    expect(
      csvLines(
        await (
          await installed.rpc.api.exports['audit.csv'].$get({ query: { from: '2026-11-19', to: '2026-11-19' } })
        ).text(),
      ),
    ).toEqual([lines[0]]);
  });

  it('refuses ranges over a year, reversed or malformed ranges with 400 and audits nothing', async () => {
    env = await createReviewEnv({ now: NOW });
    const installed = await installSynced(env);
    const before = auditRows(env);

    const tooWide = await installed.rpc.api.exports['audit.csv'].$get({
      query: { from: '2025-01-01', to: '2026-01-02' },
    });
    expect(tooWide.status).toBe(400);
    const body = ErrorEnvelope.parse(await tooWide.json());
    expect(body.error.details).toMatchObject({ max_days: AUDIT_EXPORT_MAX_DAYS, days: 367 });
    expect(body.error.message).toContain('366 days');
    // A whole leap year is one year.
    expect(
      (await installed.rpc.api.exports['audit.csv'].$get({ query: { from: '2024-01-01', to: '2024-12-31' } })).status,
    ).toBe(200);
    const afterYear = auditRows(env);

    expect(
      await errorCode(
        await installed.rpc.api.exports['audit.csv'].$get({ query: { from: '2026-11-20', to: '2026-11-01' } }),
      ),
    ).toBe('validation_failed');
    // Malformed queries the typed client cannot send: raw requests.
    expect((await installed.api('/api/exports/audit.csv?from=yesterday&to=2026-11-01')).status).toBe(400);
    expect((await installed.api('/api/exports/audit.csv')).status).toBe(400);
    expect((await installed.api('/api/exports/queue.csv?risk_level=extreme')).status).toBe(400);
    expect(afterYear).toBe(before + 1);
    expect(auditRows(env)).toBe(afterYear);
  });

  it('keeps the audit export for leads and admins (decision 017)', async () => {
    env = await createReviewEnv({ now: NOW });
    const installed = await installSynced(env);
    const rita = await asUser(env, installed, 'Rita Reviewer', { role: 'reviewer' });
    const before = auditRows(env);
    const res = await rita.rpc.api.exports['audit.csv'].$get({ query: { from: '2026-11-01', to: '2026-11-20' } });
    expect(res.status).toBe(403);
    expect(await errorCode(res)).toBe('role_required');
    expect(auditRows(env)).toBe(before);
    const lead = await env.launch(installed.installedAppId, 'user_lead_1');
    const ok = await env.t.app.request('/api/exports/audit.csv?from=2026-11-01&to=2026-11-20', {
      headers: { Cookie: lead.cookie },
    });
    expect(ok.status).toBe(200);
  });

  it('renders the printable case file with notes and history as text, never markup, and audits it', async () => {
    env = await createReviewEnv({ now: NOW });
    const installed = await installSynced(env);
    const [first] = (await queue(installed, '?status=new')).items;
    if (first === undefined) throw new Error('no case');
    await installed.rpc.api.cases[':identityId'].notes.$post({
      param: { identityId: first.identity_id },
      json: { text: '<script>alert(1)</script> checked' },
    });
    await installed.rpc.api.cases[':identityId'].decisions.$post({
      param: { identityId: first.identity_id },
      json: { action: 'escalate', note: 'needs a lead' },
    });

    const res = await installed.rpc.api.exports.cases[':identityId'].$get({ param: { identityId: first.identity_id } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const page = await res.text();
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt; checked');
    expect(page).not.toContain('<script>');
    for (const heading of ['Checks', 'Watchlist hits and verdicts', 'Decisions', 'Notes', 'History'])
      expect(page).toContain(`<h2>${heading}</h2>`);
    expect(page).toContain('escalate: needs a lead');
    expect(page).toContain(first.display_name);
    // People by name with their id beside it, the country with its ISO code.
    expect(page).toMatch(/decision:escalate by\s+[^<(]+ \((rvw|user)_[\w-]+\)/);
    expect(page).toMatch(/<th scope="row">Country<\/th>\s*<td>[^<]+ \([A-Z]{2}\)<\/td>/);
    const printed = env.t.db
      .prepare("SELECT identity_id FROM kyc_audit WHERE action = 'export:case_file'")
      .pluck()
      .all();
    expect(printed).toEqual([first.identity_id]);

    expect(
      (await installed.rpc.api.exports.cases[':identityId'].$get({ param: { identityId: 'idt_unknown' } })).status,
    ).toBe(404);
    expect((await installed.api('/api/exports/cases/nope')).status).toBe(400); // a malformed id, sent raw
  });

  it('streams 100 000 rows in chunks over HTTP, and stops reading when the client goes away', async () => {
    env = await createReviewEnv({ now: NOW });
    const installed = await installSynced(env);
    fillAudit(env, installed.installedAppId, 100_000);
    const url = `${env.bffUrl}/api/exports/audit.csv?from=2026-11-01&to=2026-11-30`;
    const headers = { Cookie: installed.session.cookie };

    const full = await fetch(url, { headers });
    expect(full.status).toBe(200);
    const reader = full.body?.getReader();
    if (reader === undefined) throw new Error('no body');
    const decoder = new TextDecoder();
    let chunks = 0;
    let lineBreaks = 0;
    let largest = 0;
    for (;;) {
      const next = await reader.read();
      if (next.done) break;
      const value: unknown = next.value;
      if (!(value instanceof Uint8Array)) throw new Error('the body is not bytes');
      chunks += 1;
      largest = Math.max(largest, value.byteLength);
      // Line ends are CRLF; a network chunk may end between the CR and the LF, so count the LFs
      // (no field of these rows holds one).
      lineBreaks += decoder.decode(value, { stream: true }).split('\n').length - 1;
    }
    // Header + every row of the install up to and including the export's own audit row (the
    // 100 000, the demo watchlist's import, monitoring re-opening seeded approved cases; not
    // what background work appended later), written a few hundred rows at a time rather than
    // as one body held in memory.
    const snapshot = Number(
      env.t.db
        .prepare(
          `SELECT count(*) FROM kyc_audit WHERE installed_app_id = ? AND audit_id <= (SELECT max(audit_id)
          FROM kyc_audit WHERE installed_app_id = ? AND action = 'export:audit_csv')`,
        )
        .pluck()
        .get(installed.installedAppId, installed.installedAppId),
    );
    expect(snapshot).toBeGreaterThan(100_000);
    expect(lineBreaks).toBe(1 + snapshot);
    expect(chunks).toBeGreaterThan(150);
    expect(largest).toBeLessThan(1_000_000);

    const logsBefore = env.t.logs.length;
    const controller = new AbortController();
    const partial = await fetch(url, { headers, signal: controller.signal });
    const partialReader = partial.body?.getReader();
    await partialReader?.read();
    await partialReader?.read();
    controller.abort();
    const stopped = await waitForLog(env, logsBefore, 'export stopped: the client went away');
    // What the socket buffers took before the close was noticed was written; the rest never read.
    expect(stopped['rows']).toBeLessThan(60_000);
    expect(env.t.logs.slice(logsBefore).some((l) => l.includes('"export finished"'))).toBe(false);
  }, 60_000);
});

async function waitForLog(e: EmulatorBackedApp, from: number, msg: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 100; i += 1) {
    const line = e.t.logs.slice(from).find((l) => l.includes(`"${msg}"`));
    if (line !== undefined) {
      const parsed: unknown = JSON.parse(line);
      if (typeof parsed === 'object' && parsed !== null) return Object.fromEntries(Object.entries(parsed));
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no log line "${msg}"`);
}
