import { Hono } from 'hono';
import { z } from 'zod';
import { IdentityId, NoteBody } from '@kyc-review/contracts';
import type { AppEnv } from '../http/app-env';
import { validate } from '../http/validate';
import type { NoteService } from '../services/note-service';

const CaseParam = z.object({ identityId: IdentityId });

/** `/api/cases/:identityId/notes`: read and append; notes are never edited or removed. */
export function noteRoutes(notes: NoteService) {
  return new Hono<AppEnv>()
    .get('/:identityId/notes', validate('param', CaseParam), (c) =>
      c.json(notes.list(c.var.session, c.req.valid('param').identityId), 200),
    )
    .post('/:identityId/notes', validate('param', CaseParam), validate('json', NoteBody), async (c) =>
      c.json(
        await notes.add(c.var.session, c.req.valid('param').identityId, c.req.valid('json'), {
          requestId: c.var.requestId,
        }),
        201,
      ),
    );
}
