/**
 * A ring, or the whole case, as GraphML or GEXF (Gephi, Cytoscape desktop, networkx):
 * nodes with their key, type and label, edges with their link type. Rings come with their
 * shared identifiers and the links that tie them, exactly the ring's explained graph.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { analyseCase, findRing } from '../graph/analyse';
import { explainRing } from '../graph/explain';

export interface ExchangeGraph {
  readonly nodes: readonly { id: string; key: string; type: string; label: string; member: boolean }[];
  readonly edges: readonly { id: string; source: string; target: string; type: string }[];
}

export function ringExchangeGraph(db: Database, ringId: string): ExchangeGraph {
  const ctx = analyseCase(db);
  const ring = findRing(ctx, ringId);
  const ex = explainRing(db, ctx, ringId);
  const members = new Set([...ring.sellers, ...ring.shops].map((m) => m.key));
  const nodes = new Map<string, ExchangeGraph['nodes'][number]>();
  const add = (r: { key: string; type: string; label: string }) => {
    if (!nodes.has(r.key)) nodes.set(r.key, { id: r.key, key: r.key, type: r.type, label: r.label, member: members.has(r.key) });
    return r.key;
  };
  for (const m of [...ring.sellers, ...ring.shops]) add(m);
  const edges = new Map<string, ExchangeGraph['edges'][number]>();
  for (const s of ex.sharedIdentifiers) {
    add(s.identifier);
    for (const l of s.links) {
      const source = add(l.from);
      const target = add(l.to);
      const id = l.linkId ? `link:${l.linkId}` : `photo:${source}>${target}`;
      edges.set(id, { id, source, target, type: l.type });
    }
  }
  return { nodes: [...nodes.values()].sort((a, b) => a.id.localeCompare(b.id)), edges: [...edges.values()].sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true })) };
}

export function caseExchangeGraph(db: Database): ExchangeGraph {
  const nodes = (db.prepare('SELECT key, type, label FROM entities ORDER BY id').all() as { key: string; type: string; label: string }[]).map((n) => ({ id: n.key, ...n, member: false }));
  const edges = (db.prepare('SELECT l.id, l.type, s.key AS source, d.key AS target FROM links l JOIN entities s ON s.id = l.src JOIN entities d ON d.id = l.dst ORDER BY l.id').all() as { id: number; type: string; source: string; target: string }[]).map((e) => ({ ...e, id: `link:${e.id}` }));
  return { nodes, edges };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function toGraphml(g: ExchangeGraph): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    '  <key id="key" for="node" attr.name="key" attr.type="string"/>',
    '  <key id="type" for="node" attr.name="type" attr.type="string"/>',
    '  <key id="label" for="node" attr.name="label" attr.type="string"/>',
    '  <key id="member" for="node" attr.name="ring_member" attr.type="boolean"/>',
    '  <key id="linktype" for="edge" attr.name="type" attr.type="string"/>',
    '  <graph id="ringlens" edgedefault="directed">',
    ...g.nodes.map((n) => `    <node id="${esc(n.id)}"><data key="key">${esc(n.key)}</data><data key="type">${esc(n.type)}</data><data key="label">${esc(n.label)}</data><data key="member">${n.member}</data></node>`),
    ...g.edges.map((e) => `    <edge id="${esc(e.id)}" source="${esc(e.source)}" target="${esc(e.target)}"><data key="linktype">${esc(e.type)}</data></edge>`),
    '  </graph>',
    '</graphml>',
    '',
  ].join('\n');
}

export function toGexf(g: ExchangeGraph): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    // GEXF 1.2: what Gephi, Cytoscape desktop and networkx all read.
    '<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">',
    '  <meta><creator>Ringlens</creator></meta>',
    '  <graph defaultedgetype="directed" mode="static">',
    '    <attributes class="node"><attribute id="0" title="type" type="string"/><attribute id="1" title="key" type="string"/><attribute id="2" title="ring_member" type="boolean"/></attributes>',
    '    <attributes class="edge"><attribute id="0" title="type" type="string"/></attributes>',
    '    <nodes>',
    ...g.nodes.map((n) => `      <node id="${esc(n.id)}" label="${esc(n.label)}"><attvalues><attvalue for="0" value="${esc(n.type)}"/><attvalue for="1" value="${esc(n.key)}"/><attvalue for="2" value="${n.member}"/></attvalues></node>`),
    '    </nodes>',
    '    <edges>',
    ...g.edges.map((e) => `      <edge id="${esc(e.id)}" source="${esc(e.source)}" target="${esc(e.target)}" label="${esc(e.type)}"><attvalues><attvalue for="0" value="${esc(e.type)}"/></attvalues></edge>`),
    '    </edges>',
    '  </graph>',
    '</gexf>',
    '',
  ].join('\n');
}

/** Entity ids of a ring's explained graph (members, identifiers, and the listings and orders on its links). */
export function ringEntityIds(db: Database, ringId: string): Set<number> {
  const ctx = analyseCase(db);
  const ring = findRing(ctx, ringId);
  const ex = explainRing(db, ctx, ringId);
  const ids = new Set<number>([...ring.sellers, ...ring.shops].map((m) => m.id));
  for (const s of ex.sharedIdentifiers) for (const l of s.links) for (const r of [s.identifier, l.from, l.to]) if (r.id > 0) ids.add(r.id);
  return ids;
}
