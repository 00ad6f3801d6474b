/** The body could not be read as a bounded UTF-8 text: too large or not bytes. */
export class UnreadableBodyError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'UnreadableBodyError';
  }
}

/**
 * Reads a response body as UTF-8 text, stopping at `limit` bytes: a misbehaving upstream
 * must not be able to make the BFF buffer an unbounded body.
 */
export async function readLimitedText(response: Response, limit: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > limit) {
    await response.body?.cancel();
    throw new UnreadableBodyError('response body too large');
  }
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    // The fetch typings leave chunks untyped: check what actually arrived.
    const read: { readonly done: boolean; readonly value?: unknown } = await reader.read();
    if (read.done) break;
    // Realm-safe: a byte view from another realm (a test's jsdom window) fails instanceof.
    if (!ArrayBuffer.isView(read.value)) throw new UnreadableBodyError('response body is not bytes');
    const bytes = new Uint8Array(read.value.buffer, read.value.byteOffset, read.value.byteLength);
    total += bytes.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw new UnreadableBodyError('response body too large');
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks).toString('utf8');
}
