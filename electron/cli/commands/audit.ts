import type { Command } from 'commander';
import { writeHeadReceipt } from '../../core/audit/witness';
import { defaultActor } from '../../core/bundle/import';
import { withCase } from '../case-access';
import { printJson } from '../output';

export function register(program: Command): void {
  const audit = program
    .command('audit')
    .description(
      "anchor a case's audit chain outside it: write a signed head receipt to removable media",
    );
  audit
    .command('receipt')
    .description(
      'sign the current audit head with the examiner key and write it to a file (never overwritten); check it later with `ringlens verify CASE --witness FILE`',
    )
    .argument('<case>', 'case file')
    .requiredOption('--out <file>', 'where to write the receipt (e.g. on a USB stick)')
    .option('--passphrase-file <file>', 'read the passphrase from this file')
    .option('--json', 'machine-readable output')
    .action(
      async (casePath: string, opts: { out: string; passphraseFile?: string; json?: boolean }) => {
        const r = await withCase(casePath, opts, (s) =>
          writeHeadReceipt(s.db, casePath, opts.out, defaultActor()),
        );
        if (opts.json) return printJson(r);
        process.stdout.write(
          `head receipt written to ${opts.out}: entry ${r.seq}, head ${r.hash}, signed by examiner key ${r.examiner.fingerprint}\nkeep it outside the case (removable media, another person); \`ringlens verify ${casePath} --witness ${opts.out}\` shows whether the chain still holds that head\n`,
        );
      },
    );
}
