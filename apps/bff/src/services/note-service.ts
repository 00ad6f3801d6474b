import { randomUUID } from 'node:crypto';
import type { NoteBody, NoteDto, NoteListDto } from '@kyc-review/contracts';
import type { Clock } from '../clock';
import type { KycRepositories } from '../db/kyc-repositories';
import type { NoteRecord } from '../db/note-repository';
import { NotFoundError } from '../errors';
import type { CaseService } from './case-service';
import { actorOf, requireScope, type ActionContext } from './kyc-access';
import type { Session } from './session';

/** More than any case gathers; the panel shows them all. */
const NOTES_LIMIT = 1_000;

export const toNoteDto = (n: NoteRecord): NoteDto => ({
  note_id: n.noteId,
  author: n.author,
  text: n.text,
  created_at: n.createdAt,
});

export type NoteService = ReturnType<typeof createNoteService>;

/**
 * Notes on a case (issue 12): anyone who can read the case may add one, without deciding.
 * The note and its audit row are one transaction, so the history always shows it.
 */
export function createNoteService({ kyc, clock, cases }: { kyc: KycRepositories; clock: Clock; cases: CaseService }) {
  return {
    list(session: Session, identityId: string): NoteListDto {
      requireScope(session, 'data:read');
      if (kyc.cases.get(session.installedAppId, identityId) === null) throw new NotFoundError('No such case.');
      return { items: kyc.notes.forIdentity(session.installedAppId, identityId, NOTES_LIMIT).map(toNoteDto) };
    },
    async add(session: Session, identityId: string, body: NoteBody, ctx: ActionContext): Promise<NoteDto> {
      requireScope(session, 'data:read');
      const install = session.installedAppId;
      // A note may come before the queue synced the identity: make sure the case exists.
      await cases.mirrored(session, identityId);
      const actor = actorOf(session);
      return kyc.transaction(() => {
        const kase = kyc.cases.get(install, identityId);
        if (kase === null) throw new NotFoundError('No such case.');
        const note: NoteRecord = {
          noteId: `note_${randomUUID()}`,
          // The name as the notes panel shows it; the audit row below keeps the reviewer id.
          author: actor.displayName,
          text: body.text,
          createdAt: clock.now().toISOString(),
        };
        kyc.notes.append({ ...note, installedAppId: install, identityId, caseId: kase.caseId });
        kyc.audit.append({
          installedAppId: install,
          identityId,
          caseId: kase.caseId,
          actor,
          action: 'note_added',
          before: null,
          after: { note_id: note.noteId },
          // The history shows the note's words where other entries show their reason.
          reason: note.text,
          requestId: ctx.requestId,
          at: note.createdAt,
        });
        return toNoteDto(note);
      });
    },
  };
}
