import type { Command } from 'commander';
import { verifyAuditChain, appendAudit } from '../../core/audit/log';
import { defaultActor } from '../../core/bundle/import';
import { withCase } from '../case-access';
import { printJson } from '../output';
import { EXIT } from '../exit-codes';
import { openSync, readSync, closeSync } from 'node:fs';
import { readFileSync, existsSync } from 'node:fs';
import { expectedFingerprint, verifyPacket } from '../../core/evidence/verify';
import { RinglensError } from '../../../shared/errors';

/** --expect-key: 64 hex digits, or a file holding the examiner's public key (PEM). */
function expectedKey(spec: string | undefined): string | null {
  if (spec === undefined) return null;
  try {
    return existsSync(spec)
      ? expectedFingerprint(spec, readFileSync(spec, 'utf8'))
      : expectedFingerprint(spec);
  } catch (e) {
    throw new RinglensError('INVALID_ARGUMENT', (e as Error).message, {
      field: '--expect-key',
      hint: 'give the examiner key fingerprint (64 hex digits) or the path of its public key (PEM)',
    });
  }
}

/** Packets are zips (they start with PK); cases are encrypted and start with random bytes. */
function isZip(file: string): boolean {
  try {
    const fd = openSync(file, 'r');
    const b = Buffer.alloc(4);
    readSync(fd, b, 0, 4, 0);
    closeSync(fd);
    return b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
  } catch {
    return false;
  }
}

export function register(program: Command): void {
  program
    .command('verify')
    .description(
      "verify an evidence packet (hashes, signature, structure), or recompute a case's audit chain",
    )
    .argument('<file>', 'evidence packet (.zip) or case file')
    .option('--passphrase-file <file>', 'read the passphrase from this file')
    .option('--json', 'machine-readable output')
    .option(
      '--expect-key <fingerprint-or-file>',
      'packets: fail unless the manifest was signed by this examiner key (fingerprint or PEM file)',
    )
    .action(
      async (
        file: string,
        opts: { passphraseFile?: string; json?: boolean; expectKey?: string },
      ) => {
        if (isZip(file)) {
          const v = await verifyPacket(file, expectedKey(opts.expectKey));
          if (opts.json) printJson(v);
          else {
            for (const f of v.files)
              process.stdout.write(
                `${f.ok ? 'OK  ' : 'FAIL'} ${f.file}${f.problem ? `: ${f.problem}` : ''}\n`,
              );
            process.stdout.write(
              v.ok
                ? `packet ${v.packetId} verified; signed by examiner key ${v.signer}, the examiner the manifest and the PDF name${v.expectedKey ? ' and the key you expected' : ''}\n`
                : `packet ${v.packetId ?? '?'} FAILED verification (signing key ${v.signer ?? 'unreadable'})\n`,
            );
            if (v.ok && !v.expectedKey)
              process.stdout.write(
                'compare this fingerprint with the one the examiner gave you by another channel, or pass --expect-key\n',
              );
          }
          if (!v.ok) process.exitCode = EXIT.VERIFY_FAILED;
          return;
        }
        const verdict = await withCase(file, opts, (s) => {
          const v = verifyAuditChain(s.db);
          // The check itself is recorded, but only on an intact chain: never extend a broken one.
          if (v.ok)
            appendAudit(s.db, {
              actor: defaultActor(),
              action: 'case.verify',
              object: 'case',
              details: { entries: v.entries, head: v.head },
            });
          return v;
        });
        if (opts.json) printJson(verdict);
        else if (verdict.ok)
          process.stdout.write(
            `audit chain intact: ${verdict.entries} entries, head ${verdict.head}\n`,
          );
        else
          process.stdout.write(
            `audit chain BROKEN at entry ${verdict.firstBroken}: ${verdict.reason}\n`,
          );
        if (!verdict.ok) process.exitCode = EXIT.VERIFY_FAILED;
      },
    );
}
