/**
 * The matter of a case's packets over the API (issue 15): everything `ringlens matter` can
 * set, read and written by the Export view. A write replaces the whole matter (a cleared
 * field is unset) and is audited as `matter.edit`, as from the CLI.
 */
import { z } from 'zod';
import { MatterSettings, ReferralJurisdiction } from '../evidence/matter';

export const MatterView = z.object({
  settings: MatterSettings,
  /** The jurisdictions with referral thresholds, for the choice of the referral's agency. */
  jurisdictions: z.array(ReferralJurisdiction),
  /** The last `matter.edit` entry of the audit log, or null while the matter was never set. */
  lastEdit: z.object({ seq: z.number(), at: z.string(), actor: z.string() }).nullable(),
});
export type MatterView = z.infer<typeof MatterView>;

export const MATTER_METHODS = {
  'matter.get': { input: z.object({}).strict(), output: MatterView },
  'matter.set': { input: z.object({ settings: MatterSettings }).strict(), output: MatterView },
} as const;
