/**
 * Importing a lead bundle into a case: verify, then stream every row into one transaction.
 *
 * All or nothing: the whole import is one SQLite transaction, and every check (row
 * validity, references, each file's hash and size) happens before COMMIT, so a bad row at
 * the end of a million, or a crash half-way, leaves the case exactly as it was.
 */
import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';
import { userInfo } from 'node:os';
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import { RinglensError } from '../../../shared/errors';
import type {
  ImportProgress,
  ImportResult,
  SignatureStatus,
} from '../../../shared/bundle/import-report';
import type { Manifest, ManifestFile } from '../../../shared/bundle/schema';
import { linkAllows } from '../../../shared/domain/link-types';
import type { EntityType } from '../../../shared/domain/entity-types';
import type { CaseStore } from '../store/open';
import { appendAudit } from '../audit/log';
import { isTrusted } from '../keys/trusted-keys';
import { openBundleZip, type BundleZip } from './zip';
import { readManifest, MANIFEST, SIGNATURE, type ReadManifest } from './manifest';
import {
  readCsvRows,
  readJsonLines,
  StreamTap,
  validateEntityRow,
  validateLinkRow,
  type RawRow,
} from './rows';
import { entityKey, entityLabel, normaliseProps } from './resolve';
import { refreshLinkGraphAfterImport } from '../graph/link-graph';

export interface ImportOptions {
  /** Who is importing (recorded in the audit log); defaults to the OS user. */
  readonly actor?: string;
  /** Accept a bundle with no signature. Recorded; the bundle stays marked `unsigned`. */
  readonly allowUnsigned?: boolean;
  /** Accept a valid signature by a key the case does not trust. Recorded; marked `accepted`. */
  readonly acceptSigner?: boolean;
  readonly onProgress?: (p: ImportProgress) => void;
  /** Time recorded for the import (tests); defaults to now. */
  readonly now?: string;
  /** Run every check and every write, then roll back: a preview that validates exactly as the import does. */
  readonly dryRun?: boolean;
}

export function defaultActor(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      throw new RinglensError('NOT_FOUND', `no file at ${file}`, { file });
    throw e;
  }
  return hash.digest('hex');
}

/** Decides whether the bundle's signature lets it in, and how it will be marked. */
export function signatureDecision(
  read: ReadManifest,
  trusted: (fp: string) => boolean,
  options: ImportOptions,
): { status: SignatureStatus; fingerprint: string | null } {
  const sig = read.signature;
  if (!sig.present) {
    if (!options.allowUnsigned) {
      throw new RinglensError('BUNDLE_UNSIGNED', 'the bundle is not signed', {
        file: SIGNATURE,
        hint: 'import it only if you know where it came from, with --allow-unsigned; it will stay marked unsigned',
      });
    }
    return { status: 'unsigned', fingerprint: null };
  }
  if (!sig.valid) {
    throw new RinglensError(
      'BUNDLE_BAD_SIGNATURE',
      'the signature does not match the manifest: the bundle was altered or signed wrongly',
      {
        file: SIGNATURE,
        hint: 'do not import it; ask the issuer for a fresh copy',
      },
    );
  }
  if (trusted(sig.fingerprint)) return { status: 'trusted', fingerprint: sig.fingerprint };
  if (!options.acceptSigner) {
    throw new RinglensError(
      'BUNDLE_UNTRUSTED_SIGNER',
      `the bundle is signed by a key this case does not trust (fingerprint ${sig.fingerprint})`,
      {
        file: SIGNATURE,
        hint: 'check the fingerprint with the issuer, then trust the key (`ringlens keys CASE add`) or accept this signer once with --accept-signer',
      },
    );
  }
  return { status: 'accepted', fingerprint: sig.fingerprint };
}

/** Every entry must be declared, every declared file present with the declared size. */
export function checkDeclaredFiles(zip: BundleZip, manifest: Manifest): void {
  const declared = new Map(manifest.files.map((f) => [f.path, f]));
  for (const [name, entry] of zip.entries) {
    if (name === MANIFEST || name === SIGNATURE) continue;
    const f = declared.get(name);
    if (!f)
      throw new RinglensError(
        'BUNDLE_INVALID',
        `"${name}" is in the bundle but not declared in manifest.json`,
        { file: name, hint: 'undeclared files are refused: they could not be verified' },
      );
    if (entry.uncompressedSize !== f.size) {
      throw new RinglensError(
        'BUNDLE_INVALID',
        `"${name}" is ${entry.uncompressedSize} bytes but the manifest declares ${f.size}`,
        { file: name, field: 'size' },
      );
    }
  }
  for (const f of manifest.files) {
    if (!zip.entries.has(f.path))
      throw new RinglensError(
        'BUNDLE_INVALID',
        `"${f.path}" is declared in manifest.json but missing from the bundle`,
        { file: f.path },
      );
  }
}

interface Prepared {
  insertBundle: Statement;
  finishBundle: Statement;
  insertFile: Statement;
  upsertEntity: Statement;
  upsertAlias: Statement;
  lookupAlias: Statement;
  lookupKey: Statement;
  aliasOwner: Statement;
  upsertLink: Statement;
  insertStatement: Statement;
  insertBlob: Statement;
  countEntities: Statement;
  countLinks: Statement;
}

function prepare(store: CaseStore): Prepared {
  const { db } = store;
  return {
    insertBundle:
      db.prepare(`INSERT INTO bundles (bundle_id, kind, sha256, manifest_sha256, format_version, issuer, signature, signer_fingerprint, created_at, description, imported_at, imported_by, entity_rows, link_rows, evidence_files)
      VALUES (?, 'lead-bundle', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0)`),
    finishBundle: db.prepare(
      'UPDATE bundles SET entity_rows = ?, link_rows = ?, evidence_files = ? WHERE id = ?',
    ),
    insertFile: db.prepare(
      'INSERT INTO bundle_files (bundle, path, sha256, size, media_type, role) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    upsertEntity: db.prepare(`INSERT INTO entities (key, type, label, props) VALUES (?, ?, ?, ?)
      ON CONFLICT (key) DO UPDATE SET props = json_patch(entities.props, excluded.props) RETURNING id, type`),
    upsertAlias: db.prepare(`INSERT INTO entity_aliases (alias, entity) VALUES (?, ?)
      ON CONFLICT (alias) DO UPDATE SET entity = entity RETURNING entity`),
    lookupAlias:
      db.prepare(`SELECT a.entity AS id, e.type AS type FROM entity_aliases a JOIN entities e ON e.id = a.entity WHERE a.alias = @alias
      UNION ALL SELECT id, type FROM entities WHERE key = @alias LIMIT 1`),
    lookupKey: db.prepare('SELECT id FROM entities WHERE key = ?'),
    aliasOwner: db.prepare('SELECT entity AS id FROM entity_aliases WHERE alias = ?'),
    upsertLink: db.prepare(`INSERT INTO links (type, src, dst, label, props) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (src, dst, type, label) DO UPDATE SET props = json_patch(links.props, excluded.props) RETURNING id`),
    insertStatement: db.prepare(
      'INSERT INTO statements (bundle, file, line, entity, link, props) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    insertBlob: db.prepare(
      'INSERT INTO evidence_blobs (sha256, media_type, size, data) VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING',
    ),
    countEntities: db.prepare('SELECT count(*) AS n FROM entities'),
    countLinks: db.prepare('SELECT count(*) AS n FROM links'),
  };
}

/** Throttles progress callbacks to a few per second. */
function progressReporter(totalBytes: number, onProgress?: (p: ImportProgress) => void) {
  let last = 0;
  const state = {
    phase: 'verifying' as ImportProgress['phase'],
    file: undefined as string | undefined,
    rows: 0,
    bytes: 0,
  };
  const emit = (force = false) => {
    if (!onProgress) return;
    const now = Date.now();
    if (!force && now - last < 100) return;
    last = now;
    const percent = totalBytes === 0 ? 100 : Math.min(100, (state.bytes / totalBytes) * 100);
    onProgress({
      phase: state.phase,
      ...(state.file !== undefined && { file: state.file }),
      rows: state.rows,
      bytes: state.bytes,
      totalBytes,
      percent,
    });
  };
  return { state, emit };
}

const MAX_EVIDENCE_BYTES = 512 * 1024 * 1024;

export async function importBundle(
  store: CaseStore,
  file: string,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const actor = options.actor ?? defaultActor();
  const { db } = store;
  const fileSha = await sha256File(file);
  const zip = await openBundleZip(file);
  try {
    const read = await readManifest(zip);
    const { manifest } = read;
    const existing = db
      .prepare('SELECT sha256 FROM bundles WHERE bundle_id = ?')
      .get(manifest.bundleId) as { sha256: string } | undefined;
    if (existing && existing.sha256 === fileSha) {
      const b = db
        .prepare(
          'SELECT signature, signer_fingerprint, entity_rows, link_rows, evidence_files FROM bundles WHERE sha256 = ?',
        )
        .get(fileSha) as {
        signature: SignatureStatus;
        signer_fingerprint: string | null;
        entity_rows: number;
        link_rows: number;
        evidence_files: number;
      };
      return {
        bundleId: manifest.bundleId,
        sha256: fileSha,
        alreadyImported: true,
        signature: b.signature,
        signerFingerprint: b.signer_fingerprint,
        entityRows: b.entity_rows,
        linkRows: b.link_rows,
        evidenceFiles: b.evidence_files,
        newEntities: 0,
        mergedEntities: 0,
        newLinks: 0,
        auditHash: null,
      };
    }
    if (existing) {
      throw new RinglensError(
        'BUNDLE_CONFLICT',
        `a different bundle with the id "${manifest.bundleId}" is already in this case`,
        {
          file: MANIFEST,
          field: 'bundleId',
          hint: 'a corrected bundle needs a new bundleId',
        },
      );
    }
    const sig = signatureDecision(read, (fp) => isTrusted(db, fp), options);
    checkDeclaredFiles(zip, manifest);

    const totalBytes = manifest.files.reduce((s, f) => s + f.size, 0);
    const progress = progressReporter(totalBytes, options.onProgress);
    progress.emit(true);
    const now = options.now ?? new Date().toISOString();
    const stmts = prepare(store);

    db.exec('BEGIN IMMEDIATE');
    try {
      const result = await importRows(store, stmts, zip, read, fileSha, sig, actor, now, progress);
      if (options.dryRun) {
        db.exec('ROLLBACK');
        return { ...result, auditHash: null };
      }
      progress.state.phase = 'committing';
      progress.emit(true);
      db.exec('COMMIT');
      refreshLinkGraphAfterImport(db);
      progress.state.phase = 'done';
      progress.emit(true);
      return result;
    } catch (e) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw e;
    }
  } finally {
    zip.close();
  }
}

async function importRows(
  store: CaseStore,
  s: Prepared,
  zip: BundleZip,
  read: ReadManifest,
  fileSha: string,
  sig: { status: SignatureStatus; fingerprint: string | null },
  actor: string,
  now: string,
  progress: ReturnType<typeof progressReporter>,
): Promise<ImportResult> {
  const { manifest } = read;
  const entitiesBefore = (s.countEntities.get() as { n: number }).n;
  const linksBefore = (s.countLinks.get() as { n: number }).n;
  const manifestSha = createHash('sha256').update(read.bytes).digest('hex');
  const bundleRow = Number(
    s.insertBundle.run(
      manifest.bundleId,
      fileSha,
      manifestSha,
      manifest.version,
      JSON.stringify(manifest.issuer),
      sig.status,
      sig.fingerprint,
      manifest.createdAt,
      manifest.description,
      now,
      actor,
    ).lastInsertRowid,
  );
  const fileIds = new Map<string, number>();
  for (const f of manifest.files)
    fileIds.set(
      f.path,
      Number(
        s.insertFile.run(bundleRow, f.path, f.sha256, f.size, f.mediaType, f.role).lastInsertRowid,
      ),
    );
  const evidenceDeclared = new Map(
    manifest.files.filter((f) => f.role === 'evidence').map((f) => [f.path, f]),
  );

  // Resolved ids of this import; falls back to the store for ids from earlier bundles.
  const resolved = new Map<string, { id: number; type: EntityType }>();
  const resolve = (alias: string) => {
    const hit = resolved.get(alias);
    if (hit) return hit;
    const row = s.lookupAlias.get({ alias }) as { id: number; type: EntityType } | undefined;
    if (row) resolved.set(alias, row);
    return row;
  };

  let entityRows = 0;
  let linkRows = 0;
  const ordered = [
    ...manifest.files.filter((f) => f.role === 'entities'),
    ...manifest.files.filter((f) => f.role === 'links'),
  ];
  for (const f of ordered) {
    progress.state.phase = f.role === 'entities' ? 'entities' : 'links';
    progress.state.file = f.path;
    const fileId = fileIds.get(f.path)!;
    const tap = new StreamTap((n) => {
      progress.state.bytes += n;
    });
    const stream = await zip.openEntry(f.path);
    const rows = rowReader(stream, f, tap);
    try {
      for await (const raw of rows) {
        if (f.role === 'entities') {
          importEntity(
            s,
            raw,
            f.path,
            fileId,
            bundleRow,
            manifest.defaultRegion,
            evidenceDeclared,
            resolved,
          );
          entityRows++;
        } else {
          importLink(s, raw, f.path, fileId, bundleRow, resolve);
          linkRows++;
        }
        progress.state.rows++;
        if ((progress.state.rows & 1023) === 0) progress.emit();
      }
    } catch (e) {
      stream.destroy();
      throw wrapStreamError(e, f.path);
    }
    checkHash(f, tap);
  }

  progress.state.phase = 'evidence';
  let evidenceFiles = 0;
  for (const f of evidenceDeclared.values()) {
    progress.state.file = f.path;
    let data: Buffer;
    try {
      data = await zip.readEntry(f.path, MAX_EVIDENCE_BYTES);
    } catch (e) {
      throw wrapStreamError(e, f.path);
    }
    const tap = new StreamTap((n) => {
      progress.state.bytes += n;
    });
    tap.see(data);
    checkHash(f, tap);
    s.insertBlob.run(f.sha256, f.mediaType, data.length, data);
    evidenceFiles++;
    progress.emit();
  }

  const counted = { entities: entityRows, links: linkRows, evidence: evidenceFiles };
  for (const k of ['entities', 'links', 'evidence'] as const) {
    if (counted[k] !== manifest.counts[k]) {
      throw new RinglensError(
        'BUNDLE_INVALID',
        `the manifest counts ${manifest.counts[k]} ${k} but the bundle holds ${counted[k]}`,
        { file: MANIFEST, field: `counts.${k}` },
      );
    }
  }
  s.finishBundle.run(entityRows, linkRows, evidenceFiles, bundleRow);
  const entitiesAfter = (s.countEntities.get() as { n: number }).n;
  const linksAfter = (s.countLinks.get() as { n: number }).n;
  const newEntities = entitiesAfter - entitiesBefore;
  const audit = appendAudit(store.db, {
    actor,
    action: 'bundle.import',
    object: `bundle:${manifest.bundleId}`,
    at: now,
    details: {
      sha256: fileSha,
      manifestSha256: manifestSha,
      issuer: manifest.issuer.name,
      signature: sig.status,
      signerFingerprint: sig.fingerprint,
      entityRows,
      linkRows,
      evidenceFiles,
      newEntities,
      newLinks: linksAfter - linksBefore,
    },
  });
  return {
    bundleId: manifest.bundleId,
    sha256: fileSha,
    alreadyImported: false,
    signature: sig.status,
    signerFingerprint: sig.fingerprint,
    entityRows,
    linkRows,
    evidenceFiles,
    newEntities,
    mergedEntities: entityRows - newEntities,
    newLinks: linksAfter - linksBefore,
    auditHash: audit.hash,
  };
}

function rowReader(
  stream: NodeJS.ReadableStream,
  f: ManifestFile,
  tap: StreamTap,
): AsyncGenerator<RawRow> {
  const kind = f.role === 'entities' ? 'entities' : 'links';
  if (f.path.endsWith('.csv') || f.mediaType === 'text/csv')
    return readCsvRows(stream as never, f.path, tap, kind);
  if (
    f.path.endsWith('.jsonl') ||
    f.mediaType === 'application/jsonl' ||
    f.mediaType === 'application/x-ndjson'
  )
    return readJsonLines(stream as never, f.path, tap);
  throw new RinglensError('BUNDLE_INVALID', `"${f.path}" is a table but neither .jsonl nor .csv`, {
    file: MANIFEST,
    field: 'files',
  });
}

function wrapStreamError(e: unknown, file: string): unknown {
  if (e instanceof RinglensError) return e;
  return new RinglensError('BUNDLE_INVALID', `"${file}" cannot be read: ${(e as Error).message}`, {
    file,
    hint: 'the bundle may be damaged or truncated',
  });
}

function checkHash(f: ManifestFile, tap: StreamTap): void {
  if (tap.bytes !== f.size)
    throw new RinglensError(
      'BUNDLE_INVALID',
      `"${f.path}" is ${tap.bytes} bytes but the manifest declares ${f.size}`,
      { file: f.path, field: 'size' },
    );
  const actual = tap.digest();
  if (actual !== f.sha256) {
    throw new RinglensError(
      'BUNDLE_INVALID',
      `"${f.path}" does not match its SHA-256 in the manifest (got ${actual})`,
      {
        file: f.path,
        field: 'sha256',
        hint: 'the file was altered or damaged after the manifest was written; nothing was imported',
      },
    );
  }
}

function importEntity(
  s: Prepared,
  raw: RawRow,
  file: string,
  fileId: number,
  bundleRow: number,
  defaultRegion: string,
  evidenceDeclared: Map<string, ManifestFile>,
  resolved: Map<string, { id: number; type: EntityType }>,
): void {
  const row = validateEntityRow(raw, file);
  if (row.type === 'evidence') {
    const declared = evidenceDeclared.get(row.props.file);
    if (!declared) {
      throw new RinglensError(
        'ROW_INVALID',
        `names evidence file "${row.props.file}", which the manifest does not declare as evidence`,
        { file, line: raw.line, field: 'props.file' },
      );
    }
    if (declared.sha256 !== row.props.sha256) {
      throw new RinglensError(
        'ROW_INVALID',
        `gives a SHA-256 for "${row.props.file}" that differs from the manifest's`,
        { file, line: raw.line, field: 'props.sha256' },
      );
    }
  }
  const props = normaliseProps(row, defaultRegion);
  const key = entityKey(row.type, row.id, props);
  const propsJson = JSON.stringify(props);
  const ent = s.upsertEntity.get(
    key,
    row.type,
    entityLabel(row.type, row.id, props),
    propsJson,
  ) as { id: number; type: EntityType };
  if (ent.type !== row.type) {
    throw new RinglensError(
      'ROW_INVALID',
      `id "${row.id}" is a ${row.type} here but already names a ${ent.type}`,
      {
        file,
        line: raw.line,
        field: 'type',
        hint: 'one id must always denote the same kind of entity',
      },
    );
  }
  // An id that is its entity's key needs no alias row: lookups fall back to entities.key.
  // It must not already be an alias of another entity, nor the key of one (identifier keys contain '|').
  const aliased =
    key === row.id ? { entity: ent.id } : (s.upsertAlias.get(row.id, ent.id) as { entity: number });
  const keyOwner =
    key === row.id
      ? (s.aliasOwner.get(row.id) as { id: number } | undefined)
      : (s.lookupKey.get(row.id) as { id: number } | undefined);
  if (aliased.entity !== ent.id || (keyOwner && keyOwner.id !== ent.id)) {
    const other = resolved.get(row.id);
    throw new RinglensError(
      'ROW_INVALID',
      `id "${row.id}" already names a different ${other?.type ?? 'entity'}`,
      {
        file,
        line: raw.line,
        field: 'id',
        hint: 'ids are global: use a new id for a different entity',
      },
    );
  }
  resolved.set(row.id, { id: ent.id, type: row.type });
  s.insertStatement.run(bundleRow, fileId, raw.line, ent.id, null, propsJson);
}

function importLink(
  s: Prepared,
  raw: RawRow,
  file: string,
  fileId: number,
  bundleRow: number,
  resolve: (alias: string) => { id: number; type: EntityType } | undefined,
): void {
  const row = validateLinkRow(raw, file);
  const from = resolve(row.from);
  if (!from)
    throw new RinglensError(
      'ROW_INVALID',
      `refers to "${row.from}", which is neither in this bundle nor in the case`,
      { file, line: raw.line, field: 'from' },
    );
  const to = resolve(row.to);
  if (!to)
    throw new RinglensError(
      'ROW_INVALID',
      `refers to "${row.to}", which is neither in this bundle nor in the case`,
      { file, line: raw.line, field: 'to' },
    );
  if (from.id === to.id)
    throw new RinglensError('ROW_INVALID', `links "${row.from}" to itself`, {
      file,
      line: raw.line,
      field: 'to',
    });
  if (!linkAllows(row.type, from.type, to.type)) {
    throw new RinglensError(
      'ROW_INVALID',
      `a "${row.type}" link cannot go from a ${from.type} to a ${to.type}`,
      { file, line: raw.line, field: 'type' },
    );
  }
  const propsJson = JSON.stringify(row.props);
  const link = s.upsertLink.get(row.type, from.id, to.id, row.label ?? '', propsJson) as {
    id: number;
  };
  s.insertStatement.run(bundleRow, fileId, raw.line, null, link.id, propsJson);
}
