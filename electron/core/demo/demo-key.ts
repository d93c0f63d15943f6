/**
 * The demo issuer's Ed25519 key, derived from a published seed so the demo bundle can be
 * rebuilt byte for byte. It signs only synthetic demo data: never trust it for real work.
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { sha256Hex } from '../util/hash';

const PKCS8_ED25519_PREFIX = '302e020100300506032b657004220420';
const DEMO_SEED = sha256Hex('ringlens demo issuer key: synthetic demo data only');

export function demoIssuerKey(): { privateKey: KeyObject; publicKeyPem: string } {
  const privateKey = createPrivateKey({
    key: Buffer.from(PKCS8_ED25519_PREFIX + DEMO_SEED, 'hex'),
    format: 'der',
    type: 'pkcs8',
  });
  return {
    privateKey,
    publicKeyPem: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export const DEMO_SEED_NUMBER = 2025;
export const DEMO_SELLERS = 200;
export const DEMO_BUNDLE_ID = 'demo-examplemarket-2025-10';
