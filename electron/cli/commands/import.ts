import type { Command } from 'commander';
import { importBundle } from '../../core/bundle/import';
import { importFtm, looksLikeFtm } from '../../core/interop/ftm';
import { withCase } from '../case-access';
import { printJson } from '../output';

export function register(program: Command): void {
  program
    .command('import')
    .description('verify a lead bundle (or a FollowTheMoney stream, recognised by its content) and import it into a case, all or nothing')
    .argument('<case>', 'case file')
    .argument('<file>', 'lead bundle (.zip)')
    .option('--allow-unsigned', 'accept a bundle that carries no signature (it stays marked unsigned)')
    .option('--accept-signer', 'accept a valid signature by a key the case does not trust (recorded)')
    .option('--passphrase-file <file>', 'read the passphrase from this file')
    .option('--json', 'machine-readable output')
    .action(async (casePath: string, file: string, opts: { allowUnsigned?: boolean; acceptSigner?: boolean; passphraseFile?: string; json?: boolean }) => {
      const tty = process.stderr.isTTY;
      if (await looksLikeFtm(file)) {
        const r = await withCase(casePath, opts, (store) => importFtm(store, file, { allowUnsigned: opts.allowUnsigned ?? false, acceptSigner: false }));
        if (opts.json) printJson({ ok: true, format: 'ftm', ...r.bundle, unmapped: r.unmapped });
        else {
          process.stdout.write(`${r.bundle.alreadyImported ? 'FollowTheMoney stream already in this case; nothing changed' : `imported FollowTheMoney stream as ${r.bundle.bundleId}: ${r.bundle.entityRows} entities, ${r.bundle.linkRows} links`}\n`);
          for (const [schema, n] of Object.entries(r.unmapped)) process.stdout.write(`  kept ${n} ${schema} as generic entities (no Ringlens type)\n`);
        }
        return;
      }
      const result = await withCase(casePath, opts, (store) =>
        importBundle(store, file, {
          allowUnsigned: opts.allowUnsigned ?? false,
          acceptSigner: opts.acceptSigner ?? false,
          onProgress: (p) => {
            if (opts.json) return;
            const line = `${p.phase.padEnd(10)} ${p.percent.toFixed(1).padStart(5)}%  ${p.rows.toLocaleString('en')} rows`;
            process.stderr.write(tty ? `\r${line}` : `${line}\n`);
          },
        }),
      );
      if (tty && !opts.json) process.stderr.write('\n');
      if (opts.json) printJson({ ok: true, ...result });
      else if (result.alreadyImported) process.stdout.write(`bundle ${result.bundleId} is already in this case; nothing changed\n`);
      else
        process.stdout.write(
          `imported ${result.bundleId} (${result.signature}${result.signerFingerprint ? `, signer ${result.signerFingerprint.slice(0, 16)}…` : ''}): ` +
            `${result.entityRows} entity rows (${result.newEntities} new, ${result.mergedEntities} merged), ${result.linkRows} link rows, ${result.evidenceFiles} evidence files\n`,
        );
    });
}
