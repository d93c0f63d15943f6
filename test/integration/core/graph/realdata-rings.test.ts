/**
 * Ring analysis on data we did not make (../shared/realdata/): the ICIJ Offshore Leaks
 * subgraph, Olist's closed sales deals and sellers, and two FollowTheMoney streams, each
 * imported through the normal importers. Expected figures come from Python's csv/json
 * modules and networkx reading the raw files, never from Ringlens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { closeCase, type CaseStore } from '../../../../electron/core/store/open';
import { analyseCase, type AnalysisContext } from '../../../../electron/core/graph/analyse';
import { explainRing } from '../../../../electron/core/graph/explain';
import { setHubOverride } from '../../../../electron/core/graph/hub-overrides';
import { listAudit } from '../../../../electron/core/audit/log';
import type { RingAnalysis } from '../../../../shared/analysis/schemas';
import {
  ftmCase,
  hasRealdata,
  icijRows,
  olistDealsRows,
  olistSellersRows,
  python,
  REALDATA,
  realCase,
} from '../../../support/realdata';

const cases: { store: CaseStore; dir: string }[] = [];
async function open(c: Promise<{ store: CaseStore; dir: string }>) {
  const x = await c;
  cases.push(x);
  return x;
}
afterAll(() => {
  for (const c of cases) {
    closeCase(c.store);
    rmSync(c.dir, { recursive: true, force: true });
  }
});

/** Member keys of every ring, sorted, as comparable strings. */
const ringSets = (a: RingAnalysis) =>
  a.rings.map((r) =>
    r
      .members!.map((m) => m.key)
      .sort()
      .join(','),
  );

/**
 * networkx's components over the raw graph (written by the Python script given), with the
 * nodes our analysis suppressed removed; only components with two or more member nodes.
 */
function networkxComponents(dir: string, buildGraph: string, hubKeys: readonly string[]) {
  const hubsFile = join(dir, 'hubs.json');
  writeFileSync(hubsFile, JSON.stringify(hubKeys));
  const out = python(`
import json, csv, networkx as nx
${buildGraph}
g.remove_nodes_from(json.load(open(${JSON.stringify(hubsFile)})))
comps = []
for c in nx.connected_components(g):
    m = sorted(x for x in c if x in members)
    if len(m) >= 2: comps.append(','.join(m))
print(json.dumps(sorted(comps)))
`);
  return JSON.parse(out) as string[];
}

/** Our rings against networkx's components: equal where they fit, partitions where split. */
function expectComponentsAgree(a: RingAnalysis, components: readonly string[], max: number) {
  const ours = ringSets(a);
  for (const comp of components) {
    const size = comp.split(',').length;
    if (size <= max) expect(ours, `component of ${size}`).toContain(comp);
    else {
      const inside = new Set(comp.split(','));
      const parts = a.rings.filter((r) => r.members!.some((m) => inside.has(m.key)));
      // Every ring made from a split component lies wholly inside it.
      for (const p of parts) for (const m of p.members!) expect(inside.has(m.key)).toBe(true);
      expect(parts.length).toBeGreaterThan(0);
    }
  }
  // And no ring of ours is missing from networkx's answer (or outside one of its components).
  const all = new Set(components.flatMap((c) => c.split(',')));
  for (const r of a.rings) for (const m of r.members!) expect(all.has(m.key)).toBe(true);
  for (const r of a.rings)
    if (r.members!.length > max)
      expect(r.oversized, `${r.id} is over the limit`).toMatch(/^oversized: could not be split/);
}

/**
 * The bundle row ids behind entity keys: an identifier's key is built from its identity
 * (an address, an account number), while the raw files (and so networkx) know row ids.
 */
function rowIds(db: Database, keys: readonly string[]): string[] {
  const stmt = db.prepare(
    'SELECT a.alias FROM entity_aliases a JOIN entities e ON e.id = a.entity WHERE e.key = ?',
  );
  return keys.flatMap((k) => {
    const aliases = stmt.pluck().all(k) as string[];
    return aliases.length ? aliases : [k];
  });
}

interface LinkRow {
  src: string;
  dst: string;
  type: string;
}
/** Every link of the case as stored, by entity key (a direct query, not the engine's graph). */
function storedLinks(db: Database): LinkRow[] {
  return db
    .prepare(
      'SELECT s.key AS src, d.key AS dst, l.type FROM links l JOIN entities s ON s.id = l.src JOIN entities d ON d.id = l.dst',
    )
    .all() as LinkRow[];
}

/**
 * Every explanation of every ring, checked claim by claim against the stored links: the
 * member count, every identifier's "shared by" members, the most-shared count, the direct
 * links between members. (These datasets have no listings or orders, so every tie is a link
 * from a member to an identifier, to another member, or along an identifier chain.)
 */
function expectExplanationsTrue(store: CaseStore, ctx: AnalysisContext) {
  const links = storedLinks(store.db);
  const neighbours = new Map<string, { key: string; type: string }[]>();
  for (const l of links) {
    neighbours.set(l.src, [...(neighbours.get(l.src) ?? []), { key: l.dst, type: l.type }]);
    neighbours.set(l.dst, [...(neighbours.get(l.dst) ?? []), { key: l.src, type: l.type }]);
  }
  const hubKeys = new Set(ctx.analysis.suppressedHubs.map((h) => h.key));
  let claims = 0;
  for (const ring of ctx.analysis.rings) {
    const members = new Set(ring.members!.map((m) => m.key));
    const ex = explainRing(store.db, ctx, ring.id);
    expect(ex.summary).toContain(`${ring.id} joins ${ring.members!.length} member account`);
    for (const s of ex.sharedIdentifiers) {
      const direct = (k: string) =>
        (neighbours.get(k) ?? []).map((n) => n.key).filter((n) => members.has(n));
      let expected = [...new Set(direct(s.identifier.key))];
      if (expected.length === 0) {
        const via = (neighbours.get(s.identifier.key) ?? [])
          .map((n) => n.key)
          .filter((k) => !members.has(k) && !hubKeys.has(k) && direct(k).length > 0);
        expect(s.via!.map((v) => v.key).sort()).toEqual([...new Set(via)].sort());
        expected = [...new Set(via.flatMap(direct))];
      }
      expect(s.members.map((m) => m.key).sort(), `${ring.id} ${s.identifier.label}`).toEqual(
        expected.sort(),
      );
      expect(s.members.length).toBeGreaterThanOrEqual(2);
      claims++;
    }
    const most = /linked to (\d+) of the ring’s (\d+) members/.exec(ex.summary);
    if (ex.sharedIdentifiers.length) {
      const top = Math.max(...ex.sharedIdentifiers.map((s) => s.members.length));
      expect(Number(most![1])).toBe(top);
      expect(Number(most![2])).toBe(members.size);
      claims++;
    } else expect(most).toBeNull();
    const ties = links.filter(
      (l) => members.has(l.src) && members.has(l.dst) && l.src !== l.dst && l.type !== 'operates',
    );
    const said = /(\d+) direct links? joins? members/.exec(ex.summary);
    if (ties.length) expect(Number(said![1])).toBe(ties.length);
    else expect(said).toBeNull();
    expect(ex.directTies!.flatMap((t) => t.links).length).toBe(ties.length);
    expect(ex.summary).not.toMatch(/share \.|because \./);
    claims++;
  }
  return claims;
}

const ICIJ_GRAPH = `
nodes = {r['node_id']: r['node_type'] for r in csv.DictReader(open(${JSON.stringify(join(REALDATA, 'icij/subgraph_1_intermediaries_nodes.csv'))}))}
kind = {'Entity': 'company', 'Intermediary': 'company', 'Officer': 'person', 'Address': 'warehouse'}
key = lambda n: kind[nodes[n]] + ':icij-' + n
g = nx.Graph()
g.add_nodes_from(key(n) for n in nodes)
for e in csv.DictReader(open(${JSON.stringify(join(REALDATA, 'icij/subgraph_1_intermediaries_edges.csv'))})):
    g.add_edge(key(e['source']), key(e['target']))
members = {key(n) for n, t in nodes.items() if t != 'Address'}
`;

describe.skipIf(!hasRealdata)('ICIJ Offshore Leaks subgraph (corporate profile)', () => {
  let store: CaseStore;
  let dir: string;
  beforeAll(async () => {
    ({ store, dir } = await open(realCase('icij', icijRows())));
  });

  it('suppresses the registered-agent address and the service providers without any flag, with the numbers', () => {
    const a = analyseCase(store.db).analysis;
    expect(a.profile).toBe('corporate');
    expect(a.record.parameters.profile).toBe('corporate');
    // networkx: each named node's neighbours that are member accounts (companies and people).
    const degrees = JSON.parse(
      python(`
import json, csv, networkx as nx
${ICIJ_GRAPH}
names = {r['node_id']: (r['name'] or r['address']) for r in csv.DictReader(open(${JSON.stringify(join(REALDATA, 'icij/subgraph_1_intermediaries_nodes.csv'))}))}
out = {}
for n in nodes:
    if names[n].startswith(('Argyle House', 'Appleby Services (Bermuda)', 'PricewaterhouseCoopers', 'Deloitte', "Canon's Court")):
        d = len([m for m in g[key(n)] if m in members])
        if d > 30: out[key(n)] = [names[n], d]
print(json.dumps(out))
`),
    ) as Record<string, [string, number]>;
    // Argyle House, Canon's Court, Appleby Services (Bermuda), PwC and Deloitte Bermuda.
    expect(Object.keys(degrees).length).toBeGreaterThanOrEqual(5);
    for (const [key, [name, degree]] of Object.entries(degrees)) {
      const hub = a.suppressedHubs.find((h) => rowIds(store.db, [h.key]).includes(key));
      expect(hub, `${name} is suppressed`).toBeDefined();
      expect(hub!.degree, name).toBe(degree);
      expect(hub!.reason).toBe('threshold');
      expect(hub!.detail).toContain(`${degree}`);
      expect(hub!.detail).toContain(`${hub!.threshold}`);
      expect(hub!.detail).toMatch(/median/);
    }
    const argyle = Object.values(degrees).find(([n]) => n.startsWith('Argyle'))!;
    expect(argyle[1]).toBe(744);
    expect(a.rings.every((r) => r.members!.length < 100)).toBe(true);
  });

  it('finds the components networkx finds once the hubs are set aside', () => {
    const a = analyseCase(store.db).analysis;
    const comps = networkxComponents(
      dir,
      ICIJ_GRAPH,
      rowIds(
        store.db,
        a.suppressedHubs.map((h) => h.key),
      ),
    );
    expect(comps.length).toBeGreaterThan(0);
    // Once the hubs are out every component fits, so each must be one of our rings exactly.
    expect(comps.every((c) => c.split(',').length <= 60)).toBe(true);
    expectComponentsAgree(a, comps, 60);
  });

  it('splits the hub-welded giant component until every ring fits maxRingSize, reproducibly', () => {
    const welded = { hubThreshold: 1_000_000 };
    const a = analyseCase(store.db, welded).analysis;
    const comps = networkxComponents(dir, ICIJ_GRAPH, []);
    const giant = Math.max(...comps.map((c) => c.split(',').length));
    expect(giant).toBeGreaterThan(700);
    expectComponentsAgree(a, comps, 60);
    const split = a.rings.filter((r) => r.community?.componentSize === giant);
    expect(split.length).toBeGreaterThan(5);
    for (const r of split)
      if (r.members!.length > 60) expect(r.oversized).toMatch(/^oversized: could not be split/);
    expect(split.filter((r) => r.members!.length <= 60).length).toBeGreaterThan(5);
    expect(ringSets(analyseCase(store.db, { ...welded, seed: 1 }).analysis)).toEqual(ringSets(a));
  });

  it('explains every ring truthfully, claim by claim', () => {
    const ctx = analyseCase(store.db);
    expect(ctx.analysis.rings.length).toBeGreaterThan(0);
    expect(expectExplanationsTrue(store, ctx)).toBeGreaterThan(3);
  });

  it('lets the investigator mark an identifier as a hub, audited, and take it back', () => {
    const before = analyseCase(store.db).analysis;
    const shared = before.rings.flatMap((r) => r.identifiers)[0]!;
    setHubOverride(store.db, {
      key: shared.key,
      decision: 'hub',
      reason: 'registered agent of the jurisdiction',
      actor: 'tester',
    });
    const after = analyseCase(store.db).analysis;
    const hub = after.suppressedHubs.find((h) => h.key === shared.key)!;
    expect(hub.reason).toBe('override');
    expect(hub.detail).toContain('registered agent of the jurisdiction');
    expect(after.rings.flatMap((r) => r.identifiers).map((i) => i.key)).not.toContain(shared.key);
    expect(after.record.parameters.hubOverrides).toEqual([
      expect.objectContaining({ key: shared.key, decision: 'hub' }),
    ]);
    expect(listAudit(store.db).at(-1)).toMatchObject({
      action: 'ring.hub-override',
      object: shared.key,
    });
    setHubOverride(store.db, { key: shared.key, decision: null, reason: '', actor: 'tester' });
    expect(ringSets(analyseCase(store.db).analysis)).toEqual(ringSets(before));
  });
});

describe.skipIf(!hasRealdata)('Olist closed deals (marketplace profile)', () => {
  let store: CaseStore;
  beforeAll(async () => {
    ({ store } = await open(realCase('olist-deals', olistDealsRows())));
  });

  it('sets aside every sales rep who closed deals with two or more sellers, so the staff weld no ring', () => {
    const a = analyseCase(store.db).analysis;
    expect(a.profile).toBe('marketplace');
    expect(a.memberAccounts).toBe(842);
    const reps = JSON.parse(
      python(`
import csv, json, collections
rows = list(csv.DictReader(open(${JSON.stringify(join(REALDATA, 'ecommerce/olist_marketing_closed_deals_dataset.csv'))}, encoding='utf-8-sig'), delimiter=';'))
out = {}
for col in ('sdr_id', 'sr_id'):
    sellers = collections.defaultdict(set)
    for r in rows:
        if r[col]: sellers[r[col]].add(r['seller_id'])
    for rep, s in sellers.items(): out['person:olist-' + col + '-' + rep] = len(s)
print(json.dumps(out))
`),
    ) as Record<string, number>;
    const tying = Object.entries(reps).filter(([, n]) => n >= 2);
    expect(tying.length).toBe(43);
    for (const [key, n] of tying) {
      const hub = a.suppressedHubs.find((h) => h.key === key);
      expect(hub, key).toBeDefined();
      expect(hub!.degree).toBe(n);
    }
    // The sales reps (sr_id) named in the data: the 22 are all set aside or tie nobody.
    expect(Object.keys(reps).filter((k) => k.includes('-sr_id-')).length).toBe(22);
    expect(a.rings).toEqual([]);
    const top = a.suppressedHubs[0]!;
    expect(top.detail).toContain('140 member accounts, 16.6% of the case’s 842'.replace('’', "'"));
  });
});

const OLIST_SELLERS_GRAPH = `
g = nx.Graph()
members = set()
for r in csv.DictReader(open(${JSON.stringify(join(REALDATA, 'ecommerce/olist_sellers_dataset.csv'))}, encoding='utf-8-sig')):
    s = 'seller:olist-' + r['seller_id']
    members.add(s)
    g.add_node(s)
    g.add_edge(s, 'warehouse:zip-' + r['seller_zip_code_prefix'])
`;

describe.skipIf(!hasRealdata)('Olist sellers sharing zip prefixes (size limit)', () => {
  let store: CaseStore;
  let dir: string;
  beforeAll(async () => {
    ({ store, dir } = await open(realCase('olist-sellers', olistSellersRows())));
  });

  it('keeps maxRingSize: with no hub suppression every part fits or is reported oversized with the reason', () => {
    const a = analyseCase(store.db, { hubThreshold: 1_000_000, maxRingSize: 20 }).analysis;
    expect(a.rings.length).toBeGreaterThan(100);
    for (const r of a.rings)
      if (r.members!.length > 20)
        expect(r.oversized).toMatch(
          /^oversized: could not be split. Its \d+ member accounts \(limit 20\)/,
        );
    const comps = networkxComponents(dir, OLIST_SELLERS_GRAPH, []);
    expectComponentsAgree(a, comps, 20);
    // Deterministic: the same seed gives the same rings.
    const again = analyseCase(store.db, { hubThreshold: 1_000_000, maxRingSize: 20, seed: 1 });
    expect(ringSets(again.analysis)).toEqual(ringSets(a));
  });

  it('by default sets the crowded zip prefixes aside and agrees with networkx on the rest', () => {
    const a = analyseCase(store.db).analysis;
    const comps = networkxComponents(
      dir,
      OLIST_SELLERS_GRAPH,
      rowIds(
        store.db,
        a.suppressedHubs.map((h) => h.key),
      ),
    );
    expect(comps.every((c) => c.split(',').length <= 60)).toBe(true);
    expectComponentsAgree(a, comps, 60);
    for (const r of a.rings) expect(r.members!.length).toBeLessThanOrEqual(60);
    expect(expectExplanationsTrue(store, analyseCase(store.db))).toBeGreaterThan(10);
  });
});

/** Members and edges of an FtM stream as FollowTheMoney defines them (edge schemata's two ends). */
const ftmGraph = (file: string) => `
EDGES = {'Ownership': ('owner', 'asset'), 'Directorship': ('director', 'organization'), 'Family': ('person', 'relative'),
         'Associate': ('person', 'associate'), 'Membership': ('member', 'organization'), 'Employment': ('employee', 'employer'),
         'UnknownLink': ('subject', 'object'), 'Representation': ('agent', 'client'), 'Payment': ('payer', 'beneficiary')}
ents = [json.loads(l) for l in open(${JSON.stringify(join(REALDATA, file))}) if l.strip()]
members = {e['id'] for e in ents if e['schema'] in ('Company', 'Person', 'Organization', 'LegalEntity') and e['properties'].get('name')}
g = nx.Graph()
g.add_nodes_from(members)
for e in ents:
    if e['schema'] in EDGES:
        a, b = EDGES[e['schema']]
        for x in e['properties'].get(a, []):
            for y in e['properties'].get(b, []):
                if x in members and y in members: g.add_edge(x, y)
`;

describe
  .skipIf(!hasRealdata)
  .each([['ftm/icij_luanda_leaks.ftm.jsonl'], ['ftm/zala_sanctions_ownership.ftm.jsonl']])(
  'FollowTheMoney stream %s (corporate profile)',
  (file) => {
    let store: CaseStore;
    let dir: string;
    beforeAll(async () => {
      ({ store, dir } = await open(ftmCase(file)));
    });

    it('gives rings under the corporate profile, the components networkx gives', () => {
      const ctx = analyseCase(store.db);
      const a = ctx.analysis;
      expect(a.profile).toBe('corporate');
      expect(a.rings.length).toBeGreaterThan(0);
      // FtM ids are the entity keys after import: strip nothing, compare directly.
      const comps = networkxComponents(
        dir,
        ftmGraph(file),
        rowIds(
          store.db,
          a.suppressedHubs.map((h) => h.key),
        ),
      );
      expectComponentsAgree(a, comps, 60);
      expect(expectExplanationsTrue(store, ctx)).toBeGreaterThan(0);
      // The marketplace profile finds nothing here, and says so by having no member accounts.
      const market = analyseCase(store.db, { profile: 'marketplace' }).analysis;
      expect(market.rings).toEqual([]);
      expect(market.memberAccounts).toBe(0);
    });
  },
);
