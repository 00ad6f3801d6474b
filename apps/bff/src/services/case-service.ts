import {
  IdentityId,
  type CaseDetailDto,
  type CaseQueueDto,
  type CaseQueueQuery,
  type HistoryDto,
  type RefreshStartedDto,
  type RevealBody,
  type RevealDto,
} from '@kyc-review/contracts';
import { companionFields, pascalOf, type RevealedValues } from '@kyc-review/kyc';
import type { Clock } from '../clock';
import type { InstallCloudClient } from '../cloud/cloud-client';
import { CloudNotFoundError, CloudTimeoutError, CloudUnavailableError } from '../cloud/cloud-errors';
import { DECIDED_STATUSES } from './case-record';
import type { MirroredIdentity } from './mirrored-identity';
import { toHistoryEntryDto } from './audit-record';
import { LEDGER_BASELINE } from './monitoring-record';
import type { KycRepositories } from '../db/kyc-repositories';
import { NotFoundError } from '../errors';
import type { Logger } from '../logging/logger';
import type { AssessmentService } from './assessment-service';
import { allowedActionsOf } from './case-actions';
import { toCaseDetailDto } from './case-dto';
import type { IdentitySyncService } from './identity-sync-service';
import { actorOf, requireScope, secondFactorFresh, withAssigneeResolved, type ActionContext } from './kyc-access';
import { decodeQueueCursor, encodeQueueCursor } from './queue-cursor';
import { toCaseSummaryDto } from './queue-item';
import type { Session } from './session';

const HISTORY_LIMIT = 500;

export type CaseServiceDeps = {
  readonly kyc: KycRepositories;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly assessment: AssessmentService;
  readonly sync: IdentitySyncService;
  readonly cloudFor: (session: Session) => InstallCloudClient;
};

export type CaseService = ReturnType<typeof createCaseService>;

/** The queue, the case view, its history and revealing a tokenized field. */
export function createCaseService({ kyc, clock, logger, assessment, sync, cloudFor }: CaseServiceDeps) {
  /** The identity fresh from Cloud (another install's id is a 404), mirrored and assessed. */
  async function fetchLive(session: Session, identityId: string): Promise<MirroredIdentity> {
    const install = session.installedAppId;
    const id = IdentityId.safeParse(identityId);
    if (!id.success) throw new NotFoundError('No such identity in this instance.');
    try {
      const identity = await cloudFor(session).getIdentity(id.data);
      return kyc.transaction(() => {
        assessment.absorb(install, identity);
        const mirrored = kyc.mirror.get(install, identity.identity_id);
        if (mirrored === null) throw new Error('The identity was not mirrored.');
        return mirrored;
      });
    } catch (error) {
      if (error instanceof CloudNotFoundError) throw new NotFoundError('No such identity in this instance.');
      const unreachable = error instanceof CloudUnavailableError || error instanceof CloudTimeoutError;
      const mirrored = unreachable ? kyc.mirror.get(install, identityId) : null;
      if (mirrored === null) throw error;
      // Cloud is down: the last mirrored copy keeps the case workable.
      logger.warn('case opened from the mirror: Cloud unreachable', {
        installed_app_id: install,
        code: unreachable ? error.code : 'unknown',
      });
      return kyc.transaction(() => {
        assessment.ensureCase(mirrored);
        return mirrored;
      });
    }
  }

  /** The case page as the signed-in reviewer sees it: what is offered to them is theirs (decision 014). */
  function detail(session: Session, row: MirroredIdentity): CaseDetailDto {
    const installedAppId = session.installedAppId;
    const kase = kyc.cases.get(installedAppId, row.identityId);
    if (kase === null) throw new NotFoundError('No such case.');
    const writeBack = kase.lastActionId === null ? [] : kyc.outbox.forAction(installedAppId, kase.lastActionId);
    const baselineId = kyc.monitoring.baseline(kase.caseId)?.decisionId ?? LEDGER_BASELINE;
    const changes = DECIDED_STATUSES.has(kase.status)
      ? kyc.monitoring.changesSince(installedAppId, kase.caseId, baselineId)
      : [];
    const dispositions = kyc.dispositions.forIdentity(installedAppId, row.identityId);
    const now = clock.now();
    const allowed = allowedActionsOf({
      actor: actorOf(session),
      kase,
      dispositions,
      secondFactorFresh: secondFactorFresh(session, now.getTime()),
    });
    return toCaseDetailDto(row, { kase, dispositions, writeBack, changes, allowed, now: now.toISOString() });
  }

  /** The mirrored identity of this install, fetched from Cloud when not mirrored yet. */
  async function mirrored(session: Session, identityId: string): Promise<MirroredIdentity> {
    const row = kyc.mirror.get(session.installedAppId, identityId);
    if (row !== null && kyc.cases.get(session.installedAppId, identityId) !== null) return row;
    return fetchLive(session, identityId);
  }

  return {
    mirrored,
    detail,
    /** The case's version as an ETag; a decision sent with it as If-Match fails if the case moved on. */
    etag(session: Session, identityId: string): string {
      const kase = kyc.cases.get(session.installedAppId, identityId);
      return `"v${String(kase?.version ?? 0)}"`;
    },
    queue(session: Session, asked: CaseQueueQuery): CaseQueueDto {
      requireScope(session, 'data:read');
      const query = withAssigneeResolved(session, asked);
      const install = session.installedAppId;
      sync.ensureStarted(install, cloudFor(session));
      const at = query.cursor === undefined ? null : decodeQueueCursor(query, query.cursor);
      const now = clock.now().toISOString();
      let page = kyc.queue.page(install, query, at?.seek ?? null, now);
      // A number without a cursor may be answered with the nearest page reachable by number (decision 019).
      let pageNo = at?.page ?? page.page;
      // A previous page that reached the start (cases left the queue meanwhile) is the first page.
      if (at?.seek.direction === 'before' && page.items.length < query.pageSize) {
        pageNo = 1;
        page = kyc.queue.page(install, { ...query, page: 1 }, null, now);
      }
      const more = !page.figures.exact || pageNo * query.pageSize < page.total;
      const hasNext = page.lastKey !== null && page.items.length === query.pageSize && more;
      const state = kyc.mirror.syncState(install);
      return {
        items: page.items.map((item) => toCaseSummaryDto(item, now)),
        total: page.total,
        page: pageNo,
        pageSize: query.pageSize,
        counts: page.figures.counts,
        counted: page.figures.exact ? 'exact' : 'at_least',
        syncing: sync.isSyncing(install),
        unreadable_identities: state?.unreadableCount ?? 0,
        sync_error: state?.lastFinishedAt == null ? null : state.lastError,
        next_cursor:
          hasNext && page.lastKey !== null ? encodeQueueCursor(query, 'after', page.lastKey, pageNo + 1) : null,
        prev_cursor:
          pageNo > 1 && page.firstKey !== null ? encodeQueueCursor(query, 'before', page.firstKey, pageNo - 1) : null,
      };
    },
    refresh(session: Session): RefreshStartedDto {
      requireScope(session, 'data:read');
      return { started: sync.refresh(session.installedAppId, cloudFor(session)) };
    },
    /** Opening a case re-reads the identity from Cloud and re-assesses it if it changed. */
    async open(session: Session, identityId: string): Promise<CaseDetailDto> {
      requireScope(session, 'data:read');
      return detail(session, await fetchLive(session, identityId));
    },
    history(session: Session, identityId: string): HistoryDto {
      requireScope(session, 'data:read');
      const install = session.installedAppId;
      if (kyc.cases.get(install, identityId) === null && kyc.mirror.get(install, identityId) === null)
        throw new NotFoundError('No such case.');
      return { items: kyc.audit.forIdentity(install, identityId, HISTORY_LIMIT).map(toHistoryEntryDto) };
    },
    /**
     * The original value of one tokenized field; the audit row names the field, never the
     * value. The reveal re-runs the case's checks once with the value (and the other
     * tokenized name parts screening needs with it, read here and never sent on) held in
     * memory for that assessment only: nothing revealed is stored, logged or put in an error.
     */
    async reveal(session: Session, identityId: string, body: RevealBody, ctx: ActionContext): Promise<RevealDto> {
      requireScope(session, 'data:read');
      requireScope(session, 'data:write');
      const install = session.installedAppId;
      const row = await mirrored(session, identityId);
      const cloud = cloudFor(session);
      const value = await cloud.detokenizeField(row.record.identity_id, pascalOf(body.field));
      const revealed: Partial<Record<RevealBody['field'], string>> = { [body.field]: value };
      const alsoRead: RevealBody['field'][] = [];
      for (const field of companionFields(row.record, body.field)) {
        try {
          revealed[field] = await cloud.detokenizeField(row.record.identity_id, pascalOf(field));
          alsoRead.push(field);
        } catch (error) {
          // The checks then run without this part (and say it is still tokenized).
          logger.warn('reveal: a companion name part could not be read', {
            installed_app_id: install,
            field,
            error: error instanceof Error ? error.name : 'unknown',
          });
        }
      }
      const values: RevealedValues = revealed;
      kyc.transaction(() => {
        kyc.audit.append({
          installedAppId: install,
          identityId,
          caseId: kyc.cases.get(install, identityId)?.caseId ?? null,
          actor: actorOf(session),
          action: 'field_revealed',
          before: null,
          after: alsoRead.length === 0 ? { field: body.field } : { field: body.field, also_read: alsoRead },
          reason: null,
          requestId: ctx.requestId,
          at: clock.now().toISOString(),
        });
        // Then the checks, so monitoring's row (a hit found on a decided case) follows the reveal.
        assessment.ensureCase(row, { force: true, cause: 'field_revealed', revealed: values });
      });
      return { field: body.field, value };
    },
  };
}
