import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDemoCase } from '../../../../electron/core/demo/build-demo-case';
import { closeCase, type CaseStore } from '../../../../electron/core/store/open';
import {
  lifecycleItem,
  lifecycleItems,
  setRingStatusWithLeads,
  setStatus,
  statusHistory,
} from '../../../../electron/core/lifecycle/lifecycle';
import {
  listOutcomes,
  recordOutcome,
  withdrawOutcome,
} from '../../../../electron/core/lifecycle/outcomes';
import { importOutcomesCsv, outcomesToCsv } from '../../../../electron/core/lifecycle/outcomes-csv';
import { computeFunnel, funnelInput } from '../../../../electron/core/lifecycle/funnel';
import { closedLocations } from '../../../../electron/core/lifecycle/closures';
import { listAudit, verifyAuditChain } from '../../../../electron/core/audit/log';
import { tempDir } from '../../../support/bundles';
import { ACTOR, EXPECTED_FUNNEL, playScenario } from './scenario';

const auditCount = (s: CaseStore) =>
  s.db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;

describe('lifecycle on the demo case', () => {
  let store: CaseStore;
  let dir: string;
  beforeAll(async () => {
    dir = tempDir();
    store = await buildDemoCase(join(dir, 'demo.ringlens'));
  });
  afterAll(() => closeCase(store));

  it('lists every ring and lead as new, with each lead tied to its ring and its origin', () => {
    const items = lifecycleItems(store.db, '2025-11-20');
    expect(
      items.map(
        (i) => `${i.subject.kind}:${i.subject.id}:${i.status}:${i.origin}:${i.related.join(',')}`,
      ),
    ).toEqual([
      'ring:R-0003:new:proactive:lead:ring0',
      'ring:R-0001:new:proactive:lead:ring1',
      'ring:R-0002:new:complaint:lead:ring2',
      'lead:lead:ring0:new:proactive:R-0003',
      'lead:lead:ring1:new:proactive:R-0001',
      'lead:lead:ring2:new:complaint:R-0002',
    ]);
  });

  it('refuses an illegal move and an unknown subject without touching the store or the log', () => {
    const before = auditCount(store);
    expect(() =>
      setStatus(store.db, { kind: 'ring', id: 'R-0001' }, 'referred', 'straight to police', null, {
        actor: ACTOR,
      }),
    ).toThrow(/cannot move from "New" to "Referred to police"/);
    expect(() =>
      setStatus(store.db, { kind: 'ring', id: 'R-0099' }, 'investigating', 'typo', null, {
        actor: ACTOR,
      }),
    ).toThrow(/no ring R-0099/);
    expect(() =>
      setStatus(store.db, { kind: 'lead', id: 'seller:s1' }, 'investigating', 'not a lead', null, {
        actor: ACTOR,
      }),
    ).toThrow(/no lead "seller:s1"/);
    expect(() =>
      setStatus(store.db, { kind: 'ring', id: 'R-0001' }, 'investigating', '', null, {
        actor: ACTOR,
      }),
    ).toThrow(/say why/);
    expect(auditCount(store)).toBe(before);
    expect(statusHistory(store.db)).toEqual([]);
  });

  it('plays the scenario: every change is in the audit log with who and why, and the chain holds', () => {
    const before = auditCount(store);
    playScenario(store.db);
    const entries = listAudit(store.db, { afterSeq: before, limit: 1000 });
    const statusEntries = entries.filter((e) => e.action === 'lifecycle.status');
    expect(statusEntries).toHaveLength(statusHistory(store.db).length);
    expect(statusEntries).toHaveLength(9);
    expect(statusEntries[3]).toMatchObject({
      actor: ACTOR,
      object: 'ring:R-0001',
      details: { from: 'evidence_complete', to: 'referred', reason: 'packet handed to Putian PSB' },
    });
    expect(
      entries.find((e) => e.action === 'lifecycle.status' && e.details.to === 'closed')?.details,
    ).toMatchObject({
      closeReason: 'insufficient_evidence',
      reason: 'sellers proved authorised resale',
    });
    expect(entries.filter((e) => e.action === 'outcome.add')).toHaveLength(11);
    expect(entries.find((e) => e.action === 'lifecycle.assign')).toMatchObject({
      object: 'ring:R-0001',
      details: { from: null, to: 'Li Wei' },
    });
    expect(entries.find((e) => e.action === 'lifecycle.notice')).toMatchObject({
      object: 'entity:lead:ring0',
      details: { noticeAt: '2025-11-01', refutationDays: 3 },
    });
    expect(verifyAuditChain(store.db).ok).toBe(true);
  });

  it('shows state, due date and overdue flags as an investigator would read them', () => {
    const r1 = lifecycleItem(store.db, { kind: 'ring', id: 'R-0001' }, '2025-11-20');
    expect(r1).toMatchObject({
      status: 'referred',
      assignee: 'Li Wei',
      lastReason: 'packet handed to Putian PSB',
      outcomes: 7,
      overdue: false,
    });
    const lead = lifecycleItem(store.db, { kind: 'lead', id: 'lead:ring0' }, '2025-11-20');
    expect(lead).toMatchObject({
      status: 'new',
      noticeAt: '2025-11-01',
      dueAt: '2025-11-04',
      overdue: true,
    });
    expect(lifecycleItem(store.db, { kind: 'lead', id: 'lead:ring0' }, '2025-11-04').overdue).toBe(
      false,
    );
  });

  it('lists the actions taken against one shop, and the closure tied to one warehouse', () => {
    expect(listOutcomes(store.db, { target: 'shop:s1' }).map((o) => o.data)).toEqual([
      expect.objectContaining({
        kind: 'platform_action',
        action: 'shop_closed',
        target: 'shop:s1',
      }),
    ]);
    const closure = listOutcomes(store.db).find((o) => o.data.kind === 'location_closed')!.data as {
      entityKey: string;
    };
    expect(listOutcomes(store.db, { target: closure.entityKey }).map((o) => o.data.kind)).toEqual([
      'location_closed',
    ]);
    expect(listOutcomes(store.db, { target: 'shop:s999' })).toEqual([]);
  });

  it('records the same outcome once, refuses a changed copy, and withdraws (never deletes) with a reason', () => {
    const arrest = listOutcomes(store.db).find((o) => o.data.kind === 'arrest')!;
    const again = recordOutcome(
      store.db,
      { ...arrest.data, id: undefined },
      {
        actor: ACTOR,
      },
    );
    expect(again.created).toBe(false);
    expect(() =>
      recordOutcome(store.db, { ...arrest.data, suspects: 5 } as never, { actor: ACTOR }),
    ).toThrow(/already recorded with different content/);
    expect(() =>
      recordOutcome(
        store.db,
        {
          kind: 'platform_action',
          subject: { kind: 'ring', id: 'R-0001' },
          date: '2025-11-06',
          action: 'penalty_points',
          target: 'phone|+8613800000000',
        },
        { actor: ACTOR },
      ),
    ).toThrow(/seller or shop/);
    const extra = recordOutcome(
      store.db,
      {
        kind: 'raid',
        subject: { kind: 'ring', id: 'R-0003' },
        date: '2025-11-01',
        note: 'entered by mistake',
      },
      { actor: ACTOR },
    ).outcome;
    const w = withdrawOutcome(store.db, extra.id, 'wrong ring', { actor: ACTOR });
    expect(w.withdrawn).toMatchObject({ by: ACTOR, reason: 'wrong ring' });
    expect(listOutcomes(store.db).map((o) => o.id)).not.toContain(extra.id);
    expect(listOutcomes(store.db, { includeWithdrawn: true }).map((o) => o.id)).toContain(extra.id);
    expect(() => store.db.prepare('DELETE FROM outcomes').run()).toThrow(/never deleted/);
    expect(() => store.db.prepare('DELETE FROM status_history').run()).toThrow(/append-only/);
  });

  it('places the closed factory on the map at the address of the graph entity it is tied to', () => {
    const [closure, ...more] = closedLocations(store.db);
    expect(more).toEqual([]);
    const address = JSON.parse(
      store.db
        .prepare(`SELECT json_extract(props, '$.address') FROM entities WHERE key = ?`)
        .pluck()
        .get(closure!.entityKey) as string,
    ) as { city: string };
    expect(closure).toMatchObject({
      subject: { kind: 'ring', id: 'R-0001' },
      locationType: 'factory',
      date: '2025-11-10',
    });
    expect(closure!.place).toMatchObject({
      country: 'CN',
      precision: 'city',
      cityZh: address.city.replace(/市$/, ''),
    });
  });

  it('gives the funnel worked out by hand for the scenario', () => {
    const f = computeFunnel([funnelInput(store.db, 'demo.ringlens', '2025-11-20')]);
    expect(f).toEqual(EXPECTED_FUNNEL);
  });

  it('round-trips the outcomes through CSV into another case: same outcomes, same file', async () => {
    const first = outcomesToCsv(listOutcomes(store.db));
    const file = join(dir, 'outcomes.csv');
    writeFileSync(file, first);
    const other = await buildDemoCase(join(dir, 'other.ringlens'));
    try {
      const r = importOutcomesCsv(other.db, file, { actor: 'paralegal' });
      expect(r).toMatchObject({ rows: 11, imported: 11, unchanged: 0 });
      expect(listOutcomes(other.db)).toEqual(listOutcomes(store.db));
      expect(outcomesToCsv(listOutcomes(other.db))).toBe(first);
      // One audit entry for the file, naming its hash and every outcome it added.
      const entries = listAudit(other.db, { afterSeq: 0, limit: 1000 }).filter((e) =>
        e.action.startsWith('outcome'),
      );
      expect(entries.map((e) => e.action)).toEqual(['outcomes.import']);
      expect(entries[0]!.details).toMatchObject({
        file: 'outcomes.csv',
        rows: 11,
        imported: 11,
        ids: listOutcomes(store.db).map((o) => o.id),
      });
      // Idempotent: the same file again changes nothing.
      expect(importOutcomesCsv(other.db, file, { actor: 'paralegal' })).toMatchObject({
        imported: 0,
        unchanged: 11,
      });
      expect(readFileSync(file, 'utf8').split('\n')[0]).toBe(
        'id,subject,kind,date,agency,reference,officer,packetSha256,suspects,locationType,address,entityKey,goods,quantity,amount,currency,defendants,months,court,docket,accounts,action,target,note,recordedBy,recordedAt',
      );
    } finally {
      closeCase(other);
    }
  });

  it('refuses a bad outcomes CSV as a whole, naming the line and column', async () => {
    const other = await buildDemoCase(join(dir, 'bad.ringlens'));
    try {
      const file = join(dir, 'bad.csv');
      writeFileSync(
        file,
        [
          'subject,kind,date,suspects,amount,currency',
          'R-0001,arrest,2025-11-10,3,,',
          'R-0001,arrest,2025-11-31,2,,',
          'R-0001,seizure,2025-11-10,,12,yen',
        ].join('\n'),
      );
      const before = auditCount(other);
      expect(() => importOutcomesCsv(other.db, file, { actor: 'x' })).toThrow(
        /not a real calendar date \(and 1 more problem\); nothing was imported/,
      );
      const refusal = (() => {
        try {
          importOutcomesCsv(other.db, file, { actor: 'x' });
        } catch (e) {
          return e as { location: unknown };
        }
      })();
      expect(refusal?.location).toEqual({ file: 'bad.csv', line: 3, field: 'date' });
      writeFileSync(
        file,
        [
          'subject,kind,date,suspects',
          'R-0001,arrest,2025-11-10,3',
          'R-0042,arrest,2025-11-10,2',
        ].join('\n'),
      );
      expect(() => importOutcomesCsv(other.db, file, { actor: 'x' })).toThrow(
        /no ring R-0042 in this case; nothing was imported/,
      );
      expect(listOutcomes(other.db)).toEqual([]);
      writeFileSync(
        file,
        ['subject,kind,date,suspects,court', 'R-0001,arrest,2025-11-10,3,Putian'].join('\n'),
      );
      expect(() => importOutcomesCsv(other.db, file, { actor: 'x' })).toThrow(
        /a column that a arrest outcome does not use \(court\)/,
      );
      writeFileSync(
        file,
        ['subject,kind,date,weather', 'R-0001,arrest,2025-11-10,sunny'].join('\n'),
      );
      expect(() => importOutcomesCsv(other.db, file, { actor: 'x' })).toThrow(
        /has a column "weather"/,
      );
      expect(auditCount(other)).toBe(before);
    } finally {
      closeCase(other);
    }
  });

  it('moves a ring with its leads where each lead may follow, reporting the ones that stay', () => {
    const lead = { kind: 'lead', id: 'lead:ring1' } as const;
    setStatus(store.db, lead, 'closed', 'duplicate of the ring', 'duplicate', { actor: ACTOR });
    const before = auditCount(store);
    const r = setRingStatusWithLeads(store.db, 'R-0001', 'civil_suit', 'brand sues as well', null, {
      actor: ACTOR,
    });
    expect(r.moved).toEqual([]);
    expect(r.skipped).toEqual([
      {
        lead: 'lead:ring1',
        because: 'lead lead:ring1 cannot move from "Closed" to "Civil suit filed"',
      },
    ]);
    expect(auditCount(store)).toBe(before + 1);
    const r2 = setRingStatusWithLeads(
      store.db,
      'R-0002',
      'closed',
      'judgment collected',
      'outcome_achieved',
      { actor: ACTOR },
    );
    expect(r2).toEqual({ moved: ['lead:ring2'], skipped: [] });
    expect(lifecycleItem(store.db, { kind: 'lead', id: 'lead:ring2' })).toMatchObject({
      status: 'closed',
      closeReason: 'outcome_achieved',
      lastReason: 'judgment collected (with ring R-0002)',
    });
    // An illegal move of the ring itself moves nothing at all.
    const count = auditCount(store);
    expect(() =>
      setRingStatusWithLeads(store.db, 'R-0002', 'referred', 'too late', null, { actor: ACTOR }),
    ).toThrow(/cannot move from "Closed"/);
    expect(auditCount(store)).toBe(count);
  });
});
