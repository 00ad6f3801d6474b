/** One encryption key: its id (stored with every ciphertext) and its 32 bytes. */
export type KeySpec = { readonly kid: string; readonly key: Buffer };

const KID = /^[A-Za-z0-9_-]{1,32}$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** The key id given to a bare key (no `kid:` prefix). Rotate by listing `k2:<new>,k1:<old>`. */
export const DEFAULT_KID = 'k1';

export type KeyListParse =
  { readonly ok: true; readonly keys: readonly KeySpec[] } | { readonly ok: false; readonly problem: string };

/**
 * `APP_ENCRYPTION_KEY` is either one base64 key or `kid:key,kid:key`; the first key
 * encrypts, all decrypt. Problems never echo the key material.
 */
export function parseKeyList(raw: string): KeyListParse {
  const parts = raw
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0) return { ok: false, problem: 'is empty' };
  const keys: KeySpec[] = [];
  for (const [index, part] of parts.entries()) {
    const colon = part.indexOf(':');
    const kid = colon === -1 ? DEFAULT_KID : part.slice(0, colon);
    const material = colon === -1 ? part : part.slice(colon + 1);
    const where = parts.length > 1 ? `entry ${index + 1}` : 'the key';
    if (colon === -1 && parts.length > 1)
      return { ok: false, problem: `${where} needs a key id ("kid:key") when several keys are listed` };
    if (!KID.test(kid))
      return { ok: false, problem: `${where} has an invalid key id (letters, digits, "_" or "-", up to 32)` };
    if (!BASE64.test(material)) return { ok: false, problem: `${where} is not base64` };
    const key = Buffer.from(material, 'base64');
    if (key.length !== 32) return { ok: false, problem: `${where} must decode to 32 bytes (got ${key.length})` };
    if (keys.some((k) => k.kid === kid)) return { ok: false, problem: `key id "${kid}" is listed twice` };
    keys.push({ kid, key });
  }
  return { ok: true, keys };
}
