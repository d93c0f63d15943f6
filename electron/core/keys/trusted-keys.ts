/**
 * The case's list of trusted bundle issuers. A bundle signed by a key on this list imports
 * as `trusted`; any other signer needs an explicit, audited acceptance.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { RinglensError } from '../../../shared/errors';
import { appendAudit } from '../audit/log';
import { keyFingerprint, parseEd25519PublicKey } from './fingerprint';

export interface TrustedKey {
  readonly fingerprint: string;
  readonly name: string;
  readonly publicKeyPem: string;
  readonly addedAt: string;
}

export function listTrustedKeys(db: Database): TrustedKey[] {
  return (
    db
      .prepare(
        'SELECT fingerprint, name, public_key_pem, added_at FROM trusted_keys ORDER BY name, fingerprint',
      )
      .all() as {
      fingerprint: string;
      name: string;
      public_key_pem: string;
      added_at: string;
    }[]
  ).map((r) => ({
    fingerprint: r.fingerprint,
    name: r.name,
    publicKeyPem: r.public_key_pem,
    addedAt: r.added_at,
  }));
}

export function isTrusted(db: Database, fingerprint: string): boolean {
  return (
    db.prepare('SELECT 1 FROM trusted_keys WHERE fingerprint = ?').get(fingerprint) !== undefined
  );
}

export function addTrustedKey(
  db: Database,
  input: { publicKeyPem: string; name: string; actor: string },
): TrustedKey {
  const name = input.name.trim();
  if (!name)
    throw new RinglensError('INVALID_ARGUMENT', 'a trusted key needs a name', { field: 'name' });
  const key = parseEd25519PublicKey(input.publicKeyPem, { field: 'publicKeyPem' });
  const fingerprint = keyFingerprint(key);
  const publicKeyPem = key.export({ type: 'spki', format: 'pem' }).toString();
  const addedAt = new Date().toISOString();
  db.transaction(() => {
    if (isTrusted(db, fingerprint)) return;
    db.prepare(
      'INSERT INTO trusted_keys (fingerprint, name, public_key_pem, added_at) VALUES (?, ?, ?, ?)',
    ).run(fingerprint, name, publicKeyPem, addedAt);
    appendAudit(db, {
      actor: input.actor,
      action: 'key.trust',
      object: `key:${fingerprint}`,
      details: { name },
      at: addedAt,
    });
  })();
  return listTrustedKeys(db).find((k) => k.fingerprint === fingerprint)!;
}

export function removeTrustedKey(
  db: Database,
  input: { fingerprint: string; actor: string },
): void {
  db.transaction(() => {
    const row = db
      .prepare('SELECT name FROM trusted_keys WHERE fingerprint = ?')
      .get(input.fingerprint) as { name: string } | undefined;
    if (!row)
      throw new RinglensError('NOT_FOUND', `no trusted key with fingerprint ${input.fingerprint}`, {
        hint: 'list them with `ringlens keys CASE list`',
      });
    db.prepare('DELETE FROM trusted_keys WHERE fingerprint = ?').run(input.fingerprint);
    appendAudit(db, {
      actor: input.actor,
      action: 'key.untrust',
      object: `key:${input.fingerprint}`,
      details: { name: row.name },
    });
  })();
}
