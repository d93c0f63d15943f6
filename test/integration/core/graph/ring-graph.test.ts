/**
 * The ring graph carries the whole evidence chain (shop -> listing -> photo <- listing <- shop)
 * and every edge names the bundle rows behind it. Expected facts come from the case's own
 * link rows read with plain SQL, not from the graph builder.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { pinyin } from 'pinyin-pro';
import { buildDemoCase } from '../../../../electron/core/demo/build-demo-case';
import { closeCase, type CaseStore } from '../../../../electron/core/store/open';
import { analyseCase } from '../../../../electron/core/graph/analyse';
import { explainRing } from '../../../../electron/core/graph/explain';
import { edgeSources, ringGraph } from '../../../../electron/core/graph/ring-graph';
import { searchEntities } from '../../../../electron/core/graph/entity-search';
import { chartElements } from '../../../../electron/core/graph/chart-elements';
import { tempDir } from '../../../support/bundles';

let store: CaseStore;
const dir = tempDir('ringlens-ringgraph-');
beforeAll(async () => {
  store = await buildDemoCase(join(dir, 'demo.ringlens'));
});
afterAll(() => {
  closeCase(store);
  rmSync(dir, { recursive: true, force: true });
});

const ringsWithPhotos = () => {
  const ctx = analyseCase(store.db);
  return ctx.analysis.rings.filter((r) =>
    r.identifiers.some((i) => i.type === 'image_fingerprint'),
  );
};

describe('ring graph', () => {
  it('links every drawn listing to the shop that lists it, so shared photos reach shops', () => {
    const rings = ringsWithPhotos();
    expect(rings.length).toBeGreaterThan(0);
    const listsOf = store.db
      .prepare(`SELECT src FROM links WHERE type = 'lists' AND dst = ?`)
      .pluck();
    for (const ring of rings) {
      const ctx = analyseCase(store.db);
      const graph = ringGraph(store.db, ring.id, explainRing(store.db, ctx, ring.id));
      const byId = new Map(graph.nodes.map((n) => [n.id, n]));
      const adj = new Map<string, string[]>();
      for (const e of graph.edges) {
        adj.set(e.source, [...(adj.get(e.source) ?? []), e.target]);
        adj.set(e.target, [...(adj.get(e.target) ?? []), e.source]);
      }
      const listings = graph.nodes.filter((n) => n.type === 'listing');
      for (const l of listings) {
        const shops = listsOf.all(l.entityId) as number[];
        expect(shops.length, `${ring.id} listing ${l.label}`).toBeGreaterThan(0);
        const drawnShop = graph.edges.some(
          (e) =>
            e.type === 'lists' && e.target === l.id && shops.includes(Number(e.source.slice(1))),
        );
        expect(drawnShop, `${ring.id}: listing ${l.label} has its shop`).toBe(true);
      }
      // Each shared photo is reached from at least two member shops through their listings.
      for (const photo of graph.nodes.filter((n) => n.type === 'image_fingerprint')) {
        const shops = new Set<string>();
        for (const l of adj.get(photo.id) ?? [])
          for (const s of adj.get(l) ?? [])
            if (byId.get(s)?.type === 'shop' && byId.get(s)?.role === 'member') shops.add(s);
        expect(shops.size, `${ring.id}: photo ${photo.label}`).toBeGreaterThanOrEqual(2);
      }
    }
  });

  it('traces every edge to the bundle rows behind it', () => {
    const ring = ringsWithPhotos()[0]!;
    const ctx = analyseCase(store.db);
    const graph = ringGraph(store.db, ring.id, explainRing(store.db, ctx, ring.id));
    const sources = edgeSources(
      store.db,
      graph.edges.map((e) => e.id),
    );
    const lineOf = store.db.prepare(
      `SELECT count(*) FROM statements s JOIN bundle_files f ON f.id = s.file WHERE f.path = ? AND s.line = ?`,
    );
    for (const s of sources) {
      expect(s.sources.length, s.edgeId).toBeGreaterThan(0);
      for (const src of s.sources)
        expect(lineOf.pluck().get(src.file, src.line)).toBeGreaterThan(0);
    }
    expect(sources.some((s) => s.edgeId.startsWith('p'))).toBe(true);
  });
});

describe('case-wide search', () => {
  it('finds a shop outside a given ring by its name, and a Chinese name by pinyin', () => {
    const ctx = analyseCase(store.db);
    const [first, other] = ctx.analysis.rings;
    const inFirst = new Set([...first!.shops, ...first!.sellers].map((m) => m.id));
    const target = other!.shops[0]!;
    const r = searchEntities(store.db, target.label.slice(0, 12), 50);
    expect(r.hits.map((h) => h.entity.id)).toContain(target.id);
    expect(inFirst.has(target.id)).toBe(false);

    const zh = store.db
      .prepare(
        `SELECT id, label FROM entities WHERE type = 'person' AND label GLOB '*[^ -~]*' LIMIT 1`,
      )
      .get() as { id: number; label: string };
    const spelled = pinyin(zh.label, { toneType: 'none' });
    const byPinyin = searchEntities(store.db, spelled, 500);
    expect(byPinyin.hits.find((h) => h.entity.id === zh.id)?.field).toBe('pinyin');
    // Every property is searched: a phone number's digits find the phone.
    const phone = store.db
      .prepare(`SELECT id, props FROM entities WHERE type = 'phone' LIMIT 1`)
      .get() as { id: number; props: string };
    const number = String(JSON.parse(phone.props).number);
    expect(searchEntities(store.db, number, 50).hits.map((h) => h.entity.id)).toContain(phone.id);
  });

  it('adds picked entities with their links to what is drawn', () => {
    const ctx = analyseCase(store.db);
    const ring = ctx.analysis.rings[1]!;
    const shop = ring.shops[0]!;
    const drawnLinks = store.db
      .prepare(`SELECT dst FROM links WHERE src = ? UNION SELECT src FROM links WHERE dst = ?`)
      .pluck()
      .all(shop.id, shop.id) as number[];
    const el = chartElements(store.db, [shop.id], drawnLinks.slice(0, 3));
    expect(el.nodes.map((n) => n.entityId)).toEqual([shop.id]);
    expect(el.edges.length).toBeGreaterThanOrEqual(Math.min(3, drawnLinks.length));
  });
});
