import { WatchlistImportPreviewDto, WatchlistSummaryDto } from '@kyc-review/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { EmulatorBackedApp } from '../support/emulator-app';
import { apiHeaders } from '../support/lifecycle';
import { createReviewEnv, errorCode, firstBySeed, installSynced, openCase } from './support/review-env';
import { confirmImport, importWatchlist, uploadWatchlist } from './support/watchlist-upload';

let env: EmulatorBackedApp | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

type Installed = Awaited<ReturnType<typeof installSynced>>;

const upload = (e: EmulatorBackedApp, installed: Installed, files: Record<string, string>) =>
  uploadWatchlist(e, installed, { files });

const summaryOf = async (installed: Installed) =>
  WatchlistSummaryDto.parse(await (await installed.api('/api/watchlist')).json());

/** Individuals 7004..7010: with them, the one bad row is 1 of 11 (under the 10% an import may refuse). */
const MORE = Array.from(
  { length: 7 },
  (_, i) =>
    `${String(7004 + i)},"TESTPERSON${String(i)}, Generated",individual,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- `,
);
const SDN = [
  '7001,"KOWALCZYK, Jan Maria",individual,"SDGT] [IRAN",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 12 Mar 1961; alt. DOB 1962; nationality Poland; a.k.a. \'JAN KOWAL\'."',
  '7002,"NORTHWIND SHIPPING LTD",-0- ,"IRAN",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
  '7003,"NORTHWIND",vessel,"IRAN",-0- ,-0- ,-0- ,-0- ,-0- ,"Panama",-0- ,-0- ',
  'x,"BAD ROW",individual,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
  ...MORE,
].join('\r\n');
const ALT = '7001,1,"aka","KOWALCZYK, Jan",-0- \r\n';
const ADD = '7001,1,-0- ,"Warsaw","Poland",-0- \r\n';

describe('watchlist import of real list formats', () => {
  it('imports the OFAC SDN files uploaded together as one list, and screens against it', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    const before = await summaryOf(installed);
    const res = await upload(env, installed, {
      'sdn.csv': `${SDN}\r\n\x1a`,
      'alt.csv': `${ALT}\x1a`,
      'add.csv': `${ADD}\x1a`,
    });
    expect(res.status).toBe(200);
    const result = WatchlistImportPreviewDto.parse(await res.json());
    expect(result).toMatchObject({
      format: 'ofac_sdn',
      imported: 10,
      refused: 1,
      errors: [{ file: 'sdn.csv', line: 4, message: 'ent_num "x" is not a number' }],
      changes: { added: 10, removed: 0, changed: 0 },
    });
    expect(result.files.map((f) => [f.name, f.part, f.rows])).toEqual([
      ['sdn.csv', 'sdn.csv', 11],
      ['alt.csv', 'alt.csv', 1],
      ['add.csv', 'add.csv', 1],
    ]);
    const confirmed = await confirmImport(installed, result.import_id);
    expect(confirmed.status).toBe(200);
    const summary = await summaryOf(installed);
    expect(summary.lists.find((l) => l.list === 'OFAC SDN')?.count).toBe(10);
    expect(summary.total).toBe(before.total + 10);
    expect(summary.version).toBe(before.version + 1);

    // Re-importing replaces the list: the same ten entries, not twenty.
    const again = await importWatchlist(env, installed, { files: { 'sdn.csv': SDN, 'alt.csv': ALT, 'add.csv': ADD } });
    expect(again.preview.changes).toMatchObject({ added: 0, removed: 0, unchanged: 10 });
    expect(again.applied.summary.total).toBe(before.total + 10);

    const audit = z
      .array(z.object({ actor: z.string(), after: z.string() }))
      .parse(
        env.t.db
          .prepare(
            "SELECT actor, after_state AS after FROM kyc_audit WHERE installed_app_id = ? AND action = 'watchlist_imported'",
          )
          .all(installed.installedAppId),
      );
    expect(audit.at(-1)?.after).toContain('"format":"ofac_sdn"');
  }, 30_000);

  it('imports OpenSanctions entities sent as the raw file, and names the format when asked', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    const lines = [
      { id: 'NK-1', schema: 'Person', properties: { name: ['Test Sanctioned Person'], topics: ['sanction'] } },
      { id: 'NK-2', schema: 'Ownership', properties: {} },
      { id: 'NK-3', schema: 'Company', properties: { name: ['Test Front Company LLC'], topics: ['crime'] } },
    ]
      .map((l) => JSON.stringify(l))
      .join('\n');
    const { preview: result, applied } = await importWatchlist(
      env,
      installed,
      { raw: lines, type: 'application/x-ndjson', filename: 'entities.ftm.json' },
      { format: 'opensanctions_ftm' },
    );
    expect(result).toMatchObject({
      format: 'opensanctions_ftm',
      imported: 2,
      skipped: [{ reason: 'Ownership records (not screened)', count: 1 }],
      files: [{ name: 'entities.ftm.json', part: 'entities', rows: 3, refused: 0 }],
    });
    expect(applied.summary.lists.find((l) => l.list === 'OpenSanctions')?.count).toBe(2);

    const wrong = await env.t.app.request('/api/watchlist/import?mode=append&format=nonsense', {
      method: 'POST',
      headers: { ...apiHeaders(installed.session), 'Content-Type': 'application/x-ndjson' },
      body: lines,
    });
    expect(wrong.status).toBe(400);
    expect(await errorCode(wrong)).toBe('validation_failed');
  });

  it('puts the programmes of FtM Sanction records on their targets, also when the sanction comes later', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    const lines = [
      { id: 'NK-9', schema: 'Person', properties: { name: ['Later Sanctioned Person'], topics: ['sanction'] } },
      { id: 'ofac-s-9', schema: 'Sanction', properties: { entity: ['NK-9'], program: ['RUSSIA-EO14024'] } },
    ]
      .map((l) => JSON.stringify(l))
      .join('\n');
    const { preview, applied } = await importWatchlist(env, installed, {
      raw: lines,
      type: 'application/x-ndjson',
      filename: 'entities.ftm.json',
    });
    expect(preview).toMatchObject({ imported: 1, refused: 0, skipped: [] });
    const [entry] = env.t.services.review.kyc.watchlist.entriesAfter(
      installed.installedAppId,
      applied.summary.version,
      'os_',
      10,
    );
    expect(entry).toMatchObject({ entry_id: 'os_NK-9', programmes: ['RUSSIA-EO14024'] });
  });

  it('stores nothing when one file of the upload cannot be read', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    const before = await summaryOf(installed);
    const res = await upload(env, installed, { 'sdn.csv': SDN, 'notes.txt': 'Dear colleague, see attached.\n' });
    expect(res.status).toBe(415);
    const body = z
      .object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown() }) })
      .parse(await res.json());
    expect(body.error.code).toBe('unsupported_watchlist_format');
    expect(body.error.message).toContain('notes.txt');
    expect(body.error.details).toEqual({ file: 'notes.txt' });
    expect(await summaryOf(installed)).toEqual(before);
    const staged = z
      .object({ n: z.number() })
      .parse(env.t.db.prepare('SELECT COUNT(*) AS n FROM watchlist_import_rows').get());
    expect(staged.n).toBe(0);
  });

  it('keeps answering other requests while a large file is read', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    const rows = Array.from(
      { length: 30_000 },
      (_, i) =>
        `${String(i + 1)},"PERSON${String(i)}, Generated",individual,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 1970."`,
    ).join('\r\n');
    let importDone = false;
    const importing = upload(env, installed, { 'sdn.csv': rows }).then((res) => {
      importDone = true;
      return res;
    });
    // Let the import start reading, then ask for something else.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const other = await installed.api('/api/watchlist');
    expect(other.status).toBe(200);
    expect(importDone).toBe(false);
    const res = await importing;
    expect(res.status).toBe(200);
    const preview = WatchlistImportPreviewDto.parse(await res.json());
    expect(preview.imported).toBe(30_000);
    expect((await confirmImport(installed, preview.import_id)).status).toBe(200);
    // The new index is in place once the import answers: screening uses the new list.
    const identity = await firstBySeed(env, installed, 'complete');
    expect(
      (await openCase(installed, identity.identity_id)).case.checks.find((c) => c.check_id === 'watchlist'),
    ).toBeDefined();
  }, 60_000);
});
