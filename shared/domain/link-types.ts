/**
 * The link types of the Ringlens data model: which entity types each may join, and the
 * properties a link may carry. A link row in a bundle is checked against this table.
 */
import { z } from 'zod';
import { IsoDate, Text, type EntityType } from './entity-types';

export const LINK_PROPS = z.strictObject({
  since: IsoDate.optional(),
  until: IsoDate.optional(),
  confidence: z.number().min(0).max(1).optional(),
  note: Text.optional(),
  /** Properties from another tool (e.g. a FollowTheMoney Payment's amount) with no Ringlens field: kept, never dropped. */
  extra: z.record(z.string().max(200), z.array(Text).max(1000)).optional(),
});
export type LinkProps = z.infer<typeof LINK_PROPS>;

type Ends = readonly EntityType[] | '*';
export interface LinkTypeInfo {
  readonly label: string;
  readonly from: Ends;
  readonly to: Ends;
}

const IDENTIFIERS: EntityType[] = [
  'device',
  'phone',
  'email',
  'ip_address',
  'payment_account',
  'bank_account',
];
const ACTORS: EntityType[] = ['seller', 'shop', 'person', 'company', 'complainant'];

export const LINK_INFO = {
  operates: { label: 'operates', from: ['seller', 'person', 'company'], to: ['shop', 'seller'] },
  lists: { label: 'lists', from: ['shop', 'seller'], to: ['listing'] },
  ships_from: {
    label: 'ships from',
    from: ['shop', 'listing', 'order', 'seller'],
    to: ['warehouse'],
  },
  paid_to: {
    label: 'paid to',
    from: ['order', 'shop', 'seller', 'listing'],
    to: ['payment_account', 'bank_account'],
  },
  withdraws_to: {
    label: 'withdraws to',
    from: ['payment_account', 'shop', 'seller'],
    to: ['bank_account'],
  },
  owns: { label: 'owns', from: ['person', 'company'], to: '*' },
  uses: { label: 'uses', from: [...ACTORS], to: [...IDENTIFIERS, 'warehouse'] },
  bought: { label: 'bought', from: ['order'], to: ['listing'] },
  filed: { label: 'filed', from: ['complainant'], to: ['complaint'] },
  targets: { label: 'targets', from: ['complaint'], to: ['listing', 'shop', 'seller'] },
  represents: {
    label: 'represents',
    from: ['complainant', 'person', 'company'],
    to: ['brand', 'complainant', 'company'],
  },
  infringes: { label: 'infringes', from: ['listing'], to: ['ip_right'] },
  protects: { label: 'protects', from: ['ip_right'], to: ['brand'] },
  evidences: { label: 'evidences', from: ['evidence'], to: '*' },
  flags: { label: 'flags', from: ['lead'], to: '*' },
  related: { label: 'related', from: '*', to: '*' },
} as const satisfies Record<string, LinkTypeInfo>;

export type LinkType = keyof typeof LINK_INFO;
export const LINK_TYPES = Object.keys(LINK_INFO) as LinkType[];
export const LinkTypeSchema = z.enum(LINK_TYPES as [LinkType, ...LinkType[]]);

export function linkAllows(type: LinkType, fromType: EntityType, toType: EntityType): boolean {
  const info: LinkTypeInfo = LINK_INFO[type];
  const ok = (ends: Ends, t: EntityType) => ends === '*' || ends.includes(t);
  return ok(info.from, fromType) && ok(info.to, toType);
}
