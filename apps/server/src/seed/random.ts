/**
 * A small seeded PRNG for the demo data: the same seed always gives the same catalog.
 * `streamFor(seed, ...keys)` derives an independent stream per product, so product #i is the same
 * whether the catalog has 60 products or 100,000.
 */

export type Rng = {
  /** [0, 1) */
  next: () => number;
  /** Integer in [min, max] inclusive. */
  int: (min: number, max: number) => number;
  chance: (p: number) => boolean;
  pick: <T>(items: readonly T[]) => T;
  /** Index drawn with the given (unnormalised) weights. */
  weighted: (weights: readonly number[]) => number;
  /** `n` distinct items, in a random order. */
  sample: <T>(items: readonly T[], n: number) => T[];
};

/** FNV-1a over the keys, then mixed: a 32-bit seed for each (seed, key…) tuple. */
export function hashSeed(...keys: (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const key of keys) {
    const s = `${key}\u0000`;
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/** mulberry32: tiny, fast and good enough for demo data (not for anything secret). */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(next() * items.length)] as T;
  };
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick,
    weighted: (weights) => {
      const total = weights.reduce((s, w) => s + w, 0);
      let x = next() * total;
      for (let i = 0; i < weights.length; i++) {
        x -= weights[i] ?? 0;
        if (x < 0) return i;
      }
      return weights.length - 1;
    },
    sample: <T>(items: readonly T[], n: number): T[] => {
      const copy = [...items];
      const count = Math.min(n, copy.length);
      for (let i = 0; i < count; i++) {
        const j = i + Math.floor(next() * (copy.length - i));
        [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
      }
      return copy.slice(0, count);
    },
  };
}

export const streamFor = (...keys: (string | number)[]) => createRng(hashSeed(...keys));
