import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { closeCase, openCase, type CaseStore } from '../../../../electron/core/store/open';
import { importBundle } from '../../../../electron/core/bundle/import';
import { writeGeneratedBundle } from '../../../../electron/core/generate/write-generated';
import { EVASION_KINDS } from '../../../../electron/core/generate/evasion';
import { listMatches } from '../../../../electron/core/identity/matches';
import { decideMatch, listDecisions } from '../../../../electron/core/identity/decisions';
import { auditHead, listAudit, verifyAuditChain } from '../../../../electron/core/audit/log';
import { analyseCase } from '../../../../electron/core/graph/analyse';
import { RinglensError } from '../../../../shared/errors';
import { evasionCase } from '../../../support/evasion-case';

let store: CaseStore;
let dir: string;
let identities: string[][];
beforeAll(async () => {
  ({ store, dir, identities } = await evasionCase(9, 1000));
}, 120_000);
afterAll(() => {
  closeCase(store);
  rmSync(dir, { recursive: true, force: true });
});

const trueOwner = () => new Map(identities.flatMap((g, i) => g.map((k) => [k, i] as const)));

describe('adjudication of candidate matches', () => {
  it('a confirmation is audited with who, why and the terms, and puts both shops in one ring', () => {
    const owner = trueOwner();
    const ringOf = () => {
      const m = new Map<string, string>();
      for (const r of analyseCase(store.db).analysis.rings)
        for (const x of r.shops) m.set(x.key, r.id);
      return m;
    };
    const before = ringOf();
    // A true shop-name match whose shops today's analysis keeps apart.
    const candidate = listMatches(store.db, { kind: 'shop' }).candidates.find(
      (c) =>
        owner.get(c.a.key) === owner.get(c.b.key) && before.get(c.a.key) !== before.get(c.b.key),
    );
    expect(candidate, 'a true candidate today’s rings keep apart').toBeDefined();
    const c = candidate!;
    const d = decideMatch(
      store.db,
      {
        a: c.a.key,
        b: c.b.key,
        decision: 'confirmed',
        reason: 'same payout holder seen in the test buy',
      },
      { actor: 'Investigator Chen Jing', at: '2025-11-02T10:00:00Z' },
    );
    expect(d.terms.length).toBeGreaterThan(0);
    const entry = listAudit(store.db).at(-1)!;
    expect(entry).toMatchObject({ actor: 'Investigator Chen Jing', action: 'identity.confirm' });
    expect(entry.details).toMatchObject({
      reason: 'same payout holder seen in the test buy',
      kind: c.kind,
    });
    expect(verifyAuditChain(store.db).ok).toBe(true);
    const listed = listMatches(store.db).candidates.find(
      (x) => x.a.key === d.a && x.b.key === d.b,
    )!;
    expect(listed.decision?.decidedBy).toBe('Investigator Chen Jing');
    const after = ringOf();
    expect(after.get(c.a.key)).toBeDefined();
    expect(after.get(c.a.key)).toBe(after.get(c.b.key));
  });

  it('a rejected pair is never proposed again, even after re-import and re-analysis', async () => {
    const c = listMatches(store.db).candidates.find((x) => x.decision === null)!;
    decideMatch(
      store.db,
      {
        a: c.a.key,
        b: c.b.key,
        decision: 'rejected',
        reason: 'different people, checked ID cards',
      },
      { actor: 'tester' },
    );
    const proposed = () =>
      listMatches(store.db).candidates.some((x) => x.a.key === c.a.key && x.b.key === c.b.key);
    expect(proposed()).toBe(false);
    expect(
      listMatches(store.db, { min: 0 }).candidates.some(
        (x) => x.a.key === c.a.key && x.b.key === c.b.key,
      ),
    ).toBe(false);

    // The same data again as a new bundle, then the case closed and opened again.
    const again = await writeGeneratedBundle({
      out: join(dir, 'again.zip'),
      seed: 9,
      sellers: 1000,
      evasion: [...EVASION_KINDS],
      bundleId: 'synthetic-9-1000-again',
    });
    await importBundle(store, again.file, { allowUnsigned: true, actor: 'tester' });
    const path = store.path;
    closeCase(store);
    store = openCase(path, 'test passphrase');
    analyseCase(store.db);
    expect(proposed()).toBe(false);
    expect(
      listDecisions(store.db)
        .map((d) => d.decision)
        .sort(),
    ).toEqual(['confirmed', 'rejected']);
  });

  it('bad input gets a clear error and changes nothing', () => {
    const head = auditHead(store.db);
    const before = listDecisions(store.db);
    const attempt = (a: string, b: string, reason = 'a reason') => {
      try {
        decideMatch(store.db, { a, b, decision: 'confirmed', reason }, { actor: 'tester' });
      } catch (e) {
        return e as RinglensError;
      }
      throw new Error('no error');
    };
    const missing = attempt('email|nobody@example.com', 'phone:s1');
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.message).toContain('no identifier “email|nobody@example.com” in this case');
    const mixed = attempt('phone:s1', 'email:s1');
    expect(mixed.code).toBe('INVALID_ARGUMENT');
    expect(mixed.message).toContain('not identifiers of one kind');
    const unrelated = attempt('phone:s1', 'phone:s2');
    expect(unrelated.code).toBe('NOT_FOUND');
    expect(unrelated.message).toContain('not a candidate match');
    expect(attempt('phone:s1', 'phone:s2', ' ').code).toBe('INVALID_ARGUMENT');
    expect(auditHead(store.db)).toEqual(head);
    expect(listDecisions(store.db)).toEqual(before);
  });
});
