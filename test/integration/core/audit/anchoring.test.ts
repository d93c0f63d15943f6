/**
 * Audit anchoring (issue 16, fault 8). Each scenario tampers with a copy of the demo case as
 * an insider with the passphrase would: through a plain SQLCipher connection, not Ringlens,
 * dropping the append-only triggers where needed. Before this work every one of them
 * verified "intact".
 */
import { beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDemoCase, DEMO_PASSPHRASE } from '../../../../electron/core/demo/build-demo-case';
import { computeContentDigests } from '../../../../electron/core/audit/content-digest';
import { closeCase, openCase, type CaseStore } from '../../../../electron/core/store/open';
import { applyKey } from '../../../../electron/core/store/sqlcipher';
import { entryHash, auditHead, listAudit } from '../../../../electron/core/audit/log';
import { verifyCase } from '../../../../electron/core/audit/verify-case';
import { readWitness, writeHeadReceipt } from '../../../../electron/core/audit/witness';
import { addTrustedKey } from '../../../../electron/core/keys/trusted-keys';
import { analyseCase } from '../../../../electron/core/graph/analyse';
import { exportPacket } from '../../../../electron/core/evidence/packet';
import { exportInterop, type InteropFormat } from '../../../../electron/core/interop/export';
import { caseExchangeGraph, toGraphml } from '../../../../electron/core/interop/graph-exchange';
import { newSigningKey, tempDir } from '../../../support/bundles';

let dir: string;
let pristine: string;
let receipt: string;
let n = 0;

beforeAll(async () => {
  dir = tempDir('ringlens-anchor-');
  pristine = join(dir, 'demo.ringlens');
  const store = await buildDemoCase(pristine);
  receipt = join(dir, 'head.receipt.json');
  writeHeadReceipt(store.db, pristine, receipt, 'Jane Examiner');
  // Work goes on after the receipt was taken.
  addTrustedKey(store.db, {
    publicKeyPem: newSigningKey().publicKeyPem,
    name: 'Later',
    actor: 'j',
  });
  closeCase(store);
}, 120_000);

/** A fresh copy of the case, opened by Ringlens. */
function open(): CaseStore {
  const file = join(dir, `copy-${++n}.ringlens`);
  copyFileSync(pristine, file);
  return openCase(file, DEMO_PASSPHRASE);
}

/** What an insider's SQLCipher shell does: no Ringlens code, no Ringlens triggers. */
function tamper(store: CaseStore, sql: (db: Database.Database) => void): CaseStore {
  closeCase(store);
  const db = new Database(store.path);
  applyKey(db, DEMO_PASSPHRASE);
  sql(db);
  db.close();
  return openCase(store.path, DEMO_PASSPHRASE);
}

/** Re-hashes every entry from `from` on, as a careful forger would. */
function rehashFrom(db: Database.Database, from: number): void {
  db.exec('DROP TRIGGER audit_log_no_update');
  let prev = (db
    .prepare('SELECT hash FROM audit_log WHERE seq = ?')
    .pluck()
    .get(from - 1) ?? '0'.repeat(64)) as string;
  for (const e of listAudit(db, { afterSeq: from - 1 })) {
    const { hash: _old, ...rest } = { ...e, prevHash: prev };
    const hash = entryHash(rest);
    db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?').run(prev, hash, e.seq);
    prev = hash;
  }
}

describe('verify with witnesses', () => {
  it('passes on an untouched case, with the receipt and a packet as witnesses', async () => {
    const store = open();
    const ring = analyseCase(store.db).analysis.rings[0]!;
    const zip = join(dir, 'p.zip');
    await exportPacket(
      store.db,
      store.path,
      {
        type: 'brand-share',
        ringId: ring.id,
        date: new Date().toISOString().slice(0, 10),
        preparer: 'Jane Examiner',
      },
      zip,
      'tester',
    );
    const v = verifyCase(store.db, [await readWitness(receipt), await readWitness(zip)]);
    expect(v.content).toEqual([]);
    expect(v.witnesses.map((w) => w.ok)).toEqual([true, true]);
    expect(v.ok).toBe(true);
    closeCase(store);
  }, 60_000);

  it('catches a cut tail that the chain alone calls intact', async () => {
    const w = await readWitness(receipt);
    let store = open();
    store = tamper(store, (db) => {
      db.exec('DROP TRIGGER audit_log_no_delete');
      db.prepare('DELETE FROM audit_log WHERE seq >= ?').run(w.seq! - 1);
    });
    const v = verifyCase(store.db, [w]);
    expect(v.chain.ok).toBe(true); // the chain checked against itself cannot tell
    expect(v.ok).toBe(false);
    expect(v.witnesses[0]!.detail).toMatch(/it was cut/);
    closeCase(store);
  });

  it('catches an edited and re-hashed chain, by the receipt and by a packet', async () => {
    const w = await readWitness(receipt);
    let store = open();
    const ring = analyseCase(store.db).analysis.rings[0]!;
    const zip = join(dir, 'p2.zip');
    await exportPacket(
      store.db,
      store.path,
      {
        type: 'brand-share',
        ringId: ring.id,
        date: new Date().toISOString().slice(0, 10),
        preparer: 'Jane Examiner',
      },
      zip,
      'tester',
    );
    store = tamper(store, (db) => {
      db.exec('DROP TRIGGER audit_log_no_update');
      db.prepare(`UPDATE audit_log SET actor = 'somebody else' WHERE seq = 2`).run();
      db.exec(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT 1; END;`);
      rehashFrom(db, 2);
    });
    const v = verifyCase(store.db, [w, await readWitness(zip)]);
    expect(v.chain.ok).toBe(true);
    expect(v.witnesses.map((x) => x.ok)).toEqual([false, false]);
    expect(v.witnesses[0]!.detail).toMatch(/rewritten/);
    expect(v.witnesses[1]!.detail).toMatch(/no longer in the chain/);
    closeCase(store);
  }, 60_000);

  it('refuses a receipt whose head was edited', async () => {
    const forged = join(dir, 'forged.json');
    const r = JSON.parse(readFileSync(receipt, 'utf8')) as { seq: number };
    writeFileSync(forged, JSON.stringify({ ...r, seq: r.seq - 1 }));
    await expect(readWitness(forged)).rejects.toThrow(/signature does not verify/);
  });
});

describe('content edited behind the log', () => {
  const cases: [string, string, (db: Database.Database) => void][] = [
    [
      'an entity property',
      'entities',
      (db) =>
        db.exec(
          `UPDATE entities SET props = json_set(props, '$.name', 'Someone Else') WHERE id = 1`,
        ),
    ],
    [
      'a statement',
      'statements',
      (db) => db.exec(`UPDATE statements SET props = '{}' WHERE id = 3`),
    ],
    [
      'a status row',
      'lifecycle',
      (db) =>
        db.exec(
          `INSERT INTO lifecycle (subject_kind, subject_id, status, updated_at, updated_by) VALUES ('ring', 'R-X', 'closed', '2026-01-01', 'mallory')`,
        ),
    ],
    [
      "a bundle's signature state",
      'bundles',
      (db) => db.exec(`UPDATE bundles SET signature = 'trusted', signer_fingerprint = NULL`),
    ],
    [
      'an evidence blob',
      'evidence_blobs',
      (db) =>
        db.exec(
          `UPDATE evidence_blobs SET data = zeroblob(10) WHERE sha256 = (SELECT min(sha256) FROM evidence_blobs)`,
        ),
    ],
  ];
  for (const [what, table, edit] of cases)
    it(`is found: ${what}, even after later audited work`, () => {
      let store = open();
      expect(verifyCase(store.db, []).content).toEqual([]);
      store = tamper(store, edit);
      // Ringlens goes on working (an audited change) after the edit.
      addTrustedKey(store.db, {
        publicKeyPem: newSigningKey().publicKeyPem,
        name: 'After',
        actor: 'j',
      });
      const v = verifyCase(store.db, []);
      expect(v.ok).toBe(false);
      expect(v.content.map((c) => c.table)).toEqual([table]);
      expect(v.content[0]!.problem).toMatch(/changed outside Ringlens/);
      closeCase(store);
    });

  it('is found when the forger also brings the kept digest up to date', () => {
    const store = tamper(open(), (db) => {
      db.exec(`UPDATE entities SET label = 'Nobody' WHERE id = 2`);
      db.prepare(`UPDATE content_digest SET total = ? WHERE tbl = 'entities'`).run(
        computeContentDigests(db).entities,
      );
    });
    const v = verifyCase(store.db, []);
    expect(v.ok).toBe(false);
    expect(v.content.map((c) => c.table)).toEqual(['entities']);
    expect(v.content[0]!.problem).toMatch(
      new RegExp(`differs from what audit entry ${auditHead(store.db).seq} committed to`),
    );
    closeCase(store);
  });
});

describe('exports as witnesses (GraphML, GEXF, review pack)', () => {
  /** Exports as the app and the CLI do, and returns the file with the head before its entry. */
  function exportTo(store: CaseStore, format: Exclude<InteropFormat, 'ftm'>, name: string) {
    const before = auditHead(store.db);
    const ringId = format === 'review' ? analyseCase(store.db).analysis.rings[0]!.id : undefined;
    const e = exportInterop(store.db, { format, ringId, date: '2026-12-02', actor: 'tester' });
    const file = join(dir, name);
    writeFileSync(file, e.text);
    return { file, before };
  }

  it('each carries the head at export, and networkx reads the GraphML one', async () => {
    const store = open();
    for (const [format, name, kind] of [
      ['graphml', 'w.graphml', 'graphml'],
      ['gexf', 'w.gexf', 'gexf'],
      ['review', 'w.html', 'review-pack'],
    ] as const) {
      const { file, before } = exportTo(store, format, name);
      const w = await readWitness(file);
      expect(w).toMatchObject({ kind, seq: before.seq, hash: before.hash, signer: null });
    }
    const nx = spawnSync(
      '/usr/bin/python3',
      [
        '-c',
        'import json, sys, networkx as nx; print(json.dumps(nx.read_graphml(sys.argv[1]).graph))',
        join(dir, 'w.graphml'),
      ],
      { encoding: 'utf8' },
    );
    expect(nx.status, nx.stderr).toBe(0);
    const graph = JSON.parse(nx.stdout) as Record<string, unknown>;
    const w = await readWitness(join(dir, 'w.graphml'));
    expect(graph).toMatchObject({ ringlens_audit_head: w.hash, ringlens_audit_head_seq: w.seq });
    const v = verifyCase(store.db, [
      w,
      await readWitness(join(dir, 'w.gexf')),
      await readWitness(join(dir, 'w.html')),
    ]);
    expect(v.witnesses.map((x) => x.ok)).toEqual([true, true, true]);
    closeCase(store);
  }, 60_000);

  it('a GraphML export catches a cut tail that the chain alone calls intact', async () => {
    let store = open();
    const { file } = exportTo(store, 'graphml', 'cut.graphml');
    const w = await readWitness(file);
    store = tamper(store, (db) => {
      db.exec('DROP TRIGGER audit_log_no_delete');
      db.prepare('DELETE FROM audit_log WHERE seq >= ?').run(w.seq!);
    });
    const v = verifyCase(store.db, [w]);
    expect(v.chain.ok).toBe(true);
    expect(v.ok).toBe(false);
    expect(v.witnesses[0]!.detail).toMatch(/it was cut/);
    closeCase(store);
  }, 60_000);

  it('a GEXF export and a review pack catch a re-hashed chain', async () => {
    let store = open();
    const gexf = await readWitness(exportTo(store, 'gexf', 'rw.gexf').file);
    const pack = await readWitness(exportTo(store, 'review', 'rw.html').file);
    store = tamper(store, (db) => {
      db.exec('DROP TRIGGER audit_log_no_update');
      db.prepare(`UPDATE audit_log SET actor = 'somebody else' WHERE seq = 2`).run();
      db.exec(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT 1; END;`);
      rehashFrom(db, 2);
    });
    const v = verifyCase(store.db, [gexf, pack]);
    expect(v.chain.ok).toBe(true);
    expect(v.witnesses.map((x) => [x.kind, x.ok])).toEqual([
      ['gexf', false],
      ['review-pack', false],
    ]);
    expect(v.witnesses[0]!.detail).toMatch(/rewritten/);
    closeCase(store);
  }, 60_000);

  it('an export without a head is refused as a witness, saying why', async () => {
    const store = open();
    const file = join(dir, 'old.graphml');
    writeFileSync(file, toGraphml(caseExchangeGraph(store.db)));
    closeCase(store);
    await expect(readWitness(file)).rejects.toThrow(/GraphML file states no audit head/);
  }, 60_000);
});
