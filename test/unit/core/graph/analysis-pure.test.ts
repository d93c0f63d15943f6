import { describe, expect, it } from 'vitest';
import Graph from 'graphology';
import { assignRingIds, jaccard } from '../../../../electron/core/graph/stable-ids';
import { scoreRing, recencyFactor } from '../../../../electron/core/graph/scoring';
import { SCORE_WEIGHTS } from '../../../../electron/core/graph/score-weights';
import { articulationPoints } from '../../../../electron/core/graph/explain';
import { kShortestPaths, shortestPath } from '../../../../electron/core/graph/paths';
import type { LinkGraph } from '../../../../electron/core/graph/link-graph';
import { matchWarning } from '../../../../electron/core/graph/warning-lists';
import { tallyHotspots } from '../../../../electron/core/graph/hotspots';
import { dossier } from '../../../../electron/core/graph/complainants';
import { canonicalCity, canonicalProvince } from '../../../../shared/domain/places';

function tinyGraph(edges: [number, number][]): LinkGraph {
  const size = Math.max(...edges.flat()) + 1;
  const m = edges.length;
  const adjStart = new Int32Array(size + 1);
  for (const [a, b] of edges) {
    adjStart[a + 1]!++;
    adjStart[b + 1]!++;
  }
  for (let v = 0; v < size; v++) adjStart[v + 1]! += adjStart[v]!;
  const fill = adjStart.slice(0, size);
  const adjEdge = new Int32Array(2 * m);
  edges.forEach(([a, b], e) => ((adjEdge[fill[a]!++] = e), (adjEdge[fill[b]!++] = e)));
  return {
    size,
    nodeType: new Uint8Array(size),
    edgeCount: m,
    edgeSrc: Int32Array.from(edges.map((e) => e[0])),
    edgeDst: Int32Array.from(edges.map((e) => e[1])),
    edgeType: new Uint8Array(m),
    edgeLinkId: Int32Array.from(edges.map((_, i) => i + 1)),
    adjStart,
    adjEdge,
    fingerprints: { listing: new Int32Array(0), value: [] },
    maxEntityId: size - 1,
    maxLinkId: m,
  };
}

describe('stable ring ids', () => {
  it('keeps an id when membership barely changes and issues new ids otherwise', () => {
    const known = [
      { ringId: 'R-0001', members: ['a', 'b', 'c', 'd'] },
      { ringId: 'R-0002', members: ['x', 'y'] },
    ];
    expect(
      assignRingIds(
        [
          ['a', 'b', 'c', 'd', 'e'],
          ['p', 'q'],
        ],
        known,
      ),
    ).toEqual(['R-0001', 'R-0003']);
    expect(
      assignRingIds(
        [
          ['x', 'y'],
          ['a', 'b', 'c'],
        ],
        known,
      ),
    ).toEqual(['R-0002', 'R-0001']);
    expect(jaccard(new Set(['a']), new Set(['b']))).toBe(0);
  });
});

describe('ring score', () => {
  it('lists every weighted term, and the terms add up to the score', () => {
    const { score, terms } = scoreRing(
      {
        shops: 5,
        sellers: 4,
        counterfeitTestBuys: 3,
        upheldComplaints: 2,
        orderValue: 9999,
        sharedIdentifierKinds: 3,
        sharedIdentifiers: 6,
        lastActivity: '2025-10-01',
      },
      '2025-10-20',
    );
    expect(terms.map((t) => t.term)).toEqual(Object.keys(SCORE_WEIGHTS));
    expect(terms.find((t) => t.term === 'counterfeitTestBuys')!.contribution).toBe(30);
    expect(score).toBeCloseTo(
      terms.reduce((s, t) => s + t.contribution, 0),
      5,
    );
    expect(recencyFactor('2024-01-01', '2025-10-20')).toBe(0);
  });
});

describe('paths', () => {
  // 1-2-3-4 and 1-5-4, plus 1-6-7-8-4
  const g = tinyGraph([
    [1, 2],
    [2, 3],
    [3, 4],
    [1, 5],
    [5, 4],
    [1, 6],
    [6, 7],
    [7, 8],
    [8, 4],
  ]);
  it('finds the shortest path and the k shortest loopless paths in length order', () => {
    expect(shortestPath(g, 1, 4)!.nodes).toEqual([1, 5, 4]);
    expect(kShortestPaths(g, 1, 4, 5).map((p) => p.nodes)).toEqual([
      [1, 5, 4],
      [1, 2, 3, 4],
      [1, 6, 7, 8, 4],
    ]);
    expect(kShortestPaths(g, 1, 4, 5, 3).length).toBe(2);
  });
});

describe('articulation points', () => {
  it('names the accounts whose removal splits the ring', () => {
    const g = new Graph({ type: 'undirected' });
    for (const [a, b] of [
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'a'],
      ['c', 'd'],
      ['d', 'e'],
    ])
      g.mergeEdge(a!, b!);
    expect([...articulationPoints(g)].sort()).toEqual(['c', 'd']);
  });
});

describe('warning lists, places, hotspots, complainants', () => {
  it('matches warning list entries by kind', () => {
    const entries = [
      { type: 'ip_address', match: 'cidr' as const, value: '100.64.0.0/10', reason: 'CGNAT' },
      { type: 'payment_account', match: 'prefix' as const, value: 'ESCROW-', reason: 'escrow' },
    ];
    expect(matchWarning(entries, 'ip_address', ['100.100.3.4'])?.reason).toBe('CGNAT');
    expect(matchWarning(entries, 'ip_address', ['8.8.8.8'])).toBeUndefined();
    expect(matchWarning(entries, 'payment_account', ['escrow-77'])?.reason).toBe('escrow');
  });

  it('resolves province and city names in Chinese and Latin forms', () => {
    expect(['广东省', '广东', 'Guangdong', 'Guangdong Province'].map(canonicalProvince)).toEqual(
      Array(4).fill('Guangdong'),
    );
    expect(['深圳市', '深圳', 'Shenzhen'].map(canonicalCity)).toEqual(Array(3).fill('Shenzhen'));
  });

  it('tallies evidence by region with the top-N share', () => {
    const h = tallyHotspots(
      [
        { kind: 'testbuy', province: 'Guangdong', city: 'Shenzhen', category: 'shoes' },
        { kind: 'testbuy', province: 'Guangdong', city: 'Shenzhen', category: 'shoes' },
        { kind: 'complaint', province: 'Fujian', city: 'Putian', category: 'shoes' },
        { kind: 'complaint', province: 'Hebei', city: 'Baoding', category: 'bags' },
      ],
      2,
    );
    expect(h.byRegion[0]).toMatchObject({
      city: 'Shenzhen',
      counterfeitTestBuys: 2,
      total: 2,
      share: 0.5,
    });
    expect(h.topNShare).toBe(0.75);
    expect(h.byCategory[0]).toMatchObject({ category: 'shoes', total: 3 });
  });

  it('flags a complainant with mostly unfounded complaints and says why', () => {
    const complaints = Array.from({ length: 10 }, (_, i) => ({
      id: i,
      filedAt: `2025-03-0${(i % 9) + 1}`,
      outcome: i < 8 ? 'refuted' : 'upheld',
      listingsRemoved: 1,
      salesLost: 1000,
      evidenceFingerprint: 'same',
      targetShop: 100 + i,
    }));
    const d = dossier({
      complainant: { id: 1, key: 'c', type: 'complainant', label: 'Agent' },
      kind: 'agent',
      complaints,
      shopsWithCounterfeitEvidence: new Set(),
      fingerprintUses: new Map([['same', 10]]),
      linkedSellers: [],
    });
    expect(d).toMatchObject({
      total: 10,
      unfounded: 8,
      unfoundedShare: 0.8,
      flagged: true,
      recycledEvidence: 10,
      maxComplaintsIn14Days: 10,
    });
    expect(d.reasons.join('\n')).toMatch(/8 of 10 complaints were unfounded/);
    const honest = dossier({
      complainant: { id: 2, key: 'h', type: 'complainant', label: 'Brand' },
      kind: 'rights_holder',
      complaints: complaints.map((c) => ({ ...c, outcome: 'upheld', evidenceFingerprint: null })),
      shopsWithCounterfeitEvidence: new Set(complaints.map((c) => c.targetShop)),
      fingerprintUses: new Map(),
      linkedSellers: [],
    });
    expect(honest.flagged).toBe(false);
  });
});

describe('sampled betweenness', () => {
  it('equals exact betweenness when every node is a source', async () => {
    const { sampledBetweenness } = await import('../../../../electron/core/graph/explain');
    const betweenness = (await import('graphology-metrics/centrality/betweenness')).default;
    const g = new Graph({ type: 'undirected' });
    for (const [a, b] of [
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd'],
      ['b', 'e'],
      ['e', 'f'],
      ['f', 'c'],
      ['d', 'g'],
    ])
      g.mergeEdge(a!, b!);
    const exact = betweenness(g, { normalized: true });
    const sampled = sampledBetweenness(g, 100);
    for (const v of g.nodes()) expect(sampled[v]).toBeCloseTo(exact[v]!, 6);
  });
});
