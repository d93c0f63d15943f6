/** Reading and checking `manifest.json` and its signature. */
import { verify } from 'node:crypto';
import { RinglensError } from '../../../shared/errors';
import { BUNDLE_FORMAT, BUNDLE_VERSION, Manifest } from '../../../shared/bundle/schema';
import { keyFingerprint, parseEd25519PublicKey } from '../keys/fingerprint';
import { ZIP_LIMITS, type BundleZip } from './zip';
import { zodToError } from './zod-errors';
import { decodeUtf8 } from './text';
import { protoKeyPath } from './rows';

export const MANIFEST = 'manifest.json';
export const SIGNATURE = 'manifest.sig';

export interface ReadManifest {
  readonly manifest: Manifest;
  readonly bytes: Buffer;
  readonly signature: { present: false } | { present: true; valid: boolean; fingerprint: string };
}

export async function readManifest(zip: BundleZip): Promise<ReadManifest> {
  if (!zip.entries.has(MANIFEST)) {
    throw new RinglensError('BUNDLE_INVALID', 'the bundle has no manifest.json', {
      file: zip.file,
      hint: 'is this a Ringlens lead bundle?',
    });
  }
  const bytes = await zip.readEntry(MANIFEST, ZIP_LIMITS.maxManifestBytes);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    throw new RinglensError('BUNDLE_INVALID', 'manifest.json starts with a byte-order mark (BOM)', {
      file: MANIFEST,
      hint: 'the format is UTF-8 without a BOM',
    });
  const text = decodeUtf8(bytes, { file: MANIFEST });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new RinglensError(
      'BUNDLE_INVALID',
      `manifest.json is not valid JSON: ${(e as Error).message}`,
      { file: MANIFEST },
    );
  }
  const proto = protoKeyPath(json);
  if (proto)
    throw new RinglensError('BUNDLE_INVALID', 'manifest.json has a key named "__proto__"', {
      file: MANIFEST,
      field: proto,
    });
  const head = json as { format?: unknown; version?: unknown };
  if (
    head &&
    typeof head === 'object' &&
    head.format === BUNDLE_FORMAT &&
    head.version !== BUNDLE_VERSION
  ) {
    throw new RinglensError(
      'BUNDLE_INVALID',
      `lead-bundle version ${String(head.version)} is not supported; this build reads version ${BUNDLE_VERSION}`,
      {
        file: MANIFEST,
        field: 'version',
        hint: 'update Ringlens, or ask the issuer for a version 1 bundle',
      },
    );
  }
  const parsed = Manifest.safeParse(json);
  if (!parsed.success) throw zodToError(parsed.error, { file: MANIFEST, code: 'BUNDLE_INVALID' });
  const manifest = parsed.data;

  const paths = new Set<string>();
  for (const f of manifest.files) {
    if (paths.has(f.path))
      throw new RinglensError('BUNDLE_INVALID', `"${f.path}" is listed twice`, {
        file: MANIFEST,
        field: 'files',
      });
    if (f.path === MANIFEST || f.path === SIGNATURE)
      throw new RinglensError('BUNDLE_INVALID', `"${f.path}" may not be listed in files`, {
        file: MANIFEST,
        field: 'files',
      });
    paths.add(f.path);
  }

  if (!zip.entries.has(SIGNATURE)) {
    return { manifest, bytes, signature: { present: false } };
  }
  if (!manifest.signer) {
    throw new RinglensError(
      'BUNDLE_BAD_SIGNATURE',
      'manifest.sig is present but the manifest names no signer key',
      { file: MANIFEST, field: 'signer' },
    );
  }
  const key = parseEd25519PublicKey(manifest.signer.publicKeyPem, {
    file: MANIFEST,
    field: 'signer.publicKeyPem',
  });
  const sigText = (await zip.readEntry(SIGNATURE, 1024)).toString('latin1').trim();
  const sig = /^[A-Za-z0-9+/]{86}==$/.test(sigText) ? Buffer.from(sigText, 'base64') : undefined;
  const valid = sig !== undefined && sig.length === 64 && verify(null, bytes, key, sig);
  return { manifest, bytes, signature: { present: true, valid, fingerprint: keyFingerprint(key) } };
}
