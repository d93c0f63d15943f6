import type { Command } from 'commander';
import { basename } from 'node:path';
import { existsSync } from 'node:fs';
import { defaultActor, importBundle } from '../../core/bundle/import';
import { saveMapping, savedMapping } from '../../core/interop/saved-mappings';
import {
  describeRead,
  describeReport,
  importMappedCsv,
  previewMappedCsv,
  readMapping,
} from '../../core/interop/csv-mapping';
import { importFtm, looksLikeFtm } from '../../core/interop/ftm';
import { withCase } from '../case-access';
import { printJson } from '../output';

export function register(program: Command): void {
  program
    .command('import')
    .description(
      'verify a lead bundle (or a FollowTheMoney stream, recognised by its content) and import it into a case, all or nothing',
    )
    .argument('<case>', 'case file')
    .argument('<file>', 'lead bundle (.zip)')
    .option(
      '--allow-unsigned',
      'accept a bundle that carries no signature (it stays marked unsigned)',
    )
    .option(
      '--accept-signer',
      'accept a valid signature by a key the case does not trust (recorded)',
    )
    .option(
      '--mapping <file-or-name>',
      'import a CSV through this mapping: a JSON file (see shared/interop/csv-mapping.ts) or the name of one saved in the case',
    )
    .option(
      '--save-mapping',
      'with --mapping FILE: also save the mapping in the case under its name',
    )
    .option(
      '--preview',
      'with --mapping: show the first rows as they would be imported, and any errors; import nothing',
    )
    .option(
      '--refuse-dangling',
      'for a FollowTheMoney stream: refuse it if it refers to entities it does not contain (by default they are kept as placeholders marked "referenced, not in this file")',
    )
    .option('--passphrase-file <file>', 'read the passphrase from this file')
    .option('--json', 'machine-readable output')
    .action(
      async (
        casePath: string,
        file: string,
        opts: {
          allowUnsigned?: boolean;
          acceptSigner?: boolean;
          mapping?: string;
          saveMapping?: boolean;
          preview?: boolean;
          refuseDangling?: boolean;
          passphraseFile?: string;
          json?: boolean;
        },
      ) => {
        const tty = process.stderr.isTTY;
        if (opts.mapping) {
          const named = opts.mapping;
          const fromFile = existsSync(named) ? readMapping(named) : undefined;
          if (opts.preview) {
            // The preview runs the import's own checks against the case, then rolls back.
            const p = await withCase(casePath, opts, (store) =>
              previewMappedCsv(store, file, fromFile ?? savedMapping(store.db, named)),
            );
            if (opts.json) return printJson(p);
            process.stdout.write(`${describeRead(p.report)}\n`);
            for (const e of p.entities)
              process.stdout.write(`entity ${e.type} ${e.id} ${JSON.stringify(e.props)}\n`);
            for (const l of p.links)
              process.stdout.write(`link   ${l.type} ${l.from} -> ${l.to}\n`);
            for (const e of p.errors)
              process.stdout.write(
                `error  ${p.report.file}, line ${e.line}${e.column !== undefined ? `, column "${e.column}"` : ''}: ${e.message}\n`,
              );
            if (p.moreErrors) process.stdout.write(`error  ... and ${p.moreErrors} more\n`);
            for (const line of describeReport(p.report)) process.stdout.write(`${line}\n`);
            if (p.wouldImport)
              process.stdout.write(
                `would import ${p.report.entities} entities (${p.wouldImport.newEntities} new, ${p.wouldImport.mergedEntities} merged) and ${p.report.links} links (${p.wouldImport.newLinks} new); nothing was imported\n`,
              );
            if (!p.ok) process.exitCode = 5;
            return;
          }
          // One unlock for the whole command: the saved mapping is read inside it.
          const { r, mapping } = await withCase(casePath, opts, async (store) => {
            const m = fromFile ?? savedMapping(store.db, named);
            if (opts.saveMapping) saveMapping(store.db, m, defaultActor());
            return {
              r: await importMappedCsv(store, file, m, {
                allowUnsigned: opts.allowUnsigned ?? false,
              }),
              mapping: m,
            };
          });
          const name = basename(file);
          if (opts.json) printJson({ ok: true, format: 'csv', ...r });
          else {
            process.stdout.write(
              r.alreadyImported
                ? 'this CSV is already in the case; nothing changed\n'
                : `imported ${name} through "${mapping.name}": ${r.entityRows} entities, ${r.linkRows} links\n`,
            );
            if (!r.alreadyImported) {
              process.stdout.write(`  ${describeRead(r.report)}\n`);
              for (const line of describeReport(r.report)) process.stdout.write(`  ${line}\n`);
            }
          }
          return;
        }
        if (await looksLikeFtm(file)) {
          const r = await withCase(casePath, opts, (store) =>
            importFtm(store, file, {
              allowUnsigned: opts.allowUnsigned ?? false,
              acceptSigner: false,
              refuseDangling: opts.refuseDangling ?? false,
            }),
          );
          if (opts.json)
            printJson({
              ok: true,
              format: 'ftm',
              ...r.bundle,
              unmapped: r.unmapped,
              placeholders: r.placeholders,
              filledPlaceholders: r.filledPlaceholders,
            });
          else {
            process.stdout.write(
              `${r.bundle.alreadyImported ? 'FollowTheMoney stream already in this case; nothing changed' : `imported FollowTheMoney stream as ${r.bundle.bundleId}: ${r.bundle.entityRows} entities, ${r.bundle.linkRows} links`}\n`,
            );
            for (const [schema, n] of Object.entries(r.unmapped))
              process.stdout.write(
                `  kept ${n} ${schema} as generic entities (no Ringlens type)\n`,
              );
            if (r.placeholders)
              process.stdout.write(
                `  ${r.placeholders.toLocaleString('en')} referenced entities are not in this stream: kept as placeholders marked "referenced, not in this file" (--refuse-dangling refuses such a stream)\n`,
              );
            if (r.filledPlaceholders)
              process.stdout.write(
                `  filled ${r.filledPlaceholders.toLocaleString('en')} placeholders an earlier import left with the entities this stream holds (recorded in the audit log)\n`,
              );
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
        else if (result.alreadyImported)
          process.stdout.write(
            `bundle ${result.bundleId} is already in this case; nothing changed\n`,
          );
        else
          process.stdout.write(
            `imported ${result.bundleId} (${result.signature}${result.signerFingerprint ? `, signer ${result.signerFingerprint.slice(0, 16)}…` : ''}): ` +
              `${result.entityRows} entity rows (${result.newEntities} new, ${result.mergedEntities} merged), ${result.linkRows} link rows, ${result.evidenceFiles} evidence files\n`,
          );
      },
    );
}
