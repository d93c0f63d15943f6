/**
 * The case's m/u estimate per kind, remembered while the case's identifiers are unchanged,
 * so a decision records the same probability and terms the list showed.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { MatchKind } from '../../../shared/identity/schemas';
import type { KindEstimate } from './em';
import { findCandidates } from './candidates';
import { loadIdentifiers } from './load';

type Remembered = Map<MatchKind, { version: string; estimate: KindEstimate }>;
const cache = new WeakMap<Database, Remembered>();

/** Changes whenever an import adds or restates entities (every statement is a row). */
function identifiersVersion(db: Database): string {
  const r = db
    .prepare(
      `SELECT (SELECT count(*) FROM entities) AS n, (SELECT max(id) FROM entities) AS e, (SELECT max(rowid) FROM statements) AS s`,
    )
    .get() as { n: number; e: number | null; s: number | null };
  return `${r.n}:${r.e}:${r.s}`;
}

export function rememberEstimate(db: Database, kind: MatchKind, estimate: KindEstimate): void {
  let byKind = cache.get(db);
  if (!byKind) cache.set(db, (byKind = new Map() as Remembered));
  byKind.set(kind, { version: identifiersVersion(db), estimate });
}

/** The estimate `listMatches` scores this kind with (computed when not remembered). */
export function caseEstimate(db: Database, kind: MatchKind): KindEstimate {
  const hit = cache.get(db)?.get(kind);
  if (hit && hit.version === identifiersVersion(db)) return hit.estimate;
  // No pair can reach probability 2: only the estimate is wanted.
  const { estimate } = findCandidates(kind, loadIdentifiers(db, kind), { minProbability: 2 });
  rememberEstimate(db, kind, estimate);
  return estimate;
}
