import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import type { EntityRow, LinkRow } from '../../../../shared/bundle/schema';
import { createCase, closeCase } from '../../../../electron/core/store/open';
import { importBundle } from '../../../../electron/core/bundle/import';
import { addTrustedKey } from '../../../../electron/core/keys/trusted-keys';
import { writeBundle, writeZip } from '../../../../electron/core/bundle/writer';
import { verifyAuditChain } from '../../../../electron/core/audit/log';
import {
  newSigningKey,
  patchZipNames,
  ringRows,
  smallBundle,
  tempDir,
} from '../../../support/bundles';
import { storeDigest } from '../../../support/digest';
import { verifyCase } from '../../../../electron/core/audit/verify-case';

const unsigned = { allowUnsigned: true, actor: 'tester' } as const;

function freshCase(dir = tempDir()) {
  return createCase(join(dir, 'case.ringlens'), 'pass');
}

describe('importing a lead bundle', () => {
  it('imports rows with provenance: every entity and link points at its bundle, file and line', async () => {
    const dir = tempDir();
    const bundle = await smallBundle(dir, 'one');
    const store = freshCase(dir);
    const result = await importBundle(store, bundle.file, unsigned);
    expect(result).toMatchObject({
      entityRows: 6,
      linkRows: 5,
      newEntities: 6,
      newLinks: 5,
      signature: 'unsigned',
      alreadyImported: false,
    });
    const source = store.db
      .prepare(
        `SELECT b.bundle_id, b.sha256, f.path, s.line FROM statements s JOIN bundles b ON b.id = s.bundle JOIN bundle_files f ON f.id = s.file
                JOIN links l ON l.id = s.link JOIN entities e ON e.id = l.src WHERE e.key = 'seller:a2' AND l.type = 'uses' ORDER BY s.line`,
      )
      .all();
    expect(source).toEqual([
      { bundle_id: 'test-one', sha256: bundle.sha256, path: 'links/links-0001.jsonl', line: 4 },
      { bundle_id: 'test-one', sha256: bundle.sha256, path: 'links/links-0001.jsonl', line: 5 },
    ]);
    expect(verifyAuditChain(store.db)).toMatchObject({ ok: true, entries: 1 });
    closeCase(store);
  });

  it('is idempotent: the same bundle twice changes nothing', async () => {
    const dir = tempDir();
    const bundle = await smallBundle(dir, 'one');
    const store = freshCase(dir);
    await importBundle(store, bundle.file, unsigned);
    const before = storeDigest(store.db);
    const again = await importBundle(store, bundle.file, unsigned);
    expect(again.alreadyImported).toBe(true);
    expect(storeDigest(store.db)).toBe(before);
    closeCase(store);
  });

  it('refuses a different bundle that reuses a bundle id', async () => {
    const dir = tempDir();
    const store = freshCase(dir);
    await importBundle(
      store,
      (await smallBundle(dir, 'one', ringRows('a'), { bundleId: 'same' })).file,
      unsigned,
    );
    await expect(
      importBundle(
        store,
        (await smallBundle(dir, 'two', ringRows('b'), { bundleId: 'same' })).file,
        unsigned,
      ),
    ).rejects.toMatchObject({ code: 'BUNDLE_CONFLICT' });
    closeCase(store);
  });

  it('merges overlapping bundles: one entity, both sources', async () => {
    const dir = tempDir();
    const store = freshCase(dir);
    await importBundle(store, (await smallBundle(dir, 'one')).file, unsigned);
    const second = ringRows('a');
    (second.entities[0] as { props: Record<string, unknown> }).props = {
      name: 'Seller a1',
      alias: 'second-look',
    };
    const r2 = await importBundle(store, (await smallBundle(dir, 'two', second)).file, unsigned);
    expect(r2).toMatchObject({ newEntities: 0, mergedEntities: 6, newLinks: 0 });
    const sources = store.db
      .prepare(
        `SELECT b.bundle_id FROM statements s JOIN bundles b ON b.id = s.bundle JOIN entities e ON e.id = s.entity WHERE e.key = 'seller:a1' ORDER BY b.id`,
      )
      .all();
    expect(sources).toEqual([{ bundle_id: 'test-one' }, { bundle_id: 'test-two' }]);
    const merged = JSON.parse(
      (
        store.db.prepare(`SELECT props FROM entities WHERE key = 'seller:a1'`).get() as {
          props: string;
        }
      ).props,
    );
    expect(merged).toEqual({ name: 'Seller a1', alias: 'second-look' });
    // The content digests the import kept (set-based, audit/bulk-digest.ts) equal what
    // `verify` recomputes from the rows after a merge that changed existing entities.
    expect(verifyCase(store.db, []).content).toEqual([]);
    closeCase(store);
  });

  it('resolves identifiers across bundles: phones by E.164, e-mails by case, accounts without spaces', async () => {
    const dir = tempDir();
    const store = freshCase(dir);
    const a: { entities: EntityRow[]; links: LinkRow[] } = {
      entities: [
        { id: 'seller:x', type: 'seller', props: {} },
        { id: 'ph-x', type: 'phone', props: { number: '138 0013 8000' } },
        { id: 'em-x', type: 'email', props: { address: 'Boss@Example.COM' } },
        {
          id: 'pa-x',
          type: 'payment_account',
          props: { provider: 'Alipay', accountNumber: '6222 0000 1111' },
        },
      ],
      links: [
        { type: 'uses', from: 'seller:x', to: 'ph-x', props: {} },
        { type: 'uses', from: 'seller:x', to: 'em-x', props: {} },
        { type: 'paid_to', from: 'seller:x', to: 'pa-x', props: {} },
      ],
    };
    const b: { entities: EntityRow[]; links: LinkRow[] } = {
      entities: [
        { id: 'seller:y', type: 'seller', props: {} },
        { id: 'other-phone-id', type: 'phone', props: { number: '+86 138-0013-8000' } },
        { id: 'other-email-id', type: 'email', props: { address: 'boss@example.com' } },
        {
          id: 'other-pa',
          type: 'payment_account',
          props: { provider: 'alipay', accountNumber: '6222-0000-1111' },
        },
      ],
      links: [
        { type: 'uses', from: 'seller:y', to: 'other-phone-id', props: {} },
        { type: 'uses', from: 'seller:y', to: 'other-email-id', props: {} },
        { type: 'paid_to', from: 'seller:y', to: 'other-pa', props: {} },
      ],
    };
    await importBundle(store, (await smallBundle(dir, 'a', a)).file, unsigned);
    await importBundle(store, (await smallBundle(dir, 'b', b)).file, unsigned);
    const ids = store.db
      .prepare(
        `SELECT type, label FROM entities WHERE type IN ('phone', 'email', 'payment_account') ORDER BY type`,
      )
      .all();
    expect(ids).toEqual([
      { type: 'email', label: 'boss@example.com' },
      { type: 'payment_account', label: 'Alipay 622200001111' },
      { type: 'phone', label: '+8613800138000' },
    ]);
    const sellersOnPhone = store.db
      .prepare(
        `SELECT count(*) AS n FROM links l JOIN entities e ON e.id = l.dst WHERE e.type = 'phone'`,
      )
      .get();
    expect(sellersOnPhone).toEqual({ n: 2 });
    closeCase(store);
  });

  it('a bad row at the end of a large bundle leaves the store exactly as it was', async () => {
    const dir = tempDir();
    const store = freshCase(dir);
    await importBundle(store, (await smallBundle(dir, 'first')).file, unsigned);
    const before = storeDigest(store.db);
    const n = 50_000;
    function* entities(): Generator<EntityRow> {
      for (let i = 0; i < n; i++)
        yield { id: `seller:big${i}`, type: 'seller', props: { name: `Seller ${i}` } };
    }
    function* links(): Generator<LinkRow> {
      for (let i = 1; i < n; i++)
        yield { type: 'operates', from: `seller:big${i - 1}`, to: `seller:big${i}`, props: {} };
      yield { type: 'operates', from: 'seller:big0', to: 'seller:does-not-exist', props: {} };
    }
    const big = await writeBundle(join(dir, 'big.zip'), {
      bundleId: 'big',
      issuer: { name: 't' },
      createdAt: '2025-01-01',
      description: '',
      entities: entities(),
      links: links(),
    });
    const cacheSize = store.db.pragma('cache_size', { simple: true });
    const err = await importBundle(store, big.file, unsigned).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'ROW_INVALID',
      location: { file: 'links/links-0001.jsonl', line: n, field: 'to' },
    });
    expect(storeDigest(store.db)).toBe(before);
    // The import's smaller page cache is given back, failed import or not.
    expect(store.db.pragma('cache_size', { simple: true })).toBe(cacheSize);
    closeCase(store);
  });

  it('names file, line and field of an invalid row', async () => {
    const dir = tempDir();
    const store = freshCase(dir);
    const rows = ringRows();
    rows.entities.push({
      id: 'order:1',
      type: 'order',
      props: { placedAt: '2025-02-30' },
    });
    const b = await smallBundle(dir, 'bad', rows, { unchecked: true });
    await expect(importBundle(store, b.file, unsigned)).rejects.toMatchObject({
      code: 'ROW_INVALID',
      location: { file: 'entities/entities-0001.jsonl', line: 7, field: 'props.placedAt' },
    });
    closeCase(store);
  });

  it('reads CSV tables to the same result as JSON Lines', async () => {
    const dir = tempDir();
    const a = freshCase(join(dir));
    const bDir = tempDir();
    const b = createCase(join(bDir, 'b.ringlens'), 'pass');
    await importBundle(a, (await smallBundle(dir, 'jsonl', ringRows(), { bundleId: 'x' })).file, {
      ...unsigned,
      now: '2025-01-01T00:00:00Z',
    });
    await importBundle(
      b,
      (await smallBundle(bDir, 'csv', ringRows(), { bundleId: 'x', format: 'csv' })).file,
      { ...unsigned, now: '2025-01-01T00:00:00Z' },
    );
    const content = (s: typeof a) => ({
      entities: s.db.prepare('SELECT key, type, label, props FROM entities ORDER BY key').all(),
      links: s.db
        .prepare(
          'SELECT l.type, e1.key AS src, e2.key AS dst FROM links l JOIN entities e1 ON e1.id = l.src JOIN entities e2 ON e2.id = l.dst ORDER BY 1, 2, 3',
        )
        .all(),
    });
    expect(content(b)).toEqual(content(a));
    closeCase(a);
    closeCase(b);
  });

  it('stores evidence files inside the encrypted store and checks their hashes', async () => {
    const dir = tempDir();
    const store = freshCase(dir);
    const png = Buffer.from('89504e470d0a1a0a-pretend-png-bytes');
    const { createHash } = await import('node:crypto');
    const sha = createHash('sha256').update(png).digest('hex');
    const rows = ringRows();
    rows.entities.push({
      id: 'evidence:1',
      type: 'evidence',
      props: { file: 'evidence/shot.png', sha256: sha, mediaType: 'image/png' },
    });
    rows.links.push({ type: 'evidences', from: 'evidence:1', to: 'shop:a1', props: {} });
    const b = await writeBundle(join(dir, 'ev.zip'), {
      bundleId: 'ev',
      issuer: { name: 't' },
      createdAt: '2025-01-01',
      description: '',
      entities: rows.entities,
      links: rows.links,
      evidence: [{ path: 'evidence/shot.png', mediaType: 'image/png', data: png }],
    });
    const r = await importBundle(store, b.file, unsigned);
    expect(r.evidenceFiles).toBe(1);
    const blob = store.db.prepare('SELECT data FROM evidence_blobs WHERE sha256 = ?').get(sha) as {
      data: Buffer;
    };
    expect(blob.data.equals(png)).toBe(true);
    closeCase(store);
    expect(
      readFileSync(join(dir, 'case.ringlens')).includes(Buffer.from('pretend-png-bytes')),
    ).toBe(false);
  });
});

describe('signatures and trust', () => {
  it('refuses an unsigned bundle unless explicitly allowed, and marks it unsigned', async () => {
    const dir = tempDir();
    const store = freshCase(dir);
    const b = await smallBundle(dir, 'u');
    await expect(importBundle(store, b.file, { actor: 't' })).rejects.toMatchObject({
      code: 'BUNDLE_UNSIGNED',
    });
    expect((await importBundle(store, b.file, unsigned)).signature).toBe('unsigned');
    closeCase(store);
  });

  it('imports a bundle signed by a trusted key as trusted', async () => {
    const dir = tempDir();
    const store = freshCase(dir);
    const key = newSigningKey();
    addTrustedKey(store.db, { publicKeyPem: key.publicKeyPem, name: 'Marketplace', actor: 't' });
    const r = await importBundle(
      store,
      (await smallBundle(dir, 's', ringRows(), { signingKey: key.privateKey })).file,
      { actor: 't' },
    );
    expect(r.signature).toBe('trusted');
    closeCase(store);
  });

  it('refuses an untrusted signer unless accepted, and records the acceptance', async () => {
    const dir = tempDir();
    const store = freshCase(dir);
    const b = await smallBundle(dir, 's', ringRows(), { signingKey: newSigningKey().privateKey });
    const before = storeDigest(store.db);
    await expect(importBundle(store, b.file, { actor: 't' })).rejects.toMatchObject({
      code: 'BUNDLE_UNTRUSTED_SIGNER',
    });
    expect(storeDigest(store.db)).toBe(before);
    const r = await importBundle(store, b.file, { actor: 't', acceptSigner: true });
    expect(r.signature).toBe('accepted');
    const audit = store.db
      .prepare(`SELECT details FROM audit_log WHERE action = 'bundle.import'`)
      .get() as { details: string };
    expect(JSON.parse(audit.details)).toMatchObject({
      signature: 'accepted',
      signerFingerprint: r.signerFingerprint,
    });
    closeCase(store);
  });

  it('refuses a bundle whose manifest was changed after signing', async () => {
    const dir = tempDir();
    const store = freshCase(dir);
    const key = newSigningKey();
    addTrustedKey(store.db, { publicKeyPem: key.publicKeyPem, name: 'Marketplace', actor: 't' });
    const b = await smallBundle(dir, 's', ringRows(), { signingKey: key.privateKey });
    const yauzl = (await import('yauzl')).default;
    const entries = await new Promise<{ name: string; data: Buffer }[]>((resolve, reject) => {
      const out: { name: string; data: Buffer }[] = [];
      yauzl.open(b.file, { lazyEntries: true }, (err, zip) => {
        if (err || !zip) return reject(err ?? new Error('zip did not open'));
        zip.on('entry', (e: { fileName: string }) => {
          zip.openReadStream(e as never, (er, s) => {
            const chunks: Buffer[] = [];
            s.on('data', (c: Buffer) => chunks.push(c)).on('end', () => {
              out.push({ name: e.fileName, data: Buffer.concat(chunks) });
              zip.readEntry();
            });
          });
        });
        zip.on('end', () => resolve(out));
        zip.readEntry();
      });
    });
    const tampered = entries.map((e) =>
      e.name === 'manifest.json'
        ? { ...e, data: Buffer.from(e.data.toString().replace('test bundle s', 'test bundle S')) }
        : e,
    );
    const file = join(dir, 'tampered.zip');
    await writeZip(file, tampered);
    await expect(
      importBundle(store, file, { actor: 't', acceptSigner: true }),
    ).rejects.toMatchObject({ code: 'BUNDLE_BAD_SIGNATURE' });
    closeCase(store);
  });

  it('refuses files whose bytes do not match the manifest, undeclared files and traversal', async () => {
    const dir = tempDir();
    const store = freshCase(dir);
    const b = await smallBundle(dir, 'ok');
    const manifest = JSON.parse(JSON.stringify(b.manifest));
    const table = 'entities/entities-0001.jsonl';
    const good = `${ringRows()
      .entities.map((e) => JSON.stringify(e))
      .join('\n')}\n`;
    const linksText = `${ringRows()
      .links.map(({ props: _p, ...l }) => JSON.stringify(l))
      .join('\n')}\n`;
    const mk = async (name: string, entries: { name: string; data: Buffer }[]) => {
      const f = join(dir, `${name}.zip`);
      await writeZip(f, entries);
      return f;
    };
    const m = Buffer.from(JSON.stringify(manifest));
    const altered = await mk('altered', [
      { name: 'manifest.json', data: m },
      { name: table, data: Buffer.from(good.replace('Seller a1', 'Seller X1')) },
      { name: 'links/links-0001.jsonl', data: Buffer.from(linksText) },
    ]);
    await expect(importBundle(store, altered, unsigned)).rejects.toMatchObject({
      code: 'BUNDLE_INVALID',
      location: { file: table },
    });
    const extra = await mk('extra', [
      { name: 'manifest.json', data: m },
      { name: 'notes.txt', data: Buffer.from('hi') },
    ]);
    await expect(importBundle(store, extra, unsigned)).rejects.toMatchObject({
      code: 'BUNDLE_INVALID',
      location: { file: 'notes.txt' },
    });
    const traversal = await mk('trav', [
      { name: 'manifest.json', data: m },
      { name: 'xx/evil.txt', data: Buffer.from('x') },
    ]);
    patchZipNames(traversal, { 'xx/evil.txt': '../evil.txt' });
    await expect(importBundle(store, traversal, unsigned)).rejects.toThrow(/path traversal/);
    expect(store.db.prepare('SELECT count(*) AS n FROM entities').get()).toEqual({ n: 0 });
    closeCase(store);
  });
});
