/**
 * Issue 18, item 7: "a clean `npm start` output". What a newcomer reads after `npm start` on
 * a machine without an Electron binary: why the web mode opens, that the interface is being
 * built, the demo case and the address. No build chatter, colour codes or warnings.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { tempDir } from '../support/temp';

const ROOT = join(import.meta.dirname, '../..');
let child: ChildProcess | undefined;
afterAll(() => {
  // start.mjs -> start-web.mjs -> serve.ts: stop the whole process group.
  if (child?.pid) process.kill(-child.pid, 'SIGINT');
});

describe('npm start without Electron', () => {
  it('prints a few plain sentences and the address, nothing else', async () => {
    const data = tempDir('ringlens-npm-start-');
    child = spawn(process.execPath, ['scripts/start.mjs', '--data-dir', data], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, RINGLENS_FORCE_WEB: '1' },
    });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const m = /Ringlens web mode: (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(out);
        if (m && out.includes('Ctrl+C stops it.')) {
          clearInterval(timer);
          resolve(m[1]!);
        }
      }, 100);
      child!.on('exit', (code) => {
        clearInterval(timer);
        reject(new Error(`npm start exited with ${code}:\n${out}`));
      });
    });
    const lines = out.trimEnd().split('\n');
    expect(lines).toEqual([
      'No Electron binary is available on this machine (it is downloaded separately and this machine cannot fetch it).',
      'Opening the web mode instead: the same UI and API, served on 127.0.0.1 only.',
      '',
      'Building the interface…',
      expect.stringMatching(
        /^Demo case open: .*demo\.ringlens \(passphrase "demo"; synthetic data only\)$/,
      ),
      `Ringlens web mode: ${url}`,
      'Open that address in a browser on this machine (it only listens on 127.0.0.1). Ctrl+C stops it.',
    ]);
    // eslint-disable-next-line no-control-regex -- looking for terminal escape codes is the point
    expect(out).not.toMatch(/\x1b\[/);
    expect(out).not.toMatch(/warn|error|deprecat/i);
    // And the address works: the page and its script load.
    const page = await fetch(url.replace(/#.*/, ''));
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<script type="module"/);
  });
});
