/**
 * `ringlens matches CASE [--kind K] [--min P] [--json]`: candidate identity matches, by
 * cluster, each pair with its probability and its terms in words.
 * `ringlens match CASE confirm|reject A B --reason TEXT`: the investigator's decision, audited.
 */
import type { Command } from 'commander';
import { RinglensError } from '../../../shared/errors';
import {
  estimateInWords,
  MATCH_KINDS,
  MatchKind,
  MATCH_KIND_LABELS,
} from '../../../shared/identity/schemas';
import { decideMatch, listMatches, termInWords } from '../../core/identity/matches';
import { defaultActor } from '../../core/bundle/import';
import { withCase } from '../case-access';
import { printJson } from '../output';

interface Common {
  passphraseFile?: string;
  json?: boolean;
}

function parseKind(raw: string): MatchKind {
  const r = MatchKind.safeParse(raw);
  if (!r.success)
    throw new RinglensError(
      'INVALID_ARGUMENT',
      `unknown kind “${raw}”: use one of ${MATCH_KINDS.join(', ')}`,
      {
        field: '--kind',
      },
    );
  return r.data;
}

function parseMin(raw: string): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0 || n > 1)
    throw new RinglensError(
      'INVALID_ARGUMENT',
      `--min must be a probability from 0 to 1, not “${raw}”`,
      {
        field: '--min',
      },
    );
  return n;
}

export function register(program: Command): void {
  program
    .command('matches')
    .description(
      'candidate identity matches (near-identical identifiers), clustered, scored and explained',
    )
    .argument('<case>', 'case file')
    .option('--kind <kind>', `only one kind: ${MATCH_KINDS.join(', ')}`, parseKind)
    .option('--min <p>', 'lowest probability shown (default 0.9)', parseMin)
    .option('--passphrase-file <file>', 'read the passphrase from this file')
    .option('--json', 'machine-readable output')
    .action(async (casePath: string, opts: Common & { kind?: MatchKind; min?: number }) => {
      const list = await withCase(casePath, opts, (s) =>
        listMatches(s.db, {
          ...(opts.kind && { kind: opts.kind }),
          ...(opts.min !== undefined && { min: opts.min }),
        }),
      );
      if (opts.json) return printJson(list);
      const w = (s: string) => process.stdout.write(s);
      w(
        `${list.candidates.length} candidate matches in ${list.clusters.length} clusters at probability ≥ ${list.minProbability}\n`,
      );
      for (const c of list.clusters) {
        w(`\n${c.id}  ${MATCH_KIND_LABELS[c.kind]}: ${c.members.length} identifiers\n`);
        for (const m of c.members) w(`  ${m.key}   (${m.label})\n`);
        for (const i of c.pairs) {
          const p = list.candidates[i]!;
          const state = p.decision
            ? ` — confirmed by ${p.decision.decidedBy} on ${p.decision.decidedAt.slice(0, 10)}: ${p.decision.reason}`
            : '';
          w(`  pair ${p.a.label} ↔ ${p.b.label}: ${(p.probability * 100).toFixed(1)}%${state}\n`);
          w(`    prior (share of compared pairs that match): ${p.priorWeight.toFixed(1)}\n`);
          for (const t of p.terms) w(`    ${termInWords(t)}\n`);
        }
      }
      w(`\nmodel (m and u per comparison level in --json):\n`);
      for (const e of list.estimates) w(`  ${estimateInWords(e)}\n`);
      if (list.skippedBlocks.length) {
        w(`\nblocking keys too common to compare pairwise (set aside):\n`);
        for (const b of list.skippedBlocks) w(`  ${b.kind} “${b.key}”: ${b.size} identifiers\n`);
      }
    });

  program
    .command('match')
    .description(
      'confirm or reject a candidate match, with a reason (audited; a rejected pair is never proposed again)',
    )
    .argument('<case>', 'case file')
    .argument('<decision>', 'confirm or reject')
    .argument('<a>', 'an identifier: its key as `matches --json` prints it, or its bundle row id')
    .argument('<b>', 'the other identifier')
    .requiredOption('--reason <text>', 'why (kept in the audit log and cited in packets)')
    .option('--passphrase-file <file>', 'read the passphrase from this file')
    .option('--json', 'machine-readable output')
    .action(
      async (
        casePath: string,
        decision: string,
        a: string,
        b: string,
        opts: Common & { reason: string },
      ) => {
        if (decision !== 'confirm' && decision !== 'reject')
          throw new RinglensError(
            'INVALID_ARGUMENT',
            `the decision must be confirm or reject, not “${decision}”`,
          );
        const d = await withCase(casePath, opts, (s) =>
          decideMatch(
            s.db,
            {
              a,
              b,
              decision: decision === 'confirm' ? 'confirmed' : 'rejected',
              reason: opts.reason,
            },
            { actor: defaultActor() },
          ),
        );
        if (opts.json) return printJson({ ok: true, decision: d });
        process.stdout.write(
          `${d.decision} ${d.a} ↔ ${d.b} (${MATCH_KIND_LABELS[d.kind]}, ${(d.probability * 100).toFixed(1)}%): ${d.reason}\n`,
        );
      },
    );
}
