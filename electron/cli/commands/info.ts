import type { Command } from 'commander';
import { caseInfo } from '../../core/store/case-info';
import { withCase } from '../case-access';
import { printJson, printTable } from '../output';

export function register(program: Command): void {
  program
    .command('info')
    .description('what a case holds: counts by type, bundles with their signers, the audit head')
    .argument('<case>', 'case file')
    .option('--passphrase-file <file>', 'read the passphrase from this file')
    .option('--json', 'machine-readable output')
    .action(async (casePath: string, opts: { passphraseFile?: string; json?: boolean }) => {
      const info = await withCase(casePath, opts, (store) => caseInfo(store.db));
      if (opts.json) return printJson(info);
      process.stdout.write(
        `${casePath}: ${info.totals.entities} entities, ${info.totals.links} links, ${info.totals.evidenceFiles} evidence files\n\n`,
      );
      printTable(Object.entries(info.entities), ['entity type', 'count']);
      process.stdout.write('\n');
      printTable(Object.entries(info.links), ['link type', 'count']);
      process.stdout.write('\n');
      printTable(
        info.bundles.map((b) => [
          b.bundleId,
          b.issuer,
          b.standing,
          b.signerFingerprint?.slice(0, 16) ?? '-',
          b.importedAt,
        ]),
        ['bundle', 'issuer', 'signature', 'signer', 'imported'],
      );
      process.stdout.write(`\naudit log: ${info.audit.entries} entries, head ${info.audit.head}\n`);
    });
}
