/**
 * The web mode's loopback bridge: the same renderer and the same API as the desktop app,
 * served on 127.0.0.1 only, with a random per-run token required on every API call.
 * For tests and for machines where no Electron binary can be had.
 */
import { removeLeftovers } from '../core/util/leftovers';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { userInfo } from 'node:os';
import { EVENT_NAMES, type EventName, type EventPayload } from '../../shared/api/contract';
import { Session } from '../core/api/session';
import { createHandlers, dispatch } from '../core/api/handlers';
import { openCase } from '../core/store/open';
import { buildDemoCase, DEMO_PASSPHRASE } from '../core/demo/build-demo-case';
import { CONTENT_SECURITY_POLICY } from '../../shared/api/csp';
import { serveGrantedFile, webFileHandlers, type ChooserRoot } from './file-chooser';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface WebServerOptions {
  readonly staticDir: string;
  readonly dataDir: string;
  readonly port?: number;
  readonly actor?: string;
  /** Folders the web file chooser may show (the data folder is always one). */
  readonly folders?: readonly ChooserRoot[];
}

export interface WebServer {
  readonly url: string;
  readonly token: string;
  readonly session: Session;
  /** Opens (building it the first time) the demo case in this server's data folder. */
  openDemo(): Promise<void>;
  close(): Promise<void>;
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  // What a killed import or export left behind (plaintext temp folders, partial files).
  removeLeftovers();
  const token = randomBytes(24).toString('base64url');
  const listeners = new Set<ServerResponse>();
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>) => {
    const data = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const res of listeners) res.write(data);
  };
  const session = new Session(options.actor ?? safeUser(), emit);
  const openDemo = async () => {
    const path = join(options.dataDir, 'demo.ringlens');
    session.adopt(
      existsSync(path)
        ? openCase(path, DEMO_PASSPHRASE)
        : await buildDemoCase(path, DEMO_PASSPHRASE, session.actor),
    );
  };
  const handlers = createHandlers(session, {
    openDemo,
    recentFile: join(options.dataDir, 'recent-cases.json'),
    files: webFileHandlers(session, [
      { label: 'Ringlens folder', path: options.dataDir },
      ...(options.folders ?? []),
    ]),
  });
  let port = 0;

  const authorised = (req: IncomingMessage, url: URL): boolean => {
    // Host check defeats DNS rebinding; the token defeats other local pages and processes.
    if (req.headers.host !== `127.0.0.1:${port}`) return false;
    const given = String(req.headers['x-ringlens-token'] ?? url.searchParams.get('token') ?? '');
    const a = Buffer.from(given);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  };

  const server = createServer((req, res) => {
    req.on('error', () => res.destroy());
    res.on('error', () => undefined);
    try {
      handle(req, res);
    } catch {
      // Nothing a request carries may take the server down: whatever slipped through is a 400.
      reply(res, 400, 'bad request');
    }
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = parseRequestUrl(req.url);
    if (!url) {
      reply(res, 400, 'bad request: the address is not a valid URL');
      return;
    }
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');
    if (url.pathname.startsWith('/api/')) {
      if (!authorised(req, url)) {
        res.writeHead(403).end('forbidden');
        return;
      }
      if (url.pathname === '/api/events' && req.method === 'GET') {
        res.writeHead(200, { 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
        res.write(`: ringlens events ${EVENT_NAMES.join(',')}\n\n`);
        listeners.add(res);
        req.on('close', () => listeners.delete(res));
        return;
      }
      if (req.method === 'GET' && serveGrantedFile(session, url, res)) return;
      if (req.method !== 'POST') {
        res.writeHead(405).end();
        return;
      }
      const method = safeDecode(url.pathname.slice(5));
      if (method === null) {
        reply(res, 400, 'bad request: the method name is not valid percent-encoding');
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      let tooLarge = false;
      req.on('data', (c: Buffer) => {
        if (tooLarge) return;
        size += c.length;
        if (size > MAX_BODY) {
          tooLarge = true;
          chunks.length = 0;
          res.setHeader('Connection', 'close');
          reply(res, 413, 'request body too large');
          req.resume();
        } else chunks.push(c);
      });
      req.on('end', () => {
        if (tooLarge) return;
        let input: unknown;
        try {
          input = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
        } catch {
          res.writeHead(400, { 'Content-Type': 'application/json' }).end(
            JSON.stringify({
              ok: false,
              error: { code: 'INVALID_ARGUMENT', message: 'the request body is not JSON' },
            }),
          );
          return;
        }
        const operation = req.headers['x-ringlens-operation'];
        dispatch(session, handlers, method, input, {
          ...(typeof operation === 'string' && { operation }),
        })
          .then((result) => {
            if (res.headersSent) return;
            res
              .writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' })
              .end(JSON.stringify(result));
          })
          .catch((e: unknown) => {
            if (res.headersSent) return;
            res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' }).end(
              JSON.stringify({
                ok: false,
                error: { code: 'INTERNAL', message: (e as Error)?.message ?? 'internal error' },
              }),
            );
          });
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      reply(res, 405, 'method not allowed');
      return;
    }
    serveStatic(options.staticDir, url.pathname, res);
  };
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    token,
    session,
    openDemo,
    close: async () => {
      for (const res of listeners) res.end();
      session.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const MAX_BODY = 16 * 1024 * 1024;

/** `decodeURIComponent` that answers null for malformed percent-encoding instead of throwing. */
export function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** The request target as a URL, or null when it is not one (`//%25`, absolute forms, …). */
export function parseRequestUrl(raw: string | undefined): URL | null {
  const target = raw ?? '/';
  if (!target.startsWith('/') || target.startsWith('//')) return null;
  try {
    return new URL(target, 'http://127.0.0.1');
  } catch {
    return null;
  }
}

function reply(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(text);
}

function serveStatic(root: string, pathname: string, res: ServerResponse): void {
  const decoded = safeDecode(pathname === '/' ? '/index.html' : pathname);
  if (decoded === null || decoded.includes('\0')) {
    reply(res, 400, 'bad request: the path is not valid percent-encoding');
    return;
  }
  const rel = normalize(decoded).replace(/^([/\\])+/, '');
  const file = join(root, rel);
  try {
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
      reply(res, 404, 'not found');
      return;
    }
    const body = readFileSync(file);
    res
      .writeHead(200, { 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream' })
      .end(body);
  } catch {
    reply(res, 404, 'not found');
  }
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'investigator';
  }
}
