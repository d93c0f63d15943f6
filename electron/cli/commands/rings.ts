import type { Command } from 'commander';
import { z } from 'zod';
import { RinglensError } from '../../../shared/errors';
import { analyseCase } from '../../core/graph/analyse';
import { explainRing } from '../../core/graph/explain';
import { ringTimeline } from '../../core/graph/timeline';
import { findPaths } from '../../core/graph/path-query';
import { analyseComplainants } from '../../core/graph/complainants';
import { analyseHotspots } from '../../core/graph/hotspots';
import { withCase } from '../case-access';
import { printJson, printTable } from '../output';

interface Common {
  passphraseFile?: string;
  json?: boolean;
}
const common = (c: Command) =>
  c
    .option('--passphrase-file <file>', 'read the passphrase from this file')
    .option('--json', 'machine-readable output');
const intArg = (name: string, min: number, max: number) => (v: string) => {
  const r = z.coerce.number().int().min(min).max(max).safeParse(v);
  if (!r.success)
    throw new RinglensError(
      'INVALID_ARGUMENT',
      `${name} must be a whole number from ${min} to ${max}`,
      { field: name },
    );
  return r.data;
};

export function register(program: Command): void {
  common(
    program
      .command('rings')
      .description('find, score and rank the rings of a case')
      .argument('<case>', 'case file'),
  )
    .option(
      '--hub-threshold <n>',
      'suppress identifiers touching more accounts than this (default: data-driven)',
      intArg('--hub-threshold', 2, 1_000_000),
    )
    .action(async (casePath: string, opts: Common & { hubThreshold?: number }) => {
      const a = await withCase(
        casePath,
        opts,
        (s) =>
          analyseCase(s.db, opts.hubThreshold ? { hubThreshold: opts.hubThreshold } : {}).analysis,
      );
      if (opts.json) return printJson(a);
      printTable(
        a.rings.map((r) => [
          r.rank,
          r.id,
          r.score.toFixed(1),
          r.sellers.length,
          r.shops.length,
          [...new Set(r.identifiers.map((i) => i.type))].join(', '),
        ]),
        ['rank', 'ring', 'score', 'sellers', 'shops', 'shared identifiers'],
      );
      process.stdout.write(`\nsuppressed hubs (threshold ${a.hubThreshold}):\n`);
      for (const h of a.suppressedHubs)
        process.stdout.write(`  ${h.type} “${h.label}”: ${h.degree} accounts — ${h.detail}\n`);
      process.stdout.write(
        `\nanalysis: ${a.record.algorithm}; Ringlens ${a.record.codeVersion}; seed ${a.record.seed}; warning list ${a.record.warningListVersion}; input ${a.record.inputHash}\n`,
      );
    });

  common(
    program
      .command('ring')
      .description(
        'one ring: members, shared identifiers with their sources, leaders, timeline, analysis record',
      )
      .argument('<case>', 'case file')
      .argument('<ring>', 'ring id, e.g. R-0001'),
  ).action(async (casePath: string, ringId: string, opts: Common) => {
    const out = await withCase(casePath, opts, (s) => {
      const ctx = analyseCase(s.db);
      const ring = ctx.analysis.rings.find((r) => r.id === ringId);
      const explanation = explainRing(s.db, ctx, ringId);
      return {
        ring: ring!,
        explanation,
        timeline: ringTimeline(s.db, ctx, ringId),
        record: ctx.analysis.record,
        suppressedHubs: ctx.analysis.suppressedHubs,
      };
    });
    if (opts.json) return printJson(out);
    const { ring, explanation } = out;
    process.stdout.write(
      `${ring.id} — rank ${ring.rank}, score ${ring.score}\n\n${explanation.summary}\n\nscore:\n`,
    );
    for (const t of ring.terms)
      process.stdout.write(
        `  ${t.label.padEnd(60)} ${String(t.value).padStart(9)} x ${String(t.weight).padStart(2)} = ${t.contribution}\n`,
      );
    process.stdout.write('\nmembers:\n');
    for (const m of [...ring.sellers, ...ring.shops])
      process.stdout.write(`  ${m.type.padEnd(7)} ${m.key.padEnd(16)} ${m.label}\n`);
    process.stdout.write('\nshared identifiers:\n');
    explanation.sharedIdentifiers.forEach((s, i) => {
      process.stdout.write(
        `  [${i + 1}] ${s.identifier.type} “${s.identifier.label}” — ${s.members.map((m) => m.key).join(', ')}\n`,
      );
      for (const l of s.links)
        for (const src of l.sources)
          process.stdout.write(
            `        ${l.from.key} ${l.type} ${l.to.key}: ${src.bundleId} ${src.file}:${src.line} (${src.signature})\n`,
          );
    });
    process.stdout.write('\nleaders:\n');
    for (const l of explanation.leaders)
      process.stdout.write(
        `  ${l.entity.key.padEnd(16)} degree ${l.degree}, betweenness ${l.betweenness}${l.articulation ? ', articulation point' : ''}\n`,
      );
    process.stdout.write(
      `\ntimeline: ${out.timeline.length} events, ${out.timeline[0]?.at ?? '-'} to ${out.timeline.at(-1)?.at ?? '-'}\n`,
    );
    process.stdout.write(
      `analysis: ${out.record.algorithm}; seed ${out.record.seed}; input ${out.record.inputHash}\n`,
    );
  });

  common(
    program
      .command('path')
      .description('how two entities are connected: shortest path, or the k shortest')
      .argument('<case>', 'case file')
      .argument('<from>', 'entity id or key')
      .argument('<to>', 'entity id or key'),
  )
    .option('--k <n>', 'number of paths', intArg('--k', 1, 50), 1)
    .option('--max-hops <n>', 'longest path to consider', intArg('--max-hops', 1, 20), 8)
    .action(
      async (
        casePath: string,
        from: string,
        to: string,
        opts: Common & { k: number; maxHops: number },
      ) => {
        const paths = await withCase(casePath, opts, (s) =>
          findPaths(s.db, from, to, { k: opts.k, maxHops: opts.maxHops }),
        );
        if (opts.json) return printJson(paths);
        if (!paths.length)
          return void process.stdout.write(`no path within ${opts.maxHops} hops\n`);
        paths.forEach((p, i) =>
          process.stdout.write(
            `${i + 1}. (${p.hops} hops) ${p.steps.map((s) => `${s.via ? `-${s.via.type}${s.via.forward ? '->' : '<-'} ` : ''}${s.entity.key}`).join(' ')}\n`,
          ),
        );
      },
    );

  common(
    program
      .command('complainants')
      .description(
        'complainant dossiers: unfounded complaints, gravity, intent; suspected fraudulent complainants first',
      )
      .argument('<case>', 'case file'),
  ).action(async (casePath: string, opts: Common) => {
    const list = await withCase(casePath, opts, (s) => analyseComplainants(s.db));
    if (opts.json) return printJson(list);
    for (const d of list) {
      process.stdout.write(
        `${d.flagged ? 'FLAGGED ' : '        '}${d.complainant.label} (${d.kind}): ${d.total} complaints, ${d.unfounded} unfounded (${Math.round(d.unfoundedShare * 100)}%), score ${d.score}\n`,
      );
      for (const r of d.reasons) process.stdout.write(`          - ${r}\n`);
    }
  });

  common(
    program
      .command('hotspots')
      .description('counterfeit evidence by shipping-origin region and product category')
      .argument('<case>', 'case file'),
  )
    .option('--top <n>', 'top N regions for the share figure', intArg('--top', 1, 1000), 10)
    .action(async (casePath: string, opts: Common & { top: number }) => {
      const h = await withCase(casePath, opts, (s) => analyseHotspots(s.db, opts.top));
      if (opts.json) return printJson(h);
      printTable(
        h.byRegion.map((r) => [
          r.province,
          r.city,
          r.counterfeitTestBuys,
          r.upheldComplaints,
          `${(r.share * 100).toFixed(1)}%`,
        ]),
        ['province', 'city', 'counterfeit test buys', 'upheld complaints', 'share'],
      );
      process.stdout.write(
        `\ntop ${h.topN} regions hold ${(h.topNShare * 100).toFixed(1)}% of ${h.total} pieces of counterfeit evidence${h.unlocated ? `; ${h.unlocated} (${(h.unlocatedShare * 100).toFixed(1)}%) ship from no known place (unknown)` : ''}\n\n`,
      );
      printTable(
        h.byCategory.map((c) => [c.category, c.total, `${(c.share * 100).toFixed(1)}%`]),
        ['category', 'evidence', 'share'],
      );
    });
}
