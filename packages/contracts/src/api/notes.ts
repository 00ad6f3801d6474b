import { z } from 'zod';

// Case notes (issue 12): append-only plain-text comments, added without deciding.

export const NOTE_MAX_CHARS = 5_000;

/** Plain text: no markup is rendered, so none is stripped; only surrounding blanks go. */
export const NoteBody = z.object({
  text: z
    .string()
    .trim()
    .min(1, 'A note cannot be empty.')
    .max(NOTE_MAX_CHARS, `A note is at most ${NOTE_MAX_CHARS} characters.`),
});
export type NoteBody = z.infer<typeof NoteBody>;

export const NoteDto = z.object({
  note_id: z.string(),
  /** Who wrote it, as the audit trail names them. */
  author: z.string(),
  text: z.string(),
  created_at: z.string(),
});
export type NoteDto = z.infer<typeof NoteDto>;

/** Oldest first: a conversation reads top to bottom. */
export const NoteListDto = z.object({ items: z.array(NoteDto) });
export type NoteListDto = z.infer<typeof NoteListDto>;
