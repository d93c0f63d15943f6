/**
 * A ring, a selection or the whole case as GraphML or GEXF (Gephi, Cytoscape desktop,
 * networkx): nodes with their key, type, label and every property, edges with their link
 * type, label and properties. Rings come with their shared identifiers and the links that
 * tie them, exactly the ring's explained graph; a selection with the links among its nodes.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { analyseCase, findRing } from '../graph/analyse';
import { explainRing } from '../graph/explain';
import { formatValue } from '../../../shared/format-value';
import { naturalCompare } from '../../../shared/natural-order';
import { xmlText } from '../util/xml-text';
import {
  describeHead,
  GRAPHML_HEAD_HASH,
  GRAPHML_HEAD_SEQ,
  type AuditHeadRef,
} from '../audit/export-head';

export interface ExchangeGraph {
  readonly nodes: readonly {
    id: string;
    key: string;
    type: string;
    label: string;
    member: boolean;
    props: Readonly<Record<string, string>>;
  }[];
  readonly edges: readonly {
    id: string;
    source: string;
    target: string;
    type: string;
    props: Readonly<Record<string, string>>;
  }[];
}

/** Names our own attributes use; a property with one of these names is written as `prop.NAME`. */
const OWN = new Set(['key', 'type', 'label', 'ring_member']);

/**
 * Properties as the flat string attributes graph tools read: nested objects (an address)
 * one level deep with dotted names (`address.city`), lists and deeper values as JSON.
 */
export function flattenProps(props: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (name: string, v: unknown) => {
    if (v === undefined || v === null) return;
    out[OWN.has(name) ? `prop.${name}` : name] = formatValue(v);
  };
  for (const [k, v] of Object.entries(props)) {
    if (v && typeof v === 'object' && !Array.isArray(v))
      for (const [k2, v2] of Object.entries(v)) put(`${k}.${k2}`, v2);
    else put(k, v);
  }
  return out;
}

const propsOfEntities = (
  db: Database,
  keys: readonly string[],
): Map<string, Record<string, string>> => {
  const get = db.prepare('SELECT props FROM entities WHERE key = ?').pluck();
  return new Map(
    keys.map((k) => [
      k,
      flattenProps(
        JSON.parse((get.get(k) as string | undefined) ?? '{}') as Record<string, unknown>,
      ),
    ]),
  );
};
const linkProps = (label: string, props: string): Record<string, string> => ({
  ...(label ? { link_label: label } : {}),
  ...flattenProps(JSON.parse(props) as Record<string, unknown>),
});

export function ringExchangeGraph(db: Database, ringId: string): ExchangeGraph {
  const ctx = analyseCase(db);
  const ring = findRing(ctx, ringId);
  const ex = explainRing(db, ctx, ringId);
  const members = new Set([...ring.sellers, ...ring.shops].map((m) => m.key));
  const nodes = new Map<string, ExchangeGraph['nodes'][number]>();
  const add = (r: { key: string; type: string; label: string }) => {
    if (!nodes.has(r.key))
      nodes.set(r.key, {
        id: r.key,
        key: r.key,
        type: r.type,
        label: r.label,
        member: members.has(r.key),
        props: {},
      });
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
      const row = l.linkId
        ? (db.prepare('SELECT label, props FROM links WHERE id = ?').get(l.linkId) as
            { label: string; props: string } | undefined)
        : undefined;
      edges.set(id, {
        id,
        source,
        target,
        type: l.type,
        props: row ? linkProps(row.label, row.props) : {},
      });
    }
  }
  const props = propsOfEntities(db, [...nodes.keys()]);
  return {
    nodes: [...nodes.values()]
      .map((n) => ({ ...n, props: props.get(n.key) ?? {} }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    edges: [...edges.values()].sort((a, b) => naturalCompare(a.id, b.id)),
  };
}

/** The entities an investigator selected, with every link among them. */
export function selectionExchangeGraph(
  db: Database,
  entityIds: ReadonlySet<number>,
): ExchangeGraph {
  const ids = JSON.stringify([...entityIds]);
  const nodes = (
    db
      .prepare(
        'SELECT key, type, label, props FROM entities WHERE id IN (SELECT value FROM json_each(?)) ORDER BY key',
      )
      .all(ids) as { key: string; type: string; label: string; props: string }[]
  ).map((n) => ({
    id: n.key,
    key: n.key,
    type: n.type,
    label: n.label,
    member: false,
    props: flattenProps(JSON.parse(n.props) as Record<string, unknown>),
  }));
  const edges = (
    db
      .prepare(
        `SELECT l.id, l.type, l.label, l.props, s.key AS source, d.key AS target FROM links l JOIN entities s ON s.id = l.src JOIN entities d ON d.id = l.dst
      WHERE l.src IN (SELECT value FROM json_each(@ids)) AND l.dst IN (SELECT value FROM json_each(@ids)) ORDER BY l.id`,
      )
      .all({ ids }) as {
      id: number;
      type: string;
      label: string;
      props: string;
      source: string;
      target: string;
    }[]
  ).map((e) => ({
    id: `link:${e.id}`,
    source: e.source,
    target: e.target,
    type: e.type,
    props: linkProps(e.label, e.props),
  }));
  return { nodes, edges };
}

export function caseExchangeGraph(db: Database): ExchangeGraph {
  const nodes = (
    db.prepare('SELECT key, type, label, props FROM entities ORDER BY id').all() as {
      key: string;
      type: string;
      label: string;
      props: string;
    }[]
  ).map((n) => ({
    id: n.key,
    key: n.key,
    type: n.type,
    label: n.label,
    member: false,
    props: flattenProps(JSON.parse(n.props) as Record<string, unknown>),
  }));
  const edges = (
    db
      .prepare(
        'SELECT l.id, l.type, l.label, l.props, s.key AS source, d.key AS target FROM links l JOIN entities s ON s.id = l.src JOIN entities d ON d.id = l.dst ORDER BY l.id',
      )
      .all() as {
      id: number;
      type: string;
      label: string;
      props: string;
      source: string;
      target: string;
    }[]
  ).map((e) => ({
    id: `link:${e.id}`,
    source: e.source,
    target: e.target,
    type: e.type,
    props: linkProps(e.label, e.props),
  }));
  return { nodes, edges };
}

/** Every property name used by nodes or edges, sorted, so each gets one declared attribute. */
const attributeNames = (items: readonly { props: Readonly<Record<string, string>> }[]) =>
  [...new Set(items.flatMap((i) => Object.keys(i.props)))].sort();

// Only characters XML 1.0 allows, so networkx and Gephi can read every file (util/xml-text.ts).
const esc = xmlText;

/**
 * GraphML of a graph. With `head`, the case's audit head at export rides as two graph
 * attributes (networkx puts them in `G.graph`), so the file witnesses the chain later.
 */
export function toGraphml(g: ExchangeGraph, head?: AuditHeadRef): string {
  const nodeAttrs = attributeNames(g.nodes);
  const edgeAttrs = attributeNames(g.edges);
  const data = (
    prefix: string,
    names: readonly string[],
    props: Readonly<Record<string, string>>,
  ) =>
    names
      .map((n, i) =>
        props[n] === undefined ? '' : `<data key="${prefix}${i}">${esc(props[n])}</data>`,
      )
      .join('');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    '  <key id="key" for="node" attr.name="key" attr.type="string"/>',
    '  <key id="type" for="node" attr.name="type" attr.type="string"/>',
    '  <key id="label" for="node" attr.name="label" attr.type="string"/>',
    '  <key id="member" for="node" attr.name="ring_member" attr.type="boolean"/>',
    '  <key id="linktype" for="edge" attr.name="type" attr.type="string"/>',
    ...(head
      ? [
          `  <key id="auditseq" for="graph" attr.name="${GRAPHML_HEAD_SEQ}" attr.type="long"/>`,
          `  <key id="audithead" for="graph" attr.name="${GRAPHML_HEAD_HASH}" attr.type="string"/>`,
        ]
      : []),
    ...nodeAttrs.map(
      (n, i) => `  <key id="np${i}" for="node" attr.name="${esc(n)}" attr.type="string"/>`,
    ),
    ...edgeAttrs.map(
      (n, i) => `  <key id="ep${i}" for="edge" attr.name="${esc(n)}" attr.type="string"/>`,
    ),
    '  <graph id="ringlens" edgedefault="directed">',
    ...(head
      ? [`    <data key="auditseq">${head.seq}</data><data key="audithead">${head.hash}</data>`]
      : []),
    ...g.nodes.map(
      (n) =>
        `    <node id="${esc(n.id)}"><data key="key">${esc(n.key)}</data><data key="type">${esc(n.type)}</data><data key="label">${esc(n.label)}</data><data key="member">${n.member}</data>${data('np', nodeAttrs, n.props)}</node>`,
    ),
    ...g.edges.map(
      (e) =>
        `    <edge id="${esc(e.id)}" source="${esc(e.source)}" target="${esc(e.target)}"><data key="linktype">${esc(e.type)}</data>${data('ep', edgeAttrs, e.props)}</edge>`,
    ),
    '  </graph>',
    '</graphml>',
    '',
  ].join('\n');
}

/**
 * GEXF of a graph. GEXF has no graph attributes, so the audit head at export goes in the
 * `<meta>` description, in words a reader follows and `describeHead` can parse back.
 */
export function toGexf(g: ExchangeGraph, head?: AuditHeadRef): string {
  const nodeAttrs = attributeNames(g.nodes);
  const edgeAttrs = attributeNames(g.edges);
  const values = (
    first: number,
    names: readonly string[],
    props: Readonly<Record<string, string>>,
  ) =>
    names
      .map((n, i) =>
        props[n] === undefined ? '' : `<attvalue for="${first + i}" value="${esc(props[n])}"/>`,
      )
      .join('');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    // GEXF 1.2: what Gephi, Cytoscape desktop and networkx all read.
    '<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">',
    `  <meta><creator>Ringlens</creator>${head ? `<description>${describeHead(head)}</description>` : ''}</meta>`,
    '  <graph defaultedgetype="directed" mode="static">',
    `    <attributes class="node"><attribute id="0" title="type" type="string"/><attribute id="1" title="key" type="string"/><attribute id="2" title="ring_member" type="boolean"/>${nodeAttrs.map((n, i) => `<attribute id="${3 + i}" title="${esc(n)}" type="string"/>`).join('')}</attributes>`,
    `    <attributes class="edge"><attribute id="0" title="type" type="string"/>${edgeAttrs.map((n, i) => `<attribute id="${1 + i}" title="${esc(n)}" type="string"/>`).join('')}</attributes>`,
    '    <nodes>',
    ...g.nodes.map(
      (n) =>
        `      <node id="${esc(n.id)}" label="${esc(n.label)}"><attvalues><attvalue for="0" value="${esc(n.type)}"/><attvalue for="1" value="${esc(n.key)}"/><attvalue for="2" value="${n.member}"/>${values(3, nodeAttrs, n.props)}</attvalues></node>`,
    ),
    '    </nodes>',
    '    <edges>',
    ...g.edges.map(
      (e) =>
        `      <edge id="${esc(e.id)}" source="${esc(e.source)}" target="${esc(e.target)}" label="${esc(e.type)}"><attvalues><attvalue for="0" value="${esc(e.type)}"/>${values(1, edgeAttrs, e.props)}</attvalues></edge>`,
    ),
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
  for (const s of ex.sharedIdentifiers)
    for (const l of s.links)
      for (const r of [s.identifier, l.from, l.to]) if (r.id > 0) ids.add(r.id);
  return ids;
}
