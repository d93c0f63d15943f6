/**
 * From lead to outcome on the command line: `status` (the worklist, one subject's history,
 * or a status change with its reason), `outcomes` (list, import and export as CSV,
 * withdraw) and `funnel` (one case or several).
 */
import { writeFileAtomic } from '../../core/util/durable-file';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { writeCsv } from '../../core/util/csv-cell';
import { RinglensError } from '../../../shared/errors';
import {
  CloseReason,
  LifecycleStatus,
  STATUS_LABELS,
  parseSubject,
  type Funnel,
} from '../../../shared/lifecycle/schemas';
import { defaultActor } from '../../core/bundle/import';
import {
  assign,
  setRingStatusWithLeads,
  lifecycleItem,
  lifecycleItems,
  setNotice,
  setStatus,
  statusHistory,
} from '../../core/lifecycle/lifecycle';
import { listOutcomes, withdrawOutcome } from '../../core/lifecycle/outcomes';
import { exportOutcomesCsv, importOutcomesCsv } from '../../core/lifecycle/outcomes-csv';
import { computeFunnel, funnelInput, funnelToCsvRows } from '../../core/lifecycle/funnel';
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

const parseWith =
  <T>(
    schema: { safeParse: (v: unknown) => { success: true; data: T } | { success: false } },
    name: string,
    allowed: readonly string[],
  ) =>
  (v: string): T => {
    const r = schema.safeParse(v);
    if (!r.success)
      throw new RinglensError(
        'INVALID_ARGUMENT',
        `${name} "${v}" is not one of: ${allowed.join(', ')}`,
        { field: name },
      );
    return r.data;
  };
const day =
  (name: string) =>
  (v: string): string | null => {
    if (v === 'none') return null;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v)))
      throw new RinglensError(
        'INVALID_ARGUMENT',
        `${name} must be a date written YYYY-MM-DD (or "none")`,
        { field: name },
      );
    return v;
  };

export function register(program: Command): void {
  common(
    program
      .command('status')
      .description(
        'the lifecycle of rings and leads: list them all, show one with its history, or move one to a new status',
      )
      .argument('<case>', 'case file')
      .argument('[subject]', 'a ring id (R-0001) or the key of a lead entity')
      .argument('[new-status]', `one of: ${LifecycleStatus.options.join(', ')}`),
  )
    .option('--reason <text>', 'why the status changes (required with a new status)')
    .option(
      '--close-reason <reason>',
      `with "closed": ${CloseReason.options.join(', ')}`,
      parseWith(CloseReason, '--close-reason', CloseReason.options),
    )
    .option(
      '--with-leads',
      'with a ring and a new status: move the leads that flag the ring too, where their status allows',
    )
    .option('--assign <name>', 'assign the subject to this investigator ("none" to unassign)')
    .option(
      '--notice <date>',
      'the day the seller was notified: starts the refutation window ("none" to clear)',
      day('--notice'),
    )
    .option('--refuted <date>', 'the day the seller refuted ("none" to clear)', day('--refuted'))
    .option('--overdue', 'list only leads whose refutation window has lapsed')
    .action(
      async (
        casePath: string,
        subjectText: string | undefined,
        newStatus: string | undefined,
        opts: Common & {
          reason?: string;
          closeReason?: CloseReason;
          withLeads?: boolean;
          assign?: string;
          notice?: string | null;
          refuted?: string | null;
          overdue?: boolean;
        },
      ) => {
        const actor = defaultActor();
        const out = await withCase(casePath, opts, (s) => {
          if (!subjectText) {
            const items = lifecycleItems(s.db);
            return {
              mode: 'list' as const,
              items: opts.overdue ? items.filter((i) => i.overdue) : items,
            };
          }
          const subject = parseSubject(subjectText);
          let leads: { moved: string[]; skipped: { lead: string; because: string }[] } | null =
            null;
          if (newStatus !== undefined) {
            const to = parseWith(LifecycleStatus, 'new status', LifecycleStatus.options)(newStatus);
            if (!opts.reason)
              throw new RinglensError(
                'INVALID_ARGUMENT',
                'a status change needs --reason TEXT: say why',
                { field: '--reason' },
              );
            if (opts.withLeads) {
              if (subject.kind !== 'ring')
                throw new RinglensError('INVALID_ARGUMENT', '--with-leads goes with a ring', {
                  field: '--with-leads',
                });
              leads = setRingStatusWithLeads(
                s.db,
                subject.id,
                to,
                opts.reason,
                opts.closeReason ?? null,
                { actor },
              );
            } else setStatus(s.db, subject, to, opts.reason, opts.closeReason ?? null, { actor });
          } else if (opts.closeReason || opts.reason) {
            throw new RinglensError(
              'INVALID_ARGUMENT',
              '--reason and --close-reason go with a new status',
              { hint: `ringlens status CASE ${subjectText} NEW_STATUS --reason TEXT` },
            );
          }
          if (opts.assign !== undefined)
            assign(s.db, subject, opts.assign === 'none' ? null : opts.assign, { actor });
          if (opts.notice !== undefined || opts.refuted !== undefined) {
            const now = lifecycleItem(s.db, subject);
            setNotice(
              s.db,
              subject,
              {
                noticeAt: opts.notice === undefined ? now.noticeAt : opts.notice,
                refutedAt: opts.refuted === undefined ? now.refutedAt : opts.refuted,
              },
              { actor },
            );
          }
          return {
            mode: 'one' as const,
            item: lifecycleItem(s.db, subject),
            history: statusHistory(s.db, subject),
            outcomes: listOutcomes(s.db, { subject }),
            ...(leads ? { leads } : {}),
          };
        });
        if (opts.json) {
          const { mode: _mode, ...rest } = out;
          return printJson(rest);
        }
        if (out.mode === 'list') {
          printTable(
            out.items.map((i) => [
              i.subject.kind,
              i.subject.id,
              i.status,
              i.assignee ?? '',
              i.dueAt ?? '',
              i.overdue ? 'OVERDUE' : '',
              i.origin,
              i.outcomes,
              i.related.join(' '),
            ]),
            [
              'kind',
              'subject',
              'status',
              'assignee',
              'refute by',
              '',
              'origin',
              'outcomes',
              'related',
            ],
          );
          return;
        }
        const i = out.item;
        process.stdout.write(
          `${i.subject.kind} ${i.subject.id}: ${STATUS_LABELS[i.status]}${i.closeReason ? ` (${i.closeReason})` : ''}\n`,
        );
        process.stdout.write(
          `  assignee: ${i.assignee ?? '-'}; notified: ${i.noticeAt ?? '-'}; refute by: ${i.dueAt ?? '-'}${i.overdue ? ' OVERDUE' : ''}; refuted: ${i.refutedAt ?? '-'}\n`,
        );
        process.stdout.write('history:\n');
        for (const h of out.history)
          process.stdout.write(
            `  ${h.at}  ${h.from} -> ${h.to}  by ${h.actor}: ${h.reason}${h.closeReason ? ` [${h.closeReason}]` : ''}\n`,
          );
        if (out.leads) {
          for (const l of out.leads.moved) process.stdout.write(`lead ${l} moved with the ring\n`);
          for (const l of out.leads.skipped)
            process.stdout.write(`lead ${l.lead} stays: ${l.because}\n`);
        }
        process.stdout.write(`outcomes: ${out.outcomes.length}\n`);
        for (const o of out.outcomes)
          process.stdout.write(`  ${o.id}  ${o.data.date}  ${o.data.kind}\n`);
      },
    );

  common(
    program
      .command('outcomes')
      .description('outcomes of the case: list them, import or export them as CSV, withdraw one')
      .argument('<case>', 'case file'),
  )
    .option('--subject <id>', 'only this ring or lead')
    .option(
      '--import <file>',
      'import outcomes from this CSV (all or nothing; the same rows twice are recorded once)',
    )
    .option('--export <file>', 'write the outcomes as CSV to this file')
    .option('--withdraw <outcome-id>', 'withdraw an outcome recorded in error (needs --reason)')
    .option('--reason <text>', 'why the outcome is withdrawn')
    .action(
      async (
        casePath: string,
        opts: Common & {
          subject?: string;
          import?: string;
          export?: string;
          withdraw?: string;
          reason?: string;
        },
      ) => {
        const actor = defaultActor();
        const out = await withCase(casePath, opts, (s) => {
          const imported = opts.import
            ? importOutcomesCsv(s.db, opts.import, { actor })
            : undefined;
          if (opts.withdraw) withdrawOutcome(s.db, opts.withdraw, opts.reason ?? '', { actor });
          const outcomes = listOutcomes(
            s.db,
            opts.subject ? { subject: parseSubject(opts.subject) } : {},
          );
          let exported: { file: string; sha256: string; rows: number } | undefined;
          if (opts.export) {
            const e = exportOutcomesCsv(s.db, outcomes, { actor });
            writeFileAtomic(opts.export, e.text);
            exported = { file: opts.export, sha256: e.sha256, rows: e.rows };
          }
          return { outcomes, ...(imported ? { imported } : {}), ...(exported ? { exported } : {}) };
        });
        if (opts.json) return printJson(out);
        if (out.imported)
          process.stdout.write(
            `imported ${out.imported.imported} of ${out.imported.rows} outcomes from ${out.imported.file} (${out.imported.unchanged} already recorded); sha256 ${out.imported.sha256}\n`,
          );
        printTable(
          out.outcomes.map((o) => [
            o.id,
            o.data.date,
            o.data.subject.id,
            o.data.kind,
            summarise(o.data as Record<string, unknown>),
          ]),
          ['outcome', 'date', 'subject', 'kind', 'details'],
        );
        if (out.exported)
          process.stdout.write(
            `wrote ${out.exported.rows} outcomes to ${out.exported.file}; sha256 ${out.exported.sha256}\n`,
          );
      },
    );

  common(
    program
      .command('funnel')
      .description(
        'the funnel: leads to referrals, prosecutions and sentences, with arrests, closures, seizures, suits and platform actions',
      )
      .argument('<case>', 'case file')
      .argument(
        '[more-cases...]',
        'more case files to add up (each asks for its passphrase unless --passphrase-file is given)',
      ),
  )
    .option('--csv <file>', 'also write the funnel as CSV to this file')
    .action(async (casePath: string, more: string[], opts: Common & { csv?: string }) => {
      const inputs = [];
      for (const p of [casePath, ...more])
        inputs.push(await withCase(p, opts, (s) => funnelInput(s.db, basename(p))));
      const f = computeFunnel(inputs);
      if (opts.csv) writeFileAtomic(opts.csv, writeCsv(funnelToCsvRows(f)));
      if (opts.json) return printJson(f);
      printFunnel(f);
    });
}

function summarise(d: Record<string, unknown>): string {
  return Object.entries(d)
    .filter(([k]) => !['id', 'subject', 'kind', 'date'].includes(k))
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');
}

function printFunnel(f: Funnel): void {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  process.stdout.write(`funnel of ${f.cases.join(', ')}\n\n`);
  printTable(
    f.stages.map((s) => [s.stage, s.count, pct(s.ofLeads)]),
    ['stage', 'investigations', 'of leads'],
  );
  const t = f.totals;
  const money = (m: Record<string, number>) =>
    Object.entries(m)
      .map(([c, v]) => `${v.toLocaleString('en')} ${c}`)
      .join(', ') || '0';
  process.stdout.write(
    `\narrests ${t.arrests}; raids ${t.raids}; locations closed ${t.locationsClosed}; goods seized ${money(t.valueSeized)}\n`,
  );
  process.stdout.write(
    `prosecutions ${t.prosecutions} (${t.defendantsProsecuted} defendants); sentences ${t.sentences}\n`,
  );
  process.stdout.write(
    `civil: suits ${t.suits}; restraining orders ${t.restrainingOrders}; accounts frozen ${t.accountsFrozen} (${money(t.amountFrozen)}); judgments ${t.judgments}; damages ${money(t.damages)}\n`,
  );
  process.stdout.write(
    `platform actions: ${
      Object.entries(t.platformActions)
        .map(([a, n]) => `${a} ${n}`)
        .join(', ') || 'none'
    }\n`,
  );
  process.stdout.write(`overdue refutation windows: ${t.overdue}\n`);
  process.stdout.write(
    `conversion: lead to referral ${pct(f.conversion.leadToReferral)}, referral to prosecution ${pct(f.conversion.referralToProsecution)}, lead to prosecution ${pct(f.conversion.leadToProsecution)}\n\n`,
  );
  printTable(
    f.byOrigin.map((o) => [o.origin, o.leads, o.referred, o.prosecuted]),
    ['origin', 'leads', 'referred', 'prosecuted'],
  );
}
