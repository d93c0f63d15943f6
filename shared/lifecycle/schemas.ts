/**
 * From lead to outcome: the lifecycle of leads and rings (statuses, assignment, the
 * seller's refutation window) and the outcomes they end in (referrals, law-enforcement,
 * civil and platform results). One definition for the engine, the CLI, the CSV files and
 * the UI; the transition table is data so the UI offers only the moves the engine allows.
 */
import { z } from 'zod';

export const LIFECYCLE_STATUSES = [
  'new',
  'investigating',
  'test_buy_ordered',
  'evidence_complete',
  'referred',
  'civil_suit',
  'closed',
] as const;
export const LifecycleStatus = z.enum(LIFECYCLE_STATUSES);
export type LifecycleStatus = z.infer<typeof LifecycleStatus>;

export const STATUS_LABELS: Record<LifecycleStatus, string> = {
  new: 'New',
  investigating: 'Under investigation',
  test_buy_ordered: 'Test buy ordered',
  evidence_complete: 'Evidence complete',
  referred: 'Referred to police',
  civil_suit: 'Civil suit filed',
  closed: 'Closed',
};

/**
 * The moves an investigator may make. Referral and suit need complete evidence first;
 * a referred case may also be sued (and the other way round); a closed case can only be
 * reopened for investigation. Anything else is refused.
 */
export const TRANSITIONS: Record<LifecycleStatus, readonly LifecycleStatus[]> = {
  new: ['investigating', 'closed'],
  investigating: ['test_buy_ordered', 'evidence_complete', 'closed'],
  test_buy_ordered: ['investigating', 'evidence_complete', 'closed'],
  evidence_complete: ['investigating', 'referred', 'civil_suit', 'closed'],
  referred: ['civil_suit', 'closed'],
  civil_suit: ['referred', 'closed'],
  closed: ['investigating'],
};

export const CLOSE_REASONS = [
  'outcome_achieved',
  'seller_refuted',
  'insufficient_evidence',
  'duplicate',
  'no_jurisdiction',
  'platform_action_only',
  'other',
] as const;
export const CloseReason = z.enum(CLOSE_REASONS);
export type CloseReason = z.infer<typeof CloseReason>;

/** A lead is a `lead` entity (by its key); a ring is a stable ring id. */
export const SubjectKind = z.enum(['ring', 'lead']);
export const SubjectRef = z.strictObject({ kind: SubjectKind, id: z.string().min(1).max(300) });
export type SubjectRef = z.infer<typeof SubjectRef>;

/** How a ring or lead id given on a command line or in a CSV cell names its subject. */
export function parseSubject(text: string): SubjectRef {
  return /^R-\d{4,}$/.test(text) ? { kind: 'ring', id: text } : { kind: 'lead', id: text };
}

export const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
      new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    'is not a real calendar date',
  );
export const Reason = z.string().trim().min(3, 'say why (at least 3 characters)').max(2000);

export const LifecycleItem = z.object({
  subject: SubjectRef,
  label: z.string(),
  origin: z.enum(['proactive', 'complaint', 'unknown']),
  /** For a ring, its members; for a lead, the sellers it flags. */
  members: z.number(),
  /** The ring a lead's flagged sellers mostly belong to, or the leads that flag a ring's members. */
  related: z.array(z.string()),
  status: LifecycleStatus,
  closeReason: CloseReason.nullable(),
  lastReason: z.string().nullable(),
  assignee: z.string().nullable(),
  noticeAt: z.string().nullable(),
  refutedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
  outcomes: z.number(),
});
export type LifecycleItem = z.infer<typeof LifecycleItem>;

export const StatusChange = z.object({
  from: LifecycleStatus,
  to: LifecycleStatus,
  reason: z.string(),
  closeReason: CloseReason.nullable(),
  actor: z.string(),
  at: z.string(),
});
export type StatusChange = z.infer<typeof StatusChange>;

// ---- outcomes ----------------------------------------------------------------------

const Amount = z.number().finite().nonnegative().max(1e13);
const Currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as CNY or USD');
const Text = z.string().trim().min(1).max(500);
const Count = z.number().int().min(1).max(1_000_000);

export const PLATFORM_ACTIONS = [
  'listings_removed',
  'penalty_points',
  'deposit_confiscated',
  'shop_closed',
  'permanent_ban',
  'buyer_refunds',
] as const;
export const LOCATION_TYPES = ['factory', 'shop', 'warehouse', 'other'] as const;

/** Fields every outcome has; `id` is given by the engine when left out (a hash of the content). */
const OutcomeCommon = {
  id: z
    .string()
    .regex(/^O-[0-9a-f]{12}$/, 'must look like O- and 12 hex digits')
    .optional(),
  subject: SubjectRef,
  date: Day,
  note: z.string().trim().max(2000).optional(),
};

/** Each kind of outcome with the fields it needs. */
export const OutcomeInput = z.discriminatedUnion('kind', [
  z.strictObject({
    ...OutcomeCommon,
    kind: z.literal('referral'),
    agency: Text,
    reference: Text,
    officer: Text.optional(),
    packetSha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, "must be the packet zip's SHA-256 (64 hex digits)")
      .optional(),
  }),
  z.strictObject({
    ...OutcomeCommon,
    kind: z.literal('raid'),
    agency: Text.optional(),
    address: Text.optional(),
  }),
  z.strictObject({
    ...OutcomeCommon,
    kind: z.literal('arrest'),
    suspects: Count,
    agency: Text.optional(),
  }),
  z.strictObject({
    ...OutcomeCommon,
    kind: z.literal('location_closed'),
    locationType: z.enum(LOCATION_TYPES),
    address: Text,
    entityKey: z.string().min(1).max(300).optional(),
  }),
  z.strictObject({
    ...OutcomeCommon,
    kind: z.literal('seizure'),
    goods: Text,
    quantity: Count.optional(),
    amount: Amount,
    currency: Currency,
  }),
  z.strictObject({
    ...OutcomeCommon,
    kind: z.literal('prosecution'),
    defendants: Count,
    court: Text.optional(),
    reference: Text.optional(),
  }),
  z.strictObject({
    ...OutcomeCommon,
    kind: z.literal('sentence'),
    defendants: Count,
    months: z.number().int().min(0).max(1200).optional(),
    court: Text.optional(),
    amount: Amount.optional(),
    currency: Currency.optional(),
  }),
  z.strictObject({ ...OutcomeCommon, kind: z.literal('suit_filed'), court: Text, docket: Text }),
  z.strictObject({ ...OutcomeCommon, kind: z.literal('tro'), court: Text, docket: Text }),
  z.strictObject({
    ...OutcomeCommon,
    kind: z.literal('accounts_frozen'),
    accounts: Count,
    amount: Amount,
    currency: Currency,
    docket: Text.optional(),
  }),
  z.strictObject({
    ...OutcomeCommon,
    kind: z.literal('judgment'),
    court: Text,
    docket: Text,
    amount: Amount.optional(),
    currency: Currency.optional(),
  }),
  z.strictObject({
    ...OutcomeCommon,
    kind: z.literal('platform_action'),
    action: z.enum(PLATFORM_ACTIONS),
    target: z.string().min(1).max(300),
    quantity: Count.optional(),
    amount: Amount.optional(),
    currency: Currency.optional(),
  }),
]);
export type OutcomeInput = z.infer<typeof OutcomeInput>;
export type OutcomeKind = OutcomeInput['kind'];
export const OUTCOME_KINDS = OutcomeInput.options.map((o): OutcomeKind => o.shape.kind.value);

export const OUTCOME_LABELS: Record<OutcomeKind, string> = {
  referral: 'Referral to police',
  raid: 'Raid',
  arrest: 'Arrests',
  location_closed: 'Location closed',
  seizure: 'Goods seized',
  prosecution: 'Prosecution',
  sentence: 'Sentence',
  suit_filed: 'Civil suit filed',
  tro: 'Temporary restraining order',
  accounts_frozen: 'Accounts frozen',
  judgment: 'Judgment',
  platform_action: 'Platform action',
};

/** A stored outcome: the input, its id, who recorded it and when, and whether it was withdrawn. */
export const Outcome = z.object({
  id: z.string(),
  data: OutcomeInput,
  recordedBy: z.string(),
  recordedAt: z.string(),
  withdrawn: z.object({ by: z.string(), at: z.string(), reason: z.string() }).nullable(),
});
export type Outcome = z.infer<typeof Outcome>;

/** The columns of the outcomes CSV, in order: every field of every kind, blank where a kind has none. */
export const OUTCOME_CSV_COLUMNS = [
  'id',
  'subject',
  'kind',
  'date',
  'agency',
  'reference',
  'officer',
  'packetSha256',
  'suspects',
  'locationType',
  'address',
  'entityKey',
  'goods',
  'quantity',
  'amount',
  'currency',
  'defendants',
  'months',
  'court',
  'docket',
  'accounts',
  'action',
  'target',
  'note',
] as const;
export const OUTCOME_NUMBER_COLUMNS = new Set([
  'suspects',
  'quantity',
  'amount',
  'defendants',
  'months',
  'accounts',
]);

/** A location closed by a raid, placed on the map (null when its address names no known place). */
export const ClosedLocation = z.object({
  outcomeId: z.string(),
  subject: SubjectRef,
  date: z.string(),
  locationType: z.enum(LOCATION_TYPES),
  address: z.string(),
  entityKey: z.string().nullable(),
  place: z
    .object({
      country: z.string(),
      province: z.string().nullable(),
      provinceZh: z.string().nullable(),
      city: z.string().nullable(),
      cityZh: z.string().nullable(),
      precision: z.enum(['city', 'province', 'country']),
      lon: z.number(),
      lat: z.number(),
    })
    .nullable(),
});
export type ClosedLocation = z.infer<typeof ClosedLocation>;

// ---- the funnel ------------------------------------------------------------------------

const PerCurrency = z.record(z.string(), z.number());
export const FunnelMonth = z.object({
  month: z.string(),
  leads: z.number(),
  referrals: z.number(),
  prosecutions: z.number(),
  arrests: z.number(),
  locationsClosed: z.number(),
  valueSeized: PerCurrency,
});
export const Funnel = z.object({
  cases: z.array(z.string()),
  /** One lead is one investigation: a ring together with the leads that flag it, or a lead no ring covers. */
  stages: z.array(z.object({ stage: z.string(), count: z.number(), ofLeads: z.number() })),
  totals: z.object({
    leads: z.number(),
    referrals: z.number(),
    prosecutions: z.number(),
    defendantsProsecuted: z.number(),
    sentences: z.number(),
    raids: z.number(),
    arrests: z.number(),
    locationsClosed: z.number(),
    valueSeized: PerCurrency,
    suits: z.number(),
    restrainingOrders: z.number(),
    accountsFrozen: z.number(),
    amountFrozen: PerCurrency,
    judgments: z.number(),
    damages: PerCurrency,
    platformActions: z.record(z.string(), z.number()),
    closed: z.record(z.string(), z.number()),
    overdue: z.number(),
  }),
  conversion: z.object({
    leadToReferral: z.number(),
    referralToProsecution: z.number(),
    leadToProsecution: z.number(),
  }),
  byOrigin: z.array(
    z.object({
      origin: z.enum(['proactive', 'complaint', 'unknown']),
      leads: z.number(),
      referred: z.number(),
      prosecuted: z.number(),
    }),
  ),
  byStatus: z.record(z.string(), z.number()),
  months: z.array(FunnelMonth),
});
export type Funnel = z.infer<typeof Funnel>;
