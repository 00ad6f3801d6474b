import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import { BadRequestError, PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from '../errors';

export const MAX_BODY_BYTES = 64 * 1024;

/** 413 before the body is read past the limit (also when Content-Length lies). */
export const limitBody = () =>
  bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new PayloadTooLargeError(MAX_BODY_BYTES);
    },
  });

/**
 * Parses a JSON body once, at the boundary: 415 when not JSON, 400 when malformed,
 * 400 naming each wrong field. Field messages never echo the value (it may be a key).
 */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  return parseJson(await readJsonText(c), (body) => schema.safeParse(body));
}

export async function readJsonText(c: Context): Promise<unknown> {
  const type = c.req.header('Content-Type');
  if (type !== undefined && !/^application\/([a-z.+-]*\+)?json\b/i.test(type)) throw new UnsupportedMediaTypeError();
  const text = await c.req.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new BadRequestError('The request body is not valid JSON.');
  }
}

type SafeParse<T> = { success: true; data: T } | { success: false; error: { issues: readonly z.core.$ZodIssue[] } };

export function parseJson<T>(body: unknown, parse: (body: unknown) => SafeParse<T>): T {
  const result = parse(body);
  if (!result.success) throw validationError(result.error.issues);
  return result.data;
}

export function validationError(issues: readonly z.core.$ZodIssue[]): ValidationError {
  const fields = issues.map((i) => ({ field: i.path.map(String).join('.') || '(body)', message: i.message }));
  return new ValidationError(`Invalid fields: ${[...new Set(fields.map((f) => f.field))].join(', ')}.`, { fields });
}
