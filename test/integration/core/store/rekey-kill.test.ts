/**
 * A passphrase change killed at any instant leaves a case that opens: with the old
 * passphrase (and no `case.rekey` entry) or the new one (with it), every row intact.
 * A child process re-keys a real ~7 MB SQLCipher case and is SIGKILLed at every named
 * point of the re-key and at timed instants inside each phase, timed from a traced run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes, createHash } from 'node:crypto';
import {
  closeCase,
  createCase,
  openCase,
  type CaseStore,
} from '../../../../electron/core/store/open';
import { listAudit, verifyAuditChain } from '../../../../electron/core/audit/log';

const CHILD = resolve(__dirname, 'support/rekey-child.ts');
const OLD = 'old passphrase';
const NEW = 'new passphrase';
const NAMED = [
  'rekey.start',
  'rekey.copied',
  'rekey.rekeyed',
  'rekey.audited',
  'rekey.synced',
  'rekey.verified',
  'rekey.closed',
  'rekey.renamed',
  'rekey.dir-synced',
];
const PHASES: Array<[string, string]> = [
  ['go', 'rekey.copied'], // copying every page under the old key
  ['rekey.copied', 'rekey.rekeyed'], // re-encrypting every page of the copy
  ['rekey.rekeyed', 'rekey.synced'], // audit entry, fsync
  ['rekey.synced', 'rekey.verified'], // proving the copy opens and is whole
  ['rekey.verified', 'done'], // close, rename, reopen
];

let dir: string;
let pristine: string;
let digest: string;

function storeDigest(db: CaseStore['db']): string {
  const h = createHash('sha256');
  for (const r of db
    .prepare(`SELECT key, value FROM settings WHERE key LIKE 'blob-%' ORDER BY key`)
    .iterate() as IterableIterator<{ key: string; value: string }>)
    h.update(r.key).update(r.value);
  return h.digest('hex');
}

interface Run {
  readonly points: Map<string, number>;
  readonly killed: boolean;
}

function runChild(path: string, env: Record<string, string>, killAfterGoMs?: number): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, path, OLD, NEW], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const points = new Map<string, number>();
    let buf = '';
    let errText = '';
    child.stderr.on('data', (c: Buffer) => {
      buf += c.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        const m = /^crash-point (\S+) ([\d.]+)$/.exec(line);
        if (!m) {
          errText += line + '\n';
          continue;
        }
        points.set(m[1]!, Number(m[2]));
        if (m[1] === 'go' && killAfterGoMs !== undefined)
          setTimeout(() => child.kill('SIGKILL'), killAfterGoMs);
      }
    });
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') done({ points, killed: true });
      else if (code === 0) done({ points, killed: false });
      else fail(new Error(`re-key child failed (${code}): ${errText}`));
    });
  });
}

/** Which passphrase opens the case; fails the test if neither or both do, or a row changed. */
function assertWhole(path: string): 'old' | 'new' {
  const attempt = (p: string): boolean => {
    try {
      // A writable open: it also removes the dead re-key's copy, as the app does at start-up.
      const s = openCase(path, p);
      try {
        expect(storeDigest(s.db)).toBe(digest);
        expect(verifyAuditChain(s.db).ok).toBe(true);
        const rekeys = listAudit(s.db).filter((e) => e.action === 'case.rekey').length;
        expect(rekeys, 'case.rekey is recorded exactly when the re-key happened').toBe(
          p === NEW ? 1 : 0,
        );
      } finally {
        closeCase(s);
      }
      return true;
    } catch (e) {
      if ((e as { code?: string }).code === 'WRONG_PASSPHRASE') return false;
      throw e;
    }
  };
  if (attempt(OLD)) {
    expect(attempt(NEW), 'the new passphrase must not open the old case').toBe(false);
    return 'old';
  }
  expect(attempt(NEW), `neither passphrase opens ${path}`).toBe(true);
  return 'new';
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ringlens-rekey-kill-'));
  pristine = join(dir, 'pristine.ringlens');
  const s = createCase(pristine, OLD);
  const ins = s.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
  s.db.transaction(() => {
    for (let i = 0; i < 1200; i++)
      ins.run(`blob-${String(i).padStart(5, '0')}`, randomBytes(4096).toString('base64'));
  })();
  closeCase(s);
  const check = openCase(pristine, OLD, { readonly: true });
  digest = storeDigest(check.db);
  closeCase(check);
}, 60_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('re-key under SIGKILL', () => {
  it('an uninterrupted re-key switches passphrase, keeps every row and leaves no copy behind', async () => {
    const path = join(dir, 'clean.ringlens');
    copyFileSync(pristine, path);
    const run = await runChild(path, {});
    expect(run.killed).toBe(false);
    expect(assertWhole(path)).toBe('new');
    expect(readdirSync(dir).filter((n) => n.includes('.rekey-'))).toEqual([]);
  }, 60_000);

  it('survives a kill at every named point and at timed instants inside every phase', async () => {
    const trace = join(dir, 'trace.ringlens');
    copyFileSync(pristine, trace);
    const calibration = await runChild(trace, { RINGLENS_CRASH_TRACE: '1' });
    const go = calibration.points.get('go')!;
    const kills: Array<{ label: string; env: Record<string, string>; afterMs?: number }> = [];
    for (const p of NAMED) kills.push({ label: p, env: { RINGLENS_CRASH_AT: p } });
    for (const [from, to] of PHASES) {
      const a = calibration.points.get(from)! - go;
      const b = calibration.points.get(to)! - go;
      for (const f of [0.2, 0.5, 0.8])
        kills.push({
          label: `${from}→${to} at ${Math.round(f * 100)}%`,
          env: {},
          afterMs: Math.max(0, Math.round(a + f * (b - a))),
        });
    }
    const outcomes: string[] = [];
    for (const [i, k] of kills.entries()) {
      const path = join(dir, `kill-${i}.ringlens`);
      copyFileSync(pristine, path);
      const run = await runChild(path, k.env, k.afterMs);
      const which = assertWhole(path);
      outcomes.push(`${k.label}: ${run.killed ? 'killed' : 'finished'}, opens with ${which}`);
      expect(readdirSync(dir).filter((n) => n.startsWith(`.kill-${i}.ringlens`))).toEqual([]);
      rmSync(path, { force: true });
    }
    // Kills before the rename keep the old case; kills after it have the new one.
    expect(outcomes.slice(0, 7).every((o) => o.endsWith('old'))).toBe(true);
    expect(outcomes.slice(7, 9).every((o) => o.endsWith('new'))).toBe(true);
    console.log(`re-key kills (${kills.length}):\n  ${outcomes.join('\n  ')}`);
  }, 600_000);
});
