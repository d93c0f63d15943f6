/**
 * Where issuers disagree about one entity. Identifier entities (a phone, an e-mail) merge
 * across issuers by identity, so two issuers can state different facts about the same one;
 * the merged view keeps only one value per field. This lists, field by field, what each
 * issuer stated where they differ, so the entity panel can show them side by side.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { formatValue } from '../../../shared/format-value';
import { BUNDLE_SCOPE_SQL } from './issuer-scope';

export interface IssuerValue {
  readonly issuer: string;
  readonly signature: string;
  readonly value: string;
}

export interface Disagreement {
  readonly field: string;
  readonly values: IssuerValue[];
}

export function issuerDisagreements(db: Database, entityId: number): Disagreement[] {
  const rows = db
    .prepare(
      `SELECT ${BUNDLE_SCOPE_SQL} AS scope, json_extract(b.issuer, '$.name') AS issuer, b.signature AS signature, s.props AS props
       FROM statements s JOIN bundles b ON b.id = s.bundle WHERE s.entity = ? ORDER BY s.bundle, s.file, s.line`,
    )
    .all(entityId) as { scope: string; issuer: string; signature: string; props: string }[];
  // Each issuer's own merged view: its later statements patch its earlier ones.
  const byScope = new Map<
    string,
    { issuer: string; signature: string; props: Record<string, unknown> }
  >();
  for (const r of rows) {
    const view = byScope.get(r.scope) ?? { issuer: r.issuer, signature: r.signature, props: {} };
    Object.assign(view.props, JSON.parse(r.props) as Record<string, unknown>);
    byScope.set(r.scope, view);
  }
  if (byScope.size < 2) return [];
  const views = [...byScope.values()];
  const fields = [...new Set(views.flatMap((v) => Object.keys(v.props)))].sort();
  const out: Disagreement[] = [];
  for (const field of fields) {
    const stated = views.filter((v) => field in v.props);
    const distinct = new Set(stated.map((v) => JSON.stringify(v.props[field])));
    if (stated.length < 2 || distinct.size < 2) continue;
    out.push({
      field,
      values: stated.map((v) => ({
        issuer: v.issuer,
        signature: v.signature,
        value: formatValue(v.props[field]),
      })),
    });
  }
  return out;
}
