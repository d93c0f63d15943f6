/**
 * Entities picked by search, as chart elements: the entities themselves and every link
 * between them or from them to what the chart already shows, so an added entity arrives
 * connected to the picture rather than floating.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { GraphElements } from '../../../shared/api/contract';
import { RinglensError } from '../../../shared/errors';
import { entityRefs } from './analyse';
import { getLinkGraph, linkTypeOf } from './link-graph';

export function chartElements(
  db: Database,
  entityIds: readonly number[],
  drawn: readonly number[],
): GraphElements {
  const g = getLinkGraph(db);
  for (const id of entityIds)
    if (id >= g.size) throw new RinglensError('NOT_FOUND', `no entity ${id} in this case`);
  const adding = new Set(entityIds);
  const shown = new Set(drawn);
  const edges: GraphElements['edges'] = [];
  const seen = new Set<number>();
  for (const v of adding)
    for (let i = g.adjStart[v]!; i < g.adjStart[v + 1]!; i++) {
      const e = g.adjEdge[i]!;
      const u = g.edgeSrc[e] === v ? g.edgeDst[e]! : g.edgeSrc[e]!;
      if (seen.has(e) || !(adding.has(u) || shown.has(u))) continue;
      seen.add(e);
      edges.push({
        id: `e${g.edgeLinkId[e]}`,
        source: `n${g.edgeSrc[e]}`,
        target: `n${g.edgeDst[e]}`,
        type: linkTypeOf(g, e),
        number: 0,
      });
    }
  const refs = entityRefs(db, g, undefined, adding);
  return {
    nodes: [...refs.values()].map((r) => ({
      id: `n${r.id}`,
      entityId: r.id,
      type: r.type,
      label: r.label,
      role: 'other' as const,
    })),
    edges,
  };
}
