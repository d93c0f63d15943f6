/** GraphML and GEXF exports parse back, in networkx (an independent reader), with the same nodes and edges. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDemoCase } from '../../../../electron/core/demo/build-demo-case';
import { closeCase, type CaseStore } from '../../../../electron/core/store/open';
import { analyseCase } from '../../../../electron/core/graph/analyse';
import {
  caseExchangeGraph,
  ringExchangeGraph,
  selectionExchangeGraph,
  toGexf,
  toGraphml,
  type ExchangeGraph,
} from '../../../../electron/core/interop/graph-exchange';
import { tempDir } from '../../../support/bundles';

let store: CaseStore;
let dir: string;
beforeAll(async () => {
  dir = tempDir('ringlens-exchange-');
  store = await buildDemoCase(join(dir, 'demo.ringlens'));
});
afterAll(() => closeCase(store));

function readBack(
  file: string,
  reader: 'read_graphml' | 'read_gexf',
): { nodes: string[]; edges: [string, string, string][] } {
  const r = spawnSync(
    '/usr/bin/python3',
    [
      '-c',
      `
import json, networkx as nx
g = nx.${reader}(${JSON.stringify(file)})
edges = sorted([u, v, d.get('type', d.get('label', ''))] for u, v, d in g.edges(data=True))
print(json.dumps({"nodes": sorted(g.nodes()), "edges": edges}))
`,
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}
const expected = (g: ExchangeGraph) => ({
  nodes: g.nodes.map((n) => n.id).sort(),
  edges: g.edges.map((e) => [e.source, e.target, e.type] as [string, string, string]).sort(),
});

describe('graph exchange', () => {
  it('a ring as GraphML and GEXF reads back with the same nodes and edges', () => {
    const ring = analyseCase(store.db).analysis.rings[0]!;
    const g = ringExchangeGraph(store.db, ring.id);
    expect(g.nodes.length).toBeGreaterThan(ring.shops.length);
    const gml = join(dir, 'ring.graphml');
    const gexf = join(dir, 'ring.gexf');
    writeFileSync(gml, toGraphml(g));
    writeFileSync(gexf, toGexf(g));
    expect(readBack(gml, 'read_graphml')).toEqual(expected(g));
    expect(readBack(gexf, 'read_gexf')).toEqual(expected(g));
  });

  it('the whole case as GraphML keeps every entity and link', () => {
    const g = caseExchangeGraph(store.db);
    const file = join(dir, 'case.graphml');
    writeFileSync(file, toGraphml(g));
    const back = readBack(file, 'read_graphml');
    expect(back.nodes.length).toBe(
      store.db.prepare('SELECT count(*) FROM entities').pluck().get() as number,
    );
    expect(back.edges.length).toBe(
      store.db.prepare('SELECT count(*) FROM links').pluck().get() as number,
    );
  });

  it("carries every property: a shop's fields and a warehouse's address read back from both formats", () => {
    const ring = analyseCase(store.db).analysis.rings[0]!;
    const g = ringExchangeGraph(store.db, ring.id);
    const shop = ring.shops[0]!;
    const shopProps = JSON.parse(
      store.db.prepare('SELECT props FROM entities WHERE key = ?').pluck().get(shop.key) as string,
    ) as Record<string, unknown>;
    const warehouse = g.nodes.find((n) => n.type === 'warehouse');
    for (const [file, reader] of [
      [join(dir, 'p.graphml'), 'read_graphml'],
      [join(dir, 'p.gexf'), 'read_gexf'],
    ] as const) {
      writeFileSync(file, reader === 'read_graphml' ? toGraphml(g) : toGexf(g));
      const r = spawnSync(
        '/usr/bin/python3',
        [
          '-c',
          `
import json, networkx as nx
g = nx.${reader}(${JSON.stringify(file)})
print(json.dumps({k: dict(v) for k, v in g.nodes(data=True)}))
`,
        ],
        { encoding: 'utf8' },
      );
      expect(r.status, r.stderr).toBe(0);
      const nodes = JSON.parse(r.stdout) as Record<string, Record<string, unknown>>;
      expect(nodes[shop.key]).toMatchObject({
        name: shopProps.name,
        url: shopProps.url,
        category: shopProps.category,
      });
      if (warehouse)
        expect(nodes[warehouse.key]!['address.city']).toBe(warehouse.props['address.city']);
    }
  });

  it('a selection exports exactly the chosen entities and the links among them', () => {
    const ring = analyseCase(store.db).analysis.rings[0]!;
    const chosen = [ring.sellers[0]!, ring.shops[0]!, ...ring.identifiers.slice(0, 2)];
    const g = selectionExchangeGraph(store.db, new Set(chosen.map((c) => c.id)));
    expect(g.nodes.map((n) => n.key).sort()).toEqual(chosen.map((c) => c.key).sort());
    const expectedLinks = store.db
      .prepare(
        `SELECT count(*) FROM links WHERE src IN (SELECT value FROM json_each(@ids)) AND dst IN (SELECT value FROM json_each(@ids))`,
      )
      .pluck()
      .get({ ids: JSON.stringify(chosen.map((c) => c.id)) }) as number;
    expect(g.edges).toHaveLength(expectedLinks);
    expect(expectedLinks).toBeGreaterThan(0);
    const file = join(dir, 'selection.graphml');
    writeFileSync(file, toGraphml(g));
    expect(readBack(file, 'read_graphml')).toEqual(expected(g));
  });
});
