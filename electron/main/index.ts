/**
 * The desktop shell: one window, menus, dialogs, and the contract bound over IPC. All the
 * work happens in electron/core; this file only wires it to Electron.
 */
import { app, BrowserWindow, ipcMain, Menu, session as electronSession } from 'electron';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import type { EventName, EventPayload } from '../../shared/api/contract';
import { Session } from '../core/api/session';
import { createHandlers, dispatch } from '../core/api/handlers';
import { UNCANCELLABLE } from '../core/api/operations';
import { removeLeftovers } from '../core/util/leftovers';
import { openCase } from '../core/store/open';
import { buildDemoCase, DEMO_PASSPHRASE } from '../core/demo/build-demo-case';
import { hardenContents, hardenSession, secureWebPreferences } from './window-security';
import { registerAppScheme, serveAppScheme } from './app-scheme';
import { APP_ENTRY_URL } from './app-assets';
import { desktopFileHandlers } from './file-dialogs';
import { caseMenu } from './case-menu';
import { FILE_FIELDS } from '../core/api/file-grants';

let window: BrowserWindow | undefined;
/** DevTools only in an unpackaged (development) build. */
const mode = { devTools: !app.isPackaged };
registerAppScheme();

const emit = <E extends EventName>(event: E, payload: EventPayload<E>) =>
  window?.webContents.send(`ringlens:event:${event}`, payload);
const session = new Session(userInfo().username, emit);
const demoPath = () => {
  const dir = join(app.getPath('userData'), 'cases');
  mkdirSync(dir, { recursive: true });
  return join(dir, 'demo.ringlens');
};
const handlers = createHandlers(session, {
  recentFile: join(app.getPath('userData'), 'recent-cases.json'),
  files: desktopFileHandlers(session, () => window),
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
    webPreferences: secureWebPreferences(join(import.meta.dirname, '../preload/index.cjs'), mode),
  });
  hardenContents(window.webContents, mode);
  window.once('ready-to-show', () => window?.show());
  void window.loadURL(`${APP_ENTRY_URL}${process.env.RINGLENS_DEMO === '1' ? '#demo=1' : ''}`);
}

/** The menus, rebuilt after case changes so that Open Recent follows the list. */
async function refreshMenu(): Promise<void> {
  Menu.setApplicationMenu(
    caseMenu({
      session,
      recent: await handlers['case.recent']({}, UNCANCELLABLE),
      send: (command) => window?.webContents.send('ringlens:event:app.command', command),
      window: () => window,
    }),
  );
}

/** In the desktop app a file argument must be a grant from a dialog, never a typed path. */
function typedPathIn(method: string, input: unknown): string | undefined {
  const fields = FILE_FIELDS[method];
  if (!fields || typeof input !== 'object' || input === null) return undefined;
  return Object.keys(fields).find((f) => {
    const v = (input as Record<string, unknown>)[f];
    return typeof v === 'string' && !v.startsWith('grant:');
  });
}

ipcMain.handle('ringlens:api', async (event, method: unknown, input: unknown, call: unknown) => {
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
  const typed = typedPathIn(String(method), input);
  if (typed)
    return {
      ok: false,
      error: {
        code: 'INVALID_ARGUMENT',
        field: typed,
        message: 'Choose the file with Browse…; the desktop app does not take typed paths.',
      },
    };
  const operation = (call as { operation?: unknown } | undefined)?.operation;
  const result = await dispatch(session, handlers, String(method), input, {
    ...(typeof operation === 'string' && { operation }),
  });
  // The Recent menu follows the list of recent cases.
  if (String(method).startsWith('case.')) await refreshMenu();
  return result;
});

app.on('web-contents-created', (_e, contents) => hardenContents(contents, mode));
void app.whenReady().then(() => {
  // Plaintext a killed import or export may have left in the temp folder goes first.
  removeLeftovers();
  hardenSession(electronSession.defaultSession, mode);
  serveAppScheme(electronSession.defaultSession, join(import.meta.dirname, '../renderer'));
  void refreshMenu();
  createWindow();
});
app.on('window-all-closed', () => {
  session.close();
  app.quit();
});
