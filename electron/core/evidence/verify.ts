/**
 * Checking a packet the way a stranger would, file by file: the zip is safe, SHA256SUMS
 * matches every file, manifest.json lists every file with the right hash and size, and the
 * manifest's Ed25519 signature verifies against the packet's examiner key.
 */
import { createHash, verify } from 'node:crypto';
import type { PacketVerification } from '../../../shared/evidence/schemas';
import { openBundleZip } from '../bundle/zip';
import { keyFingerprint, parseEd25519PublicKey } from '../keys/fingerprint';

const REQUIRED = [
  'packet.pdf',
  'manifest.json',
  'manifest.sig',
  'SHA256SUMS',
  'examiner.pub.pem',
  'VERIFY.txt',
];

export async function verifyPacket(file: string): Promise<PacketVerification> {
  const problems: string[] = [];
  const verdicts = new Map<string, { ok: boolean; problem?: string }>();
  const fail = (f: string, problem: string) => {
    verdicts.set(f, { ok: false, problem });
    problems.push(`${f}: ${problem}`);
  };
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
    let manifest: { packetId?: string; files?: { path: string; sha256: string; size: number }[] } =
      {};
    try {
      manifest = JSON.parse(data.get('manifest.json')?.toString('utf8') ?? '{}') as typeof manifest;
    } catch {
      fail('manifest.json', 'not valid JSON');
    }
    const listed = new Map((manifest.files ?? []).map((f) => [f.path, f]));
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
    return {
      ok: problems.length === 0,
      packetId: manifest.packetId ?? null,
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
