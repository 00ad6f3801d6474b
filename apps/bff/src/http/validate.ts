import { zValidator } from '@hono/zod-validator';
import type { Context, ValidationTargets } from 'hono';
import type { z } from 'zod';
import { BadRequestError } from '../errors';
import { validationError } from './json-body';

type Outcome = { success: true } | { success: false; error: { issues: readonly z.core.$ZodIssue[] } };

/**
 * The hook every route validator shares: a failed parse becomes the one error envelope
 * (400 `validation_failed`, each wrong field named) instead of zod's own error object.
 */
export function rejectInvalid(result: Outcome): void {
  if (!result.success) throw validationError(result.error.issues);
}

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

/**
 * Before the schema sees a JSON body: it must be declared as JSON and parse as JSON. Hono's
 * own validator would validate `{}` in place of a body of another media type (so a schema
 * whose fields all have defaults would accept it) and answer malformed JSON in its words.
 */
async function assertJsonBody(c: Context): Promise<void> {
  const mediaType = (c.req.header('Content-Type') ?? '').split(';')[0]?.trim() ?? '';
  if (!JSON_MEDIA_TYPE.test(mediaType)) throw new BadRequestError('The request body must be application/json.');
  try {
    JSON.parse(await c.req.text());
  } catch {
    throw new BadRequestError('The request body is not valid JSON.');
  }
}

/**
 * The one way a route reads its input (decision 014): `validate('param' | 'query' | 'json',
 * Schema)` before the handler, which then reads `c.req.valid(...)`. The schema's types flow
 * to `hc<AppType>`, so the SPA's calls are typed by the same contract the BFF checks.
 */
export const validate = <T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) => {
  const check = zValidator(target, schema, rejectInvalid);
  if (target !== 'json') return check;
  const json: typeof check = async (c, next) => {
    await assertJsonBody(c);
    return check(c, next);
  };
  return json;
};
