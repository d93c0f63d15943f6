/**
 * What the lifecycle tracks: the rings the engine reports (plus any ring that has a
 * lifecycle record but is no longer detected) and the `lead` entities of the case, with
 * each lead tied to the ring most of its flagged sellers belong to. A ring and the leads
 * that flag it are one investigation in the funnel.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { RinglensError } from '../../../shared/errors';
import type { SubjectRef } from '../../../shared/lifecycle/schemas';
import { analyseCase } from '../graph/analyse';

export type Origin = 'proactive' | 'complaint' | 'unknown';

export interface Subject {
  readonly kind: 'ring' | 'lead';
  readonly id: string;
  readonly label: string;
  readonly origin: Origin;
  readonly members: number;
  /** For a lead, the ring it belongs to (if any); for a ring, the leads that flag it. */
  readonly related: readonly string[];
  /** When the lead was flagged, or when the ring was first reported (YYYY-MM-DD). */
  readonly firstSeen: string;
  readonly detected: boolean;
}

export const subjectKey = (s: SubjectRef): string => `${s.kind}:${s.id}`;
/** The audit-log object a subject's changes are recorded against. */
export const auditObject = (s: SubjectRef): string =>
  s.kind === 'ring' ? `ring:${s.id}` : `entity:${s.id}`;

interface LeadRow {
  key: string;
  label: string;
  origin: string | null;
  flaggedAt: string | null;
  flagged: string | null;
}

export function listSubjects(db: Database): Subject[] {
  const analysis = analyseCase(db).analysis;
  const ringOf = new Map<number, string>();
  for (const r of analysis.rings)
    for (const m of [...r.sellers, ...r.shops]) ringOf.set(m.id, r.id);

  const leads = db
    .prepare(
      `SELECT e.key, e.label, json_extract(e.props, '$.origin') AS origin, json_extract(e.props, '$.flaggedAt') AS flaggedAt,
        (SELECT json_group_array(l.dst) FROM links l WHERE l.src = e.id AND l.type = 'flags') AS flagged
      FROM entities e WHERE e.type = 'lead' ORDER BY e.key`,
    )
    .all() as LeadRow[];
  const leadSubjects = leads.map((l) => {
    const flagged = l.flagged ? (JSON.parse(l.flagged) as number[]) : [];
    const votes = new Map<string, number>();
    for (const id of flagged) {
      const r = ringOf.get(id);
      if (r) votes.set(r, (votes.get(r) ?? 0) + 1);
    }
    const best = [...votes.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
    // A lead belongs to a ring only when most of what it flags is in that ring.
    const ring = best && best[1] * 2 >= flagged.length ? best[0] : undefined;
    const origin: Origin =
      l.origin === 'proactive' || l.origin === 'complaint' ? l.origin : 'unknown';
    return {
      kind: 'lead' as const,
      id: l.key,
      label: l.label,
      origin,
      members: flagged.length,
      related: ring ? [ring] : [],
      firstSeen: (l.flaggedAt ?? '').slice(0, 10),
      detected: true,
    };
  });

  const leadsOfRing = new Map<string, typeof leadSubjects>();
  for (const l of leadSubjects)
    for (const r of l.related) leadsOfRing.set(r, [...(leadsOfRing.get(r) ?? []), l]);
  const registry = new Map(
    (
      db.prepare('SELECT ring_id, members, first_seen FROM ring_registry').all() as {
        ring_id: string;
        members: string;
        first_seen: string;
      }[]
    ).map((r) => [r.ring_id, r]),
  );
  const ringSubject = (id: string, members: number, detected: boolean): Subject => {
    const own = leadsOfRing.get(id) ?? [];
    // A ring found by the engine is data-driven (proactive) unless the leads behind it came from complaints.
    const origin: Origin =
      own.length === 0
        ? 'proactive'
        : own.some((l) => l.origin === 'proactive')
          ? 'proactive'
          : own.some((l) => l.origin === 'complaint')
            ? 'complaint'
            : 'unknown';
    const firstSeen =
      [
        ...own.map((l) => l.firstSeen).filter(Boolean),
        (registry.get(id)?.first_seen ?? '').slice(0, 10),
      ]
        .filter(Boolean)
        .sort()[0] ?? '';
    return {
      kind: 'ring',
      id,
      label: `${id} · ${members} accounts${detected ? '' : ' (no longer detected)'}`,
      origin,
      members,
      related: own.map((l) => l.id),
      firstSeen,
      detected,
    };
  };
  const rings = analysis.rings.map((r) =>
    ringSubject(r.id, r.sellers.length + r.shops.length, true),
  );
  const current = new Set(rings.map((r) => r.id));
  const tracked = db
    .prepare(
      `SELECT DISTINCT subject_id FROM lifecycle WHERE subject_kind = 'ring' UNION SELECT DISTINCT subject_id FROM outcomes WHERE subject_kind = 'ring'`,
    )
    .pluck()
    .all() as string[];
  const gone = tracked
    .filter((id) => !current.has(id))
    .sort()
    .map((id) =>
      ringSubject(
        id,
        registry.get(id) ? (JSON.parse(registry.get(id)!.members) as unknown[]).length : 0,
        false,
      ),
    );
  return [...rings, ...gone, ...leadSubjects];
}

/** Refuses a subject the case does not know, naming what to do instead. */
export function requireSubject(db: Database, s: SubjectRef): void {
  if (s.kind === 'ring') {
    const lookup = () => db.prepare('SELECT 1 FROM ring_registry WHERE ring_id = ?').get(s.id);
    // The registry is filled by the analysis: run it once if this case was never analysed.
    const known = lookup() ?? (analyseCase(db), lookup());
    if (!known)
      throw new RinglensError('NOT_FOUND', `no ring ${s.id} in this case`, {
        hint: 'list the rings with `ringlens rings CASE`',
      });
  } else {
    const known = db.prepare(`SELECT 1 FROM entities WHERE key = ? AND type = 'lead'`).get(s.id);
    if (!known)
      throw new RinglensError('NOT_FOUND', `no lead "${s.id}" in this case`, {
        hint: 'give a ring id (R-0001) or the key of a lead entity',
      });
  }
}
