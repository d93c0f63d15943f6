/** The web mode as `npm start` launches it where no Electron binary exists: demo case open, token required, loopback only. */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { tempDir } from '../support/bundles';

let child: ChildProcess | undefined;
afterAll(() => child?.kill('SIGINT'));

describe('npm start without Electron', () => {
  it('serves the demo case on 127.0.0.1 behind a per-run token', async () => {
    child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(import.meta.dirname, '../../electron/web/serve.ts'),
        '--open-demo',
        '--data-dir',
        tempDir('ringlens-start-'),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child!.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /Ringlens web mode: (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child!.on('exit', () => reject(new Error(`server exited: ${out}`)));
    });
    const u = new URL(url);
    const token = new URLSearchParams(u.hash.slice(1)).get('token')!;
    const call = (t: string) =>
      fetch(`${u.origin}/api/case.status`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Ringlens-Token': t },
        body: '{}',
      });
    expect((await call('not-the-token')).status).toBe(403);
    const r = (await (await call(token)).json()) as {
      ok: boolean;
      value: { open: boolean; path: string };
    };
    expect(r).toMatchObject({ ok: true, value: { open: true } });
    expect(r.value.path).toMatch(/demo\.ringlens$/);
  });
});
