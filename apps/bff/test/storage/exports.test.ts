import { describe, expect, it } from 'vitest';
import type { AuditCursor, AuditExportRecord, QueueExportRecord } from '../../src/services/export-record';
import { ENGINES } from '../support/storage-engines';
import { insertAudit, insertCase } from './seed-rows';
import { INSTALL_ID, OTHER_INSTALL_ID, useStorage } from './storage-fixture';

// The export reads on both engines (decision 022): keyset chunks of at most `limit` rows, each
// one statement, that together give every matching row once, in order, and nothing else.

const NOW = '2026-12-05T00:00:00.000Z';
const LIMIT = 7;

describe.each(ENGINES)('export reads on $name', (engine) => {
  const { storage, db } = useStorage(engine);

  it('reads the queue in keyset chunks of at most the limit, filtered as the queue is, one install only', async () => {
    for (let i = 0; i < 23; i++)
      await insertCase(db(), {
        installedAppId: INSTALL_ID,
        caseId: `c${String(i).padStart(2, '0')}`,
        status: i % 3 === 0 ? 'approved' : 'new',
        riskLevel: i % 2 === 0 ? 'high' : 'low',
        riskScore: i * 1.5,
        openHits: i % 4,
        displayName: `Näme, "${i}"`,
      });
    await insertCase(db(), { installedAppId: OTHER_INSTALL_ID, caseId: 'other' });
    await db().run("UPDATE kyc_cases SET listed = 0 WHERE case_id = 'c05'");

    const readAll = async (filters: Parameters<ReturnType<typeof storage>['exports']['queueChunk']>[1]) => {
      const chunks: QueueExportRecord[][] = [];
      let after = '';
      for (;;) {
        const chunk = await storage().exports.queueChunk(INSTALL_ID, filters, NOW, after, LIMIT);
        expect(chunk.length).toBeLessThanOrEqual(LIMIT);
        if (chunk.length > 0) chunks.push(chunk);
        const last = chunk.at(-1);
        if (last === undefined || chunk.length < LIMIT) return chunks;
        after = last.identityId;
      }
    };
    const everything = await readAll({});
    expect(everything.map((c) => c.length)).toEqual([7, 7, 7, 1]);
    const ids = everything.flat().map((r) => r.identityId);
    // Every listed case of the install once, in identity id order (c05 is unlisted).
    const expected = Array.from({ length: 23 }, (_, i) => `idt_c${String(i).padStart(2, '0')}`).filter(
      (id) => id !== 'idt_c05',
    );
    expect(ids).toEqual(expected);
    expect(everything[0]?.[1]).toEqual({
      identityId: 'idt_c01',
      displayName: 'Näme, "1"',
      identityType: 'individual',
      country: 'GB',
      status: 'new',
      riskLevel: 'low',
      riskScore: 1.5,
      openHits: 1,
      topReasons: '[]',
      identityCreatedAt: '2026-12-01T10:00:00.000Z',
      updatedAt: '2026-12-01T10:00:00.000Z',
    });

    const approvedHigh = (await readAll({ status: 'approved', risk_level: 'high' })).flat();
    expect(approvedHigh.map((r) => r.identityId)).toEqual(['idt_c00', 'idt_c06', 'idt_c12', 'idt_c18']);
    expect((await readAll({ q: 'näme, "2' })).flat().map((r) => r.identityId)).toEqual([
      'idt_c02',
      'idt_c20',
      'idt_c21',
      'idt_c22',
    ]);
  });

  it('reads the audit trail of a range in (time, id) chunks up to the snapshot id, ties on time included', async () => {
    const at = (minute: number) => `2026-12-02T10:${String(minute).padStart(2, '0')}:00.000Z`;
    for (let i = 0; i < 20; i++)
      await insertAudit(db(), INSTALL_ID, `case_${i}`, 'decision:approve', at(Math.floor(i / 3)), {
        reason: `r${i}`,
        after: JSON.stringify({ n: i }),
      });
    await insertAudit(db(), OTHER_INSTALL_ID, null, 'export:audit_csv', at(1));
    await insertAudit(db(), INSTALL_ID, null, 'export:audit_csv', '2026-12-01T23:59:59.999Z');
    const upTo = await storage().exports.lastAuditId(INSTALL_ID);
    // Written after the export began: left out even though it is in the range.
    await insertAudit(db(), INSTALL_ID, null, 'note_added', at(2));
    expect(await storage().exports.lastAuditId('instapp_none')).toBe(0);

    const range = { from: '2026-12-02T00:00:00.000Z', to: '2026-12-03T00:00:00.000Z', upTo };
    const rows: AuditExportRecord[] = [];
    let after: AuditCursor = { at: '', auditId: 0 };
    for (;;) {
      const chunk = await storage().exports.auditChunk(INSTALL_ID, range, after, LIMIT);
      expect(chunk.length).toBeLessThanOrEqual(LIMIT);
      rows.push(...chunk);
      const last = chunk.at(-1);
      if (last === undefined || chunk.length < LIMIT) break;
      after = { at: last.at, auditId: last.auditId };
    }
    expect(rows.map((r) => r.reason)).toEqual(Array.from({ length: 20 }, (_, i) => `r${i}`));
    expect(new Set(rows.map((r) => r.auditId)).size).toBe(20);
    expect(rows[4]).toMatchObject({
      at: at(1),
      actor: 'rvw_1',
      action: 'decision:approve',
      identityId: 'idt_case_4',
      caseId: 'case_4',
      afterState: '{"n":4}',
      beforeState: null,
      requestId: null,
    });
  });
});
