/** A case at a glance: what it holds, where it came from, and its audit head. */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { auditHead } from '../audit/log';
import { signatureStanding } from '../keys/signer-standing';

export interface BundleSummary {
  readonly bundleId: string;
  readonly sha256: string;
  readonly issuer: string;
  readonly signature: 'trusted' | 'accepted' | 'unsigned';
  readonly signerFingerprint: string | null;
  /** The signature as it stands today: a removed signer is no longer "trusted". */
  readonly standing: string;
  readonly createdAt: string;
  readonly importedAt: string;
  readonly importedBy: string;
  readonly entityRows: number;
  readonly linkRows: number;
  readonly evidenceFiles: number;
}

export interface CaseInfo {
  readonly schemaVersion: number;
  readonly entities: Record<string, number>;
  readonly links: Record<string, number>;
  readonly totals: { entities: number; links: number; statements: number; evidenceFiles: number };
  readonly bundles: readonly BundleSummary[];
  readonly audit: { entries: number; head: string };
}

export function caseInfo(db: Database): CaseInfo {
  const byType = (sql: string) =>
    Object.fromEntries(
      (db.prepare(sql).all() as { type: string; n: number }[]).map((r) => [r.type, r.n]),
    );
  const entities = byType('SELECT type, count(*) AS n FROM entities GROUP BY type ORDER BY type');
  const links = byType('SELECT type, count(*) AS n FROM links GROUP BY type ORDER BY type');
  const one = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  const bundles = (
    db
      .prepare(
        `SELECT bundle_id, sha256, issuer, signature, signer_fingerprint, created_at, imported_at, imported_by, entity_rows, link_rows, evidence_files
                FROM bundles ORDER BY id`,
      )
      .all() as Record<string, string | number | null>[]
  ).map((r): BundleSummary => ({
    bundleId: r.bundle_id as string,
    sha256: r.sha256 as string,
    issuer: (JSON.parse(r.issuer as string) as { name: string }).name,
    signature: r.signature as BundleSummary['signature'],
    signerFingerprint: r.signer_fingerprint as string | null,
    standing: signatureStanding(db, r.signature as string, r.signer_fingerprint as string | null),
    createdAt: r.created_at as string,
    importedAt: r.imported_at as string,
    importedBy: r.imported_by as string,
    entityRows: r.entity_rows as number,
    linkRows: r.link_rows as number,
    evidenceFiles: r.evidence_files as number,
  }));
  const head = auditHead(db);
  return {
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    entities,
    links,
    totals: {
      entities: one('SELECT count(*) AS n FROM entities'),
      links: one('SELECT count(*) AS n FROM links'),
      statements: one('SELECT count(*) AS n FROM statements'),
      evidenceFiles: one('SELECT count(*) AS n FROM evidence_blobs'),
    },
    bundles,
    audit: { entries: head.seq, head: head.hash },
  };
}
