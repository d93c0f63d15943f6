import type { Command } from 'commander';
import { verifyAuditChain, appendAudit } from '../../core/audit/log';
import { defaultActor } from '../../core/bundle/import';
import { withCase } from '../case-access';
import { printJson } from '../output';
import { EXIT } from '../exit-codes';

export function register(program: Command): void {
  program
    .command('verify')
    .description("recompute a case's audit chain and name the first broken entry")
    .argument('<file>', 'case file')
    .option('--passphrase-file <file>', 'read the passphrase from this file')
    .option('--json', 'machine-readable output')
    .action(async (file: string, opts: { passphraseFile?: string; json?: boolean }) => {
      const verdict = await withCase(file, opts, (s) => {
        const v = verifyAuditChain(s.db);
        // The check itself is recorded, but only on an intact chain: never extend a broken one.
        if (v.ok) appendAudit(s.db, { actor: defaultActor(), action: 'case.verify', object: 'case', details: { entries: v.entries, head: v.head } });
        return v;
      });
      if (opts.json) printJson(verdict);
      else if (verdict.ok) process.stdout.write(`audit chain intact: ${verdict.entries} entries, head ${verdict.head}\n`);
      else process.stdout.write(`audit chain BROKEN at entry ${verdict.firstBroken}: ${verdict.reason}\n`);
      if (!verdict.ok) process.exitCode = EXIT.VERIFY_FAILED;
    });
}
