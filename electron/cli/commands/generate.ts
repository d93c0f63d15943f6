import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { createPrivateKey } from 'node:crypto';
import { z } from 'zod';
import { RinglensError } from '../../../shared/errors';
import { writeGeneratedBundle } from '../../core/generate/write-generated';
import { sellersForRows } from '../../core/generate/generator';
import { printJson } from '../output';

const Args = z.object({
  out: z.string().min(1),
  seed: z.coerce.number().int().nonnegative().default(1),
  sellers: z.coerce.number().int().min(20).max(2_000_000).optional(),
  rows: z.coerce.number().int().min(500).max(50_000_000).optional(),
  format: z.enum(['jsonl', 'csv']).default('jsonl'),
  signKey: z.string().optional(),
  groundTruth: z.string().optional(),
  bundleId: z
    .string()
    .regex(/^[A-Za-z0-9._:-]+$/)
    .optional(),
  json: z.boolean().optional(),
});

export function register(program: Command): void {
  program
    .command('generate')
    .description(
      'write a deterministic synthetic lead bundle (planted rings, honest hubs, test buys, complaints) and its ground truth',
    )
    .requiredOption('--out <file>', 'bundle to write (.zip)')
    .option('--seed <n>', 'random seed; the same seed gives the same bytes', '1')
    .option('--sellers <n>', 'number of seller accounts (default 1000)')
    .option('--rows <n>', 'approximate number of rows instead of --sellers')
    .option('--format <format>', 'table format: jsonl or csv', 'jsonl')
    .option('--sign-key <pem>', 'Ed25519 private key (PEM) to sign the manifest')
    .option('--ground-truth <file>', 'write the planted rings and hubs as JSON')
    .option('--bundle-id <id>', 'bundle id (default synthetic-SEED-SELLERS)')
    .option('--json', 'machine-readable output')
    .action(async (raw: Record<string, unknown>) => {
      const parsed = Args.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new RinglensError('INVALID_ARGUMENT', issue.message, {
          field: `--${String(issue.path[0])}`,
        });
      }
      const a = parsed.data;
      const sellers = a.sellers ?? (a.rows ? sellersForRows(a.rows) : 1000);
      const signingKey = a.signKey ? createPrivateKey(readFileSync(a.signKey, 'utf8')) : undefined;
      const result = await writeGeneratedBundle({
        out: a.out,
        seed: a.seed,
        sellers,
        format: a.format,
        ...(signingKey && { signingKey }),
        ...(a.groundTruth && { groundTruthFile: a.groundTruth }),
        ...(a.bundleId && { bundleId: a.bundleId }),
      });
      const summary = {
        ok: true,
        file: a.out,
        sha256: result.sha256,
        bundleId: result.manifest.bundleId,
        counts: result.manifest.counts,
        rings: result.groundTruth.rings.length,
        signed: signingKey !== undefined,
      };
      if (a.json) printJson(summary);
      else
        process.stdout.write(
          `wrote ${a.out}: ${summary.counts.entities} entities, ${summary.counts.links} links, ${summary.counts.evidence} evidence files, ${summary.rings} planted rings (sha256 ${result.sha256})\n`,
        );
    });
}
