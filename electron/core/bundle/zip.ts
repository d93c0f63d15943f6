/**
 * Reading a bundle's zip safely. The central directory is read once and every entry is
 * checked before a byte of content is trusted: hostile names, symlinks, duplicates,
 * encryption and zip-bomb ratios are refused here, by name.
 */
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import type { Readable } from 'node:stream';
import { RinglensError } from '../../../shared/errors';
import { zipLayoutProblem, type LayoutEntry } from './zip-layout';
import { crashPoint } from '../util/crash-point';

export const ZIP_LIMITS = {
  /** All entries together, uncompressed. */
  maxTotalBytes: 4 * 1024 ** 3,
  /** Uncompressed / compressed for one entry: real tables compress 5-20x, bombs 1000x. */
  maxRatio: 200,
  /** Entries smaller than this are not ratio-checked (tiny files compress oddly). */
  ratioFloorBytes: 1024 * 1024,
  maxEntries: 100_002,
  maxManifestBytes: 16 * 1024 * 1024,
};

export interface BundleZip {
  readonly file: string;
  readonly entries: ReadonlyMap<string, Entry>;
  openEntry(name: string): Promise<Readable>;
  readEntry(name: string, maxBytes: number): Promise<Buffer>;
  close(): void;
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const SAFE_NAME = /^[A-Za-z0-9._\-/]+$/;

function invalid(file: string, message: string, hint?: string): RinglensError {
  return new RinglensError('BUNDLE_INVALID', message, {
    file,
    ...(hint !== undefined && { hint }),
  });
}

/** Checks one entry's name and attributes; returns the reason it is refused, if any. */
export function entryProblem(
  entry: Pick<
    Entry,
    'fileName' | 'externalFileAttributes' | 'uncompressedSize' | 'compressedSize'
  > & { isEncrypted?: () => boolean },
): string | undefined {
  const name = entry.fileName;
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name) || name.startsWith('\\'))
    return `entry "${name}" has an absolute path`;
  if (name.includes('\\')) return `entry "${name}" uses backslashes`;
  if (name.split('/').some((seg) => seg === '..' || seg === '.'))
    return `entry "${name}" escapes the bundle with ".." (path traversal)`;
  if (!SAFE_NAME.test(name)) return `entry "${name}" has characters outside A-Z a-z 0-9 . _ - /`;
  const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
  if (mode === S_IFLNK) return `entry "${name}" is a symbolic link`;
  if (entry.isEncrypted?.()) return `entry "${name}" is encrypted`;
  if (
    entry.uncompressedSize > ZIP_LIMITS.ratioFloorBytes &&
    entry.uncompressedSize / Math.max(1, entry.compressedSize) > ZIP_LIMITS.maxRatio
  ) {
    return `entry "${name}" expands ${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))}x (limit ${ZIP_LIMITS.maxRatio}x): a zip bomb?`;
  }
  return undefined;
}

/**
 * Bundles that exist only in memory: the zips Ringlens builds from an FtM stream or a
 * spreadsheet hold the case's data in plain form, so they never go to the temp folder (where
 * a killed import would leave them). importBundle reads them by the name given here.
 */
const memoryBundles = new Map<string, Buffer>();
let memoryCounter = 0;

/** Registers zip bytes under a name importBundle accepts; call the returned release when done. */
export function memoryBundle(bytes: Buffer): { name: string; release: () => void } {
  const name = `memory:converted-${++memoryCounter}.zip`;
  memoryBundles.set(name, bytes);
  return { name, release: () => memoryBundles.delete(name) };
}

/** The bytes of a memory bundle, or undefined for a file path. */
export function memoryBundleBytes(name: string): Buffer | undefined {
  return memoryBundles.get(name);
}

function openZip(file: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    // decodeStrings: false so that yauzl does not reject hostile names before we can name the problem.
    const options = {
      lazyEntries: true,
      autoClose: false,
      decodeStrings: false,
      validateEntrySizes: true,
    };
    const done = (err: Error | null, zip?: ZipFile) => {
      if (err || !zip) reject(err ?? new Error('no zip'));
      else resolve(zip);
    };
    const bytes = memoryBundles.get(file);
    if (bytes) yauzl.fromBuffer(bytes, options, done);
    else yauzl.open(file, options, done);
  });
}

/** Opens a bundle and reads its central directory; throws on the first unsafe entry. */
export async function openBundleZip(file: string): Promise<BundleZip> {
  let zip: ZipFile;
  try {
    zip = await openZip(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new RinglensError('NOT_FOUND', `no file at ${file}`, { file });
    throw invalid(
      file,
      `not a readable zip file: ${(e as Error).message}`,
      'the file may be truncated or not a lead bundle',
    );
  }
  const entries = new Map<string, Entry>();
  const layout: LayoutEntry[] = [];
  // yauzl starts its entry cursor at the central directory (zip64-aware); read it before
  // the first entry moves it.
  const centralDirectoryOffset = (zip as unknown as { readEntryCursor: number }).readEntryCursor;
  let total = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', () => resolve());
      zip.on('entry', (entry: Entry) => {
        const raw = entry.fileName as unknown as Buffer | string;
        const name = Buffer.isBuffer(raw) ? raw.toString('utf8') : raw;
        (entry as { fileName: string }).fileName = name;
        layout.push({ name, entry });
        // A directory entry carries no content but its name is checked like any other.
        const isDirectory = name.endsWith('/');
        const problem = entryProblem(
          isDirectory ? { ...entry, fileName: name.slice(0, -1), isEncrypted: () => false } : entry,
        );
        if (problem)
          return reject(
            invalid(file, problem, 'this bundle is unsafe to open; ask its issuer for a clean one'),
          );
        if (isDirectory) {
          if (entry.uncompressedSize > 0)
            return reject(invalid(file, `directory entry "${name}" has content`));
          zip.readEntry();
          return;
        }
        if (entries.has(name))
          return reject(
            invalid(file, `entry "${name}" appears twice`, 'a bundle may hold each path once'),
          );
        total += entry.uncompressedSize;
        if (total > ZIP_LIMITS.maxTotalBytes)
          return reject(
            invalid(file, `the bundle expands to more than ${ZIP_LIMITS.maxTotalBytes} bytes`),
          );
        if (entries.size >= ZIP_LIMITS.maxEntries)
          return reject(invalid(file, `the bundle has more than ${ZIP_LIMITS.maxEntries} entries`));
        entries.set(name, entry);
        zip.readEntry();
      });
      zip.readEntry();
    });
    const problem = zipLayoutProblem(
      memoryBundles.get(file) ?? file,
      layout,
      centralDirectoryOffset,
    );
    if (problem)
      throw invalid(file, problem, 'this bundle is unsafe to open; ask its issuer for a clean one');
  } catch (e) {
    zip.close();
    if (e instanceof RinglensError) throw e;
    throw invalid(
      file,
      `the zip is damaged: ${(e as Error).message}`,
      'the file may be truncated; copy it again from the source',
    );
  }

  // A kill here is mid-import, with the bundle open: a converted bundle must exist nowhere on disk.
  crashPoint('bundle.opened');

  const openEntry = (name: string): Promise<Readable> =>
    new Promise((resolve, reject) => {
      const entry = entries.get(name);
      if (!entry)
        return reject(
          invalid(file, `"${name}" is declared in the manifest but missing from the bundle`),
        );
      zip.openReadStream(entry, (err, stream) => {
        if (err || !stream)
          reject(invalid(file, `cannot read "${name}": ${err?.message ?? 'no stream'}`));
        else resolve(stream);
      });
    });

  return {
    file,
    entries,
    openEntry,
    async readEntry(name, maxBytes) {
      const entry = entries.get(name);
      if (entry && entry.uncompressedSize > maxBytes)
        throw invalid(file, `"${name}" is larger than ${maxBytes} bytes`);
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of await openEntry(name)) {
        size += (chunk as Buffer).length;
        if (size > maxBytes) throw invalid(file, `"${name}" is larger than ${maxBytes} bytes`);
        chunks.push(chunk as Buffer);
      }
      return Buffer.concat(chunks);
    },
    close: () => zip.close(),
  };
}
