/**
 * A worked scenario on the demo case, used by the lifecycle tests: three rings taken
 * through the lifecycle with their outcomes, at fixed times, so the funnel it yields can
 * be checked by hand.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { assign, setNotice, setStatus } from '../../../../electron/core/lifecycle/lifecycle';
import { recordOutcome } from '../../../../electron/core/lifecycle/outcomes';
import { analyseCase } from '../../../../electron/core/graph/analyse';
import type { OutcomeInput } from '../../../../shared/lifecycle/schemas';

export const ACTOR = 'investigator.li';
const R1 = { kind: 'ring', id: 'R-0001' } as const;
const R2 = { kind: 'ring', id: 'R-0002' } as const;
const R3 = { kind: 'ring', id: 'R-0003' } as const;

export function playScenario(db: Database): { warehouseKey: string } {
  const at = (day: string) => ({ actor: ACTOR, at: `${day}T09:00:00.000Z` });
  // R-0001: the full criminal path.
  setStatus(
    db,
    R1,
    'investigating',
    'shared payout account across 7 shops',
    null,
    at('2025-10-20'),
  );
  setStatus(
    db,
    R1,
    'test_buy_ordered',
    'two test buys ordered from shop s1',
    null,
    at('2025-10-22'),
  );
  setStatus(
    db,
    R1,
    'evidence_complete',
    'lab confirmed both items counterfeit',
    null,
    at('2025-10-30'),
  );
  setStatus(db, R1, 'referred', 'packet handed to Putian PSB', null, at('2025-11-05'));
  assign(db, R1, 'Li Wei', at('2025-10-20'));
  const warehouseKey =
    analyseCase(db)
      .analysis.rings.find((r) => r.id === 'R-0001')!
      .identifiers.find((i) => i.type === 'warehouse')?.key ?? 'shop:s1';
  const r1: OutcomeInput[] = [
    {
      kind: 'referral',
      subject: R1,
      date: '2025-11-03',
      agency: 'Putian Public Security Bureau',
      reference: 'PT-2025-0117',
      officer: 'Inspector Chen',
    },
    {
      kind: 'raid',
      subject: R1,
      date: '2025-11-10',
      agency: 'Putian PSB',
      address: 'Hanjiang district workshop',
    },
    { kind: 'arrest', subject: R1, date: '2025-11-10', suspects: 4 },
    {
      kind: 'location_closed',
      subject: R1,
      date: '2025-11-10',
      locationType: 'factory',
      address: 'Hanjiang district workshop, Putian, Fujian',
      entityKey: warehouseKey,
    },
    {
      kind: 'seizure',
      subject: R1,
      date: '2025-11-10',
      goods: '2,300 fake watches',
      quantity: 2300,
      amount: 180000,
      currency: 'CNY',
    },
    {
      kind: 'prosecution',
      subject: R1,
      date: '2025-12-15',
      defendants: 3,
      court: 'Putian Intermediate Court',
    },
    {
      kind: 'platform_action',
      subject: R1,
      date: '2025-11-06',
      action: 'shop_closed',
      target: 'shop:s1',
    },
  ];
  // R-0002: the civil path (a Schedule A style suit).
  setStatus(db, R2, 'investigating', 'brand complaints corroborated', null, at('2025-10-10'));
  setStatus(db, R2, 'evidence_complete', 'schedule of defendants ready', null, at('2025-10-25'));
  setStatus(db, R2, 'civil_suit', 'suit filed in N.D. Ill.', null, at('2025-11-02'));
  const r2: OutcomeInput[] = [
    {
      kind: 'suit_filed',
      subject: R2,
      date: '2025-11-02',
      court: 'N.D. Ill.',
      docket: '1:25-cv-04411',
    },
    { kind: 'tro', subject: R2, date: '2025-11-05', court: 'N.D. Ill.', docket: '1:25-cv-04411' },
    {
      kind: 'accounts_frozen',
      subject: R2,
      date: '2025-11-07',
      accounts: 12,
      amount: 250000,
      currency: 'USD',
    },
    {
      kind: 'judgment',
      subject: R2,
      date: '2026-01-20',
      court: 'N.D. Ill.',
      docket: '1:25-cv-04411',
      amount: 1000000,
      currency: 'USD',
    },
  ];
  // R-0003: looked at, then closed; its lead was noticed and the window lapsed.
  setStatus(db, R3, 'investigating', 'cluster review', null, at('2025-10-12'));
  setStatus(
    db,
    R3,
    'closed',
    'sellers proved authorised resale',
    'insufficient_evidence',
    at('2025-10-28'),
  );
  setNotice(
    db,
    { kind: 'lead', id: 'lead:ring0' },
    { noticeAt: '2025-11-01', refutedAt: null },
    at('2025-11-01'),
  );
  for (const o of [...r1, ...r2]) recordOutcome(db, o, at('2025-12-31'));
  return { warehouseKey };
}

/** The funnel the scenario must give, worked out by hand from the steps above. */
export const EXPECTED_FUNNEL = {
  cases: ['demo.ringlens'],
  stages: [
    { stage: 'Leads', count: 3, ofLeads: 1 },
    { stage: 'Under investigation', count: 3, ofLeads: 1 },
    { stage: 'Evidence complete', count: 2, ofLeads: 0.6667 },
    { stage: 'Referred to police', count: 1, ofLeads: 0.3333 },
    { stage: 'Prosecuted', count: 1, ofLeads: 0.3333 },
    { stage: 'Sentenced', count: 0, ofLeads: 0 },
  ],
  totals: {
    leads: 3,
    referrals: 1,
    prosecutions: 1,
    defendantsProsecuted: 3,
    sentences: 0,
    raids: 1,
    arrests: 4,
    locationsClosed: 1,
    valueSeized: { CNY: 180000 },
    suits: 1,
    restrainingOrders: 1,
    accountsFrozen: 12,
    amountFrozen: { USD: 250000 },
    judgments: 1,
    damages: { USD: 1000000 },
    platformActions: { shop_closed: 1 },
    closed: { insufficient_evidence: 1 },
    overdue: 1,
  },
  conversion: { leadToReferral: 0.3333, referralToProsecution: 1, leadToProsecution: 0.3333 },
  byOrigin: [
    { origin: 'proactive', leads: 2, referred: 1, prosecuted: 1 },
    { origin: 'complaint', leads: 1, referred: 0, prosecuted: 0 },
  ],
  // R-0003 is closed but its lead is still open (and overdue), so that investigation is not closed yet.
  byStatus: { referred: 1, civil_suit: 1, new: 1 },
  months: [
    {
      month: '2025-09',
      leads: 1,
      referrals: 0,
      prosecutions: 0,
      arrests: 0,
      locationsClosed: 0,
      valueSeized: {},
    },
    {
      month: '2025-10',
      leads: 2,
      referrals: 0,
      prosecutions: 0,
      arrests: 0,
      locationsClosed: 0,
      valueSeized: {},
    },
    {
      month: '2025-11',
      leads: 0,
      referrals: 1,
      prosecutions: 0,
      arrests: 4,
      locationsClosed: 1,
      valueSeized: { CNY: 180000 },
    },
    {
      month: '2025-12',
      leads: 0,
      referrals: 0,
      prosecutions: 1,
      arrests: 0,
      locationsClosed: 0,
      valueSeized: {},
    },
  ],
};
