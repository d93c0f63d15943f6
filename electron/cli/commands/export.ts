import type { Command } from 'commander';
import { RinglensError } from '../../../shared/errors';
import { PacketType } from '../../../shared/evidence/schemas';
import { exportPacket } from '../../core/evidence/packet';
import { defaultActor } from '../../core/bundle/import';
import { withCase } from '../case-access';
import { printJson } from '../output';
import { writeFileAtomic } from '../../core/util/durable-file';
import { z } from 'zod';
import { exportInterop, idsForKeys } from '../../core/interop/export';

const InteropFormat = z.enum(['ftm', 'graphml', 'gexf', 'review']);

export function register(program: Command): void {
  program
    .command('export')
    .description(
      'write a court-ready evidence packet (PDF, exhibits, data, signed manifest, SHA256SUMS, VERIFY.txt)',
    )
    .argument('<case>', 'case file')
    .option(
      '--type <type>',
      'evidence packet: referral | civil-sellers | civil-complainant | brand-share',
    )
    .option(
      '--format <format>',
      'instead of a packet: ftm | graphml | gexf (a ring with --ring, a selection with --entities, else the whole case) | review (offline HTML review pack of a ring)',
    )
    .option(
      '--entities <keys>',
      'with --format ftm|graphml|gexf: export these entities (comma-separated keys) and the links among them',
    )
    .option('--redact', "review pack: mask third parties' personal data")
    .option('--ring <id>', 'ring id, e.g. R-0001 (ring packets)')
    .option('--complainant <id>', 'complainant id or key (civil-complainant packets)')
    .requiredOption('--out <file>', 'packet to write (.zip)')
    .option(
      '--date <iso-date>',
      'date printed in the packet; the same date gives the same bytes',
      new Date().toISOString().slice(0, 10),
    )
    .option(
      '--preparer <name>',
      "who prepares the packet (default: the case's examiner profile, see `ringlens matter`)",
    )
    .option('--passphrase-file <file>', 'read the passphrase from this file')
    .option('--json', 'machine-readable output')
    .action(
      async (
        casePath: string,
        opts: {
          type?: string;
          format?: string;
          entities?: string;
          redact?: boolean;
          ring?: string;
          complainant?: string;
          out: string;
          date: string;
          preparer?: string;
          passphraseFile?: string;
          json?: boolean;
        },
      ) => {
        if (opts.format !== undefined) {
          const format = InteropFormat.safeParse(opts.format);
          if (!format.success)
            throw new RinglensError('INVALID_ARGUMENT', `unknown format "${opts.format}"`, {
              field: '--format',
              hint: 'ftm, graphml, gexf or review',
            });
          const keys = opts.entities
            ?.split(',')
            .map((k) => k.trim())
            .filter(Boolean);
          const e = await withCase(casePath, opts, (s) =>
            exportInterop(s.db, {
              format: format.data,
              ringId: opts.ring,
              selection: keys?.length ? idsForKeys(s.db, keys) : undefined,
              redact: opts.redact ?? false,
              date: opts.date,
              actor: defaultActor(),
            }),
          );
          writeFileAtomic(opts.out, e.text);
          if (opts.json)
            printJson({
              ok: true,
              file: opts.out,
              format: format.data,
              items: e.items,
              sha256: e.sha256,
              ...(e.nodes !== undefined ? { nodes: e.nodes, edges: e.edges } : {}),
            });
          else {
            const what =
              format.data === 'ftm'
                ? `${e.items} FollowTheMoney objects`
                : format.data === 'review'
                  ? 'offline review pack'
                  : `${e.nodes} nodes, ${e.edges} edges (${format.data})`;
            process.stdout.write(
              `wrote ${opts.out}: ${what}; sha256 ${e.sha256} (recorded in the audit log)\n`,
            );
          }
          return;
        }
        const type = PacketType.safeParse(opts.type);
        if (!type.success)
          throw new RinglensError('INVALID_ARGUMENT', `unknown packet type "${opts.type}"`, {
            field: '--type',
            hint: 'referral, civil-sellers, civil-complainant or brand-share',
          });
        const r = await withCase(casePath, opts, (s) =>
          exportPacket(
            s.db,
            casePath,
            {
              type: type.data,
              date: opts.date,
              ...(opts.preparer && { preparer: opts.preparer }),
              ...(opts.ring && { ringId: opts.ring }),
              ...(opts.complainant && { complainant: opts.complainant }),
            },
            opts.out,
            defaultActor(),
          ),
        );
        if (opts.json) printJson({ ok: true, ...r });
        else
          process.stdout.write(
            `wrote ${r.file}: packet ${r.packetId}, ${r.pages} pages (${r.bates.first}–${r.bates.last}), ${r.exhibits} exhibits, sha256 ${r.sha256}${r.reproduced ? ' (same inputs as an earlier export: identical packet)' : ''}\n`,
          );
        if (!opts.json) for (const w of r.warnings) process.stderr.write(`warning: ${w}\n`);
      },
    );
}
