/** Paths between two entities named by key, id or row alias, as sourced results. */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { RinglensError } from '../../../shared/errors';
import type { Path } from '../../../shared/analysis/schemas';
import { getLinkGraph, linkTypeOf } from './link-graph';
import { entityRefs } from './analyse';
import { kShortestPaths } from './paths';

/** Finds an entity by its key, a bundle row id (alias) or its numeric id. */
export function resolveEntity(db: Database, ref: string): number {
  const row = (db.prepare('SELECT id FROM entities WHERE key = ?').get(ref) ??
    db.prepare('SELECT entity AS id FROM entity_aliases WHERE alias = ?').get(ref) ??
    (/^\d+$/.test(ref)
      ? db.prepare('SELECT id FROM entities WHERE id = ?').get(Number(ref))
      : undefined)) as { id: number } | undefined;
  if (!row)
    throw new RinglensError('NOT_FOUND', `no entity "${ref}" in this case`, {
      hint: 'use an id from a bundle (e.g. seller:s12) or an entity key',
    });
  return row.id;
}

export function findPaths(
  db: Database,
  fromRef: string,
  toRef: string,
  options: { k?: number; maxHops?: number } = {},
): Path[] {
  const g = getLinkGraph(db);
  const from = resolveEntity(db, fromRef);
  const to = resolveEntity(db, toRef);
  const raw = kShortestPaths(g, from, to, options.k ?? 1, options.maxHops ?? 8);
  const refs = entityRefs(
    db,
    g,
    undefined,
    raw.flatMap((p) => p.nodes),
  );
  return raw.map((p) => ({
    hops: p.edges.length,
    steps: p.nodes.map((n, i) =>
      i === 0
        ? { entity: refs.get(n)!, via: null }
        : {
            entity: refs.get(n)!,
            via: {
              linkId: g.edgeLinkId[p.edges[i - 1]!]!,
              type: linkTypeOf(g, p.edges[i - 1]!),
              forward: g.edgeDst[p.edges[i - 1]!] === n,
            },
          },
    ),
  }));
}
