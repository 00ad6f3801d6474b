import { z } from 'zod';
import type { Db } from './open-database';

export type NoteRecord = {
  readonly noteId: string;
  readonly author: string;
  readonly text: string;
  readonly createdAt: string;
};

const Row = z.object({ note_id: z.string(), author: z.string(), body: z.string(), created_at: z.string() });

export type NoteRepository = ReturnType<typeof createNoteRepository>;

/** Append and read only: the table's triggers refuse UPDATE and DELETE (migration 0006). */
export function createNoteRepository(db: Db) {
  const insert =
    db.prepare(`INSERT INTO kyc_case_notes (note_id, installed_app_id, identity_id, case_id, author, body, created_at)
    VALUES (@noteId, @installedAppId, @identityId, @caseId, @author, @text, @createdAt)`);
  const list = db.prepare(`SELECT note_id, author, body, created_at FROM kyc_case_notes
    WHERE installed_app_id = ? AND identity_id = ? ORDER BY created_at, rowid LIMIT ?`);

  return {
    append(note: NoteRecord & { installedAppId: string; identityId: string; caseId: string }): void {
      insert.run(note);
    },
    /** Oldest first. */
    forIdentity(installedAppId: string, identityId: string, limit: number): NoteRecord[] {
      return list.all(installedAppId, identityId, limit).map((raw) => {
        const r = Row.parse(raw);
        return { noteId: r.note_id, author: r.author, text: r.body, createdAt: r.created_at };
      });
    },
  };
}
