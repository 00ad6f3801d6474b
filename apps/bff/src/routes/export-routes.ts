import { Hono, type Context } from 'hono';
import { stream } from 'hono/streaming';
import { z } from 'zod';
import { AuditExportQuery, CaseQueueFilters, IdentityId } from '@kyc-review/contracts';
import type { AppEnv } from '../http/app-env';
import { requireRole } from '../http/reviewer-middleware';
import { caseFilePage } from '../http/case-file-page';
import { validate } from '../http/validate';
import { describeError, type Logger } from '../logging/logger';
import type { CsvExport, ExportService } from '../services/export-service';

const CaseParam = z.object({ identityId: IdentityId });

/**
 * Streams a CSV export: each chunk waits for the client to take the previous one, and the
 * reading stops at the next chunk once the client went away (the stream is aborted).
 */
function csvResponse(c: Context<AppEnv>, csv: CsvExport, logger: Logger) {
  c.header('Content-Type', 'text/csv; charset=utf-8');
  c.header('Content-Disposition', `attachment; filename="${csv.filename}"`);
  return stream(
    c,
    async (out) => {
      let rows = 0;
      // A byte-order mark, so spreadsheets read the names as UTF-8.
      await out.write('\uFEFF');
      for await (const chunk of csv.chunks) {
        if (out.aborted) break;
        await out.write(chunk.text);
        rows += chunk.rows;
      }
      csv.finished({ rows, aborted: out.aborted });
    },
    // The headers are gone by now: the download ends short and the log says why.
    (err) => {
      logger.error('export failed while streaming', { request_id: c.var.requestId, ...describeError(err) });
      return Promise.resolve();
    },
  );
}

/** `/api/exports…`: CSV of the queue as filtered, CSV of the audit trail, the printable case file. */
export function exportRoutes(exports: ExportService, logger: Logger) {
  return new Hono<AppEnv>()
    .get('/queue.csv', validate('query', CaseQueueFilters), async (c) =>
      csvResponse(
        c,
        await exports.queueCsv(c.var.session, c.req.valid('query'), { requestId: c.var.requestId }),
        logger,
      ),
    )
    .get('/audit.csv', requireRole('lead'), validate('query', AuditExportQuery), async (c) =>
      csvResponse(
        c,
        await exports.auditCsv(c.var.session, c.req.valid('query'), { requestId: c.var.requestId }),
        logger,
      ),
    )
    .get('/cases/:identityId', validate('param', CaseParam), async (c) => {
      const file = await exports.caseFile(c.var.session, c.req.valid('param').identityId, {
        requestId: c.var.requestId,
      });
      return c.html(caseFilePage(file), 200);
    });
}
