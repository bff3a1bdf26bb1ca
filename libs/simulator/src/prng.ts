/**
 * Seeded randomness, written here so the simulator stays pure (no Math.random, no clock) and
 * the same seed gives the same province and the same stream on every machine.
 */

// Module-level copies: inside a vm context (Jest's test environment) every lookup of the global
// Math goes through the context's interceptor and costs ten times the arithmetic.
const imul = Math.imul;
const floor = Math.floor;

/** A 32-bit hash of numbers and strings (FNV-1a over the values, then a murmur3 finaliser). */
export function hash32(...parts: readonly (number | string)[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const s = typeof part === 'number' ? String(part) : part;
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = imul(h, 0x01000193);
    }
    h ^= 0xff; // separator, so ('ab','c') and ('a','bc') differ
    h = imul(h, 0x01000193);
  }
  return fmix32(h);
}

function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** splitmix32: spreads one seed over the four words of xoshiro's state. */
function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    return fmix32(s);
  };
}

/**
 * xoshiro128**: 128 bits of state, period 2^128 − 1, fast in 32-bit integer arithmetic.
 * mulberry32 (32 bits of state) would do for picking values, but ids need more than 2^32 states.
 */
export class Rng {
  // A typed array keeps the four words unboxed: as object fields, words above 2^31 would be
  // heap numbers, allocated on every draw.
  private readonly s = new Uint32Array(4);

  constructor(seed: number | string) {
    const next = splitmix32(hash32('seed', seed));
    for (let i = 0; i < 4; i++) this.s[i] = next();
    if (this.s.every((w) => w === 0)) this.s[3] = 1; // the all-zero state is a fixed point
  }

  /** A uniform 32-bit unsigned integer. */
  u32(): number {
    const s = this.s;
    const s1 = s[1] as number;
    const result = imul(rotl(imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s[2] = (s[2] as number) ^ (s[0] as number);
    s[3] = (s[3] as number) ^ s1;
    s[1] = s1 ^ (s[2] as number);
    s[0] = (s[0] as number) ^ (s[3] as number);
    s[2] = (s[2] as number) ^ t;
    s[3] = rotl(s[3] as number, 11);
    return result;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return floor(this.next() * n);
  }

  /** An integer in [lo, hi]. */
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** k distinct items (k is clamped to the list's length), in the list's order. */
  sample<T>(items: readonly T[], k: number): T[] {
    const n = items.length;
    const want = Math.min(k, n);
    const chosen: T[] = [];
    // selection sampling (Knuth's algorithm S): one pass, no copy of the list
    for (let i = 0, left = want; i < n && left > 0; i++) {
      if (this.next() * (n - i) < left) {
        chosen.push(items[i] as T);
        left -= 1;
      }
    }
    return chosen;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** Picks from a fixed list by weight in O(log n); build once, draw many times. */
export class Weighted<T> {
  private readonly items: readonly T[];
  private readonly cumulative: Float64Array;
  readonly total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    const kept = entries.filter(([, w]) => w > 0);
    if (kept.length === 0) throw new Error('a weighted choice needs a positive weight');
    this.items = kept.map(([t]) => t);
    this.cumulative = new Float64Array(kept.length);
    let sum = 0;
    kept.forEach(([, w], i) => {
      sum += w;
      this.cumulative[i] = sum;
    });
    this.total = sum;
  }

  draw(rng: Rng): T {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cumulative[mid] ?? 0) > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo] as T;
  }
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const byte = (x: number): string => HEX[x & 255] ?? '00';
const hex32 = (x: number): string => byte(x >>> 24) + byte(x >>> 16) + byte(x >>> 8) + byte(x);

/**
 * Event ids: a UUID-shaped string (version 4 layout) that is unique by construction, not by
 * luck. The n-th id of a stream is a keyed 64-bit Feistel permutation of n (a bijection, so two
 * counters never give one id) plus 58 bits of the key; the key is derived from the seed and the
 * stream's start, so two streams rarely share ids and a replay from the same start repeats them.
 */
export class IdSequence {
  private readonly keys: readonly number[];
  private readonly tagA: number;
  private readonly tagB: number;

  constructor(...key: readonly (number | string)[]) {
    this.keys = [1, 2, 3, 4].map((round) => hash32('feistel', round, ...key));
    this.tagA = hash32('tag-a', ...key);
    this.tagB = hash32('tag-b', ...key);
  }

  id(n: number): string {
    let hi = floor(n / 4294967296) >>> 0;
    let lo = n >>> 0;
    for (const k of this.keys) {
      const f = fmix32((lo ^ k) >>> 0);
      const nextLo = (hi ^ f) >>> 0;
      hi = lo;
      lo = nextLo;
    }
    const a = this.tagA;
    const b = this.tagB;
    const g2 = (a >>> 16).toString(16).padStart(4, '0');
    const g3 = (0x4000 | (a & 0x0fff)).toString(16);
    const g4 = (0x8000 | (b >>> 18)).toString(16);
    const g5tail = (b & 0xffff).toString(16).padStart(4, '0');
    return `${hex32(hi)}-${g2}-${g3}-${g4}-${hex32(lo)}${g5tail}`;
  }
}
