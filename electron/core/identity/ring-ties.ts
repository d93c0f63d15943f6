/**
 * Confirmed identity matches as ties in ring analysis: each confirmed pair joins the two
 * identifiers' nodes as if they were one (a resolved identity). Unconfirmed candidates
 * never become ties.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { MatchDecision } from '../../../shared/identity/schemas';
import { sha256Hex } from '../util/hash';
import { listDecisions } from './decisions';

export type Tie = readonly [number, number];

/** Pure: the node pairs of the confirmed decisions whose both ends are in the graph. */
export function confirmedMatchTies(
  decisions: readonly MatchDecision[],
  nodeOfKey: (key: string) => number | undefined,
): Tie[] {
  const ties: Tie[] = [];
  for (const d of decisions) {
    if (d.decision !== 'confirmed') continue;
    const a = nodeOfKey(d.a);
    const b = nodeOfKey(d.b);
    if (a !== undefined && b !== undefined && a !== b) ties.push([a, b]);
  }
  return ties;
}

/**
 * The confirmed ties of a case over a ring graph whose fingerprint nodes start at `size`
 * (node size+k is `fingerprintValues[k]`), and a version that changes with every decision.
 */
export function loadConfirmedTies(
  db: Database,
  view: {
    readonly graph: { readonly size: number };
    readonly fingerprintValues: readonly string[];
  },
): { ties: Tie[]; version: string } {
  const confirmed = listDecisions(db, 'confirmed');
  if (!confirmed.length) return { ties: [], version: 'none' };
  const keys = [...new Set(confirmed.flatMap((d) => [d.a, d.b]))];
  const ids = new Map<string, number>();
  const stmt = db.prepare(
    `SELECT key, id FROM entities WHERE key IN (SELECT value FROM json_each(?))`,
  );
  for (let i = 0; i < keys.length; i += 5000)
    for (const r of stmt.all(JSON.stringify(keys.slice(i, i + 5000))) as {
      key: string;
      id: number;
    }[])
      ids.set(r.key, r.id);
  const fp = new Map(view.fingerprintValues.map((v, k) => [`image|${v}`, view.graph.size + k]));
  return {
    ties: confirmedMatchTies(confirmed, (k) => ids.get(k) ?? fp.get(k)),
    version: identityDecisionsVersion(db),
  };
}

export function identityDecisionsVersion(db: Database): string {
  const rows = db
    .prepare(
      `SELECT a_key, b_key, decision FROM identity_decisions WHERE decision = 'confirmed' ORDER BY a_key, b_key`,
    )
    .all();
  return rows.length ? sha256Hex(JSON.stringify(rows)).slice(0, 16) : 'none';
}
