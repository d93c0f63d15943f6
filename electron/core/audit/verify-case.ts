/**
 * `ringlens verify CASE`: the chain against itself, the content against the digests the
 * chain committed to, and the chain against heads witnessed outside the case.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { checkContent, type ContentFinding } from './content-digest';
import { verifyAuditChain, type ChainVerdict } from './log';
import { checkWitnesses, type Witness, type WitnessResult } from './witness';

export interface CaseVerification {
  readonly ok: boolean;
  readonly chain: ChainVerdict;
  readonly content: readonly ContentFinding[];
  readonly witnesses: readonly WitnessResult[];
}

function lastCommitment(db: Database): { seq: number; content: Record<string, string> } | null {
  const row = db
    .prepare(
      'SELECT seq, content FROM audit_log WHERE content IS NOT NULL ORDER BY seq DESC LIMIT 1',
    )
    .get() as { seq: number; content: string } | undefined;
  return row ? { seq: row.seq, content: JSON.parse(row.content) as Record<string, string> } : null;
}

export function verifyCase(db: Database, witnesses: readonly Witness[]): CaseVerification {
  const chain = verifyAuditChain(db);
  const content = checkContent(db, lastCommitment(db));
  const results = checkWitnesses(db, witnesses);
  return {
    ok: chain.ok && content.length === 0 && results.every((w) => w.ok),
    chain,
    content,
    witnesses: results,
  };
}
