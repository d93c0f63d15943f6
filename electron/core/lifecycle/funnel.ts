/**
 * The programme's funnel: how many leads became investigations, referrals, prosecutions
 * and sentences, what the raids, suits and platform actions yielded, and all of it by
 * month and by origin (proactive versus complaint-driven). Pure: the store is read by
 * `funnelInput`, and several cases' inputs can be added up.
 *
 * The unit is the investigation: a ring together with the leads that flag it, or a lead
 * no ring covers, so a ring and its lead are not counted twice. An investigation has
 * reached a stage when any of its rings or leads has ever held that status (or, for the
 * referral, when a referral outcome is recorded).
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type {
  Funnel,
  LifecycleItem,
  LifecycleStatus,
  OutcomeInput,
} from '../../../shared/lifecycle/schemas';
import { lifecycleItems, statusHistory, today } from './lifecycle';
import { listOutcomes } from './outcomes';
import { listSubjects } from './subjects';

export interface FunnelInput {
  readonly caseName: string;
  readonly items: readonly (Pick<
    LifecycleItem,
    'subject' | 'origin' | 'related' | 'status' | 'closeReason' | 'overdue'
  > & { firstSeen: string })[];
  readonly history: readonly {
    subject: { kind: string; id: string };
    to: LifecycleStatus;
    at: string;
  }[];
  readonly outcomes: readonly OutcomeInput[];
}

const RANK: Record<LifecycleStatus, number> = {
  new: 0,
  investigating: 1,
  test_buy_ordered: 1,
  evidence_complete: 2,
  referred: 3,
  civil_suit: 2,
  closed: -1,
};
export const STAGES = [
  'Leads',
  'Under investigation',
  'Evidence complete',
  'Referred to police',
  'Prosecuted',
  'Sentenced',
] as const;

interface Investigation {
  origin: 'proactive' | 'complaint' | 'unknown';
  firstSeen: string;
  reached: Set<LifecycleStatus>;
  current: LifecycleStatus;
  referredOn: string | undefined;
  outcomes: OutcomeInput[];
}

const month = (date: string) => date.slice(0, 7);
const ratio = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 10_000) / 10_000);
const add = (m: Record<string, number>, k: string, n: number) => {
  m[k] = Math.round(((m[k] ?? 0) + n) * 100) / 100;
};
const earliest = (...dates: (string | undefined)[]) =>
  dates.filter((d): d is string => !!d).sort()[0];

function investigations(input: FunnelInput): Investigation[] {
  const groupOf = (s: { kind: string; id: string }, related: readonly string[]) =>
    `${input.caseName}|${s.kind === 'lead' && related[0] ? `ring:${related[0]}` : `${s.kind}:${s.id}`}`;
  const groups = new Map<string, Investigation>();
  const subjectGroup = new Map<string, Investigation>();
  // Rings first, so an investigation takes its origin from the ring (which already weighs its leads).
  const items = [...input.items].sort((a, b) =>
    a.subject.kind === b.subject.kind ? 0 : a.subject.kind === 'ring' ? -1 : 1,
  );
  for (const it of items) {
    const key = groupOf(it.subject, it.related);
    let g = groups.get(key);
    if (!g) {
      g = {
        origin: it.origin,
        firstSeen: it.firstSeen,
        reached: new Set(),
        current: it.status,
        referredOn: undefined,
        outcomes: [],
      };
      groups.set(key, g);
    } else {
      g.firstSeen = earliest(g.firstSeen, it.firstSeen) ?? '';
      // The investigation is as far along as its most advanced open ring or lead; closed only when all are.
      if (g.current === 'closed' || (it.status !== 'closed' && RANK[it.status] > RANK[g.current]))
        g.current = it.status;
    }
    g.reached.add(it.status);
    subjectGroup.set(`${it.subject.kind}:${it.subject.id}`, g);
  }
  for (const h of input.history) {
    const g = subjectGroup.get(`${h.subject.kind}:${h.subject.id}`);
    if (!g) continue;
    g.reached.add(h.to);
    if (h.to === 'referred') g.referredOn = earliest(g.referredOn, h.at.slice(0, 10));
  }
  for (const o of input.outcomes) {
    const g = subjectGroup.get(`${o.subject.kind}:${o.subject.id}`);
    if (!g) continue;
    g.outcomes.push(o);
    if (o.kind === 'referral') g.referredOn = earliest(g.referredOn, o.date);
  }
  return [...groups.values()];
}

export function computeFunnel(inputs: readonly FunnelInput[]): Funnel {
  const all = inputs.flatMap(investigations);
  const outcomes = all.flatMap((g) => g.outcomes);
  const reachedRank = (g: Investigation, r: number) => [...g.reached].some((s) => RANK[s] >= r);
  const referred = (g: Investigation) => g.referredOn !== undefined || g.reached.has('referred');
  const prosecuted = (g: Investigation) => g.outcomes.some((o) => o.kind === 'prosecution');
  const sentenced = (g: Investigation) => g.outcomes.some((o) => o.kind === 'sentence');
  // Stages are cumulative: a prosecuted investigation has also been referred, investigated and so on.
  const level = (g: Investigation) =>
    sentenced(g)
      ? 5
      : prosecuted(g)
        ? 4
        : referred(g)
          ? 3
          : reachedRank(g, 2)
            ? 2
            : reachedRank(g, 1)
              ? 1
              : 0;
  const levels = all.map(level);
  const counts = STAGES.map((_s, k) => levels.filter((l) => l >= k).length);
  const leads = all.length;
  const totals: Funnel['totals'] = {
    leads,
    referrals: counts[3]!,
    prosecutions: 0,
    defendantsProsecuted: 0,
    sentences: 0,
    raids: 0,
    arrests: 0,
    locationsClosed: 0,
    valueSeized: {},
    suits: 0,
    restrainingOrders: 0,
    accountsFrozen: 0,
    amountFrozen: {},
    judgments: 0,
    damages: {},
    platformActions: {},
    closed: {},
    overdue: inputs.reduce((n, i) => n + i.items.filter((x) => x.overdue).length, 0),
  };
  for (const o of outcomes) {
    switch (o.kind) {
      case 'prosecution':
        totals.prosecutions++;
        totals.defendantsProsecuted += o.defendants;
        break;
      case 'sentence':
        totals.sentences++;
        break;
      case 'raid':
        totals.raids++;
        break;
      case 'arrest':
        totals.arrests += o.suspects;
        break;
      case 'location_closed':
        totals.locationsClosed++;
        break;
      case 'seizure':
        add(totals.valueSeized, o.currency, o.amount);
        break;
      case 'suit_filed':
        totals.suits++;
        break;
      case 'tro':
        totals.restrainingOrders++;
        break;
      case 'accounts_frozen':
        totals.accountsFrozen += o.accounts;
        add(totals.amountFrozen, o.currency, o.amount);
        break;
      case 'judgment':
        totals.judgments++;
        if (o.amount !== undefined && o.currency) add(totals.damages, o.currency, o.amount);
        break;
      case 'platform_action':
        add(totals.platformActions, o.action, 1);
        break;
      case 'referral':
        break;
    }
  }
  for (const i of inputs)
    for (const x of i.items)
      if (x.status === 'closed') add(totals.closed, x.closeReason ?? 'other', 1);

  const origins = ['proactive', 'complaint', 'unknown'] as const;
  const byOrigin = origins
    .map((origin) => {
      const gs = all.filter((g) => g.origin === origin);
      return {
        origin,
        leads: gs.length,
        referred: gs.filter((g) => level(g) >= 3).length,
        prosecuted: gs.filter((g) => level(g) >= 4).length,
      };
    })
    .filter((r) => r.leads > 0 || r.origin !== 'unknown');
  const byStatus: Record<string, number> = {};
  for (const g of all) add(byStatus, g.current, 1);

  return {
    cases: inputs.map((i) => i.caseName),
    stages: STAGES.map((stage, i) => ({
      stage,
      count: counts[i]!,
      ofLeads: ratio(counts[i]!, leads),
    })),
    totals,
    conversion: {
      leadToReferral: ratio(counts[3]!, leads),
      referralToProsecution: ratio(counts[4]!, counts[3]!),
      leadToProsecution: ratio(counts[4]!, leads),
    },
    byOrigin,
    byStatus,
    months: monthly(all),
  };
}

function monthly(all: readonly Investigation[]): Funnel['months'] {
  const rows = new Map<string, Funnel['months'][number]>();
  const at = (m: string) => {
    let r = rows.get(m);
    if (!r)
      rows.set(
        m,
        (r = {
          month: m,
          leads: 0,
          referrals: 0,
          prosecutions: 0,
          arrests: 0,
          locationsClosed: 0,
          valueSeized: {},
        }),
      );
    return r;
  };
  for (const g of all) {
    if (g.firstSeen) at(month(g.firstSeen)).leads++;
    if (g.referredOn) at(month(g.referredOn)).referrals++;
    for (const o of g.outcomes) {
      if (o.kind === 'prosecution') at(month(o.date)).prosecutions++;
      if (o.kind === 'arrest') at(month(o.date)).arrests += o.suspects;
      if (o.kind === 'location_closed') at(month(o.date)).locationsClosed++;
      if (o.kind === 'seizure') add(at(month(o.date)).valueSeized, o.currency, o.amount);
    }
  }
  // Months with nothing happening still appear, so a chart's time axis is even.
  const keys = [...rows.keys()].sort();
  if (keys.length > 1) {
    let [y, m] = keys[0]!.split('-').map(Number) as [number, number];
    const last = keys[keys.length - 1]!;
    for (let k = keys[0]!; k < last;) {
      m++;
      if (m > 12) {
        m = 1;
        y++;
      }
      k = `${y}-${String(m).padStart(2, '0')}`;
      at(k);
    }
  }
  return [...rows.values()].sort((a, b) => a.month.localeCompare(b.month));
}

/** Reads one case's funnel input from its store. */
export function funnelInput(db: Database, caseName: string, on: string = today()): FunnelInput {
  const subjects = listSubjects(db);
  const firstSeen = new Map(subjects.map((s) => [`${s.kind}:${s.id}`, s.firstSeen]));
  return {
    caseName,
    items: lifecycleItems(db, on, subjects).map((i) => ({
      ...i,
      firstSeen: firstSeen.get(`${i.subject.kind}:${i.subject.id}`) ?? '',
    })),
    history: statusHistory(db),
    outcomes: listOutcomes(db).map((o) => o.data),
  };
}

/** The funnel as CSV: the stages, the totals and the months, each a block with its own header. */
export function funnelToCsvRows(f: Funnel): string[][] {
  const money = (m: Record<string, number>) =>
    Object.entries(m)
      .map(([c, v]) => `${v} ${c}`)
      .join('; ');
  const currencies = [...new Set(f.months.flatMap((m) => Object.keys(m.valueSeized)))].sort();
  return [
    ['section', 'stage', 'count', 'share of leads'],
    ...f.stages.map((s) => ['stage', s.stage, String(s.count), String(s.ofLeads)]),
    [],
    ['section', 'measure', 'value'],
    ...Object.entries(f.totals).map(([k, v]) => [
      'total',
      k,
      typeof v === 'number'
        ? String(v)
        : k === 'valueSeized' || k === 'amountFrozen' || k === 'damages'
          ? money(v)
          : Object.entries(v)
              .map(([a, n]) => `${a}: ${n}`)
              .join('; '),
    ]),
    ...Object.entries(f.conversion).map(([k, v]) => ['conversion', k, String(v)]),
    [],
    ['section', 'origin', 'leads', 'referred', 'prosecuted'],
    ...f.byOrigin.map((o) => [
      'origin',
      o.origin,
      String(o.leads),
      String(o.referred),
      String(o.prosecuted),
    ]),
    [],
    [
      'section',
      'month',
      'leads',
      'referrals',
      'prosecutions',
      'arrests',
      'locationsClosed',
      ...currencies.map((c) => `valueSeized ${c}`),
    ],
    ...f.months.map((m) => [
      'month',
      m.month,
      String(m.leads),
      String(m.referrals),
      String(m.prosecutions),
      String(m.arrests),
      String(m.locationsClosed),
      ...currencies.map((c) => String(m.valueSeized[c] ?? 0)),
    ]),
  ];
}
