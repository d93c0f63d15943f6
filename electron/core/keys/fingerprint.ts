import { createPublicKey, type KeyObject } from 'node:crypto';
import { RinglensError } from '../../../shared/errors';
import { sha256Hex } from '../util/hash';

/** Parses an Ed25519 public key in PEM (SPKI); anything else is refused by name. */
export function parseEd25519PublicKey(
  pem: string,
  where: { file?: string; field?: string } = {},
): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem, format: 'pem' });
  } catch (e) {
    throw new RinglensError('INVALID_ARGUMENT', 'not a PEM public key', {
      ...where,
      hint: 'expected "-----BEGIN PUBLIC KEY-----" (SPKI)',
      cause: e,
    });
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new RinglensError(
      'INVALID_ARGUMENT',
      `the key is ${key.asymmetricKeyType ?? 'unknown'}, not Ed25519`,
      where,
    );
  }
  return key;
}

/** The key's fingerprint: SHA-256 of its DER SPKI encoding, lowercase hex. */
export function keyFingerprint(key: KeyObject): string {
  return sha256Hex(key.export({ type: 'spki', format: 'der' }));
}

/** `ab12 cd34 …`: the form people compare by eye and read out over the phone. */
export function formatFingerprint(fp: string): string {
  return fp.match(/.{1,4}/g)?.join(' ') ?? fp;
}
