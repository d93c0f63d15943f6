/**
 * An independent oracle: networkx (Debian's python3-networkx) computes connected components
 * and shortest-path lengths on the same exported graph, and must agree with ours.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeCase, type CaseStore } from '../../../../electron/core/store/open';
import { analyseCase } from '../../../../electron/core/graph/analyse';
import { forEachRingEdge } from '../../../../electron/core/graph/ring-detection';
import { shortestPath } from '../../../../electron/core/graph/paths';
import { rngFor } from '../../../../electron/core/util/random';
import { generatedCase } from '../../../support/generated-case';
import { ENTITY_TYPES } from '../../../../shared/domain/entity-types';

let store: CaseStore;
let dir: string;
beforeAll(async () => {
  ({ store, dir } = await generatedCase(23, 1200));
});
afterAll(() => closeCase(store));

function python(script: string): string {
  const r = spawnSync('/usr/bin/python3', ['-c', script], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
  return r.stdout;
}

describe('networkx agrees', () => {
  it('on the connected components that make the rings', () => {
    const ctx = analyseCase(store.db, { maxRingSize: 1_000_000 });
    const suppressed = new Set(ctx.detection.hubs.map((h) => h.node));
    const edges: string[] = [];
    forEachRingEdge(ctx.view, (u, v) => {
      if (!suppressed.has(u) && !suppressed.has(v)) edges.push(`${u} ${v}`);
    });
    const members: number[] = [];
    for (let v = 1; v < ctx.graph.size; v++) {
      const type = ENTITY_TYPES[ctx.graph.nodeType[v]!];
      if (type === 'seller' || type === 'shop') members.push(v);
    }
    const file = join(dir, 'ring-edges.txt');
    writeFileSync(file, `${edges.join('\n')}\n`);
    const membersFile = join(dir, 'members.json');
    writeFileSync(membersFile, JSON.stringify(members));
    const out = python(`
import json, networkx as nx
g = nx.read_edgelist(${JSON.stringify(file)}, nodetype=int)
members = set(json.load(open(${JSON.stringify(membersFile)})))
comps = []
for c in nx.connected_components(g):
    m = sorted(x for x in c if x in members)
    if len(m) >= 2: comps.append(m)
print(json.dumps(sorted(comps)))
`);
    const theirs = (JSON.parse(out) as number[][]).map((c) => c.join(','));
    // Ours: every component with two or more member accounts (rings are those with 2+ shops or sellers).
    const ours = ctx.detection.rings.map((r) => [...r.members].sort((a, b) => a - b).join(','));
    for (const ring of ours) expect(theirs).toContain(ring);
    expect(ctx.detection.rings.length).toBeGreaterThanOrEqual(5);
  });

  it('on shortest-path lengths over the whole link graph', () => {
    const g = analyseCase(store.db).graph;
    const lines: string[] = [];
    for (let e = 0; e < g.edgeCount; e++) lines.push(`${g.edgeSrc[e]} ${g.edgeDst[e]}`);
    const file = join(dir, 'all-edges.txt');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const rng = rngFor(99, 'pairs');
    const pairs: [number, number][] = [];
    while (pairs.length < 40) {
      const a = 1 + Math.floor(rng() * (g.size - 1));
      const b = 1 + Math.floor(rng() * (g.size - 1));
      if (a !== b && g.adjStart[a + 1]! > g.adjStart[a]! && g.adjStart[b + 1]! > g.adjStart[b]!)
        pairs.push([a, b]);
    }
    const out = python(`
import json, networkx as nx
g = nx.read_edgelist(${JSON.stringify(file)}, nodetype=int)
res = []
for a, b in ${JSON.stringify(pairs)}:
    try: res.append(nx.shortest_path_length(g, a, b))
    except nx.NetworkXNoPath: res.append(None)
print(json.dumps(res))
`);
    const theirs = JSON.parse(out) as (number | null)[];
    const ours = pairs.map(([a, b]) => shortestPath(g, a, b, 1000)?.edges.length ?? null);
    expect(ours).toEqual(theirs);
    expect(ours.filter((x) => x !== null).length).toBeGreaterThan(10);
  });
});
