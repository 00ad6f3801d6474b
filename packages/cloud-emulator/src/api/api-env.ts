import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { InstanceData } from '../state/instance-data';
import type { InstallRow } from '../state/records';
import type { CallLogEntry } from '../state/store';

/** What middleware hands to the Cloud API handlers. */
export interface ApiEnv {
  Variables: {
    call: CallLogEntry;
    install: InstallRow;
    instance: InstanceData;
  };
}

/** Cloud's own error body: only `{"error": "…"}` is documented (docs/cloud-contract.md §6.6). */
export function cloudError(c: Context, status: ContentfulStatusCode, message: string): Response {
  return c.json({ error: message }, status);
}

/** Core's error body, passed through `/proxy` unchanged (docs/cloud-contract.md §6.6). */
export function coreError(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  message: string,
  details: Record<string, unknown> = {},
): Response {
  return c.json({ error: message, error_detail: { code, message, details } }, status);
}

/** The JSON body, or undefined when it is missing or not JSON. */
export async function jsonBody(c: Context): Promise<unknown> {
  try {
    const body: unknown = await c.req.json();
    return body;
  } catch {
    return undefined;
  }
}
