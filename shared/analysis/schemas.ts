/**
 * Results of the ring engine as they cross IPC, the CLI's --json and evidence packets.
 * The engine returns these shapes; the UI and packets only read them.
 */
import { z } from 'zod';
import { MatchCitation } from '../identity/schemas';

/** Who the ring members are: sellers and shops, companies and people, or user accounts. */
export const ANALYSIS_PROFILES = ['marketplace', 'corporate', 'account'] as const;
export const AnalysisProfile = z.enum(ANALYSIS_PROFILES);
export type AnalysisProfile = z.infer<typeof AnalysisProfile>;

export const RingSettings = z.object({
  /**
   * Member types and ties: marketplace (sellers, shops), corporate (companies, people,
   * organisations), account (user accounts). Default: from what the case holds.
   */
  profile: AnalysisProfile.optional(),
  /** An identifier touching more member accounts than this is a hub and is suppressed (overrides the data-driven rule). */
  hubThreshold: z.number().int().min(2).optional(),
  /** Floor of the data-driven hub threshold: an identifier touching this many accounts or fewer is never a hub by the numbers. */
  minHubThreshold: z.number().int().min(2).default(30),
  /** Outlier rule per identifier type: median + k x MAD of log-degree (MAD scaled to a normal's sigma). */
  hubMadFactor: z.number().positive().default(3),
  /** Share rule: an identifier touching more than this share of the case's member accounts is a hub. */
  hubShare: z.number().positive().max(1).default(0.02),
  /** Rings with more member accounts than this are split into communities (and those into connected parts) until they fit. */
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
  reason: z.enum(['threshold', 'warning-list', 'override']),
  detail: z.string(),
  /** The threshold in force for this identifier's type (threshold rule). */
  threshold: z.number().optional(),
  /** Share of the case's member accounts it touches (0..1). */
  share: z.number().optional(),
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
  /** Every member, whatever its type (corporate and account profiles have no sellers or shops). */
  members: z.array(EntityRef).optional(),
  /** Set when the ring is larger than maxRingSize and could not be split: why. */
  oversized: z.string().nullable().optional(),
});
export type Ring = z.infer<typeof Ring>;

/** How the hub threshold of one identifier type was found, with the degrees it was found from. */
export const HubThresholdOfType = z.object({
  type: z.string(),
  label: z.string(),
  threshold: z.number(),
  /** Which limit set it: the floor, the outlier rule, the share rule, or the investigator's fixed threshold. */
  rule: z.enum(['floor', 'outlier', 'share', 'kind', 'fixed']),
  /** Identifiers of this type touching two or more member accounts (the statistic's sample). */
  tying: z.number(),
  median: z.number(),
  /** Median absolute deviation of ln(degree), unscaled. */
  madLog: z.number(),
  outlierLimit: z.number(),
  shareLimit: z.number(),
  floor: z.number(),
  /** Degree histogram: [degree, identifiers with that degree], for identifiers touching 1+ accounts. */
  histogram: z.array(z.tuple([z.number(), z.number()])),
});
export type HubThresholdOfType = z.infer<typeof HubThresholdOfType>;

/** One of the investigator's hub decisions, with the identifier it names as a person reads it. */
export const HubDecisionOfCase = z.object({
  key: z.string(),
  /** The identifier's label (an address, a company name), or its key if it is no longer in the case. */
  label: z.string(),
  type: z.string(),
  decision: z.enum(['hub', 'not-hub']),
  reason: z.string(),
  by: z.string(),
  at: z.string(),
});
export type HubDecisionOfCase = z.infer<typeof HubDecisionOfCase>;

export const RingAnalysis = z.object({
  record: AnalysisRecord,
  /** The lowest per-type hub threshold in force (or the fixed one); per type in `hubThresholds`. */
  hubThreshold: z.number(),
  profile: AnalysisProfile.optional(),
  /** Member accounts the analysis considered (the denominator of the share rule). */
  memberAccounts: z.number().optional(),
  hubThresholds: z.array(HubThresholdOfType).optional(),
  suppressedHubs: z.array(SuppressedHub),
  /** The investigator's hub decisions, labelled (the record keeps them by key). */
  hubDecisions: z.array(HubDecisionOfCase).optional(),
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
  /** For an identifier no member touches directly (a bank account behind payment accounts): the identifiers in between, so the tie reads as a chain. */
  via: z.array(EntityRef).optional(),
});
export type SharedIdentifier = z.infer<typeof SharedIdentifier>;

export const Leader = z.object({
  entity: EntityRef,
  degree: z.number(),
  betweenness: z.number(),
  articulation: z.boolean(),
});

/** A link between two members of the ring itself (ownership, directorship, payment, related). */
export const DirectTie = z.object({
  from: EntityRef,
  to: EntityRef,
  links: z.array(LinkEvidence),
});
export type DirectTie = z.infer<typeof DirectTie>;

export const RingExplanation = z.object({
  ringId: z.string(),
  summary: z.string(),
  sharedIdentifiers: z.array(SharedIdentifier),
  directTies: z.array(DirectTie).optional(),
  /** Confirmed identity matches that tie this ring (resolved identities), with the decision. */
  resolvedIdentities: z.array(MatchCitation).optional(),
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
