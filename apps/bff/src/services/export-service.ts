import {
  AUDIT_EXPORT_MAX_DAYS,
  type AuditExportQuery,
  type CaseDetailDto,
  type CaseQueueFilters,
  type HistoryEntryDto,
  type NoteDto,
} from '@kyc-review/contracts';
import type { Clock } from '../clock';
import type { KycRepositories } from '../db/kyc-repositories';
import type { TxRepositories } from '../db/repositories';
import { BadRequestError } from '../errors';
import type { Logger } from '../logging/logger';
import type { CaseService } from './case-service';
import { csvLine } from './csv';
import { toNoteDto } from './note-service';
import { actorLabel } from './reviewer';
import { actorOf, requireScope, withAssigneeResolved, type ActionContext } from './kyc-access';
import type { AuditCursor, AuditExportRecord } from './export-record';
import type { Session } from './session';

/** Rows per read: small enough that memory stays flat, large enough that reads stay few. */
export const EXPORT_CHUNK_ROWS = 500;
const DAY_MS = 86_400_000;
const CASE_FILE_LIMIT = 1_000;

const QUEUE_HEADER = [
  'identity_id',
  'name',
  'identity_type',
  'country',
  'status',
  'risk_level',
  'risk_score',
  'open_hits',
  'top_reasons',
  'identity_created_at',
  'updated_at',
];
const AUDIT_HEADER = [
  'audit_id',
  'at',
  'actor',
  'actor_name',
  'actor_cloud_user_id',
  'action',
  'identity_id',
  'case_id',
  'reason',
  'before',
  'after',
  'request_id',
];

export type CaseFile = {
  readonly detail: CaseDetailDto;
  readonly notes: readonly NoteDto[];
  readonly history: readonly HistoryEntryDto[];
  /** When the file was produced, ISO. */
  readonly printedAt: string;
  readonly printedBy: string;
};

/** Some rows of an export as CSV text. */
export type CsvChunk = { readonly text: string; readonly rows: number };

/** An export being written: its file name and its text, one chunk at a time. */
export type CsvExport = {
  readonly filename: string;
  readonly chunks: AsyncGenerator<CsvChunk, void, undefined>;
  /** Called once the download ended, completely or not, with how many rows it wrote. */
  finished(rows: { rows: number; aborted: boolean }): void;
};

/**
 * The header, then one chunk per keyset read (at most EXPORT_CHUNK_ROWS rows, one statement),
 * read only when the caller asks for it: memory holds one chunk, and no statement is open
 * while the caller awaits the client.
 */
async function* csvChunks<R, C>(
  header: readonly string[],
  start: C,
  read: (after: C) => Promise<readonly R[]>,
  cursorOf: (row: R) => C,
  cells: (row: R) => (string | number | null)[],
): AsyncGenerator<CsvChunk, void, undefined> {
  yield { text: csvLine(header), rows: 0 };
  let after = start;
  for (;;) {
    let text = '';
    let rows = 0;
    for (const row of await read(after)) {
      rows += 1;
      after = cursorOf(row);
      text += csvLine(cells(row));
    }
    if (rows > 0) yield { text, rows };
    if (rows < EXPORT_CHUNK_ROWS) return;
  }
}

export type ExportService = ReturnType<typeof createExportService>;

/**
 * CSV exports for a regulator (issue 12): every export is audited before it starts (who
 * took what, with which filters), then read in chunks so a download of 100 000 rows never
 * holds them all, and stops reading when the client goes away.
 */
export function createExportService({
  repos,
  kyc,
  clock,
  logger,
  canExportAudit,
  cases,
}: {
  /** Exports and the audit trail on either engine (decision 022). */
  repos: Pick<TxRepositories, 'exports' | 'audit'>;
  /** The notes a case file prints (still synchronous SQLite). */
  kyc: Pick<KycRepositories, 'notes'>;
  cases: CaseService;
  clock: Clock;
  logger: Logger;
  /** Who may take the audit trail out (the lead); throws when the session may not. */
  canExportAudit: (session: Session) => void;
}) {
  async function audited(
    session: Session,
    kind: 'queue_csv' | 'audit_csv',
    after: Record<string, unknown>,
    ctx: ActionContext,
  ): Promise<string> {
    const at = clock.now().toISOString();
    await repos.audit.append({
      installedAppId: session.installedAppId,
      identityId: null,
      caseId: null,
      actor: actorOf(session),
      action: `export:${kind}`,
      before: null,
      after,
      reason: null,
      requestId: ctx.requestId,
      at,
    });
    return at.slice(0, 10);
  }

  const finisher = (session: Session, kind: string) => (result: { rows: number; aborted: boolean }) => {
    logger.info(result.aborted ? 'export stopped: the client went away' : 'export finished', {
      installed_app_id: session.installedAppId,
      export: kind,
      rows: result.rows,
    });
  };

  return {
    /** Everything the printable case file shows, read fresh; the print itself is audited. */
    async caseFile(session: Session, identityId: string, ctx: ActionContext): Promise<CaseFile> {
      const detail = await cases.open(session, identityId);
      const install = session.installedAppId;
      const printedAt = clock.now().toISOString();
      await repos.audit.append({
        installedAppId: install,
        identityId,
        caseId: detail.case.case_id,
        actor: actorOf(session),
        action: 'export:case_file',
        before: null,
        after: null,
        reason: null,
        requestId: ctx.requestId,
        at: printedAt,
      });
      const notes = kyc.notes.forIdentity(install, identityId, CASE_FILE_LIMIT).map(toNoteDto);
      // Oldest first, as a file reads; the print itself is the last line.
      const history = cases.history(session, identityId).items.reverse();
      return { detail, notes, history, printedAt, printedBy: actorLabel(actorOf(session)) };
    },

    async queueCsv(session: Session, asked: CaseQueueFilters, ctx: ActionContext): Promise<CsvExport> {
      requireScope(session, 'data:read');
      const install = session.installedAppId;
      const filters = withAssigneeResolved(session, asked);
      // "Overdue" means overdue when the export started, for every chunk alike.
      const now = clock.now().toISOString();
      const day = await audited(session, 'queue_csv', { filters }, ctx);
      const chunks = csvChunks(
        QUEUE_HEADER,
        '',
        (after) => repos.exports.queueChunk(install, filters, now, after, EXPORT_CHUNK_ROWS),
        (r) => r.identityId,
        (r) => [
          r.identityId,
          r.displayName,
          r.identityType,
          r.country,
          r.status,
          r.riskLevel,
          r.riskScore,
          r.openHits,
          r.topReasons,
          r.identityCreatedAt,
          r.updatedAt,
        ],
      );
      return { filename: `kyc-queue-${day}.csv`, chunks, finished: finisher(session, 'queue_csv') };
    },

    async auditCsv(session: Session, query: AuditExportQuery, ctx: ActionContext): Promise<CsvExport> {
      requireScope(session, 'data:read');
      canExportAudit(session);
      const fromMs = Date.parse(`${query.from}T00:00:00.000Z`);
      const toMs = Date.parse(`${query.to}T00:00:00.000Z`) + DAY_MS;
      const days = (toMs - fromMs) / DAY_MS;
      if (days > AUDIT_EXPORT_MAX_DAYS)
        throw new BadRequestError(
          `An audit export covers at most ${AUDIT_EXPORT_MAX_DAYS} days; this range has ${days}. Export it in parts.`,
          { max_days: AUDIT_EXPORT_MAX_DAYS, days },
        );
      const install = session.installedAppId;
      await audited(session, 'audit_csv', { from: query.from, to: query.to }, ctx);
      // A snapshot as of now, its own audit row included: rows that background work appends
      // while a long download runs are not half in it.
      const range = {
        from: new Date(fromMs).toISOString(),
        to: new Date(toMs).toISOString(),
        upTo: await repos.exports.lastAuditId(install),
      };
      const chunks = csvChunks<AuditExportRecord, AuditCursor>(
        AUDIT_HEADER,
        { at: '', auditId: 0 },
        (after) => repos.exports.auditChunk(install, range, after, EXPORT_CHUNK_ROWS),
        (r) => ({ at: r.at, auditId: r.auditId }),
        (r) => [
          r.auditId,
          r.at,
          r.actor,
          r.actorName,
          r.actorCloudUserId,
          r.action,
          r.identityId,
          r.caseId,
          r.reason,
          r.beforeState,
          r.afterState,
          r.requestId,
        ],
      );
      return {
        filename: `kyc-audit-${query.from}-to-${query.to}.csv`,
        chunks,
        finished: finisher(session, 'audit_csv'),
      };
    },
  };
}
