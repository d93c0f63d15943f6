/**
 * Ring analysis over a case: the I/O edge around the pure detection and scoring. Reads the
 * graph and the few properties it needs, keeps ring ids stable through the registry, and
 * returns results with the record an opposing expert needs to reproduce them.
 */
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import {
  RingSettings,
  type AnalysisRecord,
  type HubDecisionOfCase,
  type EntityRef,
  type Ring,
  type RingAnalysis,
  type SuppressedHub,
} from '../../../shared/analysis/schemas';
import { RinglensError } from '../../../shared/errors';
import { ENTITY_INFO, type EntityType } from '../../../shared/domain/entity-types';
import { CODE_VERSION } from '../version';
import { FACT_COUNTERFEIT_TEST_BUY, FACT_LAB_REPORT, FACT_UPHELD } from './entity-facts';
import { getLinkGraph, linkTypeOf, typeOf, type LinkGraph } from './link-graph';
import {
  detectRings,
  identifierDegrees,
  isDirectTie,
  ringGraphView,
  type Detection,
  type RingGraphView,
} from './ring-detection';
import { effectiveWarningList, matchWarning } from './warning-lists';
import { hubOverrides } from './hub-overrides';
import { cachedRefs, noteRefs, storeRefs } from './graph-snapshot-refs';
import { phaseClock, type PhaseTimes } from './phase-clock';

/** Hub decisions are part of ring analysis' public surface (the CLI and the API set them). */
export { hubOverrides, setHubOverride, type HubOverrideEntry } from './hub-overrides';
import type { HubOverride } from './ring-detection';
import { defaultProfile, PROFILE_TYPES } from './profiles';
import { assignRingIds, type KnownRing } from './stable-ids';
import { scoreRing, type RingFacts } from './scoring';
import { identityDecisionsVersion, loadConfirmedTies } from '../identity/ring-ties';
import { loadStoredAnalysis, storeAnalysis, storedAnalysisKey } from './analysis-cache';

export const RING_ALGORITHM =
  'connected components over shared linking identifiers and direct member ties, with per-type robust hub suppression (median + k MAD of log-degree, share of member accounts, floor); components over maxRingSize split by seeded Louvain into connected parts, recursively';

const SETTING_HELP: Record<string, string> = {
  profile: 'one of marketplace, corporate, account',
  hubThreshold: 'a whole number of accounts, 2 or more',
  minHubThreshold: 'a whole number of accounts, 2 or more',
  hubMadFactor: 'a positive number (3 is usual)',
  hubShare: 'a share of member accounts above 0 and at most 1 (0.02 is 2%)',
  maxRingSize: 'a whole number of accounts, 3 or more',
  louvainResolution: 'a positive number (1 is usual)',
  seed: 'a whole number',
};

/**
 * Ring settings checked before anything runs: a bad value is refused with the setting's
 * name, what it got and what it takes, and nothing in the case changes.
 */
export function parseRingSettings(input: unknown): RingSettings {
  const r = RingSettings.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const name = String(issue.path[0] ?? 'settings');
  const got = (input as Record<string, unknown> | null)?.[name];
  throw new RinglensError(
    'INVALID_ARGUMENT',
    `ring setting “${name}” cannot be ${JSON.stringify(got)}: it must be ${SETTING_HELP[name] ?? issue.message}`,
    { field: name, hint: 'nothing was changed; run the analysis again with a valid value' },
  );
}

/** Keys of the identifiers this analysis suppressed as hubs (for freeze lists and figures). */
export function suppressedHubKeys(analysis: RingAnalysis): ReadonlySet<string> {
  return new Set(analysis.suppressedHubs.map((h) => h.key));
}

/** Whether an identifier (by entity key or entity id) is a suppressed hub in this analysis. */
export function isSuppressedHub(analysis: RingAnalysis, keyOrId: string | number): boolean {
  return analysis.suppressedHubs.some((h) =>
    typeof keyOrId === 'number' ? h.entityId === keyOrId : h.key === keyOrId,
  );
}

/** Entity refs by id, in batches; fingerprint nodes (>= graph.size) become virtual refs. */
export function entityRefs(
  db: Database,
  graph: LinkGraph,
  view: RingGraphView | undefined,
  ids: Iterable<number>,
  /** Refs read already (taken from here, not read again). */
  known?: ReadonlyMap<number, EntityRef>,
): Map<number, EntityRef> {
  const out = new Map<number, EntityRef>();
  const real: number[] = [];
  // Refs a ring analysis read before in this graph generation come from one kept row.
  const kept = cachedRefs(db);
  for (const id of ids) {
    if (known?.has(id)) out.set(id, known.get(id)!);
    else if (id >= graph.size && view) {
      const fp = view.fingerprintValues[id - graph.size]!;
      out.set(id, {
        id: -(id - graph.size + 1),
        key: `image|${fp}`,
        type: 'image_fingerprint',
        label: `product photo ${fp.slice(0, 10)}`,
      });
    } else if (kept?.has(id)) out.set(id, kept.get(id)!);
    else real.push(id);
  }
  const stmt = db.prepare(
    `SELECT id, key, type, label FROM entities WHERE id IN (SELECT value FROM json_each(?))`,
  );
  for (let i = 0; i < real.length; i += 5000) {
    const rows = stmt.all(JSON.stringify(real.slice(i, i + 5000))) as EntityRef[];
    for (const r of rows) out.set(r.id, r);
    noteRefs(db, rows);
  }
  return out;
}

export function entityProps(
  db: Database,
  ids: readonly number[],
): Map<number, Record<string, unknown>> {
  const out = new Map<number, Record<string, unknown>>();
  const stmt = db.prepare(
    `SELECT id, props FROM entities WHERE id IN (SELECT value FROM json_each(?))`,
  );
  for (let i = 0; i < ids.length; i += 5000) {
    for (const r of stmt.all(JSON.stringify(ids.slice(i, i + 5000))) as {
      id: number;
      props: string;
    }[])
      out.set(r.id, JSON.parse(r.props) as Record<string, unknown>);
  }
  return out;
}

function inputHash(graph: LinkGraph): string {
  const h = createHash('sha256');
  for (const a of [graph.edgeLinkId, graph.edgeSrc, graph.edgeDst])
    h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  h.update(graph.edgeType);
  h.update(graph.nodeType);
  h.update(graph.fingerprints.value.join(','));
  return h.digest('hex');
}

/** Identifiers on a warning list (only those touching 2+ accounts can matter, so only they are read). */
function warnedIdentifiers(
  db: Database,
  view: RingGraphView,
  degrees: Int32Array,
): { warned: Map<number, string>; version: string; refs: Map<number, EntityRef> } {
  const list = effectiveWarningList(db);
  // An entry matches only identifiers of its own type, so only identifiers of a type some
  // entry names are read (an entity of a type the graph does not know is read to be sure).
  const listed = new Set(list.entries.map((e) => e.type));
  const candidates: number[] = [];
  for (let v = 1; v < view.total; v++) {
    if (degrees[v]! < 2) continue;
    const type = v >= view.graph.size ? 'image_fingerprint' : typeOf(view.graph, v);
    if (type === undefined || listed.has(type)) candidates.push(v);
  }
  const refs = entityRefs(db, view.graph, view, candidates);
  const warned = new Map<number, string>();
  for (const v of candidates) {
    const ref = refs.get(v)!;
    const identity = ref.key.includes('|')
      ? ref.key.slice(ref.key.indexOf('|') + 1).split('|')
      : [];
    const hit = matchWarning(list.entries, ref.type, [ref.label, ...identity]);
    if (hit) warned.set(v, `warning list: ${hit.reason}`);
  }
  return { warned, version: list.version, refs };
}

interface Neighbourhood {
  listings: number[];
  orders: number[];
  complaints: number[];
}

/** A ring's listings, orders and the complaints against it, from the graph. */
function neighbourhood(graph: LinkGraph, members: readonly number[]): Neighbourhood {
  const listings = new Set<number>();
  const orders = new Set<number>();
  const complaints = new Set<number>();
  const around = (v: number, visit: (e: number, u: number) => void) => {
    for (let i = graph.adjStart[v]!; i < graph.adjStart[v + 1]!; i++) {
      const e = graph.adjEdge[i]!;
      visit(e, graph.edgeSrc[e] === v ? graph.edgeDst[e]! : graph.edgeSrc[e]!);
    }
  };
  for (const m of members) {
    around(m, (e, u) => {
      const t = linkTypeOf(graph, e);
      if (t === 'lists' && typeOf(graph, u) === 'listing') listings.add(u);
      if (t === 'targets' && typeOf(graph, u) === 'complaint') complaints.add(u);
    });
  }
  for (const l of listings) {
    around(l, (e, u) => {
      const t = linkTypeOf(graph, e);
      if (t === 'bought' && typeOf(graph, u) === 'order') orders.add(u);
      if (t === 'targets' && typeOf(graph, u) === 'complaint') complaints.add(u);
    });
  }
  const sorted = (s: Set<number>) => [...s].sort((a, b) => a - b);
  return { listings: sorted(listings), orders: sorted(orders), complaints: sorted(complaints) };
}

function ringFacts(
  graph: LinkGraph,
  members: readonly number[],
  identifiers: readonly EntityRef[],
  directTies: number,
): RingFacts {
  const hood = neighbourhood(graph, members);
  // Scoring's property facts come with the graph (entity-facts.ts), not from each ring's rows.
  const facts = graph.facts!;
  let counterfeitTestBuys = 0;
  let orderValue = 0;
  let upheldComplaints = 0;
  let lastActivity: string | null = null;
  for (const list of [members, hood.listings, hood.orders, hood.complaints])
    for (const v of list) {
      const i = facts.dateIndex[v]!;
      if (i >= 0 && (lastActivity === null || facts.dates[i]! > lastActivity))
        lastActivity = facts.dates[i]!;
    }
  let labReports = 0;
  for (const o of hood.orders) {
    const f = facts.flags[o]!;
    if (f & FACT_COUNTERFEIT_TEST_BUY) {
      counterfeitTestBuys++;
      if (f & FACT_LAB_REPORT) labReports++;
    }
    if (!Number.isNaN(facts.amount[o]!)) orderValue += facts.amount[o]!;
  }
  for (const c of hood.complaints) if (facts.flags[c]! & FACT_UPHELD) upheldComplaints++;
  const sharedByKind: Record<string, number> = {};
  for (const i of identifiers) sharedByKind[i.type] = (sharedByKind[i.type] ?? 0) + 1;
  return {
    shops: members.filter((m) => typeOf(graph, m) === 'shop').length,
    sellers: members.filter((m) => typeOf(graph, m) === 'seller').length,
    members: members.length,
    counterfeitTestBuys,
    labReports,
    upheldComplaints,
    orderValue,
    sharedIdentifierKinds: new Set(identifiers.map((i) => i.type)).size,
    sharedIdentifiers: identifiers.length,
    sharedByKind,
    directTies,
    lastActivity: lastActivity ? lastActivity.slice(0, 10) : null,
  };
}

/** Links between two members of the ring (not `operates`): direct ties. */
function directTieCount(view: RingGraphView, members: readonly number[]): number {
  const g = view.graph;
  const set = new Set(members);
  let n = 0;
  for (const m of members)
    for (let i = g.adjStart[m]!; i < g.adjStart[m + 1]!; i++) {
      const e = g.adjEdge[i]!;
      const o = g.edgeSrc[e] === m ? g.edgeDst[e]! : g.edgeSrc[e]!;
      if (m < o && set.has(o) && isDirectTie(view, m, o, e)) n++;
    }
  return n;
}

function readRegistry(db: Database): KnownRing[] {
  return (
    db.prepare('SELECT ring_id, members FROM ring_registry ORDER BY ring_id').all() as {
      ring_id: string;
      members: string;
    }[]
  ).map((r) => ({
    ringId: r.ring_id,
    members: JSON.parse(r.members) as string[],
  }));
}

function writeRegistry(
  db: Database,
  rings: readonly { id: string; memberKeys: readonly string[] }[],
  now: string,
): void {
  const upsert =
    db.prepare(`INSERT INTO ring_registry (ring_id, members, first_seen, last_seen) VALUES (?, ?, ?, ?)
    ON CONFLICT (ring_id) DO UPDATE SET members = excluded.members, last_seen = excluded.last_seen WHERE members <> excluded.members`);
  db.transaction(() => {
    for (const r of rings) upsert.run(r.id, JSON.stringify(r.memberKeys), now, now);
  })();
}

export interface AnalysisContext {
  readonly graph: LinkGraph;
  readonly view: RingGraphView;
  readonly detection: Detection;
  readonly analysis: RingAnalysis;
  /** Ring id -> member node ids and identifier node ids (for explanations and figures). */
  readonly nodes: ReadonlyMap<
    string,
    { members: readonly number[]; identifiers: readonly number[] }
  >;
}

const contexts = new WeakMap<Database, { key: string; ctx: AnalysisContext }>();

/** Finds, scores and ranks the rings of a case. Results are cached per graph and settings. */
/** The case's own analysis settings (set by the investigator), under any per-call overrides. */
export function caseRingSettings(db: Database): Partial<RingSettings> {
  const v = db.prepare("SELECT value FROM settings WHERE key = 'ring.settings'").pluck().get() as
    string | undefined;
  return v ? RingSettings.partial().parse(JSON.parse(v)) : {};
}

/** The hub decisions with the label and type of the identifier each names. */
function labelledHubDecisions(db: Database): HubDecisionOfCase[] {
  const byKey = db.prepare('SELECT type, label FROM entities WHERE key = ?');
  return hubOverrides(db).map((o) => {
    const photo = o.key.startsWith('image|') ? o.key.slice(6) : null;
    const ref = photo
      ? { type: 'image_fingerprint', label: `product photo ${photo.slice(0, 10)}` }
      : ((byKey.get(o.key) as { type: string; label: string } | undefined) ?? {
          type: 'unknown',
          label: o.key,
        });
    return { ...o, type: ref.type, label: ref.label };
  });
}

/** Overrides by ring-graph node (entity keys resolved; product photos by `image|<hash>`). */
function overrideNodes(db: Database, view: RingGraphView): Map<number, HubOverride> {
  const out = new Map<number, HubOverride>();
  const byKey = db.prepare('SELECT id FROM entities WHERE key = ?').pluck();
  for (const o of hubOverrides(db)) {
    const node = o.key.startsWith('image|')
      ? view.fingerprintValues.indexOf(o.key.slice(6)) + view.graph.size
      : ((byKey.get(o.key) as number | undefined) ?? -1);
    if (node >= 0 && node >= (o.key.startsWith('image|') ? view.graph.size : 1))
      out.set(node, { decision: o.decision, reason: o.reason });
  }
  return out;
}

export function analyseCase(
  db: Database,
  settingsInput: Partial<RingSettings> = {},
  /** Filled with the time of each phase (for the benchmark). */
  times?: PhaseTimes,
): AnalysisContext {
  let mark = phaseClock(times);
  const settings = parseRingSettings({ ...caseRingSettings(db), ...settingsInput });
  const profile = settings.profile ?? defaultProfile(db);
  mark('settings, profile');
  const graph = getLinkGraph(db, times);
  mark = phaseClock(times);
  const warningVersion = effectiveWarningList(db).version;
  const overridesJson = JSON.stringify(hubOverrides(db));
  // Confirmed identity matches change the rings, so their version is in the cache key.
  const cacheKey = `${graph.maxEntityId}:${graph.maxLinkId}:${JSON.stringify(settings)}:${profile}:${warningVersion}:${overridesJson}:${identityDecisionsVersion(db)}`;
  const cached = contexts.get(db);
  if (cached && cached.key === cacheKey) return cached.ctx;

  mark('cache key');
  const view = ringGraphView(graph, profile);
  mark('ring graph view');
  // A fresh process reuses the analysis stored under the same key (analysis-cache.ts).
  const storedKey = storedAnalysisKey(db, cacheKey);
  const stored = loadStoredAnalysis(db, storedKey, graph, view);
  if (stored) {
    const ctx: AnalysisContext = { graph, view, ...stored };
    contexts.set(db, { key: cacheKey, ctx });
    mark('stored analysis');
    return ctx;
  }
  const degrees = identifierDegrees(view);
  mark('identifier degrees');
  const { warned, version, refs: candidateRefs } = warnedIdentifiers(db, view, degrees);
  mark('warning lists');
  const detection = detectRings(
    view,
    settings,
    warned,
    overrideNodes(db, view),
    loadConfirmedTies(db, view).ties,
    degrees,
  );
  mark('detection');
  const refs = entityRefs(
    db,
    graph,
    view,
    [
      ...detection.rings.flatMap((r) => [...r.members, ...r.identifiers]),
      ...detection.hubs.map((h) => h.node),
    ],
    candidateRefs,
  );
  mark('entity refs');
  storeRefs(db, refs);
  mark('entity refs: store');

  const memberKeys = detection.rings.map((r) => r.members.map((m) => refs.get(m)!.key).sort());
  const ids = assignRingIds(memberKeys, readRegistry(db));
  // Recency is measured against the case's own latest ring activity, never the clock,
  // so the same case scores the same tomorrow.
  const facts = detection.rings.map((r) =>
    ringFacts(
      graph,
      r.members,
      r.identifiers.map((v) => refs.get(v)!),
      directTieCount(view, r.members),
    ),
  );
  const reference = facts.reduce<string | null>(
    (max, f) => (f.lastActivity && (!max || f.lastActivity > max) ? f.lastActivity : max),
    null,
  );
  const rings: Ring[] = detection.rings.map((r, i) => {
    const { score, terms } = scoreRing(facts[i]!, reference);
    return {
      id: ids[i]!,
      rank: 0,
      score,
      terms,
      sellers: r.members.filter((m) => typeOf(graph, m) === 'seller').map((m) => refs.get(m)!),
      shops: r.members.filter((m) => typeOf(graph, m) === 'shop').map((m) => refs.get(m)!),
      identifiers: r.identifiers.map((v) => refs.get(v)!),
      community: r.community,
      members: r.members.map((m) => refs.get(m)!),
      oversized: r.oversized,
    };
  });
  mark('ring ids, facts, scores');
  rings.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  rings.forEach((r, i) => (r.rank = i + 1));

  writeRegistry(
    db,
    detection.rings.map((_, i) => ({ id: ids[i]!, memberKeys: memberKeys[i]! })),
    new Date().toISOString(),
  );
  mark('ring registry');

  const suppressedHubs: SuppressedHub[] = detection.hubs
    .map((h) => {
      const ref = refs.get(h.node)!;
      return {
        entityId: ref.id,
        key: ref.key,
        type: ref.type,
        label: ref.label,
        degree: h.degree,
        reason: h.reason,
        detail: h.detail,
        ...(h.threshold === undefined ? {} : { threshold: h.threshold }),
        share: Math.round((h.degree / Math.max(1, detection.memberAccounts)) * 10_000) / 10_000,
      };
    })
    .sort((a, b) => b.degree - a.degree || a.key.localeCompare(b.key));

  const record: AnalysisRecord = {
    algorithm: RING_ALGORITHM,
    codeVersion: CODE_VERSION,
    parameters: {
      ...settings,
      profile,
      memberTypes: PROFILE_TYPES[profile].members,
      hubThresholdUsed: detection.threshold,
      hubThresholdsByType: Object.fromEntries(
        [...detection.thresholds.values()].map((t) => [t.type, t.threshold]),
      ),
      hubOverrides: JSON.parse(overridesJson) as unknown,
      linkingTypes: (Object.keys(ENTITY_INFO) as EntityType[]).filter(
        (t) => ENTITY_INFO[t].linking && !PROFILE_TYPES[profile].members.includes(t),
      ),
    },
    seed: settings.seed,
    warningListVersion: version,
    inputHash: inputHash(graph),
    nodes: graph.size - 1,
    edges: graph.edgeCount,
  };
  const analysis: RingAnalysis = {
    record,
    hubThreshold: detection.threshold,
    profile,
    memberAccounts: detection.memberAccounts,
    hubThresholds: [...detection.thresholds.values()],
    suppressedHubs,
    hubDecisions: labelledHubDecisions(db),
    rings,
  };
  mark('record, input hash, hubs');
  const nodes = new Map(
    detection.rings.map((r, i) => [ids[i]!, { members: r.members, identifiers: r.identifiers }]),
  );
  const ctx: AnalysisContext = { graph, view, detection, analysis, nodes };
  contexts.set(db, { key: cacheKey, ctx });
  storeAnalysis(db, storedKey, ctx);
  return ctx;
}

export function findRing(ctx: AnalysisContext, ringId: string): Ring {
  const ring = ctx.analysis.rings.find((r) => r.id === ringId);
  if (!ring)
    throw new RinglensError('NOT_FOUND', `no ring ${ringId} in this case`, {
      hint: 'list the rings with `ringlens rings CASE`',
    });
  return ring;
}
