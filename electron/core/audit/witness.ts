/**
 * Anchoring the audit chain outside the case. Anyone with the passphrase can cut the chain's
 * tail or rewrite it and re-hash every entry: the chain still verifies, since it is checked
 * only against itself. What they cannot change is a head that has already left the case:
 * every evidence packet's manifest carries the head at export, so do GraphML, GEXF and
 * review-pack exports (export-head.ts), and a signed head receipt can be written to
 * removable media at any time. `verify --witness` checks that each
 * witnessed head is still in the chain at its position (as Certificate Transparency's
 * consistency checks and signed git tags do).
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { sign, verify } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { RinglensError } from '../../../shared/errors';
import { canonicalJson } from '../util/canonical-json';
import { sha256Hex } from '../util/hash';
import { writeFileAtomic } from '../util/durable-file';
import { openBundleZip } from '../bundle/zip';
import { keyFingerprint, parseEd25519PublicKey } from '../keys/fingerprint';
import { examinerKey } from '../evidence/examiner';
import { appendAudit, auditHead } from './log';
import { exportKindOf, readExportHead, type ExportKind } from './export-head';

export const RECEIPT_FORMAT = 'ringlens-audit-head-receipt';

/** What a head receipt states; the signature covers its canonical JSON. */
export interface HeadReceiptBody {
  readonly format: typeof RECEIPT_FORMAT;
  readonly version: 1;
  /** The case's creation time: tells one case from another whatever the file is called. */
  readonly caseCreatedAt: string;
  readonly caseFile: string;
  readonly seq: number;
  readonly hash: string;
  readonly at: string;
  readonly examiner: { readonly fingerprint: string; readonly publicKeyPem: string };
}

export interface HeadReceipt extends HeadReceiptBody {
  /** Ed25519 over canonicalJson(body), base64. */
  readonly signature: string;
}

export interface Witness {
  readonly file: string;
  readonly kind: 'packet' | 'receipt' | ExportKind;
  /** The entry number, when the witness states it (receipts and exports do; packets give the hash only). */
  readonly seq: number | null;
  readonly hash: string;
  /** Examiner key that signed the witness, when it is a receipt. */
  readonly signer: string | null;
}

export interface WitnessResult {
  readonly file: string;
  readonly kind: Witness['kind'];
  readonly seq: number | null;
  readonly hash: string;
  readonly ok: boolean;
  readonly detail: string;
}

function caseCreatedAt(db: Database): string {
  const row = db.prepare(`SELECT value FROM case_meta WHERE key = 'created_at'`).get() as
    { value: string } | undefined;
  return row?.value ?? '';
}

/** Signs the current head with the examiner key and writes it to `out` (never overwriting). */
export function writeHeadReceipt(
  db: Database,
  caseFile: string,
  out: string,
  actor: string,
): HeadReceipt {
  const now = new Date().toISOString();
  const key = examinerKey(db, actor, now);
  // Read after the key exists: creating the examiner key appends an entry of its own.
  const head = auditHead(db);
  const body: HeadReceiptBody = {
    format: RECEIPT_FORMAT,
    version: 1,
    caseCreatedAt: caseCreatedAt(db),
    caseFile: basename(caseFile),
    seq: head.seq,
    hash: head.hash,
    at: now,
    examiner: { fingerprint: key.fingerprint, publicKeyPem: key.publicKeyPem },
  };
  const signature = sign(null, Buffer.from(canonicalJson(body)), key.privateKey).toString('base64');
  const receipt: HeadReceipt = { ...body, signature };
  const text = `${JSON.stringify(receipt, null, 2)}\n`;
  if (existsSync(out))
    throw new RinglensError('INVALID_ARGUMENT', `${out} already exists`, {
      field: '--out',
      hint: 'choose a new file name: a receipt is never overwritten',
    });
  writeFileAtomic(out, text, { mode: 0o644 });
  appendAudit(db, {
    actor,
    action: 'audit.receipt',
    object: 'case',
    details: { seq: head.seq, head: head.hash, file: basename(out), sha256: sha256Hex(text) },
    at: now,
  });
  return receipt;
}

function isZip(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const b = Buffer.alloc(4);
    readSync(fd, b, 0, 4, 0);
    return b.readUInt32LE(0) === 0x04034b50;
  } finally {
    closeSync(fd);
  }
}

const HEX64 = /^[0-9a-f]{64}$/;

function bad(file: string, message: string): RinglensError {
  return new RinglensError('INVALID_ARGUMENT', `${file}: ${message}`, {
    field: '--witness',
    hint: 'a witness is an evidence packet (.zip), a GraphML, GEXF or review-pack export of this case, or a head receipt written by `ringlens audit receipt`',
  });
}

/** Exports state their head near the start (before any node); a MiB is plenty. */
const EXPORT_HEAD_WINDOW = 1024 ** 2;

function readStart(file: string, bytes: number): string {
  const fd = openSync(file, 'r');
  try {
    const b = Buffer.alloc(bytes);
    const n = readSync(fd, b, 0, bytes, 0);
    return b.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads the head a packet, an export or a receipt witnessed; a receipt's signature must
 * verify. An export is unsigned: it proves only that the chain once reached its head, which
 * is what a cut or a rewrite destroys.
 */
export async function readWitness(file: string): Promise<Witness> {
  let zip: boolean;
  try {
    zip = isZip(file);
  } catch (e) {
    throw bad(file, `cannot be read (${(e as Error).message})`);
  }
  if (zip) {
    const z = await openBundleZip(file);
    try {
      if (!z.entries.has('manifest.json')) throw bad(file, 'a zip without manifest.json');
      const m = JSON.parse(
        (await z.readEntry('manifest.json', 64 * 1024 ** 2)).toString('utf8'),
      ) as {
        auditHead?: unknown;
      };
      if (typeof m.auditHead !== 'string' || !HEX64.test(m.auditHead))
        throw bad(file, 'its manifest.json states no audit head');
      return { file, kind: 'packet', seq: null, hash: m.auditHead, signer: null };
    } finally {
      z.close();
    }
  }
  const start = readStart(file, EXPORT_HEAD_WINDOW);
  const kind = exportKindOf(start.slice(0, 4096));
  if (kind) {
    const head = readExportHead(kind, start);
    if (!head)
      throw bad(
        file,
        `this ${kind === 'review-pack' ? 'review pack' : kind === 'graphml' ? 'GraphML file' : 'GEXF file'} states no audit head (exports made before Ringlens carried one cannot witness)`,
      );
    return { file, kind, seq: head.seq, hash: head.hash, signer: null };
  }
  let r: Partial<HeadReceipt>;
  try {
    r = JSON.parse(readFileSync(file, 'utf8')) as Partial<HeadReceipt>;
  } catch {
    throw bad(
      file,
      'neither a packet zip, a GraphML, GEXF or review-pack export, nor a head receipt',
    );
  }
  if (r.format !== RECEIPT_FORMAT) throw bad(file, 'not a Ringlens head receipt');
  const { signature, ...body } = r;
  if (
    typeof r.seq !== 'number' ||
    typeof r.hash !== 'string' ||
    !HEX64.test(r.hash) ||
    typeof signature !== 'string' ||
    typeof r.examiner?.publicKeyPem !== 'string'
  )
    throw bad(file, 'the receipt is incomplete');
  const key = parseEd25519PublicKey(r.examiner.publicKeyPem, { file });
  const fingerprint = keyFingerprint(key);
  const valid =
    fingerprint === r.examiner.fingerprint &&
    verify(null, Buffer.from(canonicalJson(body)), key, Buffer.from(signature, 'base64'));
  if (!valid) throw bad(file, 'the receipt signature does not verify: the receipt was altered');
  return { file, kind: 'receipt', seq: r.seq, hash: r.hash, signer: fingerprint };
}

/** Is each witnessed head still in the chain, at its position? */
export function checkWitnesses(db: Database, witnesses: readonly Witness[]): WitnessResult[] {
  const head = auditHead(db);
  const atSeq = db.prepare('SELECT hash FROM audit_log WHERE seq = ?').pluck();
  const byHash = db.prepare('SELECT seq FROM audit_log WHERE hash = ?').pluck();
  const examinerKnown = db.prepare('SELECT 1 FROM examiner_keys WHERE fingerprint = ?');
  return witnesses.map((w): WitnessResult => {
    const base = { file: w.file, kind: w.kind, seq: w.seq, hash: w.hash };
    if (w.signer && examinerKnown.get(w.signer) === undefined)
      return {
        ...base,
        ok: false,
        detail: `signed by examiner key ${w.signer.slice(0, 16)}…, which this case does not hold: a receipt of another case?`,
      };
    if (w.seq !== null) {
      if (w.seq > head.seq)
        return {
          ...base,
          ok: false,
          detail: `witnessed entry ${w.seq}, but the chain now ends at entry ${head.seq}: it was cut`,
        };
      const now = atSeq.get(w.seq) as string | undefined;
      if (now !== w.hash)
        return {
          ...base,
          ok: false,
          detail: `entry ${w.seq} no longer has the witnessed hash ${w.hash.slice(0, 16)}… (now ${now?.slice(0, 16) ?? 'missing'}…): the chain was rewritten`,
        };
      return { ...base, ok: true, detail: `entry ${w.seq} still has the witnessed hash` };
    }
    const seq = byHash.get(w.hash) as number | undefined;
    if (seq === undefined)
      return {
        ...base,
        ok: false,
        detail: `the witnessed head ${w.hash.slice(0, 16)}… is no longer in the chain (${head.seq} entries): it was cut or rewritten`,
      };
    return { ...base, seq, ok: true, detail: `the witnessed head is entry ${seq} of the chain` };
  });
}
