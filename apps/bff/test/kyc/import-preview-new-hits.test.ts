import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TOKEN_PREFIX, WatchlistImportPreviewDto, type Identity } from '@kyc-review/contracts';
import type { EmulatorBackedApp, InstalledSession } from '../support/emulator-app';
import {
  createReviewEnv,
  decide,
  drainOutbox,
  identitiesBySeed,
  installSynced,
  openCase,
  rawApi,
} from './support/review-env';

// The import preview names the cases whose outcome would change, including those that would
// newly hit an entry the import adds (screened against the added entries alone), and what it
// predicts is what the re-screening after the confirmation then finds.

let env: EmulatorBackedApp | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const HitRow = z.object({ identity_id: z.string(), entries: z.string().nullable() });

/** Each case's hit entry ids, as stored. */
function hitEntries(e: EmulatorBackedApp, installedAppId: string): Map<string, string> {
  const rows = e.t.db
    .prepare(
      `SELECT c.identity_id, (SELECT group_concat(json_extract(h.value, '$.entry.entry_id'), '|')
         FROM json_each(a.assessment, '$.hits') h) AS entries
       FROM kyc_cases c JOIN kyc_case_assessments a ON a.case_id = c.case_id WHERE c.installed_app_id = ?`,
    )
    .all(installedAppId)
    .map((r) => HitRow.parse(r));
  return new Map(rows.map((r) => [r.identity_id, r.entries ?? '']));
}

const upload = (e: EmulatorBackedApp, installed: InstalledSession, csv: string) =>
  rawApi(e, installed, '/api/watchlist/import?mode=append', {
    method: 'POST',
    body: csv,
    headers: { 'Content-Type': 'text/csv' },
  });

const readable = (i: Identity) =>
  ![i.first_name, i.last_name].some((v) => v === '' || v.startsWith(TOKEN_PREFIX)) && /^\d{4}-\d{2}-\d{2}/.test(i.dob);

describe('import preview: cases that would newly hit an added entry', () => {
  it('counts and names an approved customer an added entry names, and the confirmation does what it said', async () => {
    env = await createReviewEnv();
    const lead = await installSynced(env, undefined, 'Lena Lead');
    const customer = (await identitiesBySeed(env, lead, 'complete')).find(
      (i) => i.meta_data['kyc_status'] === undefined && readable(i),
    );
    if (customer === undefined) throw new Error('no readable complete identity in the seed');
    expect((await decide(lead, customer.identity_id, { action: 'approve' })).status).toBe(200);
    await drainOutbox(env);
    const name = `${customer.first_name} ${customer.last_name}`;
    const before = hitEntries(env, lead.installedAppId);

    const res = await upload(
      env,
      lead,
      `name,aliases,dob,country,list,topic\n${name},,${customer.dob.slice(0, 10)},,Preview Test List,sanction\n`,
    );
    expect(res.status).toBe(200);
    const preview = WatchlistImportPreviewDto.parse(await res.json());
    expect(preview.changes.added).toBe(1);
    expect(preview.newly_hit?.decided).toBeGreaterThanOrEqual(1);
    expect(preview.affected_cases).toEqual(preview.newly_hit);
    expect(preview.decided_samples).toContainEqual({ identity_id: customer.identity_id, name });
    // A preview changes nothing.
    expect(hitEntries(env, lead.installedAppId)).toEqual(before);

    const confirmed = await lead.api(`/api/watchlist/imports/${preview.import_id}/confirm`, { method: 'POST' });
    expect(confirmed.status).toBe(200);
    await env.t.services.review.sync.idle(lead.installedAppId);
    const after = hitEntries(env, lead.installedAppId);
    const changed = [...after].filter(([id, entries]) => before.get(id) !== entries).map(([id]) => id);
    expect(changed.length).toBe(preview.affected_cases.open + preview.affected_cases.decided);
    expect(changed).toContain(customer.identity_id);
    expect((await openCase(lead, customer.identity_id)).case.status).toBe('needs_rereview');
  });

  it('an import that changes nothing for anyone predicts no case', async () => {
    env = await createReviewEnv();
    const lead = await installSynced(env, undefined, 'Lena Lead');
    const res = await upload(env, lead, 'name,aliases,dob,country,list,topic\nZyxwv Qqqqrst,,1901,,Nobody List,pep\n');
    const preview = WatchlistImportPreviewDto.parse(await res.json());
    expect(preview).toMatchObject({
      affected_cases: { open: 0, decided: 0 },
      newly_hit: { open: 0, decided: 0 },
      decided_samples: [],
    });
  });
});
