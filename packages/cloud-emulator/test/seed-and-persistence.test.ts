import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Identity, TOKEN_PREFIX, WatchlistTopic, ZERO_TIME } from '@kyc-review/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DEMO_WATCHLIST_PATH,
  createCloudEmulator,
  generateDemoWatchlist,
  loadDemoWatchlist,
  watchlistToCsv,
} from '../src/index';
import { FIXED_NOW } from './helpers';

const make = (seed: number, dataDir?: string) =>
  createCloudEmulator({
    seed,
    identitiesPerInstance: 200,
    now: () => FIXED_NOW,
    ...(dataDir === undefined ? {} : { dataDir }),
  });
const rows = (e: ReturnType<typeof make>, i = 0) => [...e.store.instances[i]!.identities.rows()];

describe('seed data', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(JSON.stringify(rows(make(3)))).toBe(JSON.stringify(rows(make(3))));
    expect(rows(make(3))[0]!.identity_id).not.toBe(rows(make(4))[0]!.identity_id);
    expect(make(3).store.instances.map((i) => i.info.instance_id)).toEqual(
      make(3).store.instances.map((i) => i.info.instance_id),
    );
  });

  it('exercises every KYC check in two instances of about 200 identities', () => {
    const e = make(11);
    expect(e.store.instances.map((i) => i.info.name)).toEqual(['Production', 'Sandbox']);
    const all = rows(e);
    expect(all).toHaveLength(200);
    expect(all.every((r) => Identity.safeParse(r).success)).toBe(true);
    const cases = new Set(all.map((r) => String(r.meta_data['seed_case'])));
    for (const c of [
      'complete',
      'incomplete',
      'organization',
      'organization_incomplete',
      'minor',
      'implausible_age',
      'dob_missing',
      'fatf_country',
      'duplicate_email',
      'duplicate_phone',
      'duplicate_name_dob',
      'tokenized',
      'watchlist_exact',
      'watchlist_transliteration',
      'watchlist_spelling',
      'watchlist_swapped',
      'watchlist_diacritics',
      'watchlist_alias',
    ]) {
      expect(cases, c).toContain(c);
    }
    expect(all.some((r) => r.dob === ZERO_TIME)).toBe(true);
    expect(
      all.some(
        (r) =>
          ['Iran', 'IR', 'Myanmar', 'North Korean', 'KP', 'Syria', 'Yemeni', 'Syrian', 'Yemen'].includes(r.country) ||
          ['Iranian', 'Burmese', 'North Korean', 'Syrian', 'Yemeni', 'DPRK', 'IRN', 'MM'].includes(r.nationality),
      ),
    ).toBe(true);
    const tokenized = all.find((r) => r.meta_data['seed_case'] === 'tokenized')!;
    expect(tokenized.first_name.startsWith(TOKEN_PREFIX)).toBe(true);
    expect(tokenized.meta_data['tokenized_fields']).toMatchObject({ FirstName: true });
    expect(all.some((r) => typeof r.meta_data['kyc_status'] === 'string')).toBe(true);
    expect(all.some((r) => typeof r.meta_data['verification_status'] === 'string')).toBe(true);
    const emails = all.map((r) => r.email_address.toLowerCase()).filter((m) => m !== '');
    expect(new Set(emails).size).toBeLessThan(emails.length);
    const data = e.store.instances[0]!;
    expect(data.alerts.rows().some((a) => a.status === 'FLAGGED')).toBe(true);
    expect(new Set(data.transactions.rows().map((t) => t.currency)).size).toBeGreaterThan(2);
    const child = data.transactions.rows().find((t) => t.status === 'APPLIED')!;
    expect(data.transactions.get(child.parent_transaction)?.status).toBe('QUEUED');
  });
});

describe('demo watchlist', () => {
  it('ships the generated, fictional list as CSV and loads it typed', () => {
    expect(readFileSync(DEMO_WATCHLIST_PATH, 'utf8')).toBe(watchlistToCsv(generateDemoWatchlist()));
    const entries = loadDemoWatchlist();
    expect(entries).toHaveLength(500);
    expect(entries.every((e) => WatchlistTopic.safeParse(e.topic).success && e.list.startsWith('Fictional'))).toBe(
      true,
    );
    expect(entries.some((e) => e.aliases.length > 0)).toBe(true);
    expect(new Set(entries.map((e) => e.topic))).toEqual(new Set(['sanction', 'pep', 'crime', 'debarment']));
  });
});

describe('persistence', () => {
  const dir = mkdtempSync(join(tmpdir(), 'emulator-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps installs and metadata across restarts with a data directory', async () => {
    const first = make(5, join(dir, 'state'));
    const { install } = await first.control.install(['data:read']);
    const id = rows(first)[0]!.identity_id;
    rows(first)[0]!.meta_data = { kyc_status: 'approved' };
    first.store.changed();
    first.flush();
    const second = make(5, join(dir, 'state'));
    expect(second.store.installs.get(install.installed_app_id)).toMatchObject({
      status: 'active',
      api_key: install.api_key,
    });
    expect(second.store.instances[0]!.identities.get(id)?.meta_data).toEqual({ kyc_status: 'approved' });
    const { install: next } = await second.control.install(['data:read'], second.store.instances[1]!.info.instance_id);
    expect(next.installed_app_id).not.toBe(install.installed_app_id);
  });
});
