/**
 * Writes test/fixtures/hostile/issuer-scope/: bundles that reuse other issuers' row ids
 * (issue 16, fault 6). Unlike the rest of the hostile corpus they are not refused: each
 * must import, into its own issuer's scope. Deterministic (fixed keys, fixed content).
 * Run: node --import tsx scripts/make-issuer-corpus.ts
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityRow, LinkRow } from '../shared/bundle/schema';
import { writeBundle } from '../electron/core/bundle/writer';
import { demoIssuerKey } from '../electron/core/demo/demo-key';
import { sha256Hex } from '../electron/core/util/hash';

const OUT = join(import.meta.dirname, '..', 'test', 'fixtures', 'hostile', 'issuer-scope');
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

/** A second fixed key: an issuer the case does not trust (accepted once with --accept-signer). */
export function strangerKey(): KeyObject {
  return createPrivateKey({
    key: Buffer.from(
      '302e020100300506032b657004220420' + sha256Hex('ringlens test: an untrusted stranger'),
      'hex',
    ),
    format: 'der',
    type: 'pkcs8',
  });
}

async function bundle(
  name: string,
  issuer: string,
  entities: EntityRow[],
  links: LinkRow[],
  signingKey?: KeyObject,
): Promise<void> {
  await writeBundle(
    join(OUT, name),
    {
      bundleId: name.replace(/\.zip$/, ''),
      issuer: { name: issuer },
      createdAt: '2025-09-01T00:00:00Z',
      description: `issuer-scope test bundle ${name}`,
      entities,
      links,
    },
    signingKey ? { signingKey } : {},
  );
}

// A trusted marketplace's lead: a seller, their shop and phone.
await bundle(
  'issuer-trusted-lead.zip',
  'Trusted Marketplace',
  [
    {
      id: 'seller:t1',
      type: 'seller',
      props: { name: 'Guangzhou Bright Trading', status: 'active' },
    },
    { id: 'shop:t1', type: 'shop', props: { name: 'Bright Official Store' } },
    { id: 'phone:t1', type: 'phone', props: { number: '+86 139 1234 5678', name: 'ring hotline' } },
  ],
  [
    { type: 'operates', from: 'seller:t1', to: 'shop:t1', props: {} },
    { type: 'uses', from: 'seller:t1', to: 'phone:t1', props: {} },
  ],
  demoIssuerKey().privateKey,
);
// An untrusted signer restating the trusted ids with other facts.
await bundle(
  'issuer-untrusted-restates-ids.zip',
  'Unknown Reseller Watch',
  [
    {
      id: 'seller:t1',
      type: 'seller',
      props: { name: 'Innocent Bystander Ltd', status: 'banned' },
    },
    { id: 'shop:t1', type: 'shop', props: { name: 'Bystander Shop' } },
    {
      id: 'phone:t1',
      type: 'phone',
      props: { number: '+8613912345678', name: 'bystander support line' },
    },
  ],
  [
    { type: 'operates', from: 'seller:t1', to: 'shop:t1', props: {} },
    { type: 'uses', from: 'seller:t1', to: 'phone:t1', props: {} },
  ],
  strangerKey(),
);
// Two unrelated, unsigned marketplaces that both number their rows from s0.
for (const [file, issuer, number, seller] of [
  ['issuer-a-uses-phone-s0.zip', 'Marketplace A', '+86 138 0000 0001', 'A Seller Zero'],
  ['issuer-b-uses-phone-s0.zip', 'Marketplace B', '+86 137 0000 0002', 'B Seller Zero'],
] as const)
  await bundle(
    file,
    issuer,
    [
      { id: 'seller:s0', type: 'seller', props: { name: seller } },
      { id: 'phone:s0', type: 'phone', props: { number } },
    ],
    [{ type: 'uses', from: 'seller:s0', to: 'phone:s0', props: {} }],
  );
// The same issuer reusing its own id for a different phone is still refused.
await bundle(
  'issuer-a-reuses-own-id.zip',
  'Marketplace A',
  [{ id: 'phone:s0', type: 'phone', props: { number: '+86 136 0000 0003' } }],
  [],
);
