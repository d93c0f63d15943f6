/**
 * Exporting a packet: the PDF, the native exhibits, the data files, a manifest signed by
 * the examiner, SHA256SUMS and VERIFY.txt, in a deterministic zip. The same case state,
 * options and date give the same bytes: a packet produced again from the same inputs is
 * found in the register and keeps its Bates numbers and audit head.
 */
import { basename } from 'node:path';
import { sign } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { writeCsv as csv } from '../util/csv-cell';
import { PacketOptions, type PacketOptions as Options } from '../../../shared/evidence/schemas';
import { RinglensError } from '../../../shared/errors';
import { appendAudit, auditHead } from '../audit/log';
import { canonicalJson } from '../util/canonical-json';
import { sha256Hex } from '../util/hash';
import { writeZip } from '../bundle/writer';
import { CODE_VERSION } from '../version';
import { buildPacketContent, type PacketContent } from './model';
import { examinerKey } from './examiner';
import { renderPacketPdf } from './pdf';
import { graphml } from './graphml';
import { verifyText } from './verify-text';
import { checkPacketDate } from './packet-date';
import { matterSettings } from './matter';
import { checkPacket, refuseTextPastMargins } from './quality';
import { formatValue } from '../../../shared/format-value';
import { audienceDataFiles } from './audience';
import { publicSchedulePdf, scheduleAFiles } from './civil-sellers/files';
import { UNCANCELLABLE, type OperationContext } from '../util/operation-context';

export interface ExportResult {
  readonly file: string;
  readonly packetId: string;
  readonly sha256: string;
  readonly pages: number;
  readonly bates: { first: string; last: string };
  readonly exhibits: number;
  readonly reproduced: boolean;
  /** The pre-export checker's warnings, also printed on the packet's quality page. */
  readonly warnings: readonly string[];
}

/** A digest of everything a packet can show: the data, not the audit trail of exports. */
function stateHash(db: Database): string {
  const parts = [
    db
      .prepare("SELECT group_concat(sha256, ',') FROM (SELECT sha256 FROM bundles ORDER BY id)")
      .pluck()
      .get(),
    statementsDigest(db),
    db
      .prepare(
        "SELECT group_concat(ring_id || positions, ',') FROM (SELECT * FROM ring_views ORDER BY ring_id)",
      )
      .pluck()
      .get(),
    db.prepare("SELECT value FROM settings WHERE key = 'warning_list.case'").pluck().get(),
    db
      .prepare("SELECT group_concat(object || text, ',') FROM (SELECT * FROM notes ORDER BY id)")
      .pluck()
      .get(),
    // A ring's status history and outcomes appear in its packets.
    db.prepare("SELECT count(*) || ':' || coalesce(max(seq), 0) FROM status_history").pluck().get(),
    db
      .prepare(
        "SELECT group_concat(outcome_id || coalesce(withdrawn_at, ''), ',') FROM (SELECT * FROM outcomes ORDER BY outcome_id)",
      )
      .pluck()
      .get(),
  ];
  return sha256Hex(JSON.stringify(parts));
}

/**
 * "count:max id" of the statements. Statements are append-only (no code path deletes one)
 * and their ids are SQLite rowids, so the count equals the highest id: reading it from the
 * id index costs nothing, while count(*) scans the whole encrypted table (about a second at
 * 20,000 sellers), on every export.
 */
function statementsDigest(db: Database): string {
  const max = db.prepare('SELECT coalesce(max(id), 0) FROM statements').pluck().get() as number;
  return `${max}:${max}`;
}

function setting(db: Database, key: string): unknown {
  const v = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as
    string | undefined;
  return v === undefined ? undefined : JSON.parse(v);
}

function dataFiles(c: PacketContent): { name: string; data: Buffer }[] {
  const out: { name: string; data: Buffer }[] = [];
  const both = (name: string, rows: readonly Record<string, unknown>[]) => {
    if (!rows.length) return;
    const cols = Object.keys(rows[0]!);
    out.push({
      name: `data/${name}.csv`,
      data: Buffer.from(csv([cols, ...rows.map((r) => cols.map((k) => formatValue(r[k])))])),
    });
    out.push({
      name: `data/${name}.json`,
      data: Buffer.from(`${JSON.stringify(rows, null, 2)}\n`),
    });
  };
  // A referral names suspects and seller accounts, never Does (audienceDataFiles).
  if (c.options.type !== 'referral')
    both(
      'defendants',
      c.defendants.map((d) => ({
        ...d,
        shops: d.shops.map((s) => `${s.name} ${s.url} ${s.marketplaceId}`).join('; '),
      })),
    );
  both('shared-identifiers', c.sharedIdentifiers);
  both('transactions', c.orders);
  both('complaints', c.complaints);
  both('infringement', c.infringement);
  both(
    'exhibits',
    c.exhibits.map(
      ({ number, fileName, name, description, date, source, custodian, mediaType, sha256 }) => ({
        number,
        file: `exhibits/${fileName}`,
        name,
        description,
        date,
        source,
        custodian,
        mediaType,
        sha256,
      }),
    ),
  );
  both(
    'timeline',
    c.timeline.map((t) => ({ at: t.at, kind: t.kind, entity: t.entity.key, text: t.text })),
  );
  if (c.caseStatus) {
    both('status-history', c.caseStatus.history);
    both('outcomes', c.caseStatus.outcomes);
  }
  both(
    'identities',
    c.identities.map((m) => ({
      kind: m.kind,
      a: m.a.key,
      aLabel: m.a.label,
      b: m.b.key,
      bLabel: m.b.label,
      decidedBy: m.decidedBy,
      decidedAt: m.decidedAt,
      reason: m.reason,
      probability: m.probability,
      terms: m.terms.join('; '),
      tiedTo: m.tiedTo,
    })),
  );
  if (c.dossier)
    out.push({
      name: 'data/complainant-dossier.json',
      data: Buffer.from(`${JSON.stringify(c.dossier, null, 2)}\n`),
    });
  if (c.figure) out.push({ name: 'data/ring.graphml', data: Buffer.from(graphml(c.figure)) });
  return [...out, ...audienceDataFiles(c)];
}

export async function exportPacket(
  db: Database,
  caseFile: string,
  rawOptions: Options,
  outFile: string,
  actor: string,
  operation: OperationContext = UNCANCELLABLE,
): Promise<ExportResult> {
  const parsed = PacketOptions.safeParse(rawOptions);
  if (!parsed.success)
    throw new RinglensError('INVALID_ARGUMENT', parsed.error.issues[0]!.message, {
      field: parsed.error.issues[0]!.path.join('.'),
    });
  const matter = matterSettings(db);
  const preparer = parsed.data.preparer ?? matter.examiner?.name;
  if (!preparer)
    throw new RinglensError('INVALID_ARGUMENT', 'the packet names no preparer', {
      field: 'preparer',
      hint: 'set the examiner profile of the case (`ringlens matter CASE --examiner-name "Jane Doe" --examiner-title ... --organisation ...`) or pass --preparer',
    });
  const options = { ...parsed.data, preparer };
  // The matter's title, never the file name: numbering and names survive renaming the case.
  const caseName = matter.title ?? basename(caseFile).replace(/\.ringlens$/, '');
  const inputHash = sha256Hex(
    // The matter (paper size, examiner, custodian, jurisdiction) shapes the pages too.
    canonicalJson({
      state: stateHash(db),
      options,
      caseName,
      matter: { ...matter, pageSize: matter.pageSize ?? 'A4' },
      version: CODE_VERSION,
    }),
  );
  const packetId = `PKT-${inputHash.slice(0, 12).toUpperCase()}`;
  const registered = db
    .prepare('SELECT bates_first, audit_head FROM packets WHERE input_hash = ?')
    .get(inputHash) as { bates_first: number; audit_head: string } | undefined;
  const prefix = matter.batesPrefix ?? formatValue(setting(db, 'bates.prefix') ?? 'RL');
  const nextFree =
    (db.prepare('SELECT coalesce(max(bates_last), 0) + 1 FROM packets').pluck().get() as number) ??
    1;
  const batesFirst = registered?.bates_first ?? nextFree;
  const head = registered?.audit_head ?? auditHead(db).hash;
  const exportedAt = `${options.date}T00:00:00Z`;
  await operation.step('gathering the evidence');
  const content = buildPacketContent(db, options, caseName);
  checkPacketDate(options.date, content, new Date().toISOString().slice(0, 10));
  const quality = checkPacket(content);
  const data = [...dataFiles(content), ...(await scheduleAFiles(content))];
  const blocking = quality.filter((q) => q.severity === 'blocking');
  if (blocking.length)
    throw new RinglensError(
      'INVALID_ARGUMENT',
      `the packet was not exported: ${blocking.map((b) => `${b.check}: ${b.detail}`).join('; ')}`,
      { hint: 'fix the case data named above, then export again' },
    );
  await operation.step('drawing the PDF');
  const key = examinerKey(db, actor, new Date().toISOString());
  const pageSize = matter.pageSize ?? 'A4';
  const { pdf, pages, identBates } = await renderPacketPdf({
    content,
    packetId,
    batesPrefix: prefix,
    batesFirst,
    auditHead: head,
    examinerFingerprint: key.fingerprint,
    ...(matter.examiner && { examiner: matter.examiner }),
    ...(matter.custodian && { custodian: matter.custodian }),
    ...(matter.filing && { filing: matter.filing }),
    pageSize,
    quality,
    dataFiles: data.map((f) => ({ name: f.name, sha256: sha256Hex(f.data) })),
  });
  // Measured on the rendered bytes: nothing is written when any text falls off the page.
  refuseTextPastMargins(pdf);

  const files: { name: string; data: Buffer }[] = [
    { name: 'packet.pdf', data: pdf },
    ...(await publicSchedulePdf(content, packetId, identBates, pageSize)),
    ...content.exhibits.map((x) => ({ name: `exhibits/${x.fileName}`, data: x.data })),
    ...data,
    { name: 'examiner.pub.pem', data: Buffer.from(key.publicKeyPem) },
    { name: 'VERIFY.txt', data: Buffer.from(verifyText(packetId, key.fingerprint)) },
  ];
  const manifest = {
    format: 'ringlens.evidence-packet',
    version: 1,
    packetId,
    case: caseName,
    type: options.type,
    subject: options.ringId ?? options.complainant,
    preparer: options.preparer,
    date: options.date,
    redaction: content.redaction,
    bates: { prefix, first: batesFirst, last: batesFirst + pages - 1 },
    auditHead: head,
    examiner: { algorithm: 'Ed25519', fingerprint: key.fingerprint },
    ringlens: CODE_VERSION,
    sourceBundles: content.bundles.map((b) => ({
      bundleId: b.bundleId,
      sha256: b.sha256,
      issuer: b.issuer,
      signature: b.signature,
      signer: b.signer,
    })),
    files: files
      .map((f) => ({ path: f.name, sha256: sha256Hex(f.data), size: f.data.length }))
      .sort((a, b) => a.path.localeCompare(b.path)),
  };
  const manifestBytes = Buffer.from(
    `${JSON.stringify(JSON.parse(canonicalJson(manifest)), null, 2)}\n`,
  );
  const signature = sign(null, manifestBytes, key.privateKey);
  const listed = [...files, { name: 'manifest.json', data: manifestBytes }].sort((a, b) =>
    a.name.localeCompare(b.name),
  );
  const sums = Buffer.from(listed.map((f) => `${sha256Hex(f.data)}  ${f.name}\n`).join(''));
  const entries = [
    ...listed,
    { name: 'SHA256SUMS', data: sums },
    { name: 'manifest.sig', data: signature },
  ].sort((a, b) => a.name.localeCompare(b.name));
  // The last moment a cancel keeps nothing: the zip is written whole, then registered.
  await operation.step('writing the packet');
  const sha256 = await writeZip(outFile, entries);

  db.transaction(() => {
    if (!registered) {
      db.prepare(
        'INSERT INTO packets (packet_id, input_hash, type, bates_first, bates_last, audit_head, sha256, exported_at, exported_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(
        packetId,
        inputHash,
        options.type,
        batesFirst,
        batesFirst + pages - 1,
        head,
        sha256,
        exportedAt,
        actor,
      );
    }
    appendAudit(db, {
      actor,
      action: 'packet.export',
      object: `packet:${packetId}`,
      details: {
        sha256,
        type: options.type,
        subject: manifest.subject,
        pages,
        bates: manifest.bates,
        reproduced: registered !== undefined,
        file: basename(outFile),
      },
    });
  })();
  return {
    file: outFile,
    packetId,
    sha256,
    pages,
    bates: {
      first: `${prefix}${String(batesFirst).padStart(7, '0')}`,
      last: `${prefix}${String(batesFirst + pages - 1).padStart(7, '0')}`,
    },
    exhibits: content.exhibits.length,
    reproduced: registered !== undefined,
    warnings: quality.filter((q) => q.severity === 'warning').map((q) => `${q.check}: ${q.detail}`),
  };
}
