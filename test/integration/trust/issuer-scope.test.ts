/**
 * Row ids are scoped by issuer (issue 16, fault 6), on the bundles in
 * test/fixtures/hostile/issuer-scope/ (scripts/make-issuer-corpus.ts). Before: the untrusted
 * bundle rewrote the trusted seller's name and status in the merged view with no warning, and
 * Marketplace B's bundle was refused with `id "phone:s0" already names a different entity`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { closeCase, createCase, type CaseStore } from '../../../electron/core/store/open';
import { importBundle } from '../../../electron/core/bundle/import';
import { addTrustedKey } from '../../../electron/core/keys/trusted-keys';
import { demoIssuerKey } from '../../../electron/core/demo/demo-key';
import { Session } from '../../../electron/core/api/session';
import { createHandlers, dispatch } from '../../../electron/core/api/handlers';
import { verifyCase } from '../../../electron/core/audit/verify-case';
import { storeDigest } from '../../support/digest';
import { tempDir } from '../../support/bundles';

const DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'hostile', 'issuer-scope');
const fixture = (name: string) => join(DIR, name);
const props = (store: CaseStore, key: string) => {
  const row = store.db.prepare('SELECT props FROM entities WHERE key = ?').get(key) as
    { props: string } | undefined;
  return row && (JSON.parse(row.props) as Record<string, unknown>);
};

let dir: string;
beforeAll(() => {
  dir = tempDir('ringlens-issuer-');
});

function trustedCase(name: string): CaseStore {
  const store = createCase(join(dir, `${name}.ringlens`), 'pass');
  addTrustedKey(store.db, { publicKeyPem: demoIssuerKey().publicKeyPem, name: 'T', actor: 't' });
  return store;
}

describe('issuer-scoped row ids', () => {
  it('an accepted untrusted signer restating trusted ids does not rewrite them', async () => {
    const store = trustedCase('restate');
    await importBundle(store, fixture('issuer-trusted-lead.zip'), { actor: 't' });
    const trusted = props(store, 'seller:t1');
    expect(trusted).toEqual({ name: 'Guangzhou Bright Trading', status: 'active' });
    const r = await importBundle(store, fixture('issuer-untrusted-restates-ids.zip'), {
      actor: 't',
      acceptSigner: true,
    });
    expect(r.signature).toBe('accepted');
    expect(props(store, 'seller:t1')).toEqual(trusted);
    expect(props(store, 'shop:t1')).toEqual({ name: 'Bright Official Store' });
    // The stranger's seller is an entity of its own, keyed by its issuer's scope.
    const theirs = store.db
      .prepare(`SELECT key, props FROM entities WHERE key LIKE 'seller:t1@key:%'`)
      .all() as { key: string; props: string }[];
    expect(theirs).toHaveLength(1);
    expect(JSON.parse(theirs[0]!.props)).toMatchObject({ status: 'banned' });
    // The phone is one entity by identity (same E.164 number), stated by both issuers.
    const phones = store.db.prepare(`SELECT id, key FROM entities WHERE type = 'phone'`).all() as {
      id: number;
      key: string;
    }[];
    expect(phones).toEqual([{ id: expect.any(Number), key: 'phone|+8613912345678' }]);
    // The stranger's link goes to its own seller, not to the trusted one.
    const trustedSellerLinks = store.db
      .prepare(
        `SELECT count(*) FROM links l JOIN entities e ON e.id = l.src WHERE e.key = 'seller:t1'`,
      )
      .pluck()
      .get();
    expect(trustedSellerLinks).toBe(2);
    expect(verifyCase(store.db, []).content).toEqual([]);
    closeCase(store);

    // The API, and so the entity panel, shows the two issuers' names for the phone side by side.
    const session = new Session('tester', () => undefined);
    const handlers = createHandlers(session, { openDemo: () => Promise.resolve(undefined) });
    expect(
      await dispatch(session, handlers, 'case.open', { path: store.path, passphrase: 'pass' }),
    ).toMatchObject({ ok: true });
    const detail = await dispatch(session, handlers, 'entity.get', { id: phones[0]!.id });
    expect(detail).toMatchObject({
      ok: true,
      value: {
        disagreements: [
          {
            field: 'name',
            values: [
              { issuer: 'Trusted Marketplace', signature: 'trusted', value: 'ring hotline' },
              {
                issuer: 'Unknown Reseller Watch',
                signature: 'accepted',
                value: 'bystander support line',
              },
            ],
          },
        ],
      },
    });
    session.close();
  });

  it('two unrelated bundles that both use phone:s0 import into one case', async () => {
    const store = createCase(join(dir, 'two.ringlens'), 'pass');
    const opts = { actor: 't', allowUnsigned: true } as const;
    await importBundle(store, fixture('issuer-a-uses-phone-s0.zip'), opts);
    const b = await importBundle(store, fixture('issuer-b-uses-phone-s0.zip'), opts);
    expect(b).toMatchObject({ newEntities: 2, alreadyImported: false });
    const rows = store.db.prepare(`SELECT key, label FROM entities ORDER BY key`).all() as {
      key: string;
      label: string;
    }[];
    expect(rows).toEqual([
      { key: 'phone|+8613700000002', label: '+8613700000002' },
      { key: 'phone|+8613800000001', label: '+8613800000001' },
      { key: 'seller:s0', label: 'A Seller Zero' },
      { key: 'seller:s0@issuer:Marketplace B', label: 'B Seller Zero' },
    ]);
    // Each seller uses its own issuer's phone.
    const uses = store.db
      .prepare(
        `SELECT s.key AS seller, p.key AS phone FROM links l JOIN entities s ON s.id = l.src JOIN entities p ON p.id = l.dst ORDER BY s.key`,
      )
      .all();
    expect(uses).toEqual([
      { seller: 'seller:s0', phone: 'phone|+8613800000001' },
      { seller: 'seller:s0@issuer:Marketplace B', phone: 'phone|+8613700000002' },
    ]);
    // Re-importing either changes nothing.
    const before = storeDigest(store.db);
    expect(await importBundle(store, fixture('issuer-b-uses-phone-s0.zip'), opts)).toMatchObject({
      alreadyImported: true,
    });
    expect(storeDigest(store.db)).toBe(before);
    // One issuer reusing its own id for a different phone is still refused, and changes nothing.
    await expect(
      importBundle(store, fixture('issuer-a-reuses-own-id.zip'), opts),
    ).rejects.toMatchObject({
      code: 'ROW_INVALID',
      message: expect.stringMatching(/"phone:s0" already names a different phone from this issuer/),
    });
    expect(storeDigest(store.db)).toBe(before);
    closeCase(store);
  });
});

describe('issuer scopes', () => {
  it('put every CSV mapping and FtM stream of the examiner in one scope, apart from lead issuers', async () => {
    const { issuerScope, LOCAL_SCOPE } = await import('../../../electron/core/bundle/issuer-scope');
    expect(issuerScope(null, 'CSV through mapping "Olist sellers"')).toBe(LOCAL_SCOPE);
    expect(issuerScope(null, 'CSV through mapping "Olist deals"')).toBe(LOCAL_SCOPE);
    expect(issuerScope(null, 'FollowTheMoney stream')).toBe(LOCAL_SCOPE);
    expect(issuerScope(null, 'Marketplace A')).toBe('issuer:Marketplace A');
    expect(issuerScope('ab'.repeat(32), 'FollowTheMoney stream')).toBe(`key:${'ab'.repeat(8)}`);
  });
});
