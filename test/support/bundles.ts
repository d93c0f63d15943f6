/** Small bundles for tests, written with the real bundle writer. */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityRow, LinkRow } from '../../shared/bundle/schema';
import {
  writeBundle,
  type WriteOptions,
  type WrittenBundle,
} from '../../electron/core/bundle/writer';

export { tempDir } from './temp';

export function newSigningKey(): { privateKey: KeyObject; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

export function ringRows(prefix = 'a'): { entities: EntityRow[]; links: LinkRow[] } {
  const entities: EntityRow[] = [
    { id: `seller:${prefix}1`, type: 'seller', props: { name: `Seller ${prefix}1` } },
    { id: `seller:${prefix}2`, type: 'seller', props: { name: `Seller ${prefix}2` } },
    { id: `shop:${prefix}1`, type: 'shop', props: { name: `深圳 Shop ${prefix}1` } },
    { id: `shop:${prefix}2`, type: 'shop', props: { name: `Shop ${prefix}2` } },
    { id: `phone:${prefix}1`, type: 'phone', props: { number: '138 0013 8000' } },
    { id: `email:${prefix}1`, type: 'email', props: { address: 'Ring.Boss@Example.com' } },
  ];
  const links: LinkRow[] = [
    { type: 'operates', from: `seller:${prefix}1`, to: `shop:${prefix}1`, props: {} },
    { type: 'operates', from: `seller:${prefix}2`, to: `shop:${prefix}2`, props: {} },
    { type: 'uses', from: `seller:${prefix}1`, to: `phone:${prefix}1`, props: {} },
    { type: 'uses', from: `seller:${prefix}2`, to: `phone:${prefix}1`, props: {} },
    { type: 'uses', from: `seller:${prefix}2`, to: `email:${prefix}1`, props: {} },
  ];
  return { entities, links };
}

export async function smallBundle(
  dir: string,
  name: string,
  rows: { entities: EntityRow[]; links: LinkRow[] } = ringRows(),
  options: WriteOptions & { bundleId?: string } = {},
): Promise<WrittenBundle> {
  return writeBundle(
    join(dir, `${name}.rlb.zip`),
    {
      bundleId: options.bundleId ?? `test-${name}`,
      issuer: { name: 'Test Marketplace', organisation: 'Trust & Safety' },
      createdAt: '2025-06-01T00:00:00Z',
      description: `test bundle ${name}`,
      entities: rows.entities,
      links: rows.links,
    },
    options,
  );
}

/**
 * Renames zip entries in place (same length), to build bundles that no well-behaved zip
 * writer would produce: `../` names, absolute paths, duplicates.
 */
export function patchZipNames(file: string, renames: Record<string, string>): void {
  let bytes = readFileSync(file);
  for (const [from, to] of Object.entries(renames)) {
    if (Buffer.byteLength(from) !== Buffer.byteLength(to))
      throw new Error('patchZipNames: names must have the same length');
    const a = Buffer.from(from);
    const b = Buffer.from(to);
    let at = bytes.indexOf(a);
    if (at < 0) throw new Error(`patchZipNames: ${from} not found`);
    while (at >= 0) {
      b.copy(bytes, at);
      at = bytes.indexOf(a, at + a.length);
    }
  }
  writeFileSync(file, bytes);
  bytes = Buffer.alloc(0);
}
