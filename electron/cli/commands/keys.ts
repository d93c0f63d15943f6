import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { RinglensError } from '../../../shared/errors';
import { addTrustedKey, listTrustedKeys, removeTrustedKey } from '../../core/keys/trusted-keys';
import { formatFingerprint } from '../../core/keys/fingerprint';
import { defaultActor } from '../../core/bundle/import';
import { withCase } from '../case-access';
import { printJson, printTable } from '../output';

export function register(program: Command): void {
  const keys = program.command('keys').description("manage the case's trusted bundle issuers");
  const common = (c: Command) =>
    c
      .option('--passphrase-file <file>', 'read the passphrase from this file')
      .option('--json', 'machine-readable output');

  common(keys.command('list').argument('<case>', 'case file')).action(
    async (casePath: string, opts: { passphraseFile?: string; json?: boolean }) => {
      const list = await withCase(casePath, opts, (s) => listTrustedKeys(s.db));
      if (opts.json)
        return printJson(
          list.map(({ fingerprint, name, addedAt }) => ({ fingerprint, name, addedAt })),
        );
      printTable(
        list.map((k) => [k.name, formatFingerprint(k.fingerprint), k.addedAt]),
        ['name', 'fingerprint', 'added'],
      );
    },
  );

  common(
    keys
      .command('add')
      .argument('<case>', 'case file')
      .argument('<pem>', 'Ed25519 public key (PEM)')
      .requiredOption('--name <name>', 'who this key belongs to'),
  ).action(
    async (
      casePath: string,
      pemFile: string,
      opts: { passphraseFile?: string; json?: boolean; name: string },
    ) => {
      let pem: string;
      try {
        pem = readFileSync(pemFile, 'utf8');
      } catch {
        throw new RinglensError('NOT_FOUND', `cannot read ${pemFile}`, { file: pemFile });
      }
      const key = await withCase(casePath, opts, (s) =>
        addTrustedKey(s.db, { publicKeyPem: pem, name: opts.name, actor: defaultActor() }),
      );
      if (opts.json) printJson({ ok: true, fingerprint: key.fingerprint, name: key.name });
      else process.stdout.write(`trusted ${key.name}: ${formatFingerprint(key.fingerprint)}\n`);
    },
  );

  common(
    keys
      .command('remove')
      .argument('<case>', 'case file')
      .argument('<fingerprint>', 'fingerprint to remove'),
  ).action(
    async (
      casePath: string,
      fingerprint: string,
      opts: { passphraseFile?: string; json?: boolean },
    ) => {
      await withCase(casePath, opts, (s) =>
        removeTrustedKey(s.db, {
          fingerprint: fingerprint.replace(/\s/g, ''),
          actor: defaultActor(),
        }),
      );
      if (opts.json) printJson({ ok: true });
      else process.stdout.write(`removed ${fingerprint}\n`);
    },
  );
}
