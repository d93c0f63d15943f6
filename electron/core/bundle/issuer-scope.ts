/**
 * Row ids belong to their issuer. Two marketplaces may both call a seller `seller:s0` or a
 * phone `phone:s0`; an accepted but untrusted signer may restate a trusted issuer's ids. A
 * row id therefore names an entity only within its issuer's scope: the signer's key
 * fingerprint, or for unsigned bundles the issuer name the manifest gives. Across issuers,
 * entities meet only by identity rules (the same phone number, e-mail, account: resolve.ts).
 *
 * The first issuer to use an id keeps it as the entity key (so single-issuer cases read as
 * before); another issuer's row with the same id becomes its own entity, keyed
 * `id@scope`. `id_claims` records which entity each (scope, id) names.
 */
import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import type { EntityType } from '../../../shared/domain/entity-types';

export type IssuerScope = string;

/**
 * The examiner's own conversions (CSV through any mapping, FollowTheMoney streams) are one
 * issuer: the issuer names interop/ gives the bundles it writes. A deals CSV and a sellers
 * CSV of one marketplace export name the same sellers and must meet.
 */
const FTM_ISSUER = 'FollowTheMoney stream';
const CSV_ISSUER_PREFIX = 'CSV through mapping ';
export const LOCAL_SCOPE = 'local:conversions';

/** The scope of a bundle's ids: its signer's key, else (unsigned) its issuer's name. */
export function issuerScope(signerFingerprint: string | null, issuerName: string): IssuerScope {
  if (signerFingerprint) return `key:${signerFingerprint.slice(0, 16)}`;
  if (issuerName === FTM_ISSUER || issuerName.startsWith(CSV_ISSUER_PREFIX)) return LOCAL_SCOPE;
  return `issuer:${issuerName}`;
}

/** The SQL form of issuerScope over a `bundles` row (migration 008's backfill uses it). */
export const BUNDLE_SCOPE_SQL = `CASE WHEN b.signer_fingerprint IS NOT NULL THEN 'key:' || substr(b.signer_fingerprint, 1, 16)
  WHEN json_extract(b.issuer, '$.name') = '${FTM_ISSUER}' OR substr(json_extract(b.issuer, '$.name'), 1, ${CSV_ISSUER_PREFIX.length}) = '${CSV_ISSUER_PREFIX}' THEN '${LOCAL_SCOPE}'
  ELSE 'issuer:' || json_extract(b.issuer, '$.name') END`;

export interface ScopedIds {
  /** The entity key a non-identifier row with this id gets in this scope. */
  keyFor(id: string): string;
  /** The entity this scope's id names, if any. */
  claimed(id: string): { id: number; type: EntityType } | undefined;
  /** Records that this scope's id names `entity`; false if it already names another one. */
  claim(id: string, entity: number): boolean;
}

export function scopedIds(db: Database, scope: IssuerScope): ScopedIds {
  const claimOf: Statement = db.prepare(
    'SELECT c.entity AS id, e.type AS type FROM id_claims c JOIN entities e ON e.id = c.entity WHERE c.scope = ? AND c.id = ?',
  );
  const entityByKey: Statement = db.prepare('SELECT id FROM entities WHERE key = ?');
  const claimedElsewhere: Statement = db.prepare(
    'SELECT 1 FROM id_claims WHERE entity = ? AND scope <> ? LIMIT 1',
  );
  const insert: Statement = db.prepare(
    'INSERT INTO id_claims (scope, id, entity) VALUES (?, ?, ?) ON CONFLICT (scope, id) DO NOTHING',
  );
  const claimed = (id: string) =>
    claimOf.get(scope, id) as { id: number; type: EntityType } | undefined;
  return {
    claimed,
    keyFor(id) {
      const mine = claimed(id)?.id;
      const holder = (entityByKey.get(id) as { id: number } | undefined)?.id;
      // Free, already ours, or from before issuer scopes (no claim by anyone else): the id.
      if (holder === undefined || holder === mine || !claimedElsewhere.get(holder, scope))
        return id;
      return `${id}@${scope}`;
    },
    claim(id, entity) {
      const mine = claimed(id)?.id;
      if (mine !== undefined) return mine === entity;
      insert.run(scope, id, entity);
      return true;
    },
  };
}
