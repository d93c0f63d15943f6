/**
 * The matter a case's packets belong to, as it crosses the API contract and the CLI: the
 * cover title, Bates prefix, paper size, the examiner (declarant) and the marketplace's
 * custodian of records, the referral jurisdiction and how civil packets are filed.
 */
import { z } from 'zod';

export const ExaminerProfile = z.object({
  name: z.string().min(1).max(200),
  title: z.string().max(200).default(''),
  organisation: z.string().max(200).default(''),
  qualifications: z.string().max(2000).default(''),
});
export type ExaminerProfile = z.infer<typeof ExaminerProfile>;

export const MatterSettings = z.object({
  title: z.string().max(300).optional(),
  batesPrefix: z
    .string()
    .regex(/^[A-Z0-9_-]{1,12}$/)
    .optional(),
  pageSize: z.enum(['A4', 'LETTER']).optional(),
  examiner: ExaminerProfile.optional(),
  /** The marketplace's custodian of records, declarant of the FRE 902(11) certification. */
  custodian: ExaminerProfile.optional(),
  /** The referral agency's country (ISO 3166-1 alpha-2), choosing thresholds and language. */
  jurisdiction: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  /**
   * How the civil packets are filed: `sealed` (the unredacted packet goes to the court under
   * seal, every page says so, and the public version is for the docket) or `public` (the
   * matter is unsealed: the unredacted packet is marked not for the public docket).
   */
  filing: z.enum(['sealed', 'public']).optional(),
});
export type MatterSettings = z.infer<typeof MatterSettings>;

/** A referral jurisdiction with a thresholds file (resources/referral-thresholds/). */
export const ReferralJurisdiction = z.object({
  code: z.string(),
  name: z.string(),
  agency: z.string(),
  /** False where the law sets no monetary threshold (the packet says so). */
  monetaryThreshold: z.boolean(),
});
