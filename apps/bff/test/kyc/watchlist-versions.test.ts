import { afterEach, describe, expect, it } from 'vitest';
import {
  ErrorEnvelope,
  PendingWatchlistImportDto,
  WatchlistAppliedDto,
  WatchlistSummaryDto,
  WatchlistVersionsDto,
} from '@kyc-review/contracts';
import { z } from 'zod';
import type { EmulatorBackedApp, InstalledSession } from '../support/emulator-app';
import { rowCounts } from '../security/row-counts';
import { asUser, createReviewEnv, firstBySeed, installSynced, openCase } from './support/review-env';
import { confirmImport, importWatchlist, previewWatchlist, uploadWatchlist } from './support/watchlist-upload';

// Safe imports (issue 11, docs/decisions/018-real-watchlists.md): an upload is staged and
// answered with a preview; nothing changes until a lead confirms; every confirmation is a
// version a lead can roll back to; an upload with more than 10% refused rows is refused.

let env: EmulatorBackedApp | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const HEADER = 'name,aliases,dob,country,list,topic';
const csvOf = (...rows: string[]) => `${[HEADER, ...rows].join('\n')}\n`;
const TEN = Array.from({ length: 10 }, (_, i) => `Versiontest Person${String(i)},,1970,FR,Version List,sanction`);

const summaryOf = async (installed: InstalledSession) =>
  WatchlistSummaryDto.parse(await (await installed.api('/api/watchlist')).json());
const versionsOf = async (installed: InstalledSession) =>
  WatchlistVersionsDto.parse(await (await installed.api('/api/watchlist/versions')).json()).items;
const auditActions = (e: EmulatorBackedApp, installed: InstalledSession) =>
  z
    .array(z.object({ action: z.string(), after_state: z.string() }))
    .parse(
      e.t.db
        .prepare("SELECT action, after_state FROM kyc_audit WHERE installed_app_id = ? AND action LIKE 'watchlist%'")
        .all(installed.installedAppId),
    );
const stagedRows = (e: EmulatorBackedApp) =>
  z.number().parse(e.t.db.prepare('SELECT COUNT(*) FROM watchlist_import_rows').pluck().get());

describe('watchlist import preview and confirmation', () => {
  it('a preview changes nothing; confirming applies it as a new version; discarding leaves nothing', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    const identity = await firstBySeed(env, installed, 'watchlist_exact');
    const caseBefore = await openCase(installed, identity.identity_id);
    const summaryBefore = await summaryOf(installed);
    const auditBefore = auditActions(env, installed).length;

    const preview = await previewWatchlist(env, installed, { raw: csvOf(...TEN) }, { mode: 'append' });
    expect(preview).toMatchObject({
      mode: 'append',
      base_version: summaryBefore.version,
      imported: 10,
      refused: 0,
      lists: ['Version List'],
      changes: { added: 10, removed: 0, changed: 0, unchanged: 0, entry_count: summaryBefore.total + 10 },
      created_by_name: 'user_reviewer_1',
    });
    expect(preview.changes.samples.added).toHaveLength(10);
    expect(preview.changes.samples.added[0]).toMatchObject({ list: 'Version List' });
    // Nothing changed: the list, its version, screening, the audit trail.
    expect(await summaryOf(installed)).toEqual(summaryBefore);
    expect((await openCase(installed, identity.identity_id)).case.hits).toEqual(caseBefore.case.hits);
    expect(auditActions(env, installed)).toHaveLength(auditBefore);
    // The preview waits, also for a reload of the page.
    const pending = PendingWatchlistImportDto.parse(
      await (await installed.api('/api/watchlist/imports/pending')).json(),
    );
    expect(pending.pending?.import_id).toBe(preview.import_id);

    const discarded = await installed.api(`/api/watchlist/imports/${preview.import_id}`, { method: 'DELETE' });
    expect(discarded.status).toBe(204);
    expect(stagedRows(env)).toBe(0);
    expect(await summaryOf(installed)).toEqual(summaryBefore);
    const gone = await confirmImport(installed, preview.import_id);
    expect(gone.status).toBe(404);
    expect(ErrorEnvelope.parse(await gone.json()).error.code).toBe('not_found');

    const again = await previewWatchlist(env, installed, { raw: csvOf(...TEN) }, { mode: 'append' });
    const res = await confirmImport(installed, again.import_id);
    expect(res.status).toBe(200);
    const applied = WatchlistAppliedDto.parse(await res.json());
    expect(applied.summary).toMatchObject({ total: summaryBefore.total + 10, version: summaryBefore.version + 1 });
    expect(applied.version).toMatchObject({ mode: 'append', added: 10, removed: 0, active: true });
    expect(stagedRows(env)).toBe(0);
    expect(
      PendingWatchlistImportDto.parse(await (await installed.api('/api/watchlist/imports/pending')).json()),
    ).toEqual({ pending: null });
    const [audit] = auditActions(env, installed).slice(-1);
    expect(audit?.action).toBe('watchlist_imported');
    expect(audit?.after_state).toContain('"mode":"append"');
  });

  it('append updates by entry id and removes nothing; replace removes what the file lacks of its lists', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    const base = await summaryOf(installed);
    await importWatchlist(env, installed, { raw: csvOf(...TEN) }, { mode: 'append' });

    // Same ids (name, list, dob, country) with new aliases: changed; one new row: added.
    const appended = await importWatchlist(
      env,
      installed,
      {
        raw: csvOf(
          'Versiontest Person0,V. P. Zero,1970,FR,Version List,sanction',
          'Versiontest Newcomer,,,,Version List,pep',
        ),
      },
      { mode: 'append' },
    );
    expect(appended.preview.changes).toMatchObject({ added: 1, changed: 1, removed: 0, entry_count: base.total + 11 });
    expect(appended.preview.changes.samples.changed).toEqual([
      expect.objectContaining({ name: 'Versiontest Person0', list: 'Version List' }),
    ]);
    expect(appended.applied.summary.total).toBe(base.total + 11);

    const replaced = await importWatchlist(
      env,
      installed,
      { raw: csvOf('Versiontest Person1,,1970,FR,Version List,sanction') },
      { mode: 'replace' },
    );
    expect(replaced.preview.changes).toMatchObject({ added: 0, changed: 0, unchanged: 1, removed: 10 });
    expect(replaced.preview.changes.samples.removed.map((r) => r.name)).toContain('Versiontest Newcomer');
    // Other lists (the demo list) stay.
    expect(replaced.applied.summary.total).toBe(base.total + 1);
    expect(replaced.applied.summary.lists.find((l) => l.list === 'Version List')?.count).toBe(1);

    const versions = await versionsOf(installed);
    expect(versions.map((v) => [v.version, v.mode, v.added, v.removed, v.changed, v.active])).toEqual([
      [base.version + 3, 'replace', 0, 10, 0, true],
      [base.version + 2, 'append', 1, 0, 1, false],
      [base.version + 1, 'append', 10, 0, 0, false],
      [base.version, 'replace', base.total, 0, 0, false],
    ]);
    expect(versions[0]).toMatchObject({ created_by_name: 'user_reviewer_1', format: 'csv', restorable: false });
    expect(versions[1]?.restorable).toBe(true);
  });

  it('a replace that drops the entry a case hits says how many cases it affects, and re-screens them once confirmed', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    const identity = await firstBySeed(env, installed, 'watchlist_exact');
    const hit = (await openCase(installed, identity.identity_id)).case.hits[0];
    if (hit === undefined) throw new Error('the watchlist_exact identity has a hit with the demo list');
    const list = hit.entry.list;
    const { preview } = await importWatchlist(env, installed, {
      raw: csvOf(`Unrelated Listedperson,,,,${list},sanction`),
    });
    expect(preview.changes.removed).toBeGreaterThan(0);
    expect(preview.affected_cases.open + preview.affected_cases.decided).toBeGreaterThanOrEqual(1);
    await env.t.services.review.sync.idle(installed.installedAppId);
    const after = await openCase(installed, identity.identity_id);
    expect(after.case.hits.some((h) => h.entry.entry_id === hit.entry.entry_id)).toBe(false);
  });
});

describe('refused uploads', () => {
  it('more than 10% refused rows: 422 with the rows named, nothing staged or applied', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    const before = rowCounts(env.t.db);
    // 2 refused of 11 rows: 18%.
    const res = await uploadWatchlist(env, installed, {
      raw: csvOf(...TEN.slice(0, 9), 'Bad Date,,1970-13-45,,Version List,pep', ',,1970,,Version List,pep'),
    });
    expect(res.status).toBe(422);
    const error = ErrorEnvelope.parse(await res.json()).error;
    expect(error).toMatchObject({ code: 'too_many_refused_rows' });
    expect(error.message).toBe(
      '2 of 11 rows (18.2%) were refused, more than the 10% an import may refuse: nothing was imported. Fix the rows listed and import the file again.',
    );
    expect(error.details).toMatchObject({ imported: 9, refused: 2, errors: [{ line: 11 }, { line: 12 }] });
    expect(rowCounts(env.t.db)).toEqual(before);

    // 1 of 10 (exactly 10%) is not more than 10%: staged.
    const ok = await uploadWatchlist(env, installed, { raw: csvOf(...TEN.slice(0, 9), ',,1970,,Version List,pep') });
    expect(ok.status).toBe(200);
  });

  it('a malformed, oversize or wrong-type file, or no mode, is refused and nothing is stored', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    const before = rowCounts(env.t.db);
    const e = env;
    const cases: [string, () => Promise<Response>, number, string][] = [
      [
        'a quote never closed',
        () => uploadWatchlist(e, installed, { raw: `${HEADER}\n"Open,,,,L,pep\n` }),
        400,
        'invalid_watchlist_file',
      ],
      ['no entries', () => uploadWatchlist(e, installed, { raw: `${HEADER}\n` }), 400, 'invalid_watchlist_file'],
      [
        'a PNG',
        () => uploadWatchlist(e, installed, { raw: '\u0089PNG\r\n\u001a\n', type: 'application/octet-stream' }),
        415,
        'unsupported_watchlist_format',
      ],
      [
        'an image type',
        () => uploadWatchlist(e, installed, { raw: 'GIF89a', type: 'image/gif' }),
        415,
        'unsupported_media_type',
      ],
      [
        'over the size limit',
        () => uploadWatchlist(e, installed, { raw: csvOf(...TEN) }, { headers: { 'Content-Length': String(2 ** 31) } }),
        413,
        'payload_too_large',
      ],
      [
        'no mode',
        () => uploadWatchlist(e, installed, { raw: csvOf(...TEN) }, { mode: null }),
        400,
        'validation_failed',
      ],
    ];
    for (const [what, answer, status, code] of cases) {
      const res = await answer();
      expect(res.status, what).toBe(status);
      expect(ErrorEnvelope.parse(await res.json()).error.code, what).toBe(code);
    }
    expect(rowCounts(env.t.db)).toEqual(before);
  });
});

describe('rollback', () => {
  it('a lead restores the previous version as a new one, audited, and cases are re-screened against it', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    const identity = await firstBySeed(env, installed, 'watchlist_exact');
    const hit = (await openCase(installed, identity.identity_id)).case.hits[0];
    if (hit === undefined) throw new Error('the watchlist_exact identity has a hit with the demo list');
    const original = await summaryOf(installed);
    await importWatchlist(env, installed, { raw: csvOf(`Unrelated Listedperson,,,,${hit.entry.list},sanction`) });
    await env.t.services.review.sync.idle(installed.installedAppId);
    expect((await openCase(installed, identity.identity_id)).case.hits.some((h) => h.hit_id === hit.hit_id)).toBe(
      false,
    );

    const reviewer = await asUser(env, installed, 'Rita Reviewer', { role: 'reviewer' });
    const refused = await reviewer.api(`/api/watchlist/versions/${String(original.version)}/rollback`, {
      method: 'POST',
    });
    expect(refused.status).toBe(403);

    const res = await installed.api(`/api/watchlist/versions/${String(original.version)}/rollback`, { method: 'POST' });
    expect(res.status).toBe(200);
    const applied = WatchlistAppliedDto.parse(await res.json());
    expect(applied.version).toMatchObject({ mode: 'rollback', rolled_back_to: original.version, active: true });
    expect(applied.version.added).toBeGreaterThan(0);
    expect(applied.summary).toMatchObject({
      total: original.total,
      lists: original.lists,
      version: original.version + 2,
    });
    await env.t.services.review.sync.idle(installed.installedAppId);
    expect((await openCase(installed, identity.identity_id)).case.hits.some((h) => h.hit_id === hit.hit_id)).toBe(true);
    expect(auditActions(env, installed).at(-1)).toMatchObject({ action: 'watchlist_rolled_back' });

    const active = await installed.api(`/api/watchlist/versions/${String(original.version + 2)}/rollback`, {
      method: 'POST',
    });
    expect(active.status).toBe(409);
    const unknown = await installed.api('/api/watchlist/versions/99/rollback', { method: 'POST' });
    expect(unknown.status).toBe(404);
  });

  it('a preview made before the list changed cannot be confirmed', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    const original = await summaryOf(installed);
    await importWatchlist(env, installed, { raw: csvOf(...TEN) }, { mode: 'append' });
    const stale = await previewWatchlist(
      env,
      installed,
      { raw: csvOf('Late Arrival,,,,Version List,pep') },
      { mode: 'append' },
    );
    const rolledBack = await installed.api(`/api/watchlist/versions/${String(original.version)}/rollback`, {
      method: 'POST',
    });
    expect(rolledBack.status).toBe(200);
    const res = await confirmImport(installed, stale.import_id);
    expect(res.status).toBe(409);
    expect(ErrorEnvelope.parse(await res.json()).error.message).toContain('changed since this preview');
    expect(stagedRows(env)).toBe(0);
    expect((await summaryOf(installed)).total).toBe(original.total);
  });
});
