/**
 * The verification report shown before an import: what the bundle claims, whether every
 * file matches its hash, who signed it and whether this case trusts them. Reads only.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { VerificationReport } from '../../../shared/bundle/import-report';
import { RinglensError } from '../../../shared/errors';
import { isTrusted } from '../keys/trusted-keys';
import { openBundleZip } from './zip';
import { readManifest } from './manifest';
import { checkDeclaredFiles, sha256File } from './import';
import { StreamTap } from './rows';

export async function inspectBundle(
  file: string,
  store?: { db: Database },
): Promise<VerificationReport> {
  const sha256 = await sha256File(file);
  const zip = await openBundleZip(file);
  try {
    const { manifest, signature } = await readManifest(zip);
    const problems: string[] = [];
    try {
      checkDeclaredFiles(zip, manifest);
    } catch (e) {
      if (!(e instanceof RinglensError)) throw e;
      problems.push(e.message);
    }
    const files: VerificationReport['files'] = [];
    for (const f of manifest.files) {
      if (!zip.entries.has(f.path)) {
        files.push({
          path: f.path,
          role: f.role,
          size: f.size,
          declaredSha256: f.sha256,
          ok: false,
          problem: 'missing',
        });
        continue;
      }
      const tap = new StreamTap();
      try {
        for await (const chunk of await zip.openEntry(f.path)) tap.see(chunk as Buffer);
        const actual = tap.digest();
        const ok = actual === f.sha256 && tap.bytes === f.size;
        files.push({
          path: f.path,
          role: f.role,
          size: f.size,
          declaredSha256: f.sha256,
          actualSha256: actual,
          ok,
          ...(!ok && {
            problem: actual !== f.sha256 ? 'hash does not match' : 'size does not match',
          }),
        });
        if (!ok)
          problems.push(
            `${f.path}: ${actual !== f.sha256 ? 'hash does not match the manifest' : 'size does not match the manifest'}`,
          );
      } catch (e) {
        files.push({
          path: f.path,
          role: f.role,
          size: f.size,
          declaredSha256: f.sha256,
          ok: false,
          problem: (e as Error).message,
        });
        problems.push(`${f.path}: ${(e as Error).message}`);
      }
    }
    const trusted =
      signature.present && signature.valid && store
        ? isTrusted(store.db, signature.fingerprint)
        : false;
    if (!signature.present) problems.push('the bundle is not signed');
    else if (!signature.valid) problems.push('the signature does not match the manifest');
    else if (!trusted) problems.push('the signer is not on this case’s list of trusted issuers');
    const alreadyImported = store
      ? store.db.prepare('SELECT 1 FROM bundles WHERE sha256 = ?').get(sha256) !== undefined
      : false;
    return {
      file,
      sha256,
      bundleId: manifest.bundleId,
      issuer: manifest.issuer,
      createdAt: manifest.createdAt,
      description: manifest.description,
      counts: manifest.counts,
      signature: {
        present: signature.present,
        valid: signature.present && signature.valid,
        ...(signature.present && { fingerprint: signature.fingerprint }),
        trusted,
      },
      files,
      alreadyImported,
      ok:
        files.every((f) => f.ok) &&
        problems.filter(
          (p) => !p.startsWith('the bundle is not signed') && !p.startsWith('the signer'),
        ).length === 0,
      problems,
    };
  } finally {
    zip.close();
  }
}
