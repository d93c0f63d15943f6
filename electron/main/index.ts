/**
 * The desktop shell: one window, menus, dialogs, and the contract bound over IPC. All the
 * work happens in electron/core; this file only wires it to Electron.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, session as electronSession } from 'electron';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import type { EventName, EventPayload } from '../../shared/api/contract';
import { Session } from '../core/api/session';
import { createHandlers, dispatch } from '../core/api/handlers';
import { openCase } from '../core/store/open';
import { buildDemoCase, DEMO_PASSPHRASE } from '../core/demo/build-demo-case';
import { hardenContents, hardenSession, secureWebPreferences } from './window-security';

let window: BrowserWindow | undefined;

const emit = <E extends EventName>(event: E, payload: EventPayload<E>) =>
  window?.webContents.send(`ringlens:event:${event}`, payload);
const session = new Session(userInfo().username, emit);
const demoPath = () => {
  const dir = join(app.getPath('userData'), 'cases');
  mkdirSync(dir, { recursive: true });
  return join(dir, 'demo.ringlens');
};
const handlers = createHandlers(session, {
  openDemo: async () => {
    const path = demoPath();
    session.adopt(
      existsSync(path)
        ? openCase(path, DEMO_PASSPHRASE)
        : await buildDemoCase(path, DEMO_PASSPHRASE, session.actor),
    );
  },
});

function createWindow(): void {
  window = new BrowserWindow({
    width: 1440,
    height: 900,
    title: 'Ringlens',
    show: false,
    webPreferences: secureWebPreferences(join(import.meta.dirname, '../preload/index.cjs')),
  });
  hardenContents(window.webContents);
  window.once('ready-to-show', () => window?.show());
  void window.loadFile(join(import.meta.dirname, '../renderer/index.html'), {
    hash: process.env.RINGLENS_DEMO === '1' ? 'demo=1' : '',
  });
}

function menu(): Menu {
  const send = (action: string) => () => window?.webContents.send('ringlens:event:menu', action);
  return Menu.buildFromTemplate([
    {
      label: 'Case',
      submenu: [
        {
          label: 'Open case…',
          accelerator: 'CmdOrCtrl+O',
          click: () =>
            void dialog
              .showOpenDialog({
                filters: [{ name: 'Ringlens case', extensions: ['ringlens'] }],
                properties: ['openFile'],
              })
              .then((r) => {
                if (!r.canceled && r.filePaths[0])
                  window?.webContents.send('ringlens:event:menu', `open:${r.filePaths[0]}`);
              }),
        },
        {
          label: 'New case…',
          accelerator: 'CmdOrCtrl+N',
          click: () =>
            void dialog
              .showSaveDialog({ filters: [{ name: 'Ringlens case', extensions: ['ringlens'] }] })
              .then((r) => {
                if (!r.canceled && r.filePath)
                  window?.webContents.send('ringlens:event:menu', `create:${r.filePath}`);
              }),
        },
        { label: 'Lock', accelerator: 'CmdOrCtrl+L', click: send('lock') },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    { label: 'Edit', submenu: [{ role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }] },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        { role: 'toggleDevTools' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
      ],
    },
  ]);
}

ipcMain.handle('ringlens:api', (event, method: unknown, input: unknown) => {
  // Only our own window's main frame may call the engine.
  if (
    !window ||
    event.sender !== window.webContents ||
    event.senderFrame !== window.webContents.mainFrame
  ) {
    return {
      ok: false,
      error: {
        code: 'INVALID_ARGUMENT',
        message: 'calls are accepted from the Ringlens window only',
      },
    };
  }
  return dispatch(session, handlers, String(method), input);
});

app.on('web-contents-created', (_e, contents) => hardenContents(contents));
void app.whenReady().then(() => {
  hardenSession(electronSession.defaultSession);
  Menu.setApplicationMenu(menu());
  createWindow();
});
app.on('window-all-closed', () => {
  session.close();
  app.quit();
});
