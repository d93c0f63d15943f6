import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { RinglensError } from '../../../shared/errors';
import { closeCase, openCase } from '../../core/store/open';
import { rekeyCase } from '../../core/store/rekey';
import { defaultActor } from '../../core/bundle/import';
import { getPassphrase } from '../passphrase';

export function register(program: Command): void {
  program
    .command('passphrase')
    .description("change a case's passphrase (re-encrypts into a new file; all data is kept)")
    .argument('<case>', 'case file')
    .option('--passphrase-file <file>', 'read the current passphrase from this file')
    .option('--new-passphrase-file <file>', 'read the new passphrase from this file')
    .action(
      async (casePath: string, opts: { passphraseFile?: string; newPassphraseFile?: string }) => {
        const current = await getPassphrase(opts);
        const next = opts.newPassphraseFile
          ? readFileSync(opts.newPassphraseFile, 'utf8').replace(/\r?\n$/, '')
          : await getPassphrase({}, 'New passphrase: ', true);
        if (!next) throw new RinglensError('INVALID_ARGUMENT', 'the new passphrase is empty');
        const store = openCase(casePath, current);
        let rekeyed = store;
        try {
          rekeyed = rekeyCase(store, current, next, { actor: defaultActor() });
        } finally {
          closeCase(rekeyed);
          closeCase(store);
        }
        process.stdout.write('passphrase changed\n');
      },
    );
}
