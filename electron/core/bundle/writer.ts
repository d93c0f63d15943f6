/**
 * Writing lead bundles: used by the generator, the demo, the tests and anyone producing
 * bundles from Node. Rows stream to temporary table files (hashed as they are written),
 * then go into a deterministic zip: fixed entry order and timestamps, so the same rows and
 * key give the same bytes.
 */
import { createWriteStream, mkdtempSync, rmSync, createReadStream } from 'node:fs';
import { commitPartial, partialPathFor } from '../util/durable-file';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash, sign, createPublicKey, type KeyObject } from 'node:crypto';
import yazl from 'yazl';
import { stringify as csvStringify } from 'csv-stringify/sync';
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  LinkRow,
  Manifest,
  type EntityRow,
  type ManifestFile,
} from '../../../shared/bundle/schema';
import { ENTITY_PROPS, type EntityType } from '../../../shared/domain/entity-types';
import { canonicalJson } from '../util/canonical-json';
import { crashPoint } from '../util/crash-point';

/** Zip entry timestamps: fixed, so bundles are byte-reproducible. */
export const FIXED_MTIME = new Date('2020-01-01T00:00:00Z');

export type RowSource<T> = Iterable<T> | AsyncIterable<T>;

export interface EvidenceFile {
  readonly path: string;
  readonly mediaType: string;
  readonly data: Uint8Array;
}

export interface BundleInput {
  readonly bundleId: string;
  readonly issuer: Manifest['issuer'];
  readonly createdAt: string;
  readonly description: string;
  readonly defaultRegion?: string;
  readonly entities: RowSource<EntityRow>;
  readonly links: RowSource<LinkRow>;
  /** Evidence files; a function is called after the tables are written (generators fill it as they go). */
  readonly evidence?: readonly EvidenceFile[] | (() => readonly EvidenceFile[]);
}

export interface WriteOptions {
  readonly format?: 'jsonl' | 'csv';
  /** Ed25519 private key: the bundle gets manifest.sig and manifest.signer. */
  readonly signingKey?: KeyObject;
  /** Start a new table file after this many rows. */
  readonly rowsPerFile?: number;
  /** Skip validation of rows (only for deliberately broken test bundles). */
  readonly unchecked?: boolean;
  /**
   * Keep the tables and the zip in memory, never in the temp folder: for bundles built from
   * case data (FtM, spreadsheets), which a killed process must not leave behind in plain form.
   */
  readonly inMemory?: boolean;
}

export interface WrittenBundle {
  readonly file: string;
  readonly sha256: string;
  readonly manifest: Manifest;
  /** The zip itself, with `inMemory` (then nothing is written at `file`). */
  readonly bytes?: Buffer;
}

let tmpCounter = 0;

class TableWriter {
  readonly files: {
    path: string;
    /** The table: a temporary file's path, or its bytes when written in memory. */
    tmp: string | Buffer;
    sha256: string;
    size: number;
    rows: number;
  }[] = [];
  private out: ReturnType<typeof createWriteStream> | undefined;
  private memory: Buffer[] | undefined;
  private hash = createHash('sha256');
  private size = 0;
  private rows = 0;
  private csvColumns: string[] | undefined;
  constructor(
    /** undefined: in memory. */
    private readonly dir: string | undefined,
    private readonly role: 'entities' | 'links',
    private readonly format: 'jsonl' | 'csv',
    private readonly rowsPerFile: number,
  ) {}

  private async open(columns?: string[]): Promise<void> {
    const path = `${this.role}/${this.role}-${String(this.files.length + 1).padStart(4, '0')}.${this.format}`;
    const tmp = this.dir === undefined ? '' : join(this.dir, `table-${tmpCounter++}`);
    this.files.push({ path, tmp, sha256: '', size: 0, rows: 0 });
    if (this.dir === undefined) this.memory = [];
    else this.out = createWriteStream(tmp);
    this.hash = createHash('sha256');
    this.size = 0;
    this.rows = 0;
    this.csvColumns = columns;
    if (columns) await this.write(csvStringify([columns]));
  }

  private async write(text: string): Promise<void> {
    const buf = Buffer.from(text, 'utf8');
    this.hash.update(buf);
    this.size += buf.length;
    if (this.memory) this.memory.push(buf);
    else if (!this.out!.write(buf)) await once(this.out!, 'drain');
  }

  async add(line: () => string, csv?: { columns: string[]; cells: string[] }): Promise<void> {
    const sameColumns =
      csv && this.csvColumns && csv.columns.join(',') === this.csvColumns.join(',');
    if ((!this.out && !this.memory) || this.rows >= this.rowsPerFile || (csv && !sameColumns)) {
      await this.close();
      await this.open(csv?.columns);
    }
    await this.write(csv ? csvStringify([csv.cells]) : `${line()}\n`);
    this.rows++;
  }

  /** Stops writing after a failure, so the temporary folder can be removed. */
  abort(): void {
    this.out?.destroy();
    this.out = undefined;
    this.memory = undefined;
  }

  async close(): Promise<void> {
    if (!this.out && !this.memory) return;
    const f = this.files[this.files.length - 1]!;
    if (this.memory) {
      f.tmp = Buffer.concat(this.memory);
      this.memory = undefined;
    } else {
      this.out!.end();
      await once(this.out!, 'close');
    }
    f.sha256 = this.hash.digest('hex');
    f.size = this.size;
    f.rows = this.rows;
    this.out = undefined;
  }
}

/** CSV columns for a row: fixed columns, then properties with a type suffix where not text. */
function csvCells(
  fixed: Record<string, string>,
  props: Record<string, unknown>,
): { columns: string[]; cells: string[] } {
  const columns = Object.keys(fixed);
  const cells = Object.values(fixed);
  for (const [k, v] of Object.entries(props).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (v === undefined) continue;
    const suffix =
      typeof v === 'number'
        ? ':number'
        : typeof v === 'boolean'
          ? ':boolean'
          : typeof v === 'string'
            ? ''
            : ':json';
    columns.push(`${k}${suffix}`);
    cells.push(
      typeof v === 'number' || typeof v === 'boolean'
        ? String(v)
        : typeof v === 'string'
          ? v
          : JSON.stringify(v),
    );
  }
  return { columns, cells };
}

function mediaTypeOf(format: 'jsonl' | 'csv'): string {
  return format === 'csv' ? 'text/csv' : 'application/jsonl';
}

export async function writeBundle(
  outFile: string,
  input: BundleInput,
  options: WriteOptions = {},
): Promise<WrittenBundle> {
  const format = options.format ?? 'jsonl';
  const rowsPerFile = options.rowsPerFile ?? 500_000;
  // The owner's pid in the name lets start-up clean-up tell a leftover from a live import.
  const dir = options.inMemory
    ? undefined
    : mkdtempSync(join(tmpdir(), `ringlens-bundle-${process.pid}-`));
  const writers: TableWriter[] = [];
  try {
    const entities = new TableWriter(dir, 'entities', format, rowsPerFile);
    writers.push(entities);
    // CSV tables hold one entity type per file so the header fits every row.
    const byType = new Map<EntityType, TableWriter>();
    let entityCount = 0;
    for await (const row of input.entities) {
      if (!options.unchecked) ENTITY_PROPS[row.type].parse(row.props);
      if (format === 'csv') {
        let w = byType.get(row.type);
        if (!w) byType.set(row.type, (w = new TableWriter(dir, 'entities', 'csv', rowsPerFile)));
        if (!writers.includes(w)) writers.push(w);
        await w.add(() => '', csvCells({ id: row.id, type: row.type }, row.props));
      } else {
        await entities.add(() => JSON.stringify({ id: row.id, type: row.type, props: row.props }));
      }
      entityCount++;
    }
    const links = new TableWriter(dir, 'links', format, rowsPerFile);
    writers.push(links);
    let linkCount = 0;
    for await (const row of input.links) {
      if (!options.unchecked) LinkRow.parse(row);
      if (format === 'csv') {
        await links.add(
          () => '',
          csvCells(
            { type: row.type, from: row.from, to: row.to, label: row.label ?? '' },
            row.props ?? {},
          ),
        );
      } else {
        const { label, props, ...rest } = row;
        await links.add(() =>
          JSON.stringify({
            ...rest,
            ...(label !== undefined && { label }),
            ...(props && Object.keys(props).length > 0 && { props }),
          }),
        );
      }
      linkCount++;
    }
    const tableWriters = format === 'csv' ? [...byType.values()] : [entities];
    for (const w of [...tableWriters, links]) await w.close();
    crashPoint('bundle-writer.tables-written');

    // CSV entity tables were numbered per type writer: rename so paths stay unique.
    const entityFiles = tableWriters.flatMap((w) => w.files);
    if (format === 'csv') {
      entityFiles.forEach((f, i) => {
        f.path = `entities/entities-${String(i + 1).padStart(4, '0')}.csv`;
      });
    }
    const evidence =
      typeof input.evidence === 'function' ? input.evidence() : (input.evidence ?? []);
    const files: ManifestFile[] = [
      ...entityFiles.map((f) => ({
        path: f.path,
        sha256: f.sha256,
        size: f.size,
        mediaType: mediaTypeOf(format),
        role: 'entities' as const,
      })),
      ...links.files.map((f) => ({
        path: f.path,
        sha256: f.sha256,
        size: f.size,
        mediaType: mediaTypeOf(format),
        role: 'links' as const,
      })),
      ...evidence.map((e) => ({
        path: e.path,
        sha256: createHash('sha256').update(e.data).digest('hex'),
        size: e.data.length,
        mediaType: e.mediaType,
        role: 'evidence' as const,
      })),
    ];
    const manifest: Manifest = {
      format: BUNDLE_FORMAT,
      version: BUNDLE_VERSION,
      bundleId: input.bundleId,
      issuer: input.issuer,
      ...(options.signingKey && {
        signer: {
          algorithm: 'Ed25519' as const,
          publicKeyPem: createPublicKey(options.signingKey)
            .export({ type: 'spki', format: 'pem' })
            .toString(),
        },
      }),
      createdAt: input.createdAt,
      description: input.description,
      defaultRegion: input.defaultRegion ?? 'CN',
      counts: { entities: entityCount, links: linkCount, evidence: evidence.length },
      files,
    };
    if (!options.unchecked) Manifest.parse(manifest);
    const manifestBytes = Buffer.from(
      `${JSON.stringify(JSON.parse(canonicalJson(manifest)), null, 2)}\n`,
      'utf8',
    );
    const entries: { name: string; data: Buffer | string }[] = [
      { name: 'manifest.json', data: manifestBytes },
    ];
    if (options.signingKey)
      entries.push({
        name: 'manifest.sig',
        data: Buffer.from(`${sign(null, manifestBytes, options.signingKey).toString('base64')}\n`),
      });
    for (const f of [...entityFiles, ...links.files]) entries.push({ name: f.path, data: f.tmp });
    for (const e of evidence) entries.push({ name: e.path, data: Buffer.from(e.data) });
    if (options.inMemory) {
      const bytes = await zipToBuffer(entries);
      return {
        file: outFile,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        manifest,
        bytes,
      };
    }
    const sha256 = await writeZip(outFile, entries);
    return { file: outFile, sha256, manifest };
  } catch (e) {
    for (const w of writers) w.abort();
    throw e;
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

/** A deterministic zip of in-memory entries, as bytes (nothing written to disk). */
async function zipToBuffer(
  entries: readonly { name: string; data: Buffer | string }[],
): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const e of entries) {
    if (typeof e.data === 'string') throw new Error('zipToBuffer: entries must be in memory');
    zip.addBuffer(e.data, e.name, { mtime: FIXED_MTIME, mode: 0o100644, compress: true });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/**
 * Writes a zip from buffers (or paths of files to stream in), deterministically.
 * Also the way tests build deliberately broken bundles.
 */
export async function writeZip(
  outFile: string,
  entries: readonly { name: string; data: Buffer | string; mode?: number; compress?: boolean }[],
): Promise<string> {
  const zip = new yazl.ZipFile();
  for (const e of entries) {
    const opts = { mtime: FIXED_MTIME, mode: e.mode ?? 0o100644, compress: e.compress ?? true };
    if (typeof e.data === 'string') zip.addReadStream(createReadStream(e.data), e.name, opts);
    else zip.addBuffer(e.data, e.name, opts);
  }
  zip.end();
  // Written beside the target and renamed when whole: a kill never leaves a partial zip
  // under the final name (util/durable-file.ts).
  const partial = partialPathFor(outFile);
  try {
    const out = createWriteStream(partial, { flags: 'wx', mode: 0o600 });
    const hash = createHash('sha256');
    zip.outputStream.on('data', (c: Buffer) => hash.update(c));
    zip.outputStream.pipe(out);
    await once(out, 'close');
    commitPartial(partial, outFile);
    return hash.digest('hex');
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  }
}
