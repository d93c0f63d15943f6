/**
 * The desktop shell's menus: the Case menu (New, Open, Open Recent, Close, Lock) and
 * navigation, sending the same commands the web mode's buttons run (`app.command`).
 * Dialogs run here, in the main process; the window receives only a grant token.
 */
import { dialog, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { AppCommand, RecentCase } from '../../shared/api/case-files-contract';
import type { Session } from '../core/api/session';

export interface CaseMenuDeps {
  readonly session: Session;
  readonly recent: readonly RecentCase[];
  readonly send: (command: AppCommand) => void;
  readonly window: () => BrowserWindow | undefined;
}

const FILTERS = [{ name: 'Ringlens case', extensions: ['ringlens'] }];

export function caseMenu(deps: CaseMenuDeps): Menu {
  const { session, send } = deps;
  const recentItems = (): MenuItemConstructorOptions[] => {
    const list = deps.recent;
    return list.length
      ? list.map((r) => ({
          label: r.name,
          sublabel: r.path,
          enabled: r.exists && r.token !== null,
          click: () =>
            r.token &&
            send({
              command: 'case.open',
              file: { token: r.token, name: r.name, folder: r.path },
            }),
        }))
      : [{ label: 'No recent cases', enabled: false }];
  };
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'Case',
      submenu: [
        {
          label: 'New Case…',
          accelerator: 'CmdOrCtrl+N',
          click: () =>
            void (async () => {
              const w = deps.window();
              const options = { title: 'New case', filters: FILTERS };
              const r = w
                ? await dialog.showSaveDialog(w, options)
                : await dialog.showSaveDialog(options);
              if (!r.canceled && r.filePath)
                send({ command: 'case.new', file: session.grants.grant(r.filePath, 'write') });
            })(),
        },
        {
          label: 'Open Case…',
          accelerator: 'CmdOrCtrl+O',
          click: () =>
            void (async () => {
              const w = deps.window();
              const options = {
                title: 'Open a case',
                filters: FILTERS,
                properties: ['openFile' as const],
              };
              const r = w
                ? await dialog.showOpenDialog(w, options)
                : await dialog.showOpenDialog(options);
              if (!r.canceled && r.filePaths[0])
                send({ command: 'case.open', file: session.grants.grant(r.filePaths[0], 'read') });
            })(),
        },
        { label: 'Open Recent', submenu: recentItems() },
        {
          label: 'Switch Case…',
          accelerator: 'CmdOrCtrl+Shift+O',
          click: () => send({ command: 'case.recent' }),
        },
        { type: 'separator' },
        {
          label: 'Close Case',
          accelerator: 'CmdOrCtrl+W',
          click: () => send({ command: 'case.close' }),
        },
        { label: 'Lock', accelerator: 'CmdOrCtrl+L', click: () => send({ command: 'lock' }) },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    { label: 'Edit', submenu: [{ role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }] },
    {
      label: 'View',
      submenu: [
        { label: 'Back', accelerator: 'Alt+Left', click: () => send({ command: 'back' }) },
        { label: 'Forward', accelerator: 'Alt+Right', click: () => send({ command: 'forward' }) },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
      ],
    },
    {
      label: 'Help',
      submenu: [
        {
          label: 'Keyboard Shortcuts',
          accelerator: 'Shift+/',
          click: () => send({ command: 'shortcuts' }),
        },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
