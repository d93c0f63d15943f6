import type { Command } from 'commander';
import { appendAudit } from '../../core/audit/log';
import { verifyCase } from '../../core/audit/verify-case';
import { readWitness } from '../../core/audit/witness';
import { defaultActor } from '../../core/bundle/import';
import { withCase } from '../case-access';
import { printJson } from '../output';
import { EXIT } from '../exit-codes';
import { openSync, readSync, closeSync } from 'node:fs';
import { readFileSync, existsSync } from 'node:fs';
import { expectedFingerprint, verifyPacket } from '../../core/evidence/verify';
import { RinglensError } from '../../../shared/errors';
import type { CaseVerification } from '../../core/audit/verify-case';

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
      '--witness <files...>',
      'cases: packets, GraphML/GEXF/review-pack exports or head receipts whose audit head must still be in the chain at its position',
    )
    .option(
      '--expect-key <fingerprint-or-file>',
      'packets: fail unless the manifest was signed by this examiner key (fingerprint or PEM file)',
    )
    .action(
      async (
        file: string,
        opts: { passphraseFile?: string; json?: boolean; expectKey?: string; witness?: string[] },
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
        const witnesses = await Promise.all((opts.witness ?? []).map((w) => readWitness(w)));
        const verdict = await withCase(file, opts, (s) => {
          const v = verifyCase(s.db, witnesses);
          // Recorded only when it proves something: a check without a witness cannot tell a
          // cut or rewritten chain from an intact one, and an entry after it would seal it.
          if (v.ok && witnesses.length > 0 && v.chain.ok)
            appendAudit(s.db, {
              actor: defaultActor(),
              action: 'case.verify',
              object: 'case',
              details: {
                entries: v.chain.entries,
                head: v.chain.head,
                witnesses: v.witnesses.map((w) => ({ kind: w.kind, seq: w.seq, hash: w.hash })),
              },
            });
          return v;
        });
        if (opts.json) printJson(verdict);
        else printCaseVerdict(verdict);
        if (!verdict.ok) process.exitCode = EXIT.VERIFY_FAILED;
      },
    );
}

function printCaseVerdict(v: CaseVerification): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  if (v.chain.ok) out(`audit chain intact: ${v.chain.entries} entries, head ${v.chain.head}`);
  else out(`audit chain BROKEN at entry ${v.chain.firstBroken}: ${v.chain.reason}`);
  if (v.content.length === 0)
    out('content matches the digests the audit log committed to: no edits behind the log');
  for (const c of v.content) out(`CONTENT EDITED BEHIND THE LOG: ${c.problem}`);
  for (const w of v.witnesses) out(`${w.ok ? 'OK  ' : 'FAIL'} witness ${w.file}: ${w.detail}`);
  if (v.witnesses.length === 0)
    out(
      'no witness given: a chain cut or rewritten by someone with the passphrase also verifies intact; pass --witness with packets, GraphML/GEXF/review-pack exports or head receipts (`ringlens audit receipt`) to check it against heads kept outside the case',
    );
}
