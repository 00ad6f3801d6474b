/**
 * FNV-1a, 64 bits, as 16 hex digits. Used for stable ids derived from content (hit ids,
 * imported entry ids). Not a security hash: ids only need to be stable and rarely collide.
 */
export function stableHash(value: string): string {
  const prime = 0x100000001b3n;
  const mask = 0xffffffffffffffffn;
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(value)) {
    hash ^= BigInt(byte);
    hash = (hash * prime) & mask;
  }
  return hash.toString(16).padStart(16, '0');
}
