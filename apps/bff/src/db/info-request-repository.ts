import { z } from 'zod';
import { parseJsonColumn } from './json-column';
import type { Db } from './open-database';
import type { InfoRequestRecord } from '../services/info-request-record';

const Row = z.object({
  request_id: z.string(),
  decision_id: z.string(),
  body: z.string(),
  items: z.string(),
  asked_by: z.string(),
  asked_by_name: z.string().nullable(),
  asked_at: z.string(),
  received_at: z.string().nullable(),
  received_by: z.string().nullable(),
  received_by_name: z.string().nullable(),
  answer: z.string().nullable(),
});
const Items = z.array(z.string());

function toRecord(raw: unknown): InfoRequestRecord {
  const r = Row.parse(raw);
  return {
    requestId: r.request_id,
    decisionId: r.decision_id,
    text: r.body,
    items: parseJsonColumn(Items, r.items, 'kyc_info_requests.items'),
    askedBy: r.asked_by,
    askedByName: r.asked_by_name,
    askedAt: r.asked_at,
    received:
      r.received_at === null || r.answer === null
        ? null
        : { at: r.received_at, by: r.received_by ?? '', byName: r.received_by_name, answer: r.answer },
  };
}

export type InfoRequestRepository = ReturnType<typeof createInfoRequestRepository>;

/** What was asked of a customer, and what came back (migration 0018). */
export function createInfoRequestRepository(db: Db) {
  const insert = db.prepare(`INSERT INTO kyc_info_requests (request_id, installed_app_id, identity_id, case_id,
      decision_id, body, items, asked_by, asked_by_name, asked_at)
    VALUES (@requestId, @installedAppId, @identityId, @caseId, @decisionId, @text, @items, @askedBy, @askedByName, @askedAt)`);
  const list = db.prepare(`SELECT * FROM kyc_info_requests WHERE installed_app_id = ? AND identity_id = ?
    ORDER BY asked_at DESC, rowid DESC LIMIT ?`);
  const open = db.prepare(`SELECT * FROM kyc_info_requests WHERE installed_app_id = ? AND identity_id = ?
    AND received_at IS NULL ORDER BY asked_at DESC, rowid DESC LIMIT 1`);
  const receive = db.prepare(`UPDATE kyc_info_requests SET received_at = @at, received_by = @by,
      received_by_name = @byName, answer = @answer
    WHERE installed_app_id = @installedAppId AND request_id = @requestId AND received_at IS NULL`);

  return {
    insert(r: Omit<InfoRequestRecord, 'received'> & { installedAppId: string; identityId: string; caseId: string }) {
      insert.run({ ...r, items: JSON.stringify(r.items) });
    },
    /** Newest first. */
    forIdentity(installedAppId: string, identityId: string, limit: number): InfoRequestRecord[] {
      return list.all(installedAppId, identityId, limit).map(toRecord);
    },
    /** The request still waiting for an answer, if any. */
    open(installedAppId: string, identityId: string): InfoRequestRecord | null {
      const raw = open.get(installedAppId, identityId);
      return raw === undefined ? null : toRecord(raw);
    },
    markReceived(r: {
      installedAppId: string;
      requestId: string;
      at: string;
      by: string;
      byName: string | null;
      answer: string;
    }): boolean {
      return receive.run(r).changes === 1;
    },
  };
}
