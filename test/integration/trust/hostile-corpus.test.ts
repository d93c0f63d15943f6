/**
 * Every bundle in test/fixtures/hostile/ (made by scripts/make-hostile-corpus.ts) must be
 * refused with its specific error, and leave the case exactly as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeCase, createCase, type CaseStore } from '../../../electron/core/store/open';
import { importBundle } from '../../../electron/core/bundle/import';
import { addTrustedKey } from '../../../electron/core/keys/trusted-keys';
import { demoIssuerKey } from '../../../electron/core/demo/demo-key';
import { RinglensError } from '../../../shared/errors';
import { smallBundle, tempDir } from '../../support/bundles';
import { storeDigest } from '../../support/digest';

const DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'hostile');
const expectations = JSON.parse(readFileSync(join(DIR, 'expectations.json'), 'utf8')) as Record<
  string,
  {
    code: string;
    message: string;
    file?: string;
    line?: number;
    field?: string;
    options?: { allowUnsigned?: boolean; acceptSigner?: boolean };
    about: string;
  }
>;

let store: CaseStore;
let before: string;
beforeAll(async () => {
  const dir = tempDir('ringlens-hostile-');
  store = createCase(join(dir, 'case.ringlens'), 'pass');
  addTrustedKey(store.db, {
    publicKeyPem: demoIssuerKey().publicKeyPem,
    name: 'demo issuer',
    actor: 'tester',
  });
  await importBundle(store, (await smallBundle(dir, 'baseline')).file, {
    allowUnsigned: true,
    actor: 'tester',
  });
  before = storeDigest(store.db);
});
afterAll(() => closeCase(store));

describe('hostile-input corpus', () => {
  it('has at least 30 bundles, each with an expectation', () => {
    const zips = readdirSync(DIR).filter((f) => f.endsWith('.zip'));
    expect(zips.length).toBeGreaterThanOrEqual(30);
    expect(zips.sort()).toEqual(Object.keys(expectations).sort());
  });

  for (const [name, want] of Object.entries(expectations)) {
    it(`${name}: ${want.about} → ${want.code}`, async () => {
      const err = await importBundle(store, join(DIR, name), {
        actor: 'tester',
        ...want.options,
      }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err, 'the import must be refused').toBeInstanceOf(RinglensError);
      const e = err as RinglensError;
      expect(e.code).toBe(want.code);
      expect(e.message).toContain(want.message);
      if (want.file) expect(e.location.file).toBe(want.file);
      if (want.line) expect(e.location.line).toBe(want.line);
      if (want.field) expect(e.location.field).toBe(want.field);
      expect(storeDigest(store.db), 'the store must be unchanged').toBe(before);
    });
  }
});

describe('strings that look like code', () => {
  it('are stored verbatim as text and never executed', async () => {
    const dir = tempDir();
    const hostile = [
      "Robert'); DROP TABLE entities;--",
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '${process.exit(1)}',
    ];
    const b = await smallBundle(dir, 'code-strings', {
      entities: hostile.map((name, i) => ({
        id: `shop:code${i}`,
        type: 'shop' as const,
        props: { name },
      })),
      links: [],
    });
    const s = createCase(join(dir, 'c.ringlens'), 'p');
    await importBundle(s, b.file, { allowUnsigned: true, actor: 'tester' });
    const labels = s.db
      .prepare(`SELECT label FROM entities WHERE key LIKE 'shop:code%' ORDER BY key`)
      .pluck()
      .all();
    expect(labels).toEqual(hostile);
    expect(s.db.prepare('SELECT count(*) FROM entities').pluck().get()).toBe(4);
    closeCase(s);
  });
});
