/**
 * Layout off the UI thread: ForceAtlas2 over graphology, seeded initial positions so the
 * same graph lays out the same way, results handed back as preset positions.
 */
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';

export interface LayoutRequest {
  readonly nodes: readonly string[];
  readonly edges: readonly (readonly [string, string])[];
  readonly fixed?: Record<string, { x: number; y: number }>;
}

function seeded(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

self.onmessage = (e: MessageEvent<LayoutRequest>) => {
  const { nodes, edges, fixed } = e.data;
  const g = new Graph({ type: 'undirected', multi: false });
  const rng = seeded(nodes.length * 7919 + edges.length);
  nodes.forEach((n, i) => {
    const f = fixed?.[n];
    g.addNode(n, {
      x: f?.x ?? Math.cos(i) * 100 * rng(),
      y: f?.y ?? Math.sin(i) * 100 * rng(),
      fixed: f !== undefined,
    });
  });
  for (const [a, b] of edges) if (a !== b && g.hasNode(a) && g.hasNode(b)) g.mergeEdge(a, b);
  const settings = forceAtlas2.inferSettings(g);
  // Barnes-Hut ForceAtlas2 converges in fewer rounds on big graphs; the investigator refines by hand.
  const iterations = nodes.length > 5000 ? 40 : nodes.length > 1000 ? 50 : 500;
  forceAtlas2.assign(g, {
    iterations,
    settings: { ...settings, barnesHutOptimize: nodes.length > 500, gravity: 1, scalingRatio: 8 },
  });
  const positions: Record<string, { x: number; y: number }> = {};
  g.forEachNode((n, a) => (positions[n] = { x: (a.x as number) * 12, y: (a.y as number) * 12 }));
  (self as unknown as Worker).postMessage(positions);
};
