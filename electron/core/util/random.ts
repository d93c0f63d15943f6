/**
 * A small seeded PRNG (mulberry32) and helpers. Every random choice in the generator comes
 * from a stream derived from (seed, purpose, index), so any part can be regenerated alone
 * and the same seed always gives the same bundle.
 */
export type Rng = () => number;

function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function rngFor(seed: number, ...path: (string | number)[]): Rng {
  let a = hash32(`${seed}:${path.join(':')}`);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const int = (rng: Rng, min: number, max: number): number =>
  min + Math.floor(rng() * (max - min + 1));
export const pick = <T>(rng: Rng, items: readonly T[]): T =>
  items[Math.floor(rng() * items.length)]!;
export const chance = (rng: Rng, p: number): boolean => rng() < p;
export const hex = (rng: Rng, digits: number): string =>
  Array.from({ length: digits }, () => Math.floor(rng() * 16).toString(16)).join('');

export function sample<T>(rng: Rng, items: readonly T[], n: number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, n);
}

/** An ISO date `daysBefore` days before `end`. */
export function daysBefore(end: string, days: number): string {
  return new Date(Date.parse(end) - days * 86_400_000).toISOString().slice(0, 10);
}
