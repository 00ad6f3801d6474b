import type { Store } from '../state/store';
import type { CallbackLogEntry } from '../state/records';
import { maskText, maskUrl } from './mask';

export interface CallbackResult {
  readonly ok: boolean;
  readonly status: number;
  readonly ms: number;
  /** The parsed JSON answer, when there was one. */
  readonly json: unknown;
  readonly error: string | null;
}

/** Cloud waits about 10 s for the app (docs/cloud-contract.md §2). Tests may shorten it. */
export const DEFAULT_CALLBACK_TIMEOUT_MS = 10_000;
const BODY_LIMIT = 4000;

/**
 * POSTs one event to the app exactly once, as Cloud does (no retries), and records it in
 * the callback log with the key masked. Status 0 means no answer (timeout or network error).
 */
export async function sendCallback(
  store: Store,
  kind: CallbackLogEntry['kind'],
  installedAppId: string,
  url: string,
  body: unknown,
  timeoutMs: number,
): Promise<CallbackResult> {
  const started = performance.now();
  let status = 0;
  let text = '';
  let error: string | null = null;
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'blnk-cloud-emulator' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'manual',
    });
    status = res.status;
    text = await res.text();
  } catch (e) {
    error =
      e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError')
        ? `no answer within ${timeoutMs} ms`
        : `request failed: ${e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e)}`;
  }
  const ms = Math.round(performance.now() - started);
  const ok = status >= 200 && status < 300;
  let json: unknown = null;
  try {
    json = text === '' ? null : JSON.parse(text);
  } catch {
    json = null;
  }
  store.logCallback({
    id: store.nextSeq(),
    at: store.clock().toISOString(),
    kind,
    installed_app_id: installedAppId,
    url: maskUrl(url),
    ok,
    status,
    ms,
    response: maskText(text.slice(0, BODY_LIMIT)),
    error: error === null ? null : maskText(error),
  });
  return { ok, status, ms, json, error };
}
