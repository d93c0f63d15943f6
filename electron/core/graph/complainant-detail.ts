/**
 * A complainant's complaints with what they targeted and how they ended, and the brands
 * they were filed for against the rights the complainant represents: the facts behind a
 * complainant dossier, read from the link graph.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { RinglensError } from '../../../shared/errors';
import type { EntityRef } from '../../../shared/analysis/schemas';
import type { ComplainantDetail } from '../../../shared/api/dossier-contract';
import { analyseComplainants } from './complainants';
import { formatValue } from '../../../shared/format-value';

type Ref = EntityRef;

export function complainantDetail(db: Database, key: string): ComplainantDetail {
  const dossier = analyseComplainants(db).find((d) => d.complainant.key === key);
  if (!dossier)
    throw new RinglensError('NOT_FOUND', `There is no complainant ${key} in this case.`, {
      hint: 'Pick a complainant from the Complainants list.',
    });
  const id = dossier.complainant.id;
  const refs = (sql: string, ...args: unknown[]) =>
    db.prepare(`SELECT e.id, e.key, e.type, e.label FROM entities e ${sql}`).all(...args) as Ref[];
  const complaints = db
    .prepare(
      `SELECT e.id, e.key, e.type, e.label, e.props FROM links l JOIN entities e ON e.id = l.dst
       WHERE l.type = 'filed' AND l.src = ? AND e.type = 'complaint' ORDER BY json_extract(e.props, '$.filedAt'), e.id`,
    )
    .all(id) as (Ref & { props: string })[];
  const brandCount = new Map<number, { brand: Ref; complaints: number }>();
  const rows = complaints.map((c) => {
    const p = JSON.parse(c.props) as Record<string, unknown>;
    const targets = refs(
      `JOIN links l ON l.dst = e.id WHERE l.type = 'targets' AND l.src = ? ORDER BY e.id`,
      c.id,
    );
    const shops = new Map<number, Ref>();
    const brands = new Map<number, Ref>();
    for (const t of targets) {
      if (t.type === 'shop') shops.set(t.id, t);
      if (t.type === 'listing') {
        for (const s of refs(
          `JOIN links l ON l.src = e.id WHERE l.type = 'lists' AND l.dst = ? AND e.type = 'shop'`,
          t.id,
        ))
          shops.set(s.id, s);
        for (const b of refs(
          `JOIN links p ON p.dst = e.id AND p.type = 'protects' JOIN links i ON i.dst = p.src AND i.type = 'infringes'
           WHERE i.src = ? AND e.type = 'brand'`,
          t.id,
        ))
          brands.set(b.id, b);
      }
      if (t.type === 'seller')
        for (const s of refs(
          `JOIN links l ON l.dst = e.id WHERE l.type = 'operates' AND l.src = ? AND e.type = 'shop'`,
          t.id,
        ))
          shops.set(s.id, s);
    }
    for (const b of brands.values()) {
      const n = brandCount.get(b.id) ?? { brand: b, complaints: 0 };
      n.complaints++;
      brandCount.set(b.id, n);
    }
    return {
      complaint: { id: c.id, key: c.key, type: c.type, label: c.label },
      filedAt: formatValue(p.filedAt),
      outcome: formatValue(p.outcome ?? 'pending'),
      resolvedAt: typeof p.resolvedAt === 'string' ? p.resolvedAt : null,
      listingsRemoved: Number(p.listingsRemoved ?? 0),
      salesLost: Number(p.salesLost ?? 0),
      currency: typeof p.currency === 'string' ? p.currency : null,
      targets,
      shops: [...shops.values()],
      brands: [...brands.values()],
    };
  });
  const represents = refs(
    `JOIN links l ON l.dst = e.id WHERE l.type = 'represents' AND l.src = ? AND e.type = 'brand' ORDER BY e.label`,
    id,
  );
  const represented = new Set(represents.map((r) => r.id));
  return {
    dossier,
    complaints: rows,
    represents,
    filedFor: [...brandCount.values()]
      .sort((a, b) => b.complaints - a.complaints || a.brand.label.localeCompare(b.brand.label))
      .map((b) => ({ ...b, represented: represented.has(b.brand.id) })),
  };
}
