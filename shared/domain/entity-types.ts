/**
 * The entity types of the Ringlens data model, one zod schema per type.
 *
 * Everything else derives from these: the bundle row validator, the JSON Schema in the
 * bundle spec, the TypeScript types used by the engine and the UI, and the redaction
 * profiles (through `piiFields`). Add a type here and every layer learns about it.
 */
import { z } from 'zod';

/** ISO 8601 date or date-time, bounded to years a marketplace record can plausibly carry. */
export const IsoDate = z
  .string()
  .max(40)
  .regex(
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/,
    'must be an ISO 8601 date such as 2025-03-01 or 2025-03-01T08:30:00Z',
  )
  .refine((s) => {
    const [y, m, d] = s.slice(0, 10).split('-').map(Number) as [number, number, number];
    // Date.parse rolls 2025-02-30 over to March; a calendar check does not.
    const day = new Date(Date.UTC(y, m - 1, d));
    const real =
      day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d;
    return (
      real &&
      !Number.isNaN(Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s)) &&
      y >= 1990 &&
      y <= 2100
    );
  }, 'must be a real date between 1990 and 2100');

/** Free text: bounded so one hostile field cannot exhaust memory, NUL bytes refused. */
export const Text = z
  .string()
  .max(65_536, 'is longer than 65,536 characters')
  .refine((s) => !s.includes('\u0000'), 'contains a NUL byte');
const ShortText = z
  .string()
  .min(1)
  .max(1_000)
  .refine((s) => !s.includes('\u0000'), 'contains a NUL byte');
const Money = z.number().finite().nonnegative().max(1e12);
const Currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as CNY or USD');
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits (SHA-256)');
const Url = z
  .string()
  .max(2_048)
  .regex(/^https?:\/\/\S+$/i, 'must be an http(s) URL');
const Address = z.object({
  line: ShortText.optional(),
  city: ShortText.optional(),
  province: ShortText.optional(),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code')
    .optional(),
  postcode: z.string().max(20).optional(),
});

/** One physical custody event of a test-buy parcel (ISO/IEC 27037 style). */
export const CustodyEvent = z.object({
  event: z.enum([
    'ordered',
    'shipped',
    'received',
    'unboxed',
    'authenticated',
    'stored',
    'transferred',
    'destroyed',
  ]),
  at: IsoDate,
  handler: ShortText,
  place: ShortText.optional(),
  tracking: ShortText.optional(),
  photos: z.array(ShortText).max(50).optional(),
  note: Text.optional(),
});

const Common = {
  name: ShortText.optional(),
  notes: Text.optional(),
  firstSeen: IsoDate.optional(),
  lastSeen: IsoDate.optional(),
  /** Properties from another tool (e.g. FollowTheMoney) with no Ringlens field: kept, never dropped. */
  extra: z.record(z.string().max(200), z.array(Text).max(1000)).optional(),
};

export const ENTITY_PROPS = {
  lead: z.strictObject({
    ...Common,
    reason: Text,
    score: z.number().min(0).max(100).optional(),
    analyst: ShortText.optional(),
    flaggedAt: IsoDate.optional(),
    origin: z.enum(['proactive', 'complaint']).optional(),
  }),
  seller: z.strictObject({
    ...Common,
    marketplaceId: ShortText.optional(),
    alias: ShortText.optional(),
    registeredAt: IsoDate.optional(),
    status: z.enum(['active', 'suspended', 'closed', 'banned']).optional(),
  }),
  shop: z.strictObject({
    ...Common,
    url: Url.optional(),
    marketplace: ShortText.optional(),
    marketplaceId: ShortText.optional(),
    openedAt: IsoDate.optional(),
    category: ShortText.optional(),
    status: z.enum(['active', 'suspended', 'closed', 'banned']).optional(),
  }),
  listing: z.strictObject({
    ...Common,
    title: ShortText.optional(),
    url: Url.optional(),
    price: Money.optional(),
    currency: Currency.optional(),
    category: ShortText.optional(),
    listedAt: IsoDate.optional(),
    imageFingerprints: z
      .array(z.string().regex(/^[0-9a-f]{8,64}$/, 'must be a hex perceptual hash'))
      .max(100)
      .optional(),
  }),
  order: z.strictObject({
    ...Common,
    orderNumber: ShortText.optional(),
    placedAt: IsoDate.optional(),
    amount: Money.optional(),
    currency: Currency.optional(),
    buyer: ShortText.optional(),
    buyerAddress: Address.optional(),
    testBuy: z.boolean().optional(),
    verdict: z.enum(['counterfeit', 'genuine', 'inconclusive']).optional(),
    verdictBy: ShortText.optional(),
    verdictAt: IsoDate.optional(),
    reportEvidenceId: ShortText.optional(),
    custody: z.array(CustodyEvent).max(100).optional(),
  }),
  warehouse: z.strictObject({ ...Common, address: Address }),
  payment_account: z.strictObject({
    ...Common,
    provider: ShortText,
    accountNumber: ShortText,
    holder: ShortText.optional(),
  }),
  bank_account: z.strictObject({
    ...Common,
    bank: ShortText.optional(),
    iban: ShortText.optional(),
    accountNumber: ShortText,
    holder: ShortText.optional(),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .optional(),
  }),
  device: z.strictObject({
    ...Common,
    fingerprint: ShortText,
    model: ShortText.optional(),
    os: ShortText.optional(),
  }),
  phone: z.strictObject({ ...Common, number: ShortText }),
  email: z.strictObject({
    ...Common,
    address: z
      .string()
      .max(320)
      .regex(/^[^\s@]+@[^\s@]+$/, 'must be an e-mail address'),
  }),
  ip_address: z.strictObject({
    ...Common,
    address: z
      .string()
      .max(45)
      .regex(/^(\d{1,3}(\.\d{1,3}){3}|[0-9a-fA-F:]+)$/, 'must be an IPv4 or IPv6 address'),
    asn: ShortText.optional(),
  }),
  person: z.strictObject({
    ...Common,
    name: ShortText,
    nationalId: ShortText.optional(),
    birthDate: IsoDate.optional(),
    address: Address.optional(),
    role: z.enum(['suspect', 'buyer', 'witness', 'investigator', 'agent', 'other']).optional(),
  }),
  company: z.strictObject({
    ...Common,
    name: ShortText,
    registrationNumber: ShortText.optional(),
    jurisdiction: ShortText.optional(),
    address: Address.optional(),
  }),
  brand: z.strictObject({ ...Common, name: ShortText, owner: ShortText.optional() }),
  ip_right: z.strictObject({
    ...Common,
    kind: z.enum(['trademark', 'copyright', 'design_patent']),
    registrationNumber: ShortText,
    jurisdiction: ShortText,
    owner: ShortText.optional(),
    title: ShortText.optional(),
  }),
  complainant: z.strictObject({
    ...Common,
    name: ShortText,
    kind: z.enum(['rights_holder', 'agent']),
    registeredAt: IsoDate.optional(),
  }),
  complaint: z.strictObject({
    ...Common,
    filedAt: IsoDate,
    outcome: z.enum(['upheld', 'refuted', 'withdrawn', 'pending', 'reinstated']),
    resolvedAt: IsoDate.optional(),
    listingsRemoved: z.number().int().min(0).max(1e7).optional(),
    salesLost: Money.optional(),
    currency: Currency.optional(),
    refutation: Text.optional(),
    evidenceFingerprint: z.string().max(128).optional(),
  }),
  evidence: z.strictObject({
    ...Common,
    file: ShortText,
    sha256: Sha256,
    mediaType: ShortText,
    capturedAt: IsoDate.optional(),
    capturedBy: ShortText.optional(),
    description: Text.optional(),
  }),
  /** Anything from another tool that has no Ringlens type (a FollowTheMoney schema we do not map): kept whole, never dropped. */
  thing: z.strictObject({
    ...Common,
    schema: ShortText,
    properties: z.record(z.string().max(200), z.array(Text).max(1000)),
  }),
} as const;

export type EntityType = keyof typeof ENTITY_PROPS;
export const ENTITY_TYPES = Object.keys(ENTITY_PROPS) as EntityType[];
export const EntityTypeSchema = z.enum(ENTITY_TYPES as [EntityType, ...EntityType[]]);
export type EntityProps<T extends EntityType = EntityType> = z.infer<(typeof ENTITY_PROPS)[T]>;

/** How each type behaves in analysis and display. */
export interface EntityTypeInfo {
  readonly label: string;
  /** Shared identifiers that can tie shops into one ring. */
  readonly linking: boolean;
  /** The property (or properties) resolved into one canonical node across bundles. */
  readonly identity?: readonly string[];
  /** Fields that hold personal data of buyers or third parties, masked by redaction profiles. */
  readonly piiFields: readonly string[];
}

export const ENTITY_INFO: Record<EntityType, EntityTypeInfo> = {
  lead: { label: 'Lead', linking: false, piiFields: ['analyst'] },
  seller: { label: 'Seller account', linking: false, piiFields: [] },
  shop: { label: 'Shop', linking: false, piiFields: [] },
  listing: { label: 'Listing', linking: false, piiFields: [] },
  order: { label: 'Order', linking: false, piiFields: ['buyer', 'buyerAddress'] },
  warehouse: {
    label: 'Warehouse / shipping origin',
    linking: true,
    identity: ['address'],
    piiFields: [],
  },
  payment_account: {
    label: 'Payment account',
    linking: true,
    identity: ['provider', 'accountNumber'],
    piiFields: [],
  },
  bank_account: {
    label: 'Bank account',
    linking: true,
    identity: ['accountNumber'],
    piiFields: [],
  },
  device: { label: 'Device', linking: true, identity: ['fingerprint'], piiFields: [] },
  phone: { label: 'Phone', linking: true, identity: ['number'], piiFields: [] },
  email: { label: 'E-mail', linking: true, identity: ['address'], piiFields: [] },
  ip_address: { label: 'IP address', linking: true, identity: ['address'], piiFields: [] },
  person: { label: 'Person', linking: true, piiFields: ['nationalId', 'birthDate', 'address'] },
  company: { label: 'Company', linking: true, piiFields: [] },
  brand: { label: 'Brand', linking: false, piiFields: [] },
  ip_right: { label: 'IP right', linking: false, piiFields: [] },
  complainant: { label: 'Complainant', linking: false, piiFields: [] },
  complaint: { label: 'IP complaint', linking: false, piiFields: [] },
  evidence: { label: 'Evidence file', linking: false, piiFields: [] },
  thing: { label: 'Other (imported)', linking: false, piiFields: [] },
};

/** Entities whose role in a ring is "member" (the accounts a suit names). */
export const RING_MEMBER_TYPES: readonly EntityType[] = ['seller', 'shop'];
