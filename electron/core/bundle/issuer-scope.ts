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

/**
 * The scope rules over a staging table (stage.ts) with columns `id`, `key`, `entity`, one
 * statement per batch instead of look-ups per row. Ids are unique within a bundle (the
 * importer refuses a second definition first), so a batch's rows cannot interfere.
 */
export const SCOPED_ID_SQL = {
  /**
   * The entity key a non-identifier row (key = id) gets: the id itself when it is free,
   * already this scope's, or from before issuer scopes (claimed by no other scope);
   * otherwise `id@scope`. Run before the batch is merged. Parameter: @scope.
   */
  scopeKeys: (stage: string) => `UPDATE ${stage} SET key = id || '@' || @scope
    WHERE key = id AND EXISTS (
      SELECT 1 FROM main.entities h WHERE h.key = ${stage}.id
        AND h.id IS NOT (SELECT c.entity FROM main.id_claims c WHERE c.scope = @scope AND c.id = ${stage}.id)
        AND EXISTS (SELECT 1 FROM main.id_claims o WHERE o.entity = h.id AND o.scope <> @scope))`,
  /** The first row whose id this scope already claims for a different entity. Parameter: @scope. */
  firstClash: (stage: string) => `SELECT s.line AS line, s.id AS id, e.type AS type
    FROM ${stage} s JOIN main.id_claims c ON c.scope = @scope AND c.id = s.id
    JOIN main.entities e ON e.id = c.entity
    WHERE c.entity <> s.entity ORDER BY s.seq LIMIT 1`,
  /** Claims every unclaimed id of the batch for its entity. Parameter: @scope. */
  claim: (stage: string, returning: string) => `INSERT INTO main.id_claims (scope, id, entity)
    SELECT @scope, id, entity FROM ${stage} WHERE true ORDER BY seq
    ON CONFLICT (scope, id) DO NOTHING${returning}`,
} as const;
