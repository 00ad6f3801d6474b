import { afterEach, describe, expect, it } from 'vitest';
import type { EmulatorBackedApp } from '../support/emulator-app';
import { createReviewEnv, installSynced } from './support/review-env';
import { importWatchlist } from './support/watchlist-upload';

// An import's chunk commits (staged rows, the new version's ranges, the staged rows dropped)
// do not fsync on the event loop one by one: each is committed with synchronous = NORMAL
// (open-database.ts rederivableTransaction), and FULL is back before anything else runs; the
// preview's and the activation's own commits stay FULL and cover them (issue 13, decision 018).

let env: EmulatorBackedApp | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const ROWS = 1_200;
const csv = `name,aliases,dob,country,list,topic\n${Array.from(
  { length: ROWS },
  (_, i) => `Commitcheck Person${String(i)},,1970,FR,Commit List,sanction`,
).join('\n')}\n`;

describe("an import's chunk commits", () => {
  it('commit without an fsync each, and leave the connection at synchronous = FULL', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    const db = env.t.db;
    // Each setting with the import step that asked for it (the re-screening also commits NORMAL).
    const settings: { setting: string; step: string | undefined }[] = [];
    const STEPS = /\b(stageItems|dropStaged|writeSteps|activate)\b/;
    const pragma = db.pragma.bind(db);
    // The async storage's statements sit deeper than V8's default 10 frames below the step.
    const stackLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 60;
    db.pragma = (source: string, options?: { simple?: boolean }) => {
      if (source.startsWith('synchronous ='))
        settings.push({ setting: source, step: STEPS.exec(new Error().stack ?? '')?.[1] });
      return pragma(source, options);
    };
    try {
      const { applied } = await importWatchlist(env, installed, { raw: csv }, { mode: 'append' });
      expect(applied.version).toMatchObject({ added: ROWS, active: true });
    } finally {
      db.pragma = pragma;
      Error.stackTraceLimit = stackLimit;
    }
    // 1 200 rows: at least 3 staged chunks, 3 version ranges and 3 chunks dropped, each
    // NORMAL for its commit and FULL again right after; the activation does not lower it.
    const normalBy = (step: string) =>
      settings.filter((s) => s.step === step && s.setting === 'synchronous = NORMAL').length;
    expect(normalBy('stageItems')).toBeGreaterThanOrEqual(3);
    expect(normalBy('writeSteps')).toBeGreaterThanOrEqual(3);
    expect(normalBy('dropStaged')).toBeGreaterThanOrEqual(3);
    expect(normalBy('activate')).toBe(0);
    const lowered = settings.filter((s) => s.setting === 'synchronous = NORMAL').length;
    expect(settings.filter((s) => s.setting === 'synchronous = FULL')).toHaveLength(lowered);
    expect(settings.at(-1)?.setting).toBe('synchronous = FULL');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.prepare('SELECT COUNT(*) FROM watchlist_import_rows').pluck().get()).toBe(0);
  });
});
