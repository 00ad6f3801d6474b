import { describe, expect, it } from 'vitest';
import { WatchlistAppliedDto, WatchlistImportPreviewDto, type Identity } from '@kyc-review/contracts';
import { summaryOf } from '../../src/services/mirrored-identity';
import { WATCHLIST_POLL_MS } from '../../src/services/watchlist-index-cache';
import { apiHeaders, type PortalSession } from '../support/lifecycle';
import { fileBackedTestbed, installInto, type FileApp } from './support/file-backed-app';

// Each replica keeps its own watchlist index, built from the shared version (decision 022):
// an import confirmed (or a rollback made) on replica A is in use for screening on replica B
// once B's last read of the active version is WATCHLIST_POLL_MS old, and never before on B's
// clock; B then re-assesses what it screened meanwhile. Two app instances over one SQLite file.

const T0 = '2026-11-22T09:00:00.000Z';
const testbed = fileBackedTestbed();
const THRESHOLD = 0.85;

const post = async (app: FileApp, session: PortalSession, path: string, body?: string) => {
  const headers = apiHeaders(session);
  const res = await app.app.request(path, {
    method: 'POST',
    headers: body === undefined ? headers : { ...headers, 'Content-Type': 'text/csv' },
    ...(body === undefined ? {} : { body }),
  });
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return JSON.parse(text) as unknown;
};

/** Uploads one entry named as the identity on A and confirms it: the active version it made. */
async function importOnA(a: FileApp, session: PortalSession, name: string): Promise<number> {
  const csv = `name,aliases,dob,country,list,topic\n"${name}",,,,Replica list,sanction\n`;
  const preview = WatchlistImportPreviewDto.parse(await post(a, session, '/api/watchlist/import?mode=append', csv));
  const applied = WatchlistAppliedDto.parse(
    await post(a, session, `/api/watchlist/imports/${preview.import_id}/confirm`),
  );
  return applied.summary.version;
}

const screenOn = async (app: FileApp, installedAppId: string, identity: Identity) => {
  const { watchlistVersion, hits } = await app.services.review.watchlist.screenIdentities(
    installedAppId,
    [identity],
    THRESHOLD,
  );
  return { version: watchlistVersion, lists: (hits[0] ?? []).map((h) => h.entry.list) };
};

describe('the watchlist index on two replicas', () => {
  it('an import or a rollback on A is screened with on B within the poll interval of B’s clock', async () => {
    const { emulator, dbPath } = await testbed.start();
    const a = testbed.app(emulator.url, dbPath, T0);
    const b = testbed.app(emulator.url, dbPath, T0);
    const installed = await installInto(emulator, a);
    const id = installed.installedAppId;
    const listed = await a.app.request('/api/cases', { headers: { Cookie: installed.session.cookie } });
    expect(listed.status).toBe(200);
    await a.services.review.sync.idle(id);
    const [mirrored] = a.services.review.kyc.mirror.pageAfter(id, '', 1);
    if (mirrored === undefined) throw new Error('the sync mirrored no identity');
    const identity = mirrored.record;
    const name = summaryOf(identity).displayName;

    // B screens with the demo list (version 1), as A does.
    expect(await screenOn(b, id, identity)).toMatchObject({ version: 1 });
    expect((await screenOn(b, id, identity)).lists).not.toContain('Replica list');

    const v2 = await importOnA(a, installed.session, name);
    expect(v2).toBe(2);
    expect((await screenOn(a, id, identity)).lists).toContain('Replica list');
    // B read the active version less than the interval ago: it still screens with version 1 …
    b.clock.advanceMs(WATCHLIST_POLL_MS - 1);
    expect(await screenOn(b, id, identity)).toMatchObject({ version: 1 });
    expect(b.services.review.watchlist.current(id).version).toBe(1);
    // … and once the interval has passed, it reads it again and builds version 2 before screening.
    b.clock.advanceMs(1);
    const onB = await screenOn(b, id, identity);
    expect(onB.version).toBe(2);
    expect(onB.lists).toContain('Replica list');
    expect(b.services.review.watchlist.current(id).version).toBe(2);

    // A rollback on A to version 1: the synchronous path on B (a case opened) starts the reload
    // in the background once the interval has passed, and keeps the index it has meanwhile.
    const back = WatchlistAppliedDto.parse(await post(a, installed.session, '/api/watchlist/versions/1/rollback'));
    expect(back.summary.version).toBe(3);
    b.clock.advanceMs(WATCHLIST_POLL_MS);
    expect(b.services.review.watchlist.current(id).version).toBe(2);
    await b.services.review.watchlist.ready(id);
    expect(b.services.review.watchlist.current(id).version).toBe(3);
    expect(await screenOn(b, id, identity)).toEqual({
      version: 3,
      lists: expect.not.arrayContaining(['Replica list']),
    });

    // Both replicas' re-assessments (A's after its rollback, B's once it saw the change) end with
    // every case at version 3: neither puts a case back on a version it screened with before.
    await a.services.review.sync.idle(id);
    await b.services.review.sync.idle(id);
    const versions = b.db
      .prepare('SELECT DISTINCT assessed_watchlist_version FROM kyc_cases WHERE installed_app_id = ?')
      .pluck()
      .all(id);
    expect(versions).toEqual([3]);
    await installed.stop();
  });
});
