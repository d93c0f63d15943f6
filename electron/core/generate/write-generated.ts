/** Writes a generated bundle (and its ground truth) to disk. */
import { writeFileSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import { writeBundle, type WrittenBundle } from '../bundle/writer';
import { generateBundle, END_DATE, type GenerateOptions, type GroundTruth } from './generator';

export interface WriteGeneratedOptions extends GenerateOptions {
  readonly out: string;
  readonly format?: 'jsonl' | 'csv';
  readonly signingKey?: KeyObject;
  readonly groundTruthFile?: string;
  readonly bundleId?: string;
}

export async function writeGeneratedBundle(
  o: WriteGeneratedOptions,
): Promise<WrittenBundle & { groundTruth: GroundTruth }> {
  const g = generateBundle(o);
  const written = await writeBundle(
    o.out,
    {
      bundleId: o.bundleId ?? `synthetic-${o.seed}-${o.sellers}`,
      issuer: {
        name: 'ExampleMarket Trust & Safety (synthetic)',
        organisation: 'ExampleMarket',
        contact: 'leads@market.example',
      },
      createdAt: `${END_DATE}T12:00:00Z`,
      description: `Synthetic lead bundle: ${o.sellers} sellers, ${g.groundTruth.rings.length} planted rings (seed ${o.seed}). Not real data.`,
      defaultRegion: 'CN',
      entities: g.entities(),
      links: g.links(),
      evidence: g.evidence,
    },
    { format: o.format ?? 'jsonl', ...(o.signingKey && { signingKey: o.signingKey }) },
  );
  if (o.groundTruthFile)
    writeFileSync(o.groundTruthFile, `${JSON.stringify(g.groundTruth, null, 2)}\n`);
  return { ...written, groundTruth: g.groundTruth };
}
