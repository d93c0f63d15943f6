/**
 * Results of the ring engine as they cross IPC, the CLI's --json and evidence packets.
 * The engine returns these shapes; the UI and packets only read them.
 */
import { z } from 'zod';

export const RingSettings = z.object({
  /** An identifier touching more member accounts than this is a hub and is suppressed. */
  hubThreshold: z.number().int().min(2).optional(),
  /** Floor of the data-driven hub threshold. */
  minHubThreshold: z.number().int().min(2).default(30),
  /** The data-driven threshold is this multiple of the 99th percentile of identifier degrees. */
  hubPercentileFactor: z.number().positive().default(5),
  /** Components with more member accounts than this are split into communities. */
  maxRingSize: z.number().int().min(3).default(60),
  louvainResolution: z.number().positive().default(1),
  seed: z.number().int().default(1),
});
export type RingSettings = z.infer<typeof RingSettings>;

export const AnalysisRecord = z.object({
  algorithm: z.string(),
  codeVersion: z.string(),
  parameters: z.record(z.string(), z.unknown()),
  seed: z.number(),
  warningListVersion: z.string(),
  inputHash: z.string(),
  nodes: z.number(),
  edges: z.number(),
});
export type AnalysisRecord = z.infer<typeof AnalysisRecord>;

export const SuppressedHub = z.object({
  entityId: z.number(),
  key: z.string(),
  type: z.string(),
  label: z.string(),
  degree: z.number(),
  reason: z.enum(['threshold', 'warning-list']),
  detail: z.string(),
});
export type SuppressedHub = z.infer<typeof SuppressedHub>;

export const EntityRef = z.object({
  id: z.number(),
  key: z.string(),
  type: z.string(),
  label: z.string(),
});
export type EntityRef = z.infer<typeof EntityRef>;

export const ScoreTerm = z.object({
  term: z.string(),
  label: z.string(),
  value: z.number(),
  weight: z.number(),
  contribution: z.number(),
});
export type ScoreTerm = z.infer<typeof ScoreTerm>;

export const Ring = z.object({
  id: z.string(),
  rank: z.number(),
  score: z.number(),
  terms: z.array(ScoreTerm),
  sellers: z.array(EntityRef),
  shops: z.array(EntityRef),
  identifiers: z.array(EntityRef),
  /** Set when the ring is a Louvain community of a larger component. */
  community: z.object({ componentSize: z.number(), modularity: z.number() }).nullable(),
});
export type Ring = z.infer<typeof Ring>;

export const RingAnalysis = z.object({
  record: AnalysisRecord,
  hubThreshold: z.number(),
  suppressedHubs: z.array(SuppressedHub),
  rings: z.array(Ring),
});
export type RingAnalysis = z.infer<typeof RingAnalysis>;

export const SourceRow = z.object({
  bundleId: z.string(),
  bundleSha256: z.string(),
  signer: z.string().nullable(),
  signature: z.string(),
  file: z.string(),
  line: z.number(),
});
export type SourceRow = z.infer<typeof SourceRow>;

export const LinkEvidence = z.object({
  linkId: z.number(),
  type: z.string(),
  from: EntityRef,
  to: EntityRef,
  sources: z.array(SourceRow),
});
export type LinkEvidence = z.infer<typeof LinkEvidence>;

export const SharedIdentifier = z.object({
  identifier: EntityRef,
  members: z.array(EntityRef),
  links: z.array(LinkEvidence),
});
export type SharedIdentifier = z.infer<typeof SharedIdentifier>;

export const Leader = z.object({
  entity: EntityRef,
  degree: z.number(),
  betweenness: z.number(),
  articulation: z.boolean(),
});

export const RingExplanation = z.object({
  ringId: z.string(),
  summary: z.string(),
  sharedIdentifiers: z.array(SharedIdentifier),
  leaders: z.array(Leader),
});
export type RingExplanation = z.infer<typeof RingExplanation>;

export const PathStep = z.object({
  entity: EntityRef,
  via: z.object({ linkId: z.number(), type: z.string(), forward: z.boolean() }).nullable(),
});
export const Path = z.object({ hops: z.number(), steps: z.array(PathStep) });
export type Path = z.infer<typeof Path>;

export const ComplainantDossier = z.object({
  complainant: EntityRef,
  kind: z.string(),
  total: z.number(),
  unfounded: z.number(),
  unfoundedShare: z.number(),
  byOutcome: z.record(z.string(), z.number()),
  unfoundedPerMonth: z.record(z.string(), z.number()),
  listingsRemoved: z.number(),
  salesLost: z.number(),
  targetsWithoutCounterfeitEvidence: z.number(),
  recycledEvidence: z.number(),
  linkedCompetitors: z.array(EntityRef),
  maxComplaintsIn14Days: z.number(),
  score: z.number(),
  flagged: z.boolean(),
  reasons: z.array(z.string()),
});
export type ComplainantDossier = z.infer<typeof ComplainantDossier>;

/**
 * One shipping-origin region. `province` and `city` are canonical English names (`unknown`
 * when the address lacks them); `provinceZh`/`cityZh` the short Chinese names; `lon`/`lat`
 * where the region is drawn (the city's centre, else the province's, else the country's, as
 * `precision` says), null when the place is not in the app's geographic data.
 */
export const HotspotRow = z.object({
  country: z.string(),
  province: z.string(),
  provinceZh: z.string().nullable(),
  city: z.string(),
  cityZh: z.string().nullable(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  precision: z.enum(['city', 'province', 'country']).nullable(),
  counterfeitTestBuys: z.number(),
  upheldComplaints: z.number(),
  total: z.number(),
  share: z.number(),
});
export type HotspotRow = z.infer<typeof HotspotRow>;
export const Hotspots = z.object({
  byRegion: z.array(HotspotRow),
  byProvince: z.array(
    z.object({
      province: z.string(),
      provinceZh: z.string().nullable(),
      lon: z.number().nullable(),
      lat: z.number().nullable(),
      total: z.number(),
      share: z.number(),
    }),
  ),
  /** By shipping-origin country (ISO 3166-1 alpha-2, or `unknown`); `name` as on the world map. */
  byCountry: z.array(
    z.object({
      country: z.string(),
      name: z.string(),
      lon: z.number().nullable(),
      lat: z.number().nullable(),
      total: z.number(),
      share: z.number(),
    }),
  ),
  byCategory: z.array(z.object({ category: z.string(), total: z.number(), share: z.number() })),
  topN: z.number(),
  topNShare: z.number(),
  /** Evidence whose shipping origin is not known: counted, never a region. */
  unlocated: z.number(),
  unlocatedShare: z.number(),
  total: z.number(),
});
export type Hotspots = z.infer<typeof Hotspots>;

export const TimelineEvent = z.object({
  at: z.string(),
  kind: z.string(),
  entity: EntityRef,
  text: z.string(),
});
export type TimelineEvent = z.infer<typeof TimelineEvent>;
