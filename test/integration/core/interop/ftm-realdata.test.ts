/**
 * FollowTheMoney on real streams (../shared/realdata/ftm: ICIJ's Luanda Leaks from Aleph,
 * OpenSanctions' zala fixture): nothing lost on the way in or out, judged by independent
 * tools: Python's json module for what the stream holds, networkx for its components,
 * OCCRP's @alephdata/followthemoney for what an export may contain.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Model, defaultModel } from '@alephdata/followthemoney';
import { closeCase, createCase, type CaseStore } from '../../../../electron/core/store/open';
import {
  exportFtm,
  importFtm,
  PLACEHOLDER_NOTE,
  type FtmObject,
} from '../../../../electron/core/interop/ftm';
import { loadLinkGraph } from '../../../../electron/core/graph/link-graph';
import { tempDir } from '../../../support/bundles';

const REAL = resolve('../shared/realdata/ftm');
const STREAMS = ['icij_luanda_leaks.ftm.jsonl', 'zala_sanctions_ownership.ftm.jsonl'];
const present = existsSync(REAL);
if (!present) console.log(`skipping FtM real-data tests: ${REAL} is absent`);

function python(script: string): string {
  const r = spawnSync('/usr/bin/python3', ['-c', script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
  return r.stdout;
}

/** What the stream holds, read by Python: per id its schema, properties as sorted sets and metadata. */
function pythonView(file: string): Record<string, unknown> {
  return JSON.parse(
    python(`
import json
out = {}
for line in open(${JSON.stringify(file)}, encoding='utf-8'):
    if not line.strip(): continue
    o = json.loads(line)
    meta = {k: v for k, v in o.items() if k not in ('id', 'schema', 'properties')}
    out[o['id']] = {'schema': o['schema'], 'properties': {k: sorted(set(v)) for k, v in o['properties'].items()}, 'meta': meta}
print(json.dumps(out))
`),
  ) as Record<string, unknown>;
}

const view = (objects: readonly FtmObject[]) =>
  Object.fromEntries(
    objects.map((o) => {
      const { id, schema, properties, ...meta } = o;
      return [
        id,
        {
          schema,
          properties: Object.fromEntries(
            Object.entries(properties).map(([k, v]) => [k, [...new Set(v)].sort()]),
          ),
          meta,
        },
      ];
    }),
  );

let dir: string;
beforeAll(() => {
  dir = tempDir('ringlens-ftm-real-');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const open: CaseStore[] = [];
afterEach(() => {
  for (const s of open.splice(0)) closeCase(s);
});
const newCase = (name: string) => {
  const s = createCase(join(dir, `${name}.ringlens`), 'pass');
  open.push(s);
  return s;
};

describe.skipIf(!present)('FollowTheMoney real streams', () => {
  for (const stream of STREAMS) {
    it(`round-trips ${stream}: every id, schema, property value and metadata back, valid for OCCRP's model`, async () => {
      const file = join(REAL, stream);
      const store = newCase(stream);
      await importFtm(store, file, { actor: 't', allowUnsigned: true });
      const out = [...exportFtm(store.db)];
      // Lossless by id, schema and property values (as sets), metadata included.
      expect(view(out)).toEqual(pythonView(file));
      // Every exported object is one Aleph's own model accepts. OpenSanctions writes FtM 4,
      // whose Company has an `abbreviation` that OCCRP's newest JS model (3.8.4) lacks: the
      // export must validate exactly as the stream itself does, and nothing else may fail.
      const model = new Model(defaultModel);
      const problems = (objects: readonly FtmObject[]) => {
        const found: string[] = [];
        for (const o of objects) {
          try {
            const e = model.getEntity(o);
            if (e.schema.abstract) found.push(`${o.schema} is abstract`);
            for (const name of Object.keys(o.properties))
              if (!e.schema.hasProperty(name)) found.push(`${o.schema} has no property ${name}`);
          } catch (err) {
            found.push(`${o.schema} ${o.id}: ${(err as Error).message}`);
          }
        }
        return found.sort();
      };
      const input = readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as FtmObject);
      expect(problems(out)).toEqual(problems(input));
      expect(problems(out)).toEqual(
        stream.startsWith('zala')
          ? ['Company NK-abdzbEBkqyT29GyREbiURZ: Property does not exist: abbreviation']
          : [],
      );
    });
  }

  it('keeps every name of the zala stream (Cyrillic ones too) and OpenSanctions metadata in the case', async () => {
    const file = join(REAL, 'zala_sanctions_ownership.ftm.jsonl');
    const store = newCase('zala-names');
    await importFtm(store, file, { actor: 't', allowUnsigned: true });
    const expected = JSON.parse(
      python(`
import json
n = 0
for line in open(${JSON.stringify(file)}, encoding='utf-8'):
    o = json.loads(line)
    n += len(o['properties'].get('name', []))
print(n)
`),
    ) as number;
    let names = 0;
    let cyrillic = 0;
    for (const { props } of store.db.prepare('SELECT props FROM entities').all() as {
      props: string;
    }[]) {
      const p = JSON.parse(props) as {
        name?: string;
        extra?: Record<string, string[]>;
        properties?: Record<string, string[]>;
      };
      const list =
        p.properties?.name ?? p.extra?.name ?? (p.extra?.['ftm:id'] && p.name ? [p.name] : []);
      if (p.extra?.['ftm:placeholder']) continue;
      names += list.length;
      cyrillic += list.filter((n) => /\p{Script=Cyrillic}/u.test(n)).length;
    }
    expect(names).toBe(expected);
    expect(cyrillic).toBeGreaterThan(10);
    const person = JSON.parse(
      store.db
        .prepare(`SELECT props FROM entities WHERE key = 'NK-2Tbri3s6GgNtAwsSXh4qpL'`)
        .pluck()
        .get() as string,
    ) as { extra: Record<string, string[]> };
    expect(person.extra.name).toContain('Мария Александровна Осетрова');
    expect(JSON.parse(person.extra['ftm:meta']![0]!)).toMatchObject({
      datasets: expect.any(Array),
      referents: expect.any(Array),
      first_seen: expect.any(String),
      last_seen: expect.any(String),
    });
  });

  it('links every reference of the zala stream: its components are networkx components on the raw references, dangling ones as counted placeholders', async () => {
    const file = join(REAL, 'zala_sanctions_ownership.ftm.jsonl');
    // networkx on the raw stream: nodes are the entities (not intervals) and every id
    // referenced; edges are the intervals' ends and every entity-reference property (per
    // OCCRP's model, exported here so Python reads the same property list).
    const model = new Model(defaultModel);
    const refs: Record<string, string[]> = {};
    const edges: Record<string, [string, string]> = {};
    for (const sc of model.getSchemata()) {
      refs[sc.name] = [...sc.getProperties()]
        .filter(([, p]) => p.type.name === 'entity' && !p.stub)
        .map(([n]) => n);
      if (sc.edge) edges[sc.name] = [sc.edge.source, sc.edge.target];
    }
    const modelFile = join(dir, 'refs.json');
    writeFileSync(modelFile, JSON.stringify({ refs, edges }));
    const oracle = JSON.parse(
      python(`
import json, networkx as nx
m = json.load(open(${JSON.stringify(modelFile)}))
objs = [json.loads(l) for l in open(${JSON.stringify(file)}, encoding='utf-8') if l.strip()]
ids = {o['id'] for o in objs}
g = nx.Graph()
intervals = set()
for o in objs:
    e = m['edges'].get(o['schema'])
    if e and o['properties'].get(e[0]) and o['properties'].get(e[1]): intervals.add(o['id'])
for o in objs:
    if o['id'] not in intervals: g.add_node(o['id'])
for o in objs:
    p = o['properties']
    e = m['edges'].get(o['schema'])
    if o['id'] in intervals:
        for s in p[e[0]]:
            for t in p[e[1]]: g.add_edge(s, t)
        anchor = p[e[0]][0]
        for r in m['refs'][o['schema']]:
            if r in e: continue
            end = p[e[1]][0] if r.startswith(e[1]) else anchor
            for v in p.get(r, []):
                if v not in intervals: g.add_edge(end, v)
    else:
        for r in m['refs'][o['schema']]:
            for v in p.get(r, []):
                if v not in intervals: g.add_edge(o['id'], v)
print(json.dumps({'components': nx.number_connected_components(g), 'nodes': g.number_of_nodes(), 'dangling': len([n for n in g.nodes if n not in ids])}))
`),
    ) as { components: number; nodes: number; dangling: number };
    const store = newCase('zala-graph');
    const r = await importFtm(store, file, { actor: 't', allowUnsigned: true });
    expect(r.placeholders).toBe(oracle.dangling);
    expect(r.placeholders).toBeGreaterThan(0);
    const g = loadLinkGraph(store.db);
    const parent = new Int32Array(g.size).map((_, i) => i);
    const find = (v: number): number => (parent[v] === v ? v : (parent[v] = find(parent[v]!)));
    for (let e = 0; e < g.edgeCount; e++) parent[find(g.edgeSrc[e]!)] = find(g.edgeDst[e]!);
    const roots = new Set<number>();
    let nodes = 0;
    for (let v = 1; v < g.size; v++)
      if (g.nodeType[v] !== 255) {
        nodes++;
        roots.add(find(v));
      }
    expect(nodes).toBe(oracle.nodes);
    expect(roots.size).toBe(oracle.components);
    expect(roots.size).toBe(1);
    // Placeholders say what they are.
    const marked = store.db
      .prepare(
        `SELECT count(*) FROM entities WHERE json_extract(props, '$.extra."ftm:placeholder"[0]') = ?`,
      )
      .pluck()
      .get(PLACEHOLDER_NOTE);
    expect(marked).toBe(oracle.dangling);
  });

  it('refuses a stream with dangling references when asked to, citing the stream line', async () => {
    const file = join(REAL, 'zala_sanctions_ownership.ftm.jsonl');
    const store = newCase('zala-refuse');
    const err = await importFtm(store, file, {
      actor: 't',
      allowUnsigned: true,
      refuseDangling: true,
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'ROW_INVALID',
      location: { file: 'zala_sanctions_ownership.ftm.jsonl', line: expect.any(Number) },
    });
    expect((err as Error).message).toMatch(/referenced entities are not in this stream/);
    const line = readFileSync(file, 'utf8').split('\n')[
      (err as { location: { line: number } }).location.line - 1
    ]!;
    const firstId = /the first, (\S+),/.exec((err as Error).message)![1]!;
    expect(line).toContain(firstId);
    expect(store.db.prepare('SELECT count(*) FROM entities').pluck().get()).toBe(0);
  });
});
