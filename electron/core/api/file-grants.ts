/**
 * Files the person chose, held by the engine. The renderer never handles a chosen path:
 * it gets an opaque token (`grant:…`) from the shell's dialog or the web chooser, and
 * passes it where a method takes a file. Tokens live as long as the engine process.
 *
 * The same module checks every file argument before a method starts its work, so an
 * export to a folder that does not exist is refused at once, not after the packet is built.
 */
import { randomBytes } from 'node:crypto';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute } from 'node:path';
import { RinglensError } from '../../../shared/errors';
import type { ChosenFile } from '../../../shared/api/case-files-contract';

export type FileMode = 'read' | 'write';

export class FileGrants {
  private readonly byToken = new Map<string, { path: string; mode: FileMode }>();

  grant(path: string, mode: FileMode): ChosenFile {
    const token = `grant:${randomBytes(18).toString('base64url')}`;
    this.byToken.set(token, { path, mode });
    return { token, name: basename(path), folder: dirname(path) };
  }

  /**
   * The path behind a token; a token this engine never issued is refused, and so is a token
   * used for what it was not chosen for: a file picked to be read is never written (a page
   * that turned hostile could otherwise overwrite the bundle the person opened).
   */
  resolve(token: string, field: string, mode?: FileMode): string {
    const g = this.byToken.get(token);
    if (!g)
      throw new RinglensError(
        'INVALID_ARGUMENT',
        'The file chosen earlier is no longer available (the app was restarted).',
        { field, hint: 'Choose the file again.' },
      );
    if (mode && g.mode !== mode)
      throw new RinglensError(
        'INVALID_ARGUMENT',
        mode === 'write'
          ? 'That file was chosen to be opened, not to be saved to.'
          : 'That file was chosen to be saved to, not to be opened.',
        { field, hint: 'Choose the file again with the button beside this field.' },
      );
    return g.path;
  }
}

/** Which input fields of which methods are files, and whether they are read or written. */
export const FILE_FIELDS: Readonly<Record<string, Readonly<Record<string, FileMode>>>> = {
  'case.create': { path: 'write' },
  'case.open': { path: 'read' },
  'bundle.inspect': { path: 'read' },
  'bundle.import': { path: 'read' },
  'csv.head': { csvPath: 'read' },
  'csv.preview': { csvPath: 'read' },
  'csv.import': { csvPath: 'read' },
  'outcomes.importCsv': { path: 'read' },
  'packet.export': { out: 'write' },
  'interop.export': { out: 'write' },
  'outcomes.exportCsv': { out: 'write' },
  'funnel.exportCsv': { out: 'write' },
};

/**
 * Replaces grant tokens by their paths and checks each file argument the way the work will
 * need it: a file to read must exist and be a file; a file to write needs an existing,
 * writable folder and must not be a folder itself. Paths must be absolute: a relative one
 * would land in whatever folder the app happens to run from.
 */
export function prepareFileArguments(
  method: string,
  input: Record<string, unknown>,
  grants: FileGrants,
): Record<string, unknown> {
  const fields = FILE_FIELDS[method];
  if (!fields) return input;
  const out = { ...input };
  for (const [field, mode] of Object.entries(fields)) {
    const raw = out[field];
    if (typeof raw !== 'string') continue;
    const path = raw.startsWith('grant:') ? grants.resolve(raw, field, mode) : raw;
    if (method === 'case.create' && existsSync(path) && !statSync(path).isDirectory()) {
      out[field] = path; // createCase names the existing file itself (CASE_EXISTS)
      continue;
    }
    if (mode === 'read') checkReadable(path, field);
    else checkWritable(path, field);
    out[field] = path;
  }
  return out;
}

function checkAbsolute(path: string, field: string): void {
  if (!isAbsolute(path))
    throw new RinglensError('INVALID_ARGUMENT', `"${path}" is not a full path.`, {
      field,
      hint: 'Choose the file with Browse…, or give a full path starting with / (or a drive letter).',
    });
}

export function checkReadable(path: string, field: string): void {
  checkAbsolute(path, field);
  if (!existsSync(path))
    throw new RinglensError('NOT_FOUND', `There is no file at ${path}.`, {
      field,
      file: path,
      hint: 'Check the name and folder, or choose the file with Browse….',
    });
  if (statSync(path).isDirectory())
    throw new RinglensError('INVALID_ARGUMENT', `${path} is a folder, not a file.`, {
      field,
      file: path,
      hint: 'Open the folder and choose a file inside it.',
    });
  try {
    accessSync(path, constants.R_OK);
  } catch {
    throw new RinglensError('IO_ERROR', `You are not allowed to read ${path}.`, {
      field,
      file: path,
      hint: 'Ask for read access or copy the file somewhere you can read it.',
    });
  }
}

export function checkWritable(path: string, field: string): void {
  checkAbsolute(path, field);
  const folder = dirname(path);
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    throw new RinglensError('NOT_FOUND', `The folder ${folder} does not exist.`, {
      field,
      file: path,
      hint: 'Choose an existing folder, or create it first.',
    });
  if (existsSync(path) && statSync(path).isDirectory())
    throw new RinglensError('INVALID_ARGUMENT', `${path} is a folder; a file name is needed.`, {
      field,
      file: path,
      hint: 'Add a file name such as packet.zip after the folder.',
    });
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    throw new RinglensError('IO_ERROR', `You are not allowed to write in ${folder}.`, {
      field,
      file: path,
      hint: 'Choose a folder you can write to, such as your Documents.',
    });
  }
}
