import { describe, expect, it } from 'vitest';

import { join } from 'node:path';
import { createCase, closeCase } from '../../../../electron/core/store/open';
import {
  appendAudit,
  auditHead,
  verifyAuditChain,
  GENESIS_HASH,
} from '../../../../electron/core/audit/log';
import { tempDir } from '../../../support/temp';

function storeWithEntries(n: number) {
  const store = createCase(join(tempDir('ringlens-audit-'), 'a.ringlens'), 'p');
  for (let i = 0; i < n; i++)
    appendAudit(store.db, {
      actor: 'tester',
      action: 'note.add',
      object: `entity:${i}`,
      details: { text: `note ${i}` },
    });
  return store;
}

describe('audit log', () => {
  it('chains entries: each points at the previous hash and the head is the last hash', () => {
    const store = storeWithEntries(5);
    const verdict = verifyAuditChain(store.db);
    expect(verdict).toMatchObject({ ok: true, entries: 5 });
    expect(auditHead(store.db).seq).toBe(5);
    expect(auditHead(store.db).hash).not.toBe(GENESIS_HASH);
    closeCase(store);
  });

  it('refuses updates and deletes', () => {
    const store = storeWithEntries(2);
    expect(() =>
      store.db.prepare(`UPDATE audit_log SET actor = 'mallory' WHERE seq = 1`).run(),
    ).toThrow(/append-only/);
    expect(() => store.db.prepare('DELETE FROM audit_log WHERE seq = 2').run()).toThrow(
      /append-only/,
    );
    closeCase(store);
  });

  it('names the first altered entry when someone edits the table behind the triggers', () => {
    const store = storeWithEntries(6);
    store.db.exec('DROP TRIGGER audit_log_no_update');
    store.db.prepare(`UPDATE audit_log SET details = '{"text":"forged"}' WHERE seq = 4`).run();
    expect(verifyAuditChain(store.db)).toMatchObject({ ok: false, firstBroken: 4 });
    closeCase(store);
  });
});
