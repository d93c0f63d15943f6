/** A real encrypted case holding a generated bundle in evasion mode, and its true identities as entity keys. */
import { join } from 'node:path';
import { createCase, type CaseStore } from '../../electron/core/store/open';
import { importBundle } from '../../electron/core/bundle/import';
import { writeGeneratedBundle } from '../../electron/core/generate/write-generated';
import type { GroundTruth } from '../../electron/core/generate/generator';
import { EVASION_KINDS } from '../../electron/core/generate/evasion';
import { findIdentifier } from '../../electron/core/identity/load';
import { tempDir } from './bundles';

export async function evasionCase(
  seed: number,
  sellers: number,
): Promise<{ store: CaseStore; truth: GroundTruth; dir: string; identities: string[][] }> {
  const dir = tempDir('ringlens-evasion-');
  const g = await writeGeneratedBundle({
    out: join(dir, 'bundle.zip'),
    seed,
    sellers,
    evasion: [...EVASION_KINDS],
  });
  const store = createCase(join(dir, 'case.ringlens'), 'test passphrase');
  await importBundle(store, g.file, { allowUnsigned: true, actor: 'tester' });
  const identities = (g.groundTruth.identityClusters ?? []).map((c) => [
    ...new Set(c.ids.map((id) => findIdentifier(store.db, id)?.key ?? `missing:${id}`)),
  ]);
  return { store, truth: g.groundTruth, dir, identities };
}
