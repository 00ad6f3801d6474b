/**
 * Asks `probe` again until it returns a value (not undefined) or the time is up. Work that
 * happens after an answer (the BFF's outbox writing to Cloud) is observed this way, with a
 * bound so a lost write fails the test with `what` instead of hanging it.
 */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = undefined;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      const detail = last instanceof Error ? ` (last error: ${last.message})` : '';
      throw new Error(`timed out after ${String(timeoutMs)} ms waiting for ${what}${detail}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
