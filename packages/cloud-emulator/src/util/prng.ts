/**
 * A small seeded PRNG (mulberry32). Everything the emulator invents (ids, names, keys,
 * which calls a fault hits) comes from one of these, so a seed reproduces a run.
 */
export interface Prng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max] (inclusive). */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** A UUID-v4-shaped string: version and variant nibbles set, the rest from the PRNG. */
  uuid(): string;
  /** A ULID-shaped string (26 Crockford base-32 characters, time first), as Cloud mints user and org ids. */
  ulid(): string;
  /** Lower-case hex of `length` characters. */
  hex(length: number): string;
  /** The internal state; `createPrng(state)` continues the same stream (used after a restart). */
  state(): number;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function createPrng(seed: number): Prng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const hex = (length: number): string => {
    let out = '';
    while (out.length < length)
      out += Math.floor(next() * 0x100000000)
        .toString(16)
        .padStart(8, '0');
    return out.slice(0, length);
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    uuid: () => {
      const h = hex(32);
      const variant = '89ab'[Math.floor(next() * 4)] ?? '8';
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
    ulid: () => {
      // A time in 2025–2026 (ids look current), then 80 random bits.
      let time = Date.UTC(2025, 0, 1) + Math.floor(next() * 600 * 86_400_000);
      let out = '';
      for (let i = 0; i < 10; i++) {
        out = CROCKFORD.charAt(time % 32) + out;
        time = Math.floor(time / 32);
      }
      for (let i = 0; i < 16; i++) out += CROCKFORD.charAt(Math.floor(next() * 32));
      return out;
    },
    hex,
    state: () => state,
  };
}

/** Derives an independent stream from a seed and a label, so adding a stream never shifts another. */
export function deriveSeed(seed: number, label: string): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
