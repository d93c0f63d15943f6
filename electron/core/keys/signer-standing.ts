/**
 * What a bundle's signature means *today*. The `signature` column records the verdict at
 * import time; a signer the case trusted then may have been removed from the trusted keys
 * since. Everything that shows a bundle's signature (`info`, packets) goes through here, so
 * a removed key never keeps its "trusted" badge.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';

export interface TrustRemoval {
  readonly at: string;
  readonly by: string;
}

/** When and by whom the key was last removed from the trusted keys, from the audit log. */
export function trustRemoval(db: Database, fingerprint: string): TrustRemoval | null {
  const row = db
    .prepare(
      `SELECT at, actor FROM audit_log WHERE action = 'key.untrust' AND object = ? ORDER BY seq DESC LIMIT 1`,
    )
    .get(`key:${fingerprint}`) as { at: string; actor: string } | undefined;
  return row ? { at: row.at, by: row.actor } : null;
}

/**
 * The signature state to show: the import-time verdict, except that a `trusted` bundle whose
 * key is no longer trusted reads "signer no longer trusted (removed on DATE by WHO)".
 */
export function signatureStanding(
  db: Database,
  signature: string,
  signerFingerprint: string | null,
): string {
  if (signature !== 'trusted' || !signerFingerprint) return signature;
  const stillTrusted =
    db.prepare('SELECT 1 FROM trusted_keys WHERE fingerprint = ?').get(signerFingerprint) !==
    undefined;
  if (stillTrusted) return signature;
  const removal = trustRemoval(db, signerFingerprint);
  return removal
    ? `signer no longer trusted (removed on ${removal.at.slice(0, 10)} by ${removal.by})`
    : 'signer no longer trusted';
}
