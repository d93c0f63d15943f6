/**
 * The web mode's file chooser, served by the engine: the browser cannot show the engine's
 * files, so the engine lists them, but only inside the folders the person allowed when
 * starting the server (its data folder and each `--folder`). A listing is addressed by a
 * root id and plain folder names (no `..`, no separators), and every resolved folder is
 * checked, through symbolic links, to stay inside its root. A pick becomes an opaque grant.
 */
import { createReadStream, existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { basename, dirname, extname, join, relative, sep } from 'node:path';
import { RinglensError } from '../../shared/errors';
import { naturalCompare } from '../../shared/natural-order';
import {
  WRITE_PURPOSES,
  type FilePurpose,
  type FolderListing,
} from '../../shared/api/case-files-contract';
import type { FileShellHandlers } from '../core/api/case-file-handlers';
import type { Session } from '../core/api/session';
import { checkReadable, checkWritable } from '../core/api/file-grants';

export interface ChooserRoot {
  readonly label: string;
  readonly path: string;
}

/** Which files a purpose shows (folders always show). */
const EXTENSIONS: Record<FilePurpose, readonly string[]> = {
  'case-open': ['.ringlens'],
  'case-new': ['.ringlens'],
  bundle: ['.zip', '.jsonl', '.json', '.ndjson', '.ftm'],
  csv: ['.csv', '.tsv', '.txt'],
  'outcomes-csv': ['.csv'],
  packet: ['.zip'],
  share: ['.html', '.graphml', '.gexf', '.jsonl', '.json'],
  'csv-out': ['.csv'],
};

export function webFileHandlers(
  session: Session,
  roots: readonly ChooserRoot[],
): FileShellHandlers {
  const real = roots
    .filter((r) => existsSync(r.path) && statSync(r.path).isDirectory())
    .map((r, i) => ({ id: `r${i}`, label: r.label, path: realpathSync(r.path) }));
  const rootOf = (id: string) => {
    const r = real.find((x) => x.id === id);
    if (!r)
      throw new RinglensError('NOT_FOUND', 'That folder is not one the chooser may show.', {
        hint: 'Pick one of the folders listed on the left.',
      });
    return r;
  };
  /** The real folder for root + names, refused if a link leads outside the root. */
  const folderOf = (rootId: string, dir: readonly string[]) => {
    const root = rootOf(rootId);
    const wanted = join(root.path, ...dir);
    if (!existsSync(wanted) || !statSync(wanted).isDirectory())
      throw new RinglensError('NOT_FOUND', `The folder ${dir.join('/') || root.label} is gone.`, {
        hint: 'Go back up and choose another folder.',
      });
    const r = realpathSync(wanted);
    if (r !== root.path && !r.startsWith(root.path + sep))
      throw new RinglensError(
        'INVALID_ARGUMENT',
        'That folder leads outside the allowed folders.',
        {
          hint: 'Choose a folder inside one of the listed places.',
        },
      );
    return { root, path: r };
  };
  const rootAndDirOf = (path: string) => {
    for (const r of real) {
      const rel = relative(r.path, path);
      if (rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep)))
        return { root: r.id, dir: rel ? rel.split(sep) : [] };
    }
    return undefined;
  };
  return {
    'files.choose': () => {
      throw new RinglensError('INVALID_ARGUMENT', 'The web mode uses its own file chooser.');
    },
    'files.roots': () => real.map(({ id, label, path }) => ({ id, label, path })),
    'files.list': ({ root, dir, purpose }): FolderListing => {
      const f = folderOf(root, dir);
      const exts = EXTENSIONS[purpose];
      const entries: FolderListing['entries'] = [];
      for (const d of readdirSync(f.path, { withFileTypes: true })) {
        if (d.name.startsWith('.')) continue;
        let st;
        try {
          st = statSync(join(f.path, d.name));
        } catch {
          continue; // a dangling link
        }
        const kind = st.isDirectory() ? 'folder' : st.isFile() ? 'file' : undefined;
        if (!kind || (kind === 'file' && !exts.includes(extname(d.name).toLowerCase()))) continue;
        entries.push({ name: d.name, kind, size: st.size, modified: st.mtime.toISOString() });
      }
      entries.sort((a, b) =>
        a.kind === b.kind ? naturalCompare(a.name, b.name) : a.kind === 'folder' ? -1 : 1,
      );
      return { root, dir, display: f.path, entries };
    },
    'files.pick': ({ root, dir, name, purpose }) => {
      const f = folderOf(root, dir);
      const path = join(f.path, name);
      if (WRITE_PURPOSES.has(purpose)) {
        checkWritable(path, 'name');
        if (purpose === 'case-new' && existsSync(path))
          throw new RinglensError('CASE_EXISTS', `A file named ${name} is already there.`, {
            field: 'name',
            hint: 'Give the new case another name, or open the existing one.',
          });
        return session.grants.grant(path, 'write');
      }
      checkReadable(path, 'name');
      if (realpathSync(path) !== path && !rootAndDirOf(dirname(realpathSync(path))))
        throw new RinglensError('INVALID_ARGUMENT', 'That file leads outside the allowed folders.');
      return session.grants.grant(path, 'read');
    },
    'files.reveal': ({ token, how }) => {
      const path = session.grants.resolve(token, 'token');
      if (how === 'open') {
        if (!existsSync(path))
          throw new RinglensError('NOT_FOUND', `${basename(path)} is no longer there.`);
        return { href: `/api/files/download?grant=${encodeURIComponent(token)}` };
      }
      const at = rootAndDirOf(dirname(path));
      return { href: null, ...(at && { root: at.root, dir: at.dir }) };
    },
  };
}

/**
 * `GET /api/files/download?grant=…` (behind the server's token check): a chosen file sent
 * as a download, so the browser opens it with the person's own application.
 */
export function serveGrantedFile(session: Session, url: URL, res: ServerResponse): boolean {
  if (url.pathname !== '/api/files/download') return false;
  let path: string;
  try {
    path = session.grants.resolve(url.searchParams.get('grant') ?? '', 'grant');
  } catch {
    res.writeHead(404).end('not found');
    return true;
  }
  if (!existsSync(path) || !statSync(path).isFile()) {
    res.writeHead(404).end('not found');
    return true;
  }
  res.writeHead(200, {
    'Content-Type': 'application/octet-stream',
    'Content-Disposition': `attachment; filename="${basename(path).replace(/[^\w.-]/g, '_')}"`,
  });
  createReadStream(path).pipe(res);
  return true;
}
