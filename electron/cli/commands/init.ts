import type { Command } from 'commander';
import { closeCase, createCase } from '../../core/store/open';
import { appendAudit } from '../../core/audit/log';
import { defaultActor } from '../../core/bundle/import';
import { getPassphrase } from '../passphrase';
import { printJson } from '../output';
import { passphraseAdvice } from '../../core/store/passphrase-strength';

export function register(program: Command): void {
  program
    .command('init')
    .description('create a new, empty, encrypted case file')
    .argument('<case>', 'path of the new case file (*.ringlens)')
    .option('--passphrase-file <file>', 'read the passphrase from this file')
    .option('--json', 'machine-readable output')
    .action(async (path: string, opts: { passphraseFile?: string; json?: boolean }) => {
      const passphrase = await getPassphrase(opts, 'New passphrase: ', true);
      const advice = passphraseAdvice(passphrase);
      const store = createCase(path, passphrase);
      try {
        appendAudit(store.db, {
          actor: defaultActor(),
          action: 'case.create',
          object: 'case',
          details: { file: path },
        });
      } finally {
        closeCase(store);
      }
      if (opts.json) printJson({ ok: true, case: path, passphraseWarnings: advice.warnings });
      else {
        for (const w of advice.warnings) process.stderr.write(`warning: ${w}\n`);
        process.stdout.write(`created ${path}\n`);
      }
    });
}
