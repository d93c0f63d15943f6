/**
 * The web mode's loopback server against hostile requests: the probe's request killers
 * each get a 4xx and the server keeps answering; then a bounded, seeded fuzz run of
 * malformed paths, methods, headers and bodies (raw sockets, loopback only) leaves the
 * server up and its memory flat.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startWebServer, type WebServer } from '../../../electron/web/server';

let dir: string;
let server: WebServer;
let port: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ringlens-web-fuzz-'));
  const staticDir = join(dir, 'static');
  const dataDir = join(dir, 'data');
  for (const d of [staticDir, dataDir]) rmSync(d, { recursive: true, force: true });
  await import('node:fs').then((fs) => {
    fs.mkdirSync(join(staticDir, 'assets'), { recursive: true });
    fs.mkdirSync(dataDir);
  });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Ringlens</title>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  server = await startWebServer({ staticDir, dataDir, actor: 'fuzz' });
  port = Number(new URL(server.url).port);
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Sends raw bytes on a fresh connection; resolves with the status code (0: no answer). */
function raw(request: Buffer | string): Promise<number> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    const finish = () => {
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve(m ? Number(m[1]) : 0);
    };
    socket.setTimeout(5000, () => socket.destroy());
    socket.on('data', (c) => {
      text += c.toString('latin1');
      if (text.length > 64 * 1024) socket.destroy();
    });
    socket.on('error', () => undefined);
    socket.on('close', finish);
    socket.end(request);
  });
}

const host = () => `127.0.0.1:${port}`;
const get = (path: string, headers = '') =>
  raw(`GET ${path} HTTP/1.1\r\nHost: ${host()}\r\n${headers}Connection: close\r\n\r\n`);
const post = (path: string, body: string, headers = '') =>
  raw(
    `POST ${path} HTTP/1.1\r\nHost: ${host()}\r\nX-Ringlens-Token: ${server.token}\r\n${headers}` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );

async function alive(): Promise<void> {
  expect(await get('/')).toBe(200);
}

describe('web server: requests that used to kill it', () => {
  it.each(['/%E0%A4%A', '/%ff', '/assets/%c0%af', '//%25', '/%', '/assets/%zz', '/%00'])(
    'GET %s is answered 4xx and the server stays up',
    async (path) => {
      const status = await get(path);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
      await alive();
    },
  );

  it.each([
    '/api/constructor',
    '/api/__proto__',
    '/api/toString',
    '/api/hasOwnProperty',
    '/api/%E0%A4%A',
  ])('POST %s with the token is refused as an unknown method', async (path) => {
    const status = await post(path, '{}');
    expect([200, 400]).toContain(status);
    await alive();
  });

  it('answers an unknown method with ok:false and the method named', async () => {
    const res = await fetch(`http://${host()}/api/constructor`, {
      method: 'POST',
      headers: { 'X-Ringlens-Token': server.token, 'Content-Type': 'application/json' },
      body: '{}',
    });
    const body = (await res.json()) as { ok: boolean; error: { message: string } };
    expect(body.ok).toBe(false);
    expect(body.error.message).toBe('unknown method constructor');
  });
});

/** A small seeded PRNG so a failing fuzz case can be replayed. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  '/',
  '//',
  '%',
  '%2',
  '%25',
  '%ff',
  '%c0%af',
  '%E0%A4%A',
  '%00',
  '..',
  '..%2f',
  '%2e%2e/',
  'api/',
  'api',
  'assets/',
  'index.html',
  '__proto__',
  'constructor',
  'toString',
  'case.info',
  '?token=',
  '#',
  '\\',
  '😀',
  'a'.repeat(3000),
  ';',
  '@',
  ':',
];
const METHODS = [
  'GET',
  'POST',
  'PUT',
  'DELETE',
  'HEAD',
  'OPTIONS',
  'PATCH',
  'TRACE',
  'X',
  'G ET',
  '',
];

function fuzzRequest(rand: () => number): Buffer {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  let path = rand() < 0.8 ? '/' : '';
  const n = 1 + Math.floor(rand() * 6);
  for (let i = 0; i < n; i++) path += pick(PIECES);
  if (rand() < 0.3) path = '/api/' + path.replace(/^\//, '');
  const method = pick(METHODS);
  const headers: string[] = [];
  if (rand() < 0.8) headers.push(`Host: ${rand() < 0.9 ? host() : 'evil.example'}`);
  if (rand() < 0.5) headers.push(`X-Ringlens-Token: ${rand() < 0.7 ? server.token : 'x'}`);
  let body = '';
  const kind = rand();
  if (kind < 0.25) body = '{"path":' + pick(PIECES).length + '}';
  else if (kind < 0.4) body = '{'.repeat(1 + Math.floor(rand() * 5000));
  else if (kind < 0.5) body = '{"__proto__":{"x":1},"constructor":{}}';
  else if (kind < 0.6)
    body = Buffer.from(Array.from({ length: 200 }, () => Math.floor(rand() * 256))).toString(
      'latin1',
    );
  if (rand() < 0.8) {
    const len = rand() < 0.85 ? Buffer.byteLength(body, 'latin1') : pick([-1, 999999, 'x', '']);
    headers.push(`Content-Length: ${len}`);
  } else if (rand() < 0.5) headers.push('Transfer-Encoding: chunked');
  if (rand() < 0.1) headers.push(`X-Long: ${'b'.repeat(20000)}`);
  if (rand() < 0.05) headers.push('Bad Header Without Colon');
  headers.push('Connection: close');
  return Buffer.from(
    `${method} ${path} HTTP/1.1\r\n${headers.join('\r\n')}\r\n\r\n${body}`,
    'latin1',
  );
}

describe('web server fuzz (bounded, loopback only)', () => {
  it('stays up and keeps memory flat over 2,000 malformed requests', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const rand = prng(16);
    const batch = async (count: number) => {
      for (let i = 0; i < count; i += 20)
        await Promise.all(Array.from({ length: 20 }, () => raw(fuzzRequest(rand))));
    };
    await batch(400); // warm-up: JIT, buffers, module caches
    gc();
    const before = process.memoryUsage().heapUsed;
    const statuses = new Map<number, number>();
    for (let i = 0; i < 1600; i += 20) {
      const got = await Promise.all(Array.from({ length: 20 }, () => raw(fuzzRequest(rand))));
      for (const s of got) statuses.set(s, (statuses.get(s) ?? 0) + 1);
    }
    gc();
    const growth = process.memoryUsage().heapUsed - before;
    console.log(
      `fuzz statuses: ${[...statuses].map(([k, v]) => `${k}×${v}`).join(' ')}; heap growth ${(growth / 1e6).toFixed(1)} MB`,
    );
    expect(statuses.get(500) ?? 0, 'no request makes an internal error').toBe(0);
    expect(growth).toBeLessThan(16 * 1024 * 1024);
    await alive();
  }, 60_000);
});
