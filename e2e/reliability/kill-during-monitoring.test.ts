import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Identity, TOKEN_PREFIX, WatchlistImportPreviewDto } from '@kyc-review/contracts';
import { alertsByAction, eventually, identityCount } from '../support/cloud-state';
import { caseChanges, caseRows, countRows, outboxRows } from '../support/db-file';
import { api, installAndSignIn, loopback, syncedQueue, type Reviewer } from '../support/review-session';
import { startStack, type Stack } from '../support/stack';

// kill -9 of the production BFF in the middle of a monitoring run (decision 020): a lead
// imports a list naming customers approved earlier, and the process dies while the
// re-screening that follows is half done. A new process over the same SQLite file resumes
// the run on its own (nobody opens the cases): every affected case ends in needs_rereview,
// each change is recorded once, and each raises exactly one Cloud alert. The first process
// runs with its outbox paused, so the kill cuts the re-screening only (a step claimed by a
// killed worker is leased for two minutes, longer than this test waits; decision 012 and
// crash-mid-write-back.test.ts cover that part).

const IDENTITIES = 2_000;
const TARGETS = 30;

let stack: Stack;
let lead: Reviewer;
beforeAll(async () => {
  stack = await startStack({ identitiesPerInstance: IDENTITIES, firstBffEnv: { OUTBOX_INTERVAL_MS: '3600000' } });
  lead = await installAndSignIn(stack);
});
afterAll(async () => stack.close());

/** A name the screening can read (not tokenized) and a full date of birth. */
const screenable = (i: Identity) =>
  i.identity_type === 'individual' &&
  ![i.first_name, i.last_name, i.dob].some((v) => v === '' || v.startsWith(TOKEN_PREFIX)) &&
  /^\d{4}-\d{2}-\d{2}/.test(i.dob);

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

const stale = (install: string) =>
  countRows(
    stack.dir,
    `SELECT COUNT(*) AS n FROM kyc_cases c JOIN watchlist_state w ON w.installed_app_id = c.installed_app_id
     WHERE c.installed_app_id = ? AND c.assessed_watchlist_version <> w.version`,
    install,
  );

describe('kill -9 in the middle of a monitoring run', () => {
  it('resumes after a restart: every affected case needs a re-review, each change raises one alert', async () => {
    const install = lead.installedAppId;
    const queue = await syncedQueue(stack, lead, await identityCount(stack, lead), 180_000);

    // Approve customers spread over the whole id range, so the run is cut between them.
    const candidates = queue
      .filter((c) => c.status === 'new' && c.risk_level === 'low' && c.open_hits === 0)
      .sort((a, b) => (a.identity_id < b.identity_id ? -1 : 1));
    const step = Math.max(1, Math.floor(candidates.length / (TARGETS * 2)));
    const approved: Identity[] = [];
    for (let i = 0; i < candidates.length && approved.length < TARGETS; i += step) {
      const id = candidates[i]?.identity_id ?? '';
      const identity = Identity.parse(await stack.control('GET', `/identities/${id}`));
      if (!screenable(identity)) continue;
      const res = await api(stack, lead, `/api/cases/${id}/decisions`, { method: 'POST', body: { action: 'approve' } });
      if (res.status === 200) approved.push(identity);
    }
    expect(approved.length).toBe(TARGETS);

    // A sanctions list naming each of them (name and date of birth as in Cloud).
    const csv = [
      'name,aliases,dob,country,list,topic',
      ...approved.map(
        (i) => `${csvCell(`${i.first_name} ${i.last_name}`)},,${i.dob.slice(0, 10)},,Crash Test List,sanction`,
      ),
    ].join('\n');
    const upload = await fetch(`${loopback(stack)}/api/watchlist/import?mode=append`, {
      method: 'POST',
      headers: {
        cookie: lead.cookie,
        'x-csrf-token': lead.csrfToken,
        origin: new URL(stack.bff.url).origin,
        'content-type': 'text/csv',
      },
      body: `${csv}\n`,
    });
    expect(upload.status).toBe(200);
    const preview = WatchlistImportPreviewDto.parse(await upload.json());
    expect(preview.changes.added).toBe(TARGETS);
    const confirmed = await api(stack, lead, `/api/watchlist/imports/${preview.import_id}/confirm`, { method: 'POST' });
    expect(confirmed.status).toBe(200);

    // The re-screening runs in the background: kill -9 once it has recorded its first change.
    const ids = new Set<string>(approved.map((i) => i.identity_id));
    const recorded = () =>
      caseChanges(stack.dir, install).filter((c) => ids.has(c.identity_id) && c.cause === 'watchlist_import');
    const deadline = Date.now() + 60_000;
    while (recorded().length === 0) {
      if (Date.now() > deadline) throw new Error('the re-screening recorded no change within 60 s');
      await new Promise((r) => setTimeout(r, 5));
    }
    await stack.bff.kill('SIGKILL');
    const reopenedAtKill = caseRows(stack.dir, install).filter(
      (c) => ids.has(c.identity_id) && c.status === 'needs_rereview',
    );
    // The kill really cut the run: some affected cases were not re-screened yet.
    expect(reopenedAtKill.length).toBeLessThan(TARGETS);
    expect(stale(install)).toBeGreaterThan(0);

    // A new process over the same file; nobody opens a case or syncs.
    const second = await stack.startBff();
    await eventually(
      () => stale(install) === 0,
      () => `${String(stale(install))} cases still assessed with the older list`,
      120_000,
    );
    expect(second.lines.some((l) => l.includes('resuming interrupted re-assessments'))).toBe(true);
    const cases = caseRows(stack.dir, install).filter((c) => ids.has(c.identity_id));
    expect(cases.map((c) => c.status)).toEqual(Array.from({ length: TARGETS }, () => 'needs_rereview'));

    // Each change once per case: a new hit at least, and no key twice.
    const changes = recorded();
    for (const id of ids) {
      const keys = changes.filter((c) => c.identity_id === id).map((c) => c.change_key);
      expect(keys, id).toContain(keys.find((k) => k.startsWith('new_hit:')));
      expect(new Set(keys).size, id).toBe(keys.length);
    }

    // The outbox drains, and Cloud holds exactly one alert per recorded change.
    const alertSteps = () =>
      outboxRows(stack.dir, install).filter(
        (r) => r.kind === 'alert' && changes.some((c) => c.action_id === r.action_id),
      );
    await eventually(
      () => alertSteps().length === changes.length && alertSteps().every((r) => r.state === 'done'),
      () =>
        JSON.stringify(
          alertSteps()
            .filter((r) => r.state !== 'done')
            .slice(0, 3),
        ),
      90_000,
    );
    const alerts = await alertsByAction(stack);
    for (const change of changes) expect(alerts.get(change.action_id), change.change_key).toBe(1);
  });
});
