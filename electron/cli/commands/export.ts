import type { Command } from 'commander';
import { RinglensError } from '../../../shared/errors';
import { PacketType } from '../../../shared/evidence/schemas';
import { exportPacket } from '../../core/evidence/packet';
import { defaultActor } from '../../core/bundle/import';
import { withCase } from '../case-access';
import { printJson } from '../output';
import { writeFileSync } from 'node:fs';
import { caseExchangeGraph, ringExchangeGraph, toGexf, toGraphml } from '../../core/interop/graph-exchange';
import { buildReviewPack } from '../../core/interop/review-pack';
import { exportFtm } from '../../core/interop/ftm';
import { ringEntityIds } from '../../core/interop/graph-exchange';

export function register(program: Command): void {
  program
    .command('export')
    .description('write a court-ready evidence packet (PDF, exhibits, data, signed manifest, SHA256SUMS, VERIFY.txt)')
    .argument('<case>', 'case file')
    .option('--type <type>', 'evidence packet: referral | civil-sellers | civil-complainant | brand-share')
    .option('--format <format>', 'instead of a packet: ftm | graphml | gexf (a ring with --ring, else the whole case) | review (offline HTML review pack of a ring)')
    .option('--redact', 'review pack: mask third parties\' personal data')
    .option('--ring <id>', 'ring id, e.g. R-0001 (ring packets)')
    .option('--complainant <id>', 'complainant id or key (civil-complainant packets)')
    .requiredOption('--out <file>', 'packet to write (.zip)')
    .option('--date <iso-date>', 'date printed in the packet; the same date gives the same bytes', new Date().toISOString().slice(0, 10))
    .option('--preparer <name>', 'who prepares the packet', defaultActor())
    .option('--passphrase-file <file>', 'read the passphrase from this file')
    .option('--json', 'machine-readable output')
    .action(async (casePath: string, opts: { type?: string; format?: string; redact?: boolean; ring?: string; complainant?: string; out: string; date: string; preparer: string; passphraseFile?: string; json?: boolean }) => {
      if (opts.format === 'ftm') {
        const lines = await withCase(casePath, opts, (s) => {
          const only = opts.ring ? ringEntityIds(s.db, opts.ring) : undefined;
          return [...exportFtm(s.db, only)].map((o) => JSON.stringify(o));
        });
        writeFileSync(opts.out, lines.length ? `${lines.join('\n')}\n` : '');
        if (opts.json) printJson({ ok: true, file: opts.out, format: 'ftm', objects: lines.length });
        else process.stdout.write(`wrote ${opts.out}: ${lines.length} FollowTheMoney objects\n`);
        return;
      }
      if (opts.format === 'review') {
        if (!opts.ring) throw new RinglensError('INVALID_ARGUMENT', 'a review pack needs --ring', { field: '--ring' });
        const r = await withCase(casePath, opts, (s) => buildReviewPack(s.db, { ringId: opts.ring!, redact: opts.redact ?? false, date: opts.date, actor: defaultActor() }));
        writeFileSync(opts.out, r.html);
        if (opts.json) printJson({ ok: true, file: opts.out, format: 'review', sha256: r.sha256 });
        else process.stdout.write(`wrote ${opts.out}: offline review pack, sha256 ${r.sha256} (recorded in the audit log)\n`);
        return;
      }
      if (opts.format !== undefined) {
        if (opts.format !== 'graphml' && opts.format !== 'gexf') throw new RinglensError('INVALID_ARGUMENT', `unknown format "${opts.format}"`, { field: '--format', hint: 'graphml or gexf' });
        const format = opts.format;
        const g = await withCase(casePath, opts, (s) => (opts.ring ? ringExchangeGraph(s.db, opts.ring) : caseExchangeGraph(s.db)));
        writeFileSync(opts.out, format === 'graphml' ? toGraphml(g) : toGexf(g));
        if (opts.json) printJson({ ok: true, file: opts.out, format, nodes: g.nodes.length, edges: g.edges.length });
        else process.stdout.write(`wrote ${opts.out}: ${g.nodes.length} nodes, ${g.edges.length} edges (${format})\n`);
        return;
      }
      const type = PacketType.safeParse(opts.type);
      if (!type.success) throw new RinglensError('INVALID_ARGUMENT', `unknown packet type "${opts.type}"`, { field: '--type', hint: 'referral, civil-sellers, civil-complainant or brand-share' });
      const r = await withCase(casePath, opts, (s) =>
        exportPacket(s.db, casePath, { type: type.data, date: opts.date, preparer: opts.preparer, ...(opts.ring && { ringId: opts.ring }), ...(opts.complainant && { complainant: opts.complainant }) }, opts.out, defaultActor()),
      );
      if (opts.json) printJson({ ok: true, ...r });
      else process.stdout.write(`wrote ${r.file}: packet ${r.packetId}, ${r.pages} pages (${r.bates.first}–${r.bates.last}), ${r.exhibits} exhibits, sha256 ${r.sha256}${r.reproduced ? ' (same inputs as an earlier export: identical packet)' : ''}\n`);
    });
}
