/** The examiner's Ed25519 key pair: made once per case, kept only inside the encrypted store. */
import { generateKeyPairSync, createPrivateKey, type KeyObject } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { keyFingerprint, parseEd25519PublicKey } from '../keys/fingerprint';
import { appendAudit } from '../audit/log';

export interface ExaminerKey {
  readonly privateKey: KeyObject;
  readonly publicKeyPem: string;
  readonly fingerprint: string;
}

export function examinerKey(db: Database, actor: string, now: string): ExaminerKey {
  const row = db
    .prepare(
      'SELECT private_key_pem, public_key_pem, fingerprint FROM examiner_keys ORDER BY created_at LIMIT 1',
    )
    .get() as { private_key_pem: string; public_key_pem: string; fingerprint: string } | undefined;
  if (row)
    return {
      privateKey: createPrivateKey(row.private_key_pem),
      publicKeyPem: row.public_key_pem,
      fingerprint: row.fingerprint,
    };
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const fingerprint = keyFingerprint(parseEd25519PublicKey(publicKeyPem));
  db.transaction(() => {
    db.prepare(
      'INSERT INTO examiner_keys (fingerprint, private_key_pem, public_key_pem, created_at) VALUES (?, ?, ?, ?)',
    ).run(
      fingerprint,
      privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      publicKeyPem,
      now,
    );
    appendAudit(db, {
      actor,
      action: 'examiner-key.create',
      object: `key:${fingerprint}`,
      at: now,
    });
  })();
  return { privateKey, publicKeyPem, fingerprint };
}
