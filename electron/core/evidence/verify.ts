/**
 * Checking a packet the way a stranger would, file by file: the zip is safe and holds
 * nothing but the packet's files, SHA256SUMS matches every file, manifest.json lists every
 * file with the right hash and size, the manifest's Ed25519 signature verifies against the
 * packet's examiner key, and that key is the examiner the manifest and the PDF name (and,
 * given --expect-key, the one the checker was told to expect by another channel). A
 * forger who alters an exhibit and re-signs with a new key fails the last two checks.
 */
import { createHash, verify } from 'node:crypto';
import type { PacketVerification } from '../../../shared/evidence/schemas';
import { openBundleZip } from '../bundle/zip';
import { keyFingerprint, parseEd25519PublicKey } from '../keys/fingerprint';
import yauzl from 'yauzl';

/** Every entry name in the zip's central directory, folders included. */
function zipEntryNames(file: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('cannot open'));
      const names: string[] = [];
      zip.on('entry', (e: { fileName: string }) => {
        names.push(e.fileName);
        zip.readEntry();
      });
      zip.on('end', () => resolve(names));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** The examiner fingerprint the PDF carries in its XMP keywords. */
export function pdfExaminerFingerprint(pdf: Buffer): string | null {
  const m = /examiner-ed25519:([0-9a-f]{64})/.exec(pdf.toString('latin1'));
  return m ? m[1]! : null;
}

/** A fingerprint given as 64 hex digits (colons and spaces allowed) or as a PEM public key. */
export function expectedFingerprint(spec: string, pemText?: string): string {
  if (pemText !== undefined) return keyFingerprint(parseEd25519PublicKey(pemText, { file: spec }));
  const hex = spec.replace(/[:\s]/g, '').toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hex))
    throw new Error(
      `--expect-key ${spec}: not a SHA-256 fingerprint (64 hex digits) or a key file`,
    );
  return hex;
}

const REQUIRED = [
  'packet.pdf',
  'manifest.json',
  'manifest.sig',
  'SHA256SUMS',
  'examiner.pub.pem',
  'VERIFY.txt',
];

export async function verifyPacket(
  file: string,
  expectKey: string | null = null,
): Promise<PacketVerification> {
  const problems: string[] = [];
  const verdicts = new Map<string, { ok: boolean; problem?: string }>();
  const fail = (f: string, problem: string) => {
    verdicts.set(f, { ok: false, problem });
    problems.push(`${f}: ${problem}`);
  };
  for (const name of await zipEntryNames(file).catch(() => []))
    if (name.endsWith('/')) fail(name, 'a folder entry that is not part of the packet');
  const zip = await openBundleZip(file);
  try {
    const data = new Map<string, Buffer>();
    for (const name of [...zip.entries.keys()].sort())
      data.set(name, await zip.readEntry(name, 2 * 1024 ** 3));
    for (const r of REQUIRED) if (!data.has(r)) fail(r, 'missing');
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

    const sums = new Map<string, string>();
    for (const line of (data.get('SHA256SUMS')?.toString('utf8') ?? '')
      .split('\n')
      .filter(Boolean)) {
      const m = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
      if (m) sums.set(m[2]!, m[1]!);
      else fail('SHA256SUMS', `malformed line: ${line.slice(0, 80)}`);
    }
    let manifest: {
      packetId?: string;
      examiner?: { fingerprint?: string };
      files?: { path: string; sha256: string; size: number }[];
    } = {};
    try {
      manifest = JSON.parse(data.get('manifest.json')?.toString('utf8') ?? '{}') as typeof manifest;
    } catch {
      fail('manifest.json', 'not valid JSON');
    }
    const entries = Array.isArray(manifest.files) ? manifest.files : [];
    if (entries.some((f) => typeof f?.path !== 'string'))
      fail('manifest.json', 'a file entry has no path: the manifest was altered');
    const listed = new Map(
      entries.filter((f) => typeof f?.path === 'string').map((f) => [f.path, f]),
    );
    for (const [name, bytes] of data) {
      if (name === 'SHA256SUMS' || name === 'manifest.sig') continue;
      const actual = sha(bytes);
      if (!sums.has(name)) fail(name, 'not listed in SHA256SUMS');
      else if (sums.get(name) !== actual)
        fail(name, 'SHA-256 differs from SHA256SUMS: the file was altered');
      if (name !== 'manifest.json') {
        const m = listed.get(name);
        if (!m) fail(name, 'not listed in manifest.json');
        else if (m.sha256 !== actual || m.size !== bytes.length)
          fail(name, 'SHA-256 or size differs from manifest.json');
      }
      if (!verdicts.has(name)) verdicts.set(name, { ok: true });
    }
    for (const name of sums.keys())
      if (!data.has(name)) fail(name, 'listed in SHA256SUMS but missing');
    for (const name of listed.keys())
      if (!data.has(name)) fail(name, 'listed in manifest.json but missing');

    let signer: string | null = null;
    try {
      const key = parseEd25519PublicKey(data.get('examiner.pub.pem')?.toString('utf8') ?? '', {
        file: 'examiner.pub.pem',
      });
      signer = keyFingerprint(key);
      const sig = data.get('manifest.sig');
      const ok =
        sig !== undefined &&
        sig.length === 64 &&
        verify(null, data.get('manifest.json') ?? Buffer.alloc(0), key, sig);
      if (!ok) fail('manifest.sig', 'the signature does not verify over manifest.json');
      else verdicts.set('manifest.sig', { ok: true });
    } catch (e) {
      fail('examiner.pub.pem', (e as Error).message);
    }
    // The key that signed must be the examiner the packet names, in the manifest and the PDF.
    const named = manifest.examiner?.fingerprint ?? null;
    const inPdf = data.has('packet.pdf') ? pdfExaminerFingerprint(data.get('packet.pdf')!) : null;
    if (signer) {
      if (!named) fail('manifest.json', 'names no examiner fingerprint');
      else if (named !== signer)
        fail(
          'examiner.pub.pem',
          `the signing key ${signer} is not the examiner key ${named} that manifest.json names`,
        );
      if (!inPdf) fail('packet.pdf', 'carries no examiner fingerprint');
      else if (inPdf !== signer)
        fail('packet.pdf', `names examiner key ${inPdf}, but the manifest was signed by ${signer}`);
      if (expectKey && expectKey !== signer)
        fail('examiner.pub.pem', `signed by ${signer}, not by the expected key ${expectKey}`);
    }
    return {
      ok: problems.length === 0,
      packetId: manifest.packetId ?? null,
      examiner: named && named === inPdf ? named : null,
      expectedKey: expectKey,
      signer,
      files: [...verdicts.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([f, v]) => ({ file: f, ...v })),
      problems,
    };
  } finally {
    zip.close();
  }
}
