/**
 * One complainant's dossier in full (issue 18): every complaint with its target and the
 * shop behind it, the outcome, and the brands it was filed for set against the rights the
 * complainant represents, next to the DSA Art. 23(3) figures and the flag's reasons.
 */
import { z } from 'zod';
import { ComplainantDossier, EntityRef } from '../analysis/schemas';

export const ComplaintRow = z.object({
  complaint: EntityRef,
  filedAt: z.string(),
  outcome: z.string(),
  resolvedAt: z.string().nullable(),
  listingsRemoved: z.number(),
  salesLost: z.number(),
  currency: z.string().nullable(),
  targets: z.array(EntityRef),
  /** The shops behind the targets (a listing's shop, a seller's shops, or the shop itself). */
  shops: z.array(EntityRef),
  /** Brands of the IP rights the targeted listings infringe. */
  brands: z.array(EntityRef),
});

export const ComplainantDetail = z.object({
  dossier: ComplainantDossier,
  complaints: z.array(ComplaintRow),
  /** Brands the complainant is recorded as representing. */
  represents: z.array(EntityRef),
  /** Each brand complained for: how many complaints, and whether it is represented. */
  filedFor: z.array(
    z.object({ brand: EntityRef, complaints: z.number(), represented: z.boolean() }),
  ),
});
export type ComplainantDetail = z.infer<typeof ComplainantDetail>;

export const DOSSIER_METHODS = {
  'complainant.get': {
    input: z.object({ key: z.string().min(1).max(300) }).strict(),
    output: ComplainantDetail,
  },
} as const;
