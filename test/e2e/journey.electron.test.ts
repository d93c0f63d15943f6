/**
 * The same journey in the Electron app through Playwright's _electron, where an Electron
 * binary exists. Elsewhere (as on machines that cannot download it) it is skipped, saying why.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
function electronBinary(): string | undefined {
  const dir = dirname(require.resolve('electron/package.json'));
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const bin = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? bin : undefined;
}
const bin = electronBinary();
if (!bin)
  console.log(
    'Electron end-to-end tests skipped: no Electron binary on this machine (node_modules/electron/dist is empty; it cannot be downloaded here).',
  );

describe.skipIf(!bin)('Electron journey', () => {
  it('opens the demo case in a secure window and shows its rings', async () => {
    const { _electron } = await import('playwright-core');
    const app = await _electron.launch({
      executablePath: bin!,
      args: [join(import.meta.dirname, '../..')],
      env: { ...process.env, RINGLENS_DEMO: '1' },
    });
    const page = await app.firstWindow();
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const w = BrowserWindow.getAllWindows()[0]!;
      const p = (
        w.webContents as unknown as {
          getLastWebPreferences(): {
            contextIsolation?: boolean;
            sandbox?: boolean;
            nodeIntegration?: boolean;
          };
        }
      ).getLastWebPreferences();
      return {
        contextIsolation: p.contextIsolation,
        sandbox: p.sandbox,
        nodeIntegration: p.nodeIntegration,
      };
    });
    expect(prefs).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    await page.getByTestId('open-demo').click();
    await page.getByTestId('nav-rings').click();
    await page.getByTestId('ring-list').locator('.ring-item').first().waitFor();
    await app.close();
  });
});
