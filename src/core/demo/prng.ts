/** Small seeded PRNG (mulberry32): the same seed gives the same demo data everywhere. */
export interface Rng {
  next(): number
  int(min: number, max: number): number
  /** A real number in [lo, hi). */
  between(lo: number, hi: number): number
  pick<T>(list: readonly T[]): T
  chance(p: number): boolean
  /** Picks by weight: [[value, weight], ...]. */
  weighted<T>(list: readonly (readonly [T, number])[]): T
  hex(n: number): string
}

export function makeRng(seed: number): Rng {
  let a = seed >>> 0 || 0x9e3779b9
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    between: (lo, hi) => lo + (hi - lo) * next(),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
    weighted: (list) => {
      const total = list.reduce((s, [, w]) => s + w, 0)
      let r = next() * total
      for (const [v, w] of list) if ((r -= w) < 0) return v
      return list[list.length - 1][0]
    },
    hex: (n) => {
      let s = ''
      while (s.length < n) s += Math.floor(next() * 0x10000).toString(16).padStart(4, '0')
      return s.slice(0, n)
    },
  }
  return rng
}

/** A UUIDv7-shaped id from the seeded generator, so demo ids are deterministic too. */
export function seededUuidV7(rng: Rng, ms: number): string {
  const t = ms.toString(16).padStart(12, '0')
  const variant = (8 + Math.floor(rng.next() * 4)).toString(16)
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${rng.hex(3)}-${variant}${rng.hex(3)}-${rng.hex(12)}`
}
