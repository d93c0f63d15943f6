/**
 * Case management and file access for the contract (issue 18): close, recent cases, and
 * the file methods, whose dialogs belong to the shell (Electron's native dialogs, the web
 * mode's folder chooser) and come in through `files`.
 */
import { existsSync } from 'node:fs';
import { RinglensError } from '../../../shared/errors';
import type { CASE_FILE_METHODS } from '../../../shared/api/case-files-contract';
import type { Handlers } from './handlers';
import type { Session } from './session';
import { caseName, RecentCases } from './recent-cases';

export type CaseFileMethod = keyof typeof CASE_FILE_METHODS;
type FileMethod = Extract<CaseFileMethod, `files.${string}`>;
export type FileShellHandlers = Pick<Handlers, FileMethod>;

const unavailable = (what: string) => () => {
  throw new RinglensError('INVALID_ARGUMENT', `${what} is not available in this window.`, {
    hint: 'Type the full path of the file instead.',
  });
};

export function caseFileHandlers(
  session: Session,
  options: { recentFile?: string; files?: Partial<FileShellHandlers> },
  base: Pick<Handlers, 'case.create' | 'case.open' | 'case.openDemo'>,
): Pick<Handlers, CaseFileMethod | 'case.create' | 'case.open' | 'case.openDemo'> {
  const recent = new RecentCases(options.recentFile);
  const remember = <T>(status: T): T => {
    const path = session.status().path;
    if (path) recent.add(path);
    return status;
  };
  const listRecent = () =>
    recent.list().map((e) => {
      const exists = existsSync(e.path);
      return {
        path: e.path,
        name: caseName(e.path),
        openedAt: e.openedAt,
        exists,
        token: exists ? session.grants.grant(e.path, 'read').token : null,
      };
    });
  return {
    'case.create': async (i, op) => remember(await base['case.create'](i, op)),
    'case.open': async (i, op) => remember(await base['case.open'](i, op)),
    'case.openDemo': async (i, op) => remember(await base['case.openDemo'](i, op)),
    'case.close': () => (session.closeByUser(), { open: false as const }),
    'case.recent': () => listRecent(),
    'case.forget': ({ path }) => (recent.forget(path), listRecent()),
    'files.choose': options.files?.['files.choose'] ?? unavailable('A file dialog'),
    'files.roots': options.files?.['files.roots'] ?? (() => []),
    'files.list': options.files?.['files.list'] ?? unavailable('The folder chooser'),
    'files.pick': options.files?.['files.pick'] ?? unavailable('The folder chooser'),
    'files.reveal': options.files?.['files.reveal'] ?? unavailable('Opening files'),
  };
}
