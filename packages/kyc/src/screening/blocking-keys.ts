import type { WatchlistEntryType } from '@kyc-review/contracts';
import type { ScoredName } from './name-score';
import type { NameKind } from './prepared-name';
import type { PreparedToken } from './prepared-token';

// The blocking keys of the watchlist index (decision 006): which keys a word is posted
// under or looked up by, and which kinds of names are compared at all.

/** Which entries a name of the identity is compared with: people with people, organisations with the rest. */
export function comparable(kind: NameKind, type: WatchlistEntryType): boolean {
  if (type === 'unknown') return true;
  return kind === 'person' ? type === 'person' : type !== 'person';
}

/**
 * Keys a word is posted under (entries) or looked up by (identities). The common keys
 * (sound, spelling, deletions, ends) are the same on both sides. Skeletons only count
 * when one side is an abjad spelling (see tokenSimilarity): an entry word is posted under
 * "s:" for abjad queries, and under "a:" when it is itself abjad; a Latin query word
 * looks up "a:" only, so "n" does not block every "Ana". Initials: an entry word is
 * posted under its first letter ("c:") for identities that give an initial, an entry
 * initial under "ci:" for identity words starting with it and identity initials.
 */
export function tokenKeys(token: PreparedToken, use: 'post' | 'lookup'): string[] {
  const first = token.text.charAt(0);
  // An identity's initial meets entry words it starts and entry initials alike.
  if (token.text.length < 2)
    return first === '' ? [] : use === 'post' ? [`ci:${first}`] : [`c:${first}`, `ci:${first}`];
  const keys = [...token.keys, use === 'post' ? `c:${first}` : `ci:${first}`];
  for (const skeleton of token.skeletons) {
    if (use === 'post' || token.abjad) keys.push(`s:${skeleton}`);
    if (use === 'lookup' ? !token.abjad : token.abjad) keys.push(`a:${skeleton}`);
  }
  return keys;
}

/** Keys for acronyms: an entry's initials under "in:", an entry written as an acronym under "ac:". */
export function acronymKeys(name: ScoredName['name'], use: 'post' | 'lookup'): string[] {
  const keys: string[] = [];
  if (name.initials !== null) keys.push(use === 'post' ? `in:${name.initials}` : `ac:${name.initials}`);
  if (name.acronym !== null) keys.push(use === 'post' ? `ac:${name.acronym}` : `in:${name.acronym}`);
  return keys;
}

const KIND_BITS: Record<NameKind, number> = { person: 1, organization: 2, unknown: 4 };

/** The bit of a name kind in the index's per-name `comparableTo`. */
export function kindBit(kind: NameKind): number {
  return KIND_BITS[kind];
}

/** Bit per NameKind a name of an entry of this type may be compared with (see `comparable`). */
export function comparableBits(type: WatchlistEntryType): number {
  let bits = 0;
  for (const kind of ['person', 'organization', 'unknown'] as const)
    if (comparable(kind, type)) bits |= KIND_BITS[kind];
  return bits;
}

/**
 * A key's place in the index: FNV-1a over its UTF-16 units. Keys whose hashes collide share
 * one posting list, which only adds candidates (the scorer decides), never drops one.
 */
export function keyHash(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
