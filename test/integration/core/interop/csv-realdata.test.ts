/**
 * Real public CSV files (../shared/realdata: ICIJ Offshore Leaks nodes and edges, the Olist
 * marketplace sellers and its semicolon-separated closed-deals file) imported through the
 * mapping files shipped in resources/mappings, with no preprocessing. Expected figures come
 * from Python's csv module and networkx on the raw files, never from Ringlens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { closeCase, createCase, type CaseStore } from '../../../../electron/core/store/open';
import {
  importMappedCsv,
  readMapping,
  type MappedImportResult,
} from '../../../../electron/core/interop/csv-mapping';
import { readCsvTable } from '../../../../electron/core/interop/csv-read';
import { tempDir } from '../../../support/bundles';

const ROOT = join(import.meta.dirname, '../../../..');
const REAL = join(ROOT, '../shared/realdata');
const MAPPINGS = join(ROOT, 'resources/mappings');
const ICIJ_NODES = join(REAL, 'icij/subgraph_1_intermediaries_nodes.csv');
const ICIJ_EDGES = join(REAL, 'icij/subgraph_1_intermediaries_edges.csv');
const SELLERS = join(REAL, 'ecommerce/olist_sellers_dataset.csv');
const DEALS = join(REAL, 'ecommerce/olist_marketing_closed_deals_dataset.csv');
const present = existsSync(REAL);
if (!present) console.log(`skipping real-data CSV tests: ${REAL} is absent`);

function python(script: string): unknown {
  const r = spawnSync('/usr/bin/python3', ['-c', script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

const counts = (store: CaseStore) =>
  Object.fromEntries(
    (
      store.db.prepare('SELECT type, count(*) AS n FROM entities GROUP BY type').all() as {
        type: string;
        n: number;
      }[]
    ).map((r) => [r.type, r.n]),
  );

describe.skipIf(!present)('real CSV files through the shipped mappings', () => {
  let dir: string;
  let store: CaseStore;
  beforeAll(() => {
    dir = tempDir('ringlens-realcsv-');
  });
  afterAll(() => {
    if (store) closeCase(store);
    rmSync(dir, { recursive: true, force: true });
  });
  const importWith = (file: string, mapping: string): Promise<MappedImportResult> =>
    importMappedCsv(store, file, readMapping(join(MAPPINGS, mapping)), {
      allowUnsigned: true,
      actor: 'tester',
    });

  it('imports the ICIJ node file with its types, then the edge file, as networkx sees it', async () => {
    store = createCase(join(dir, 'icij.ringlens'), 'test passphrase');
    const nodes = await importWith(ICIJ_NODES, 'icij-nodes.json');
    const edges = await importWith(ICIJ_EDGES, 'icij-edges.json');
    const want = python(`
import csv, json, collections, networkx as nx, datetime
nodes = list(csv.DictReader(open(${JSON.stringify(ICIJ_NODES)}, newline='', encoding='utf-8')))
edges = list(csv.DictReader(open(${JSON.stringify(ICIJ_EDGES)}, newline='', encoding='utf-8')))
kind = {'Entity': 'company', 'Officer': 'person', 'Intermediary': 'company', 'Address': 'warehouse'}
g = nx.Graph()
g.add_nodes_from(r['node_id'] for r in nodes)
g.add_edges_from((r['source'], r['target']) for r in edges)
dated = next(r for r in nodes if r['incorporation_date'])
print(json.dumps({
  'types': collections.Counter(kind[r['node_type']] for r in nodes),
  'rows': len(nodes), 'edges': len(edges),
  'components': sorted((len(c) for c in nx.connected_components(g)), reverse=True),
  'dated': [dated['node_id'], datetime.datetime.strptime(dated['incorporation_date'], '%d-%b-%Y').date().isoformat()],
}))`) as {
      types: Record<string, number>;
      rows: number;
      edges: number;
      components: number[];
      dated: [string, string];
    };
    expect(nodes.entityRows).toBe(want.rows);
    expect(nodes.report.conflicts).toEqual([]);
    expect(counts(store)).toEqual(want.types);
    expect(edges.linkRows).toBe(want.edges);
    expect(edges.newEntities).toBe(0);
    expect(store.db.prepare('SELECT count(*) FROM links').pluck().get()).toBe(want.edges);

    // Components of the imported graph (union-find over the case's links) against networkx.
    const ids = store.db.prepare('SELECT id FROM entities').pluck().all() as number[];
    const parent = new Map(ids.map((i) => [i, i]));
    const find = (x: number): number => {
      while (parent.get(x) !== x) x = parent.get(x)!;
      return x;
    };
    for (const { src, dst } of store.db.prepare('SELECT src, dst FROM links').all() as {
      src: number;
      dst: number;
    }[])
      parent.set(find(src), find(dst));
    const sizes = new Map<number, number>();
    for (const i of ids) sizes.set(find(i), (sizes.get(find(i)) ?? 0) + 1);
    expect([...sizes.values()].sort((a, b) => b - a)).toEqual(want.components);
    expect(want.components.length).toBe(24);

    // A declared date format (23-MAR-2006) read as Python's strptime reads it.
    const props = JSON.parse(
      store.db
        .prepare(
          'SELECT e.props FROM entities e JOIN entity_aliases a ON a.entity = e.id WHERE a.alias = ? UNION ALL SELECT props FROM entities WHERE key = ?',
        )
        .pluck()
        .get(`icij:${want.dated[0]}`, `icij:${want.dated[0]}`) as string,
    ) as { extra: Record<string, string[]> };
    expect(props.extra.incorporationDate).toEqual([want.dated[1]]);
  });

  it('imports both Olist files into one case, reporting every repeated zip prefix that disagrees', async () => {
    closeCase(store);
    store = createCase(join(dir, 'olist.ringlens'), 'test passphrase');
    const sellers = await importWith(SELLERS, 'olist-sellers.json');
    const deals = await importWith(DEALS, 'olist-closed-deals.json');
    const want = python(`
import csv, json
s = list(csv.DictReader(open(${JSON.stringify(SELLERS)}, newline='', encoding='utf-8')))
d = list(csv.DictReader(open(${JSON.stringify(DEALS)}, newline='', encoding='utf-8-sig'), delimiter=';'))
first, conflicts = {}, []
r = csv.reader(open(${JSON.stringify(SELLERS)}, newline='', encoding='utf-8'))
header = next(r)
for row in r:
    x = dict(zip(header, row)); line = r.line_num
    z = x['seller_zip_code_prefix']
    if z not in first: first[z] = (x, line); continue
    f, fl = first[z]
    for col, prop in (('seller_city', 'address.city'), ('seller_state', 'address.province')):
        if f[col] != x[col]: conflicts.append(['olist:zip:' + z, prop, f[col], fl, x[col], line])
staff = set(x['sdr_id'] for x in d) | set(x['sr_id'] for x in d)
print(json.dumps({
  'sellers': len(s), 'zips': len(first), 'conflicts': conflicts,
  'allSellers': len(set(x['seller_id'] for x in s) | set(x['seller_id'] for x in d)),
  'deals': len(d), 'staff': len(staff),
  'dealLinks': len(set((x['sdr_id'], x['seller_id']) for x in d)) + len(set((x['sr_id'], x['seller_id']) for x in d)),
}))`) as {
      sellers: number;
      zips: number;
      conflicts: [string, string, string, number, string, number][];
      allSellers: number;
      deals: number;
      staff: number;
      dealLinks: number;
    };
    expect(sellers.report.rows).toBe(want.sellers);
    expect(sellers.linkRows).toBe(want.sellers);
    // Each conflict with both values and both lines; none kept silently.
    expect(
      sellers.report.conflicts.map((c) => [
        c.id,
        c.prop,
        c.kept.value,
        c.kept.line,
        c.other.value,
        c.other.line,
      ]),
    ).toEqual(want.conflicts);
    expect(want.conflicts.length).toBeGreaterThan(34);

    expect(deals.report).toMatchObject({ delimiter: ';', bom: true, rows: want.deals });
    expect(deals.linkRows).toBe(want.dealLinks);
    expect(counts(store)).toEqual({
      seller: want.allSellers,
      warehouse: want.zips,
      person: want.staff,
    });
    // The semicolon file's dates (2018.02.26 19:58, 2018.04.24 3:00) arrive as ISO 8601.
    const since = store.db
      .prepare(
        "SELECT json_extract(props, '$.since') FROM links WHERE label LIKE 'closed the deal%'",
      )
      .pluck()
      .all() as string[];
    expect(since).toHaveLength(want.dealLinks);
    expect(since.every((s) => /^20\d\d-\d\d-\d\dT\d\d:\d\d$/.test(s))).toBe(true);
  });

  it('reads the comma file with a BOM as Python does (the BOM is not part of the first column)', () => {
    const file = join(REAL, 'ecommerce/product_category_name_translation.csv');
    const t = readCsvTable(file);
    const want = python(`
import csv, json
rows = list(csv.reader(open(${JSON.stringify(file)}, newline='', encoding='utf-8-sig')))
print(json.dumps({'header': rows[0], 'rows': rows[1:]}))`) as {
      header: string[];
      rows: string[][];
    };
    expect(t).toMatchObject({ bom: true, delimiter: ',', columns: want.header });
    expect(t.records.map((r) => want.header.map((c) => r.cells[c]))).toEqual(want.rows);
  });
});
