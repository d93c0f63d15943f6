/**
 * The desktop shell's file access: native open and save dialogs, and "open" / "show in
 * folder" for results. The chosen path stays in the main process; the renderer gets an
 * opaque grant token (see electron/core/api/file-grants.ts).
 */
import { dialog, shell, type BrowserWindow, type FileFilter } from 'electron';
import { dirname } from 'node:path';
import { WRITE_PURPOSES, type FilePurpose } from '../../shared/api/case-files-contract';
import { RinglensError } from '../../shared/errors';
import type { FileShellHandlers } from '../core/api/case-file-handlers';
import type { Session } from '../core/api/session';

const DIALOGS: Record<FilePurpose, { title: string; filters: FileFilter[] }> = {
  'case-open': {
    title: 'Open a case',
    filters: [{ name: 'Ringlens case', extensions: ['ringlens'] }],
  },
  'case-new': { title: 'New case', filters: [{ name: 'Ringlens case', extensions: ['ringlens'] }] },
  bundle: {
    title: 'Import a lead bundle or FollowTheMoney stream',
    filters: [{ name: 'Lead bundle or FtM stream', extensions: ['zip', 'jsonl', 'json', 'ftm'] }],
  },
  csv: {
    title: 'Choose a CSV file',
    filters: [{ name: 'CSV', extensions: ['csv', 'tsv', 'txt'] }],
  },
  'outcomes-csv': { title: 'Import outcomes', filters: [{ name: 'CSV', extensions: ['csv'] }] },
  packet: { title: 'Save the evidence packet', filters: [{ name: 'Packet', extensions: ['zip'] }] },
  share: {
    title: 'Export',
    filters: [{ name: 'Export', extensions: ['html', 'graphml', 'gexf', 'jsonl'] }],
  },
  'csv-out': { title: 'Save as CSV', filters: [{ name: 'CSV', extensions: ['csv'] }] },
};

export function desktopFileHandlers(
  session: Session,
  window: () => BrowserWindow | undefined,
): FileShellHandlers {
  return {
    'files.choose': async ({ purpose, suggestedName }) => {
      const w = window();
      const spec = DIALOGS[purpose];
      if (WRITE_PURPOSES.has(purpose)) {
        const options = {
          title: spec.title,
          filters: spec.filters,
          ...(suggestedName && { defaultPath: suggestedName }),
        };
        const r = w
          ? await dialog.showSaveDialog(w, options)
          : await dialog.showSaveDialog(options);
        return r.canceled || !r.filePath ? null : session.grants.grant(r.filePath, 'write');
      }
      const options = {
        title: spec.title,
        filters: spec.filters,
        properties: ['openFile' as const],
      };
      const r = w ? await dialog.showOpenDialog(w, options) : await dialog.showOpenDialog(options);
      return r.canceled || !r.filePaths[0] ? null : session.grants.grant(r.filePaths[0], 'read');
    },
    'files.roots': () => [],
    'files.list': () => {
      throw new RinglensError('INVALID_ARGUMENT', 'The desktop app uses the system’s dialogs.');
    },
    'files.pick': () => {
      throw new RinglensError('INVALID_ARGUMENT', 'The desktop app uses the system’s dialogs.');
    },
    'files.reveal': async ({ token, how }) => {
      const path = session.grants.resolve(token, 'token');
      if (how === 'folder') shell.showItemInFolder(path);
      else {
        const failure = await shell.openPath(path);
        if (failure)
          throw new RinglensError('IO_ERROR', `No application opened ${path}.`, {
            hint: `Open its folder (${dirname(path)}) and open the file from there (${failure}).`,
          });
      }
      return { href: null };
    },
  };
}
