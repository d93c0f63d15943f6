import type { Command } from 'commander';
import { verifyAuditChain, appendAudit } from '../../core/audit/log';
import { defaultActor } from '../../core/bundle/import';
import { withCase } from '../case-access';
import { printJson } from '../output';
import { EXIT } from '../exit-codes';
import { openSync, readSync, closeSync } from 'node:fs';
import { verifyPacket } from '../../core/evidence/verify';

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
    .action(async (file: string, opts: { passphraseFile?: string; json?: boolean }) => {
      if (isZip(file)) {
        const v = await verifyPacket(file);
        if (opts.json) printJson(v);
        else {
          for (const f of v.files)
            process.stdout.write(
              `${f.ok ? 'OK  ' : 'FAIL'} ${f.file}${f.problem ? `: ${f.problem}` : ''}\n`,
            );
          process.stdout.write(
            v.ok
              ? `packet ${v.packetId} verified; signed by examiner key ${v.signer}\n`
              : `packet ${v.packetId ?? '?'} FAILED verification\n`,
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
    });
}
