import type { z } from 'zod';

/** A zod error as one line for a refused row: "dobs.0: must be YYYY, ...; name: ...". */
export function zodMessage(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'row'}: ${issue.message}`).join('; ');
}
