import { afterEach, describe, expect, it } from 'vitest';
import { NOTE_MAX_CHARS, NoteDto, NoteListDto } from '@kyc-review/contracts';
import type { EmulatorBackedApp } from '../support/emulator-app';
import {
  asUser,
  createReviewEnv,
  decide,
  errorCode,
  history as historyOf,
  installSynced,
  queue,
} from './support/review-env';

let env: EmulatorBackedApp | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const countNotes = (e: EmulatorBackedApp) =>
  Number(e.t.db.prepare('SELECT count(*) AS n FROM kyc_case_notes').pluck().get());

describe('case notes over HTTP', () => {
  it('appends notes with author and time, oldest first, without changing the case, and shows them in the history', async () => {
    env = await createReviewEnv({ now: '2026-11-20T09:00:00.000Z' });
    const installed = await installSynced(env);
    const [first] = (await queue(installed, '?status=new')).items;
    if (first === undefined) throw new Error('no new case in the seed');
    const id = first.identity_id;

    const notes = (who: typeof installed) => who.rpc.api.cases[':identityId'].notes;
    const added = await notes(installed).$post({
      param: { identityId: id },
      json: { text: '  Called the customer; passport copy promised by Friday.  ' },
    });
    expect(added.status).toBe(201);
    const note = NoteDto.parse(await added.json());
    expect(note).toMatchObject({
      author: 'user_reviewer_1',
      text: 'Called the customer; passport copy promised by Friday.',
      created_at: '2026-11-20T09:00:00.000Z',
    });

    env.t.clock.advanceMs(60_000);
    const colleague = await asUser(env, installed, 'user_reviewer_2');
    // Markup is plain text: stored and answered as typed, never interpreted.
    const second = await notes(colleague).$post({ param: { identityId: id }, json: { text: '<b>Seen</b> = fine' } });
    expect(second.status).toBe(201);

    const list = NoteListDto.parse(await (await notes(installed).$get({ param: { identityId: id } })).json());
    expect(list.items.map((n) => [n.author, n.text])).toEqual([
      ['user_reviewer_1', 'Called the customer; passport copy promised by Friday.'],
      ['user_reviewer_2', '<b>Seen</b> = fine'],
    ]);

    const history = await historyOf(installed, id);
    const noteEntries = history.items.filter((h) => h.action === 'note_added');
    expect(noteEntries.map((h) => [h.actor_name, h.reason])).toEqual([
      ['user_reviewer_2', '<b>Seen</b> = fine'],
      ['user_reviewer_1', 'Called the customer; passport copy promised by Friday.'],
    ]);

    // Adding a note is not a decision: the case stays where it was and can still be decided.
    expect((await queue(installed, '?status=new')).items.some((c) => c.identity_id === id)).toBe(true);
    expect((await decide(installed, id, { action: 'escalate', note: 'after the notes' })).status).toBe(200);
  });

  it('refuses empty and over-long notes with 400 and stores nothing; the limit itself is accepted', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    const [first] = (await queue(installed)).items;
    if (first === undefined) throw new Error('no case in the seed');
    const path = `/api/cases/${first.identity_id}/notes`;
    const add = (text: string) =>
      installed.rpc.api.cases[':identityId'].notes.$post({ param: { identityId: first.identity_id }, json: { text } });

    const tooLong = await add('x'.repeat(NOTE_MAX_CHARS + 1));
    expect(tooLong.status).toBe(400);
    expect(await errorCode(tooLong)).toBe('validation_failed');
    const blank = await add('   ');
    expect(blank.status).toBe(400);
    // A body without the field does not type: sent raw.
    const missing = await installed.api(path, { method: 'POST', body: {} });
    expect(missing.status).toBe(400);
    expect(countNotes(env)).toBe(0);

    const atLimit = await add('y'.repeat(NOTE_MAX_CHARS));
    expect(atLimit.status).toBe(201);
    expect(countNotes(env)).toBe(1);
  });

  it('answers 404 for unknown identities and 400 for malformed ids, storing nothing', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    const notes = installed.rpc.api.cases[':identityId'].notes;
    const unknown = await notes.$post({ param: { identityId: 'idt_does-not-exist' }, json: { text: 'hello' } });
    expect(unknown.status).toBe(404);
    expect((await notes.$get({ param: { identityId: 'idt_does-not-exist' } })).status).toBe(404);
    const malformed = await notes.$post({ param: { identityId: 'not-an-id' }, json: { text: 'hello' } });
    expect(malformed.status).toBe(400);
    expect(countNotes(env)).toBe(0);
  });

  it('the database refuses to edit or delete a note', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    const [first] = (await queue(installed)).items;
    if (first === undefined) throw new Error('no case in the seed');
    await installed.rpc.api.cases[':identityId'].notes.$post({
      param: { identityId: first.identity_id },
      json: { text: 'kept' },
    });
    expect(() => env?.t.db.exec("UPDATE kyc_case_notes SET body = 'changed'")).toThrow(/append-only/);
    expect(() => env?.t.db.exec('DELETE FROM kyc_case_notes')).toThrow(/append-only/);
  });
});
