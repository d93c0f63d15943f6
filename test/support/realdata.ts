/**
 * Real public data (../shared/realdata/, never bundled) as lead bundles, written with the
 * real bundle writer and imported through the normal importer, and networkx as the oracle.
 * The CSV files are read with csv-parse exactly as a CSV mapping would read them; the
 * mapping a user would choose is spelled out here (node type to entity type, edge to link).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { EntityRow, LinkRow } from '../../shared/bundle/schema';
import { createCase, type CaseStore } from '../../electron/core/store/open';
import { importBundle } from '../../electron/core/bundle/import';
import { importFtm } from '../../electron/core/interop/ftm';
import { smallBundle, tempDir } from './bundles';

export const REALDATA = join(import.meta.dirname, '../../../shared/realdata');
export const hasRealdata = existsSync(join(REALDATA, 'README.md'));
if (!hasRealdata) console.warn(`real-data tests skipped: ${REALDATA} is absent`);

const rows = (file: string, delimiter = ','): Record<string, string>[] =>
  parse<Record<string, string>>(readFileSync(join(REALDATA, file)), {
    columns: true,
    bom: true,
    delimiter,
    skip_empty_lines: true,
  });

const ICIJ_TYPE = {
  Entity: 'company',
  Intermediary: 'company',
  Officer: 'person',
  Address: 'warehouse',
} as const;

/** The key a raw ICIJ node gets (what the oracle uses too). */
export const icijKey = (nodeType: string, id: string) =>
  `${ICIJ_TYPE[nodeType as keyof typeof ICIJ_TYPE]}:icij-${id}`;

/**
 * ICIJ Offshore Leaks subgraph: Entities and Intermediaries are companies, Officers people,
 * Addresses addresses (Ringlens' warehouse / address type); an edge to an address is `uses`
 * (registered address), any other edge `related` (ICIJ's officer_of / intermediary_of).
 */
export function icijRows(prefix = 'icij/subgraph_1_intermediaries'): {
  entities: EntityRow[];
  links: LinkRow[];
} {
  const nodes = rows(`${prefix}_nodes.csv`);
  const typeOf = new Map(nodes.map((n) => [n.node_id!, n.node_type!]));
  const entities: EntityRow[] = nodes.map((n) => {
    const id = icijKey(n.node_type!, n.node_id!);
    const name = (n.name || n.original_name || n.address || `ICIJ node ${n.node_id}`).slice(
      0,
      1000,
    );
    if (n.node_type === 'Address')
      return { id, type: 'warehouse', props: { name, address: { line: name } } };
    if (n.node_type === 'Officer') return { id, type: 'person', props: { name } };
    return {
      id,
      type: 'company',
      props: { name, ...(n.jurisdiction ? { jurisdiction: n.jurisdiction } : {}) },
    };
  });
  const links: LinkRow[] = rows(`${prefix}_edges.csv`).map((e) => {
    const [a, b] = [e.source!, e.target!];
    const ta = typeOf.get(a)!;
    const tb = typeOf.get(b)!;
    if (tb === 'Address' || ta === 'Address') {
      const [actor, address] = tb === 'Address' ? [a, b] : [b, a];
      return {
        type: 'uses',
        from: icijKey(typeOf.get(actor)!, actor),
        to: icijKey('Address', address),
        props: {},
      };
    }
    return { type: 'related', from: icijKey(ta, a), to: icijKey(tb, b), props: {} };
  });
  return { entities, links };
}

/**
 * Olist closed deals (semicolon, BOM, dates like 2018.02.26 19:58): each seller is linked to
 * the sales development rep and the sales rep who closed its deal (the platform's staff).
 */
export function olistDealsRows(): { entities: EntityRow[]; links: LinkRow[] } {
  const deals = rows('ecommerce/olist_marketing_closed_deals_dataset.csv', ';');
  const entities = new Map<string, EntityRow>();
  const links: LinkRow[] = [];
  for (const d of deals) {
    const seller = `seller:olist-${d.seller_id}`;
    entities.set(seller, {
      id: seller,
      type: 'seller',
      props: { name: `Olist seller ${d.seller_id!.slice(0, 8)}` },
    });
    // `2018.02.26 19:58`, and `2018.02.26 9:58` before ten in the morning.
    const since = d.won_date!.replace(
      /^(\d{4})\.(\d{2})\.(\d{2}) (\d{1,2}):(\d{2})$/,
      (_, y: string, m: string, day: string, h: string, min: string) =>
        `${y}-${m}-${day}T${h.padStart(2, '0')}:${min}`,
    );
    for (const [col, role] of [
      ['sdr_id', 'sales development rep'],
      ['sr_id', 'sales rep'],
    ] as const) {
      if (!d[col]) continue;
      const rep = `person:olist-${col}-${d[col]}`;
      entities.set(rep, {
        id: rep,
        type: 'person',
        props: { name: `Olist ${role} ${d[col].slice(0, 8)}`, role: 'other' },
      });
      links.push({ type: 'related', from: seller, to: rep, label: role, props: { since } });
    }
  }
  return { entities: [...entities.values()], links };
}

/**
 * Olist sellers: each seller ships from its zip-code prefix (an address key that many
 * sellers share; the same prefix appears with several city spellings, so the address
 * carries only the prefix and the country, the facts every row agrees on).
 */
export function olistSellersRows(): { entities: EntityRow[]; links: LinkRow[] } {
  const entities = new Map<string, EntityRow>();
  const links: LinkRow[] = [];
  for (const r of rows('ecommerce/olist_sellers_dataset.csv')) {
    const seller = `seller:olist-${r.seller_id}`;
    const zip = `warehouse:zip-${r.seller_zip_code_prefix}`;
    entities.set(seller, {
      id: seller,
      type: 'seller',
      props: { name: `Olist seller ${r.seller_id!.slice(0, 8)} (${r.seller_city})` },
    });
    entities.set(zip, {
      id: zip,
      type: 'warehouse',
      props: {
        name: `zip prefix ${r.seller_zip_code_prefix}`,
        address: { postcode: r.seller_zip_code_prefix, country: 'BR' },
      },
    });
    links.push({ type: 'ships_from', from: seller, to: zip, props: {} });
  }
  return { entities: [...entities.values()], links };
}

/** A fresh encrypted case holding the given rows as one unsigned bundle. */
export async function realCase(
  name: string,
  data: { entities: EntityRow[]; links: LinkRow[] },
): Promise<{ store: CaseStore; dir: string }> {
  const dir = tempDir('ringlens-real-');
  const bundle = await smallBundle(dir, name, data, { bundleId: `realdata-${name}` });
  const store = createCase(join(dir, 'case.ringlens'), 'test passphrase');
  await importBundle(store, bundle.file, { allowUnsigned: true, actor: 'tester' });
  return { store, dir };
}

/** A fresh case holding an FtM stream, imported as `ringlens import case x.ftm.jsonl` does. */
export async function ftmCase(file: string): Promise<{ store: CaseStore; dir: string }> {
  const dir = tempDir('ringlens-real-');
  const store = createCase(join(dir, 'case.ringlens'), 'test passphrase');
  await importFtm(store, join(REALDATA, file), { allowUnsigned: true, actor: 'tester' });
  return { store, dir };
}

export function python(script: string): string {
  const r = spawnSync('/usr/bin/python3', ['-c', script], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
  return r.stdout;
}
