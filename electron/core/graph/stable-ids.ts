/**
 * Matching new rings to known ones by membership overlap (Jaccard), so a ring keeps its id
 * when a re-run or an import changes it a little. Pure: the registry is passed in and the
 * caller stores the result.
 */
export interface KnownRing {
  readonly ringId: string;
  readonly members: readonly string[];
}

export const MIN_OVERLAP = 0.5;

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  const union = a.size + b.size - inter;
  return union === 0 ? 0 : inter / union;
}

export function formatRingId(n: number): string {
  return `R-${String(n).padStart(4, '0')}`;
}

/**
 * Assigns ids to rings given as sorted member keys, in input order. Greedy on the best
 * overlap first (ties broken by ring order and id), which is deterministic.
 */
export function assignRingIds(
  rings: readonly (readonly string[])[],
  known: readonly KnownRing[],
): string[] {
  const sets = rings.map((r) => new Set(r));
  const knownSets = known.map((k) => new Set(k.members));
  // Only known rings that share a member can overlap: index them by member.
  const byMember = new Map<string, number[]>();
  knownSets.forEach((k, j) => {
    for (const m of k) {
      const list = byMember.get(m);
      if (list) list.push(j);
      else byMember.set(m, [j]);
    }
  });
  const candidates: { ring: number; known: number; score: number }[] = [];
  sets.forEach((s, i) => {
    const near = new Set<number>();
    for (const m of s) for (const j of byMember.get(m) ?? []) near.add(j);
    for (const j of near) {
      const score = jaccard(s, knownSets[j]!);
      if (score >= MIN_OVERLAP) candidates.push({ ring: i, known: j, score });
    }
  });
  candidates.sort(
    (a, b) =>
      b.score - a.score ||
      a.ring - b.ring ||
      known[a.known]!.ringId.localeCompare(known[b.known]!.ringId),
  );
  const ids = new Array<string | undefined>(rings.length).fill(undefined);
  const taken = new Set<number>();
  for (const c of candidates) {
    if (ids[c.ring] !== undefined || taken.has(c.known)) continue;
    ids[c.ring] = known[c.known]!.ringId;
    taken.add(c.known);
  }
  let next = known.reduce((max, k) => Math.max(max, Number(k.ringId.replace(/\D/g, '')) || 0), 0);
  return ids.map((id) => id ?? formatRingId(++next));
}
