/**
 * Identities resolved by the examiner: the confirmed identity matches (two identifiers the
 * investigator decided are one person's or firm's) that touch a ring, with who decided,
 * when, why and the evidence terms the comparison weighed. Only confirmed decisions are
 * cited; a candidate nobody confirmed, or one that was rejected, never appears in a packet.
 *
 * Engineer 19's ring-scoped reader was not on main when this was written, so this reads the
 * decisions through `listDecisions` (identity/decisions.ts) itself; it can be swapped for
 * 19's function without changing the packet section.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Ring } from '../../../shared/analysis/schemas';
import { MATCH_KIND_LABELS } from '../../../shared/identity/schemas';
import { listDecisions } from '../identity/decisions';
import { termInWords } from '../identity/model';

export interface ResolvedIdentity {
  readonly kind: string;
  readonly a: { readonly key: string; readonly label: string };
  readonly b: { readonly key: string; readonly label: string };
  readonly decidedBy: string;
  readonly decidedAt: string;
  readonly reason: string;
  readonly probability: number;
  /** The comparison's evidence terms, in words with their weights. */
  readonly terms: readonly string[];
  /** The ring member(s) each end is tied to, for the reader. */
  readonly tiedTo: string;
}

/**
 * The confirmed matches of which at least one end is a ring member, one of its identifiers
 * or an entity a member links to directly.
 */
export function confirmedIdentitiesForRing(db: Database, ring: Ring): ResolvedIdentity[] {
  const confirmed = listDecisions(db, 'confirmed');
  if (!confirmed.length) return [];
  const members = [...ring.sellers, ...ring.shops];
  const memberIds = JSON.stringify(members.map((m) => m.id));
  const near = new Map<string, Set<string>>();
  const note = (key: string, who: string) => near.set(key, (near.get(key) ?? new Set()).add(who));
  for (const m of members) note(m.key, m.label);
  for (const r of db
    .prepare(
      `SELECT e.key, m.label AS member FROM links l
         JOIN entities m ON m.id = CASE WHEN l.src IN (SELECT value FROM json_each(@ids)) THEN l.src ELSE l.dst END
         JOIN entities e ON e.id = CASE WHEN l.src IN (SELECT value FROM json_each(@ids)) THEN l.dst ELSE l.src END
        WHERE l.src IN (SELECT value FROM json_each(@ids)) OR l.dst IN (SELECT value FROM json_each(@ids))`,
    )
    .all({ ids: memberIds }) as { key: string; member: string }[])
    note(r.key, r.member);
  for (const i of ring.identifiers) if (!near.has(i.key)) note(i.key, 'the ring');
  const label = db.prepare('SELECT label FROM entities WHERE key = ?').pluck();
  const labelOf = (key: string) =>
    (label.get(key) as string | undefined) ??
    (key.startsWith('image|') ? `product photo ${key.slice(6, 18)}…` : key);
  return confirmed
    .filter((d) => near.has(d.a) || near.has(d.b))
    .map((d) => ({
      kind: MATCH_KIND_LABELS[d.kind],
      a: { key: d.a, label: labelOf(d.a) },
      b: { key: d.b, label: labelOf(d.b) },
      decidedBy: d.decidedBy,
      decidedAt: d.decidedAt,
      reason: d.reason,
      probability: d.probability,
      terms: d.terms.map(termInWords),
      tiedTo: [...new Set([...(near.get(d.a) ?? []), ...(near.get(d.b) ?? [])])].join(', '),
    }))
    .sort((x, y) => x.decidedAt.localeCompare(y.decidedAt) || x.a.key.localeCompare(y.a.key));
}
