/**
 * Model-based test of the status machine on a real encrypted case: random sequences of
 * attempted moves; the store accepts exactly the moves the transition table allows, and
 * each accepted move, and only it, adds one history row and one audit entry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { join } from 'node:path';
import { buildDemoCase } from '../../../../electron/core/demo/build-demo-case';
import { closeCase, type CaseStore } from '../../../../electron/core/store/open';
import {
  lifecycleItem,
  setStatus,
  statusHistory,
} from '../../../../electron/core/lifecycle/lifecycle';
import { verifyAuditChain } from '../../../../electron/core/audit/log';
import {
  LIFECYCLE_STATUSES,
  TRANSITIONS,
  type LifecycleStatus,
} from '../../../../shared/lifecycle/schemas';
import { tempDir } from '../../../support/bundles';

let store: CaseStore;
beforeAll(async () => {
  store = await buildDemoCase(join(tempDir(), 'demo.ringlens'));
});
afterAll(() => closeCase(store));

describe('status machine against its model', () => {
  it('accepts exactly the legal moves, auditing each once', () => {
    const leads = ['lead:ring0', 'lead:ring1', 'lead:ring2'];
    let run = 0;
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...LIFECYCLE_STATUSES), { minLength: 1, maxLength: 25 }),
        (attempts) => {
          // Each run works on a subject of its own state: the lead cycles, and the model starts from what the store says.
          const subject = { kind: 'lead' as const, id: leads[run++ % leads.length]! };
          let model: LifecycleStatus = lifecycleItem(store.db, subject).status;
          for (const to of attempts) {
            const audit = store.db
              .prepare('SELECT count(*) FROM audit_log')
              .pluck()
              .get() as number;
            const history = statusHistory(store.db, subject).length;
            const legal = TRANSITIONS[model].includes(to);
            let accepted = true;
            try {
              setStatus(
                store.db,
                subject,
                to,
                `model step to ${to}`,
                to === 'closed' ? 'duplicate' : null,
                { actor: 'model' },
              );
            } catch {
              accepted = false;
            }
            expect(accepted).toBe(legal);
            if (legal) model = to;
            expect(store.db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(
              audit + (legal ? 1 : 0),
            );
            expect(statusHistory(store.db, subject)).toHaveLength(history + (legal ? 1 : 0));
            expect(lifecycleItem(store.db, subject).status).toBe(model);
          }
        },
      ),
      { numRuns: 60 },
    );
    expect(verifyAuditChain(store.db).ok).toBe(true);
  });
});
