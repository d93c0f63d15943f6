/** A real encrypted case holding a generated bundle, shared by the analysis tests. */
import { join } from 'node:path';
import { createCase, type CaseStore } from '../../electron/core/store/open';
import { importBundle } from '../../electron/core/bundle/import';
import { writeGeneratedBundle } from '../../electron/core/generate/write-generated';
import type { GroundTruth } from '../../electron/core/generate/generator';
import { tempDir } from './bundles';

export async function generatedCase(
  seed: number,
  sellers: number,
): Promise<{ store: CaseStore; truth: GroundTruth; dir: string }> {
  const dir = tempDir('ringlens-gen-');
  const g = await writeGeneratedBundle({ out: join(dir, 'bundle.zip'), seed, sellers });
  const store = createCase(join(dir, 'case.ringlens'), 'test passphrase');
  await importBundle(store, g.file, { allowUnsigned: true, actor: 'tester' });
  return { store, truth: g.groundTruth, dir };
}
