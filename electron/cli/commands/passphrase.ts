import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { RinglensError } from '../../../shared/errors';
import { changePassphrase } from '../../core/store/open';
import { appendAudit } from '../../core/audit/log';
import { defaultActor } from '../../core/bundle/import';
import { withCase } from '../case-access';
import { getPassphrase } from '../passphrase';

export function register(program: Command): void {
  program
    .command('passphrase')
    .description("change a case's passphrase (re-encrypts the file; all data is kept)")
    .argument('<case>', 'case file')
    .option('--passphrase-file <file>', 'read the current passphrase from this file')
    .option('--new-passphrase-file <file>', 'read the new passphrase from this file')
    .action(
      async (casePath: string, opts: { passphraseFile?: string; newPassphraseFile?: string }) => {
        const next = opts.newPassphraseFile
          ? readFileSync(opts.newPassphraseFile, 'utf8').replace(/\r?\n$/, '')
          : await getPassphrase({}, 'New passphrase: ', true);
        if (!next) throw new RinglensError('INVALID_ARGUMENT', 'the new passphrase is empty');
        await withCase(casePath, opts, (s) => {
          appendAudit(s.db, { actor: defaultActor(), action: 'case.rekey', object: 'case' });
          changePassphrase(s, next);
        });
        process.stdout.write('passphrase changed\n');
      },
    );
}
