/**
 * "How is this shop connected to that bank account?": shortest paths over the whole link
 * graph (links taken in either direction), and the k shortest loopless paths up to a hop
 * limit (Yen's algorithm with breadth-first search, since every link counts as one hop).
 */
import type { LinkGraph } from './link-graph';

export interface RawPath {
  readonly nodes: readonly number[];
  /** Edge indices between consecutive nodes. */
  readonly edges: readonly number[];
}

function bfs(
  g: LinkGraph,
  from: number,
  to: number,
  maxHops: number,
  bannedNodes: ReadonlySet<number>,
  bannedEdges: ReadonlySet<number>,
): RawPath | undefined {
  if (from === to) return { nodes: [from], edges: [] };
  const prevNode = new Map<number, number>([[from, -1]]);
  const prevEdge = new Map<number, number>();
  let frontier = [from];
  for (let hop = 0; hop < maxHops && frontier.length; hop++) {
    const next: number[] = [];
    for (const v of frontier) {
      for (let i = g.adjStart[v]!; i < g.adjStart[v + 1]!; i++) {
        const e = g.adjEdge[i]!;
        if (bannedEdges.has(e)) continue;
        const u = g.edgeSrc[e] === v ? g.edgeDst[e]! : g.edgeSrc[e]!;
        if (prevNode.has(u) || bannedNodes.has(u)) continue;
        prevNode.set(u, v);
        prevEdge.set(u, e);
        if (u === to) {
          const nodes = [to];
          const edges: number[] = [];
          let at = to;
          while (at !== from) {
            edges.push(prevEdge.get(at)!);
            at = prevNode.get(at)!;
            nodes.push(at);
          }
          return { nodes: nodes.reverse(), edges: edges.reverse() };
        }
        next.push(u);
      }
    }
    frontier = next;
  }
  return undefined;
}

export function shortestPath(
  g: LinkGraph,
  from: number,
  to: number,
  maxHops = 12,
): RawPath | undefined {
  return bfs(g, from, to, maxHops, new Set(), new Set());
}

/** Yen's k shortest loopless paths, each at most `maxHops` links long. */
export function kShortestPaths(
  g: LinkGraph,
  from: number,
  to: number,
  k: number,
  maxHops = 8,
): RawPath[] {
  const first = shortestPath(g, from, to, maxHops);
  if (!first) return [];
  const found: RawPath[] = [first];
  const candidates: RawPath[] = [];
  const key = (p: RawPath) => p.edges.join(',');
  const seen = new Set([key(first)]);
  while (found.length < k) {
    const last = found[found.length - 1]!;
    for (let i = 0; i < last.nodes.length - 1; i++) {
      const spur = last.nodes[i]!;
      const rootNodes = last.nodes.slice(0, i + 1);
      const rootEdges = last.edges.slice(0, i);
      const bannedEdges = new Set<number>();
      for (const p of found) {
        if (
          p.nodes.length > i &&
          p.edges.slice(0, i).join(',') === rootEdges.join(',') &&
          p.nodes[i] === spur &&
          p.edges[i] !== undefined
        )
          bannedEdges.add(p.edges[i]!);
      }
      const bannedNodes = new Set(rootNodes.slice(0, -1));
      const spurPath = bfs(g, spur, to, maxHops - i, bannedNodes, bannedEdges);
      if (!spurPath) continue;
      const candidate = {
        nodes: [...rootNodes.slice(0, -1), ...spurPath.nodes],
        edges: [...rootEdges, ...spurPath.edges],
      };
      if (candidate.edges.length > maxHops || seen.has(key(candidate))) continue;
      seen.add(key(candidate));
      candidates.push(candidate);
    }
    if (!candidates.length) break;
    // Shortest first; equal lengths by their edge sequence, so results are reproducible.
    candidates.sort((a, b) => a.edges.length - b.edges.length || key(a).localeCompare(key(b)));
    found.push(candidates.shift()!);
  }
  return found;
}
