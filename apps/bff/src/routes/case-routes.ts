import { Hono } from 'hono';
import { CaseQueueQuery, DecisionBody, HitDispositionBody, RevealBody } from '@kyc-review/contracts';
import { BadRequestError } from '../errors';
import type { AppEnv } from '../http/app-env';
import { parseJson, readJson } from '../http/json-body';
import type { ReviewServices } from '../services/create-review-services';

/** `If-Match: "v<version>"` (from the case's ETag) or nothing; anything else is a 400. */
function expectedVersion(header: string | undefined): number | null {
  if (header === undefined) return null;
  const match = /^(?:W\/)?"v(\d{1,12})"$/.exec(header.trim());
  if (match?.[1] === undefined) throw new BadRequestError('If-Match must be the ETag of the case, for example "v3".');
  return Number(match[1]);
}

/** The review queue and the case view (API map, issue 5). HTTP only: services do the rest. */
export function caseRoutes({ cases, decisions, hits }: Pick<ReviewServices, 'cases' | 'decisions' | 'hits'>) {
  return new Hono<AppEnv>()
    .get('/', (c) => {
      const query = parseJson(c.req.query(), (q) => CaseQueueQuery.safeParse(q));
      return c.json(cases.queue(c.var.session, query), 200);
    })
    .post('/refresh', (c) => c.json(cases.refresh(c.var.session), 202))
    .get('/:identityId', async (c) => {
      const dto = await cases.open(c.var.session, c.req.param('identityId'));
      c.header('ETag', cases.etag(c.var.session, dto.case.identity_id));
      return c.json(dto, 200);
    })
    .post('/:identityId/decisions', async (c) => {
      const body = await readJson(c, DecisionBody);
      const ctx = { requestId: c.var.requestId, expectedVersion: expectedVersion(c.req.header('If-Match')) };
      const dto = await decisions.decide(c.var.session, c.req.param('identityId'), body, ctx);
      c.header('ETag', cases.etag(c.var.session, dto.case.identity_id));
      return c.json(dto, 200);
    })
    .post('/:identityId/hits/:hitId', async (c) => {
      const body = await readJson(c, HitDispositionBody);
      const dto = await hits.dispose(c.var.session, c.req.param('identityId'), c.req.param('hitId'), body, {
        requestId: c.var.requestId,
      });
      c.header('ETag', cases.etag(c.var.session, dto.case.identity_id));
      return c.json(dto, 200);
    })
    .post('/:identityId/reveal', async (c) => {
      const body = await readJson(c, RevealBody);
      c.header('Cache-Control', 'no-store');
      return c.json(
        await cases.reveal(c.var.session, c.req.param('identityId'), body, { requestId: c.var.requestId }),
        200,
      );
    })
    .get('/:identityId/history', (c) => c.json(cases.history(c.var.session, c.req.param('identityId')), 200));
}
