/**
 * The case overview: every ring's members and identifiers, the suppressed hubs their accounts
 * touch, and the identifiers that tie two or more rings, as one graph (schema shared by the
 * engine that builds it and the view that draws it).
 */
import { z } from 'zod';

export const OverviewRing = z.object({
  id: z.string(),
  rank: z.number(),
  score: z.number(),
  members: z.number(),
  identifiers: z.number(),
});
export const OverviewNode = z.object({
  id: z.string(),
  entityId: z.number(),
  type: z.string(),
  label: z.string(),
  role: z.enum(['member', 'identifier', 'hub', 'tie']),
  /** Index into `rings` of the ring this node belongs to; -1 for hubs and ties. */
  ring: z.number(),
});
export const OverviewEdge = z.object({
  id: z.string(),
  source: z.string(),
  target: z.string(),
  type: z.string(),
});
export const CaseOverview = z.object({
  rings: z.array(OverviewRing),
  nodes: z.array(OverviewNode),
  edges: z.array(OverviewEdge),
  /** Set when the case has more elements than asked for: the lowest-ranked rings were left out. */
  truncated: z.boolean(),
});
export type CaseOverview = z.infer<typeof CaseOverview>;
export type OverviewNode = z.infer<typeof OverviewNode>;
