/**
 * The case overview holds every ring's members, ties each to its identifiers (through its
 * listings and orders) and draws the suppressed hubs its accounts touch. Expected facts come
 * from the case's link rows read with plain SQL, not from the overview builder.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { buildDemoCase } from '../../../../electron/core/demo/build-demo-case';
import { closeCase, type CaseStore } from '../../../../electron/core/store/open';
import { analyseCase } from '../../../../electron/core/graph/analyse';
import { caseOverview } from '../../../../electron/core/graph/case-overview';
import { CaseOverview } from '../../../../shared/graph/case-overview';
import { tempDir } from '../../../support/bundles';

let store: CaseStore;
const dir = tempDir('ringlens-overview-');
beforeAll(async () => {
  store = await buildDemoCase(join(dir, 'demo.ringlens'));
});
afterAll(() => {
  closeCase(store);
  rmSync(dir, { recursive: true, force: true });
});

describe('case overview', () => {
  it('draws every ring member once, in its ring, and fits the API schema', () => {
    const o = caseOverview(store.db);
    expect(CaseOverview.safeParse(o).success).toBe(true);
    const rings = analyseCase(store.db).analysis.rings;
    expect(o.rings.map((r) => r.id)).toEqual(rings.map((r) => r.id));
    expect(o.truncated).toBe(false);
    for (const [i, r] of rings.entries()) {
      const drawn = o.nodes
        .filter((n) => n.role === 'member' && n.ring === i)
        .map((n) => n.entityId);
      const members = [...r.sellers, ...r.shops].map((m) => m.id);
      expect(
        drawn.sort((a, b) => a - b),
        r.id,
      ).toEqual(members.sort((a, b) => a - b));
    }
    expect(new Set(o.nodes.map((n) => n.id)).size).toBe(o.nodes.length);
  });

  it('ties every account to identifiers it (or a listing or order of it) is linked to', () => {
    const o = caseOverview(store.db);
    const byId = new Map(o.nodes.map((n) => [n.id, n]));
    // An account reaches an identifier directly, or through a listing it lists / an order of one.
    const reaches = store.db
      .prepare(
        `WITH mine(id) AS (
           SELECT @acc UNION SELECT dst FROM links WHERE type = 'lists' AND src = @acc
           UNION SELECT o.src FROM links o JOIN links l ON l.dst = o.dst AND l.type = 'lists'
             WHERE o.type = 'bought' AND l.src = @acc)
         SELECT COUNT(*) FROM links WHERE (src IN mine AND dst = @id) OR (dst IN mine AND src = @id)`,
      )
      .pluck();
    const checked = o.edges.filter((e) => e.type !== 'shares_photo');
    expect(checked.length).toBeGreaterThan(0);
    for (const e of checked) {
      const a = byId.get(e.source)!;
      const b = byId.get(e.target)!;
      expect(a && b, e.id).toBeTruthy();
      const n =
        (reaches.get({ acc: a.entityId, id: b.entityId }) as number) +
        (reaches.get({ acc: b.entityId, id: a.entityId }) as number);
      expect(n, `${a.label} - ${b.label}`).toBeGreaterThan(0);
    }
    // Shared photos are drawn as shop -> photo ties (the listings folded into their shop).
    const photo = o.edges.filter((e) => e.type === 'shares_photo');
    expect(photo.length).toBeGreaterThan(0);
    for (const e of photo) {
      expect(byId.get(e.source)!.type).toBe('shop');
      expect(byId.get(e.target)!.type).toBe('image_fingerprint');
    }
  });

  it('draws each suppressed hub a ring member is linked to, greyed as a hub', () => {
    const o = caseOverview(store.db);
    const ctx = analyseCase(store.db);
    const members = new Set(o.nodes.filter((n) => n.role === 'member').map((n) => n.entityId));
    const linked = store.db
      .prepare(`SELECT src AS a, dst AS b FROM links WHERE src = ? OR dst = ?`)
      .all.bind(store.db.prepare(`SELECT src AS a, dst AS b FROM links WHERE src = ? OR dst = ?`));
    const hubs = ctx.analysis.suppressedHubs.filter(
      (h) =>
        h.entityId > 0 &&
        (linked(h.entityId, h.entityId) as { a: number; b: number }[]).some(
          (l) => members.has(l.a) || members.has(l.b),
        ),
    );
    const drawnHubs = o.nodes.filter((n) => n.role === 'hub').map((n) => n.entityId);
    for (const h of hubs) expect(drawnHubs, h.label).toContain(h.entityId);
  });

  it('stops at the element limit, keeping the best-ranked rings, and says so', () => {
    const all = caseOverview(store.db);
    const few = caseOverview(store.db, 100);
    expect(few.truncated).toBe(true);
    expect(few.rings.length).toBeLessThan(all.rings.length);
    expect(few.rings[0]!.id).toBe(all.rings[0]!.id);
  });
});
