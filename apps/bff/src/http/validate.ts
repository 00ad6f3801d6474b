import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { z } from 'zod';
import { validationError } from './json-body';

type Outcome = { success: true } | { success: false; error: { issues: readonly z.core.$ZodIssue[] } };

/**
 * The hook every route validator shares: a failed parse becomes the one error envelope
 * (400 `validation_failed`, each wrong field named) instead of zod's own error object.
 */
export function rejectInvalid(result: Outcome): void {
  if (!result.success) throw validationError(result.error.issues);
}

/** `zValidator` with the shared hook; the schema's types still flow to `hc<AppType>`. */
export const validate = <T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) =>
  zValidator(target, schema, rejectInvalid);
