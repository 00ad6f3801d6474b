import { WatchlistFileError } from './import-types';

/** How much of a file is read before deciding what it is. */
const SNIFF_CHARS = 8192;
/** One JSON line longer than this is not an entity a watchlist holds. */
const MAX_LINE_CHARS = 16 * 1024 * 1024;

/**
 * Bytes to text, chunk by chunk (UTF-8; a multi-byte character split across chunks is
 * kept whole), without a leading byte-order mark or the DOS end-of-file byte (\x1a)
 * that the OFAC files end with.
 */
export async function* decodeChunks(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  let first = true;
  for await (const chunk of chunks) {
    let text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (first && text !== '') {
      if (text.startsWith('\uFEFF')) text = text.slice(1);
      first = false;
    }
    if (text.includes('\x1a')) text = text.replaceAll('\x1a', '');
    if (text !== '') yield text;
  }
  const tail = decoder.decode();
  if (tail !== '') yield tail.replaceAll('\x1a', '');
}

/** The first characters of a text stream, and the whole stream again (head included). */
export async function sniff(texts: AsyncIterable<string>): Promise<{ head: string; all: AsyncIterable<string> }> {
  const iterator = texts[Symbol.asyncIterator]();
  const buffered: string[] = [];
  let length = 0;
  let done = false;
  while (length < SNIFF_CHARS) {
    const next = await iterator.next();
    if (next.done === true) {
      done = true;
      break;
    }
    buffered.push(next.value);
    length += next.value.length;
  }
  const head = buffered.join('');
  async function* all(): AsyncGenerator<string> {
    if (head !== '') yield head;
    if (done) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done === true) return;
      yield next.value;
    }
  }
  return { head, all: all() };
}

/** Lines of a text stream (LF or CRLF), numbered from 1; blank lines included. */
export async function* textLines(texts: AsyncIterable<string>, file: string): AsyncGenerator<[number, string]> {
  let rest = '';
  let line = 0;
  for await (const text of texts) {
    rest += text;
    let start = 0;
    for (let end = rest.indexOf('\n'); end !== -1; end = rest.indexOf('\n', start)) {
      line++;
      yield [line, rest.slice(start, end > start && rest.charCodeAt(end - 1) === 13 ? end - 1 : end)];
      start = end + 1;
    }
    rest = rest.slice(start);
    if (rest.length > MAX_LINE_CHARS) {
      throw new WatchlistFileError(
        'invalid_watchlist_file',
        `line ${String(line + 1)} is longer than 16 MiB`,
        file,
        line + 1,
      );
    }
  }
  if (rest !== '') yield [line + 1, rest.endsWith('\r') ? rest.slice(0, -1) : rest];
}
