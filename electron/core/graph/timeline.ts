/** A ring's story in time order: accounts registered, shops opened, listings, orders, test buys, complaints, leads. */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { TimelineEvent } from '../../../shared/analysis/schemas';
import { findRing, type AnalysisContext } from './analyse';
import { formatValue } from '../../../shared/format-value';

const EVENTS: Record<
  string,
  { prop: string; kind: string; text: (label: string, p: Record<string, unknown>) => string }[]
> = {
  seller: [
    {
      prop: 'registeredAt',
      kind: 'account registered',
      text: (l) => `Seller account ${l} registered`,
    },
  ],
  shop: [{ prop: 'openedAt', kind: 'shop opened', text: (l) => `Shop ${l} opened` }],
  listing: [{ prop: 'listedAt', kind: 'listing', text: (l) => `Listing “${l}” published` }],
  order: [
    {
      prop: 'placedAt',
      kind: 'order',
      text: (l, p) =>
        p.testBuy
          ? `Test buy ${l} ordered`
          : `Order ${l} placed (${formatValue(p.amount ?? '?')} ${formatValue(p.currency)})`,
    },
    {
      prop: 'verdictAt',
      kind: 'test buy verdict',
      text: (l, p) =>
        `Test buy ${l} authenticated: ${String(p.verdict)} (${formatValue(p.verdictBy ?? 'lab')})`,
    },
  ],
  complaint: [
    {
      prop: 'filedAt',
      kind: 'complaint',
      text: (l, p) => `IP complaint ${l} filed; outcome ${String(p.outcome)}`,
    },
    {
      prop: 'resolvedAt',
      kind: 'complaint resolved',
      text: (l, p) => `IP complaint ${l} resolved: ${String(p.outcome)}`,
    },
  ],
  lead: [{ prop: 'flaggedAt', kind: 'lead', text: (l) => `Flagged by big-data screening: ${l}` }],
};

/**
 * Only the rows that carry at least one dated event, chosen inside SQLite: a ring of 2,000
 * shops can list 100,000 undated listings, and parsing each one's JSON to find no date was
 * most of the time.
 */
const HAS_EVENT = `CASE e.type ${Object.entries(EVENTS)
  .map(
    ([type, evs]) =>
      `WHEN '${type}' THEN ${evs.map((ev) => `json_extract(e.props, '$.${ev.prop}') IS NOT NULL`).join(' OR ')}`,
  )
  .join(' ')} ELSE 0 END`;

export function ringTimeline(db: Database, ctx: AnalysisContext, ringId: string): TimelineEvent[] {
  findRing(ctx, ringId);
  const members = ctx.nodes.get(ringId)!.members;
  const rows = db
    .prepare(
      `
      WITH m(id) AS (SELECT value FROM json_each(?)),
      listings AS (SELECT l.dst AS id FROM links l JOIN m ON m.id = l.src WHERE l.type = 'lists'),
      orders AS (SELECT b.src AS id FROM links b JOIN listings ON listings.id = b.dst WHERE b.type = 'bought'),
      complaints AS (SELECT t.src AS id FROM links t WHERE t.type = 'targets' AND (t.dst IN (SELECT id FROM m) OR t.dst IN (SELECT id FROM listings))),
      leads AS (SELECT f.src AS id FROM links f JOIN m ON m.id = f.dst WHERE f.type = 'flags'),
      ids AS (SELECT id FROM m UNION SELECT id FROM listings UNION SELECT id FROM orders UNION SELECT id FROM complaints UNION SELECT id FROM leads)
      SELECT e.id, e.key, e.type, e.label, e.props FROM entities e JOIN ids ON ids.id = e.id WHERE ${HAS_EVENT} ORDER BY e.id`,
    )
    .all(JSON.stringify(members)) as {
    id: number;
    key: string;
    type: string;
    label: string;
    props: string;
  }[];
  const events: TimelineEvent[] = [];
  for (const r of rows) {
    const p = JSON.parse(r.props) as Record<string, unknown>;
    for (const ev of EVENTS[r.type] ?? []) {
      const at = p[ev.prop];
      if (typeof at === 'string')
        events.push({
          at,
          kind: ev.kind,
          entity: { id: r.id, key: r.key, type: r.type, label: r.label },
          text: ev.text(r.label, p),
        });
    }
  }
  return events.sort(
    (a, b) =>
      a.at.localeCompare(b.at) ||
      a.entity.key.localeCompare(b.entity.key) ||
      a.kind.localeCompare(b.kind),
  );
}
