import { z } from 'zod';
import { CASE_NOTE_MAX_CHARS } from './decisions';

// Request information (issue 12, docs/decisions/021-team-workflow.md): what was asked of the
// customer, until when, and the "received" step that puts the case back in review.

export const INFO_REQUEST_MAX_ITEMS = 20;
export const INFO_REQUEST_ITEM_MAX_CHARS = 200;

/** `POST /api/cases/:identityId/info-requests`: the request_info decision with what is asked. */
export const InfoRequestBody = z
  .object({
    text: z
      .string()
      .trim()
      .min(1, 'Say what is missing.')
      .max(CASE_NOTE_MAX_CHARS, `At most ${CASE_NOTE_MAX_CHARS} characters.`),
    items: z
      .array(
        z
          .string()
          .trim()
          .min(1, 'An item cannot be empty.')
          .max(INFO_REQUEST_ITEM_MAX_CHARS, `An item is at most ${INFO_REQUEST_ITEM_MAX_CHARS} characters.`),
      )
      .max(INFO_REQUEST_MAX_ITEMS, `At most ${INFO_REQUEST_MAX_ITEMS} items.`)
      .default([]),
  })
  .strict();
export type InfoRequestBody = z.infer<typeof InfoRequestBody>;

/** `POST /api/cases/:identityId/info-requests/received`: what came back, noted on the case. */
export const InfoReceivedBody = z
  .object({
    answer: z
      .string()
      .trim()
      .min(1, 'Note what the customer sent.')
      .max(CASE_NOTE_MAX_CHARS, `At most ${CASE_NOTE_MAX_CHARS} characters.`),
  })
  .strict();
export type InfoReceivedBody = z.infer<typeof InfoReceivedBody>;

export const InfoRequestDto = z.object({
  request_id: z.string(),
  text: z.string(),
  items: z.array(z.string()),
  asked_by: z.string(),
  asked_by_name: z.string().nullable(),
  asked_at: z.string(),
  /** The case's due date while the request waits; null once received. */
  due_at: z.string().nullable(),
  overdue: z.boolean(),
  received_at: z.string().nullable(),
  received_by_name: z.string().nullable(),
  answer: z.string().nullable(),
});
export type InfoRequestDto = z.infer<typeof InfoRequestDto>;

/** Newest first; the first is the open one while the case waits for information. */
export const InfoRequestListDto = z.object({ items: z.array(InfoRequestDto) });
export type InfoRequestListDto = z.infer<typeof InfoRequestListDto>;
