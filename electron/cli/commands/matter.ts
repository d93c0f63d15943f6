import type { Command } from 'commander';
import { RinglensError } from '../../../shared/errors';
import { defaultActor } from '../../core/bundle/import';
import { MatterSettings, matterSettings, setMatterSettings } from '../../core/evidence/matter';
import { withCase } from '../case-access';
import { printJson } from '../output';

interface Opts {
  title?: string;
  batesPrefix?: string;
  pageSize?: string;
  examinerName?: string;
  examinerTitle?: string;
  organisation?: string;
  qualifications?: string;
  custodianName?: string;
  custodianTitle?: string;
  custodianOrganisation?: string;
  jurisdiction?: string;
  filing?: string;
  passphraseFile?: string;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('matter')
    .description(
      "show or set the matter of a case's packets: title, Bates prefix, paper size and the examiner who certifies them",
    )
    .argument('<case>', 'case file')
    .option('--title <text>', 'matter title printed on the cover')
    .option('--bates-prefix <prefix>', 'Bates prefix, e.g. NPK (capitals, digits, - and _)')
    .option('--page-size <size>', 'A4 or LETTER (US courts expect Letter)')
    .option('--examiner-name <name>', 'the examiner (declarant) who prepares the packets')
    .option('--examiner-title <title>', "the examiner's job title")
    .option('--organisation <name>', "the examiner's employer")
    .option('--qualifications <text>', "the examiner's qualifications, for the declaration")
    .option(
      '--custodian-name <name>',
      "the marketplace's custodian of records (FRE 902(11) declarant)",
    )
    .option('--custodian-title <title>', "the custodian's job title")
    .option('--custodian-organisation <name>', "the custodian's employer (the marketplace)")
    .option(
      '--jurisdiction <cc>',
      'referral agency country: CN, US or DE (thresholds, language, certification)',
    )
    .option(
      '--filing <how>',
      'civil packets: sealed (every page marked as filed under seal) or public',
    )
    .option('--passphrase-file <file>', 'read the passphrase from this file')
    .option('--json', 'machine-readable output')
    .action(async (casePath: string, opts: Opts) => {
      const result = await withCase(casePath, opts, (s) => {
        const current = matterSettings(s.db);
        const examinerPatch =
          opts.examinerName ?? opts.examinerTitle ?? opts.organisation ?? opts.qualifications;
        const name = opts.examinerName ?? current.examiner?.name;
        if (examinerPatch !== undefined && !name)
          throw new RinglensError('INVALID_ARGUMENT', 'the examiner profile needs a name', {
            field: '--examiner-name',
          });
        const custodianPatch =
          opts.custodianName ?? opts.custodianTitle ?? opts.custodianOrganisation;
        const custodianName = opts.custodianName ?? current.custodian?.name;
        if (custodianPatch !== undefined && !custodianName)
          throw new RinglensError('INVALID_ARGUMENT', 'the custodian profile needs a name', {
            field: '--custodian-name',
          });
        const patch = MatterSettings.safeParse({
          ...(opts.jurisdiction !== undefined && { jurisdiction: opts.jurisdiction.toUpperCase() }),
          ...(opts.filing !== undefined && { filing: opts.filing.toLowerCase() }),
          ...(custodianPatch !== undefined && {
            custodian: {
              ...current.custodian,
              name: custodianName,
              ...(opts.custodianTitle !== undefined && { title: opts.custodianTitle }),
              ...(opts.custodianOrganisation !== undefined && {
                organisation: opts.custodianOrganisation,
              }),
            },
          }),
          ...(opts.title !== undefined && { title: opts.title }),
          ...(opts.batesPrefix !== undefined && { batesPrefix: opts.batesPrefix }),
          ...(opts.pageSize !== undefined && { pageSize: opts.pageSize.toUpperCase() }),
          ...(examinerPatch !== undefined && {
            examiner: {
              ...current.examiner,
              name,
              ...(opts.examinerTitle !== undefined && { title: opts.examinerTitle }),
              ...(opts.organisation !== undefined && { organisation: opts.organisation }),
              ...(opts.qualifications !== undefined && { qualifications: opts.qualifications }),
            },
          }),
        });
        if (!patch.success)
          throw new RinglensError('INVALID_ARGUMENT', patch.error.issues[0]!.message, {
            field: `--${String(patch.error.issues[0]!.path[0] ?? '')}`,
            hint: 'Bates prefix: capitals, digits, - or _ (up to 12); page size: A4 or LETTER; jurisdiction: two letters (CN, US, DE); filing: sealed or public',
          });
        return Object.keys(patch.data).length
          ? setMatterSettings(s.db, patch.data, defaultActor())
          : current;
      });
      if (opts.json) printJson(result);
      else
        process.stdout.write(
          [
            `title: ${result.title ?? '(not set: the file name is used)'}`,
            `Bates prefix: ${result.batesPrefix ?? '(case default)'}`,
            `page size: ${result.pageSize ?? 'A4'}`,
            `examiner: ${result.examiner ? [result.examiner.name, result.examiner.title, result.examiner.organisation].filter(Boolean).join(', ') : '(not set)'}`,
            `custodian of records: ${result.custodian ? [result.custodian.name, result.custodian.title, result.custodian.organisation].filter(Boolean).join(', ') : '(not set: the 902(11) declaration leaves it blank)'}`,
            `referral jurisdiction: ${result.jurisdiction ?? '(from the ring’s places)'}`,
            `filing: ${result.filing ?? '(not set: civil packets carry no filing legend)'}`,
          ].join('\n') + '\n',
        );
    });
}
