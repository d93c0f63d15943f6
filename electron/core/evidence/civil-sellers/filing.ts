/**
 * How a civil packet is filed (the matter's `filing`): a Schedule A suit is usually filed
 * under seal until the asset freeze is served, with a public version on the docket that
 * cuts account numbers to their last four digits (FRCP 5.2(a)(4)). The unredacted packet
 * says which it is on its cover and at the foot of every page, so a page copied out of it
 * still carries its status.
 */
import type { PacketType } from '../../../../shared/evidence/schemas';

export interface FilingLegend {
  /** The cover's "Filing" row. */
  readonly cover: string;
  /** Printed at the foot of every page; empty for none. */
  readonly footer: string;
}

export function filingLegend(
  type: PacketType,
  filing: 'sealed' | 'public' | undefined,
): FilingLegend | null {
  if (!filing || (type !== 'civil-sellers' && type !== 'civil-complainant')) return null;
  const publicVersion =
    type === 'civil-sellers'
      ? ' The public version for the docket is schedule-a-public.pdf with data/schedule-a.public.csv, .json and .xlsx (account numbers to their last four digits, FRCP 5.2(a)(4)).'
      : '';
  if (filing === 'sealed')
    return {
      cover: `FILED UNDER SEAL. This packet is unredacted.${publicVersion}`,
      footer: 'FILED UNDER SEAL',
    };
  return type === 'civil-sellers'
    ? {
        cover: `Public matter. This unredacted packet holds full financial-account numbers and is not for the public docket.${publicVersion}`,
        footer: 'UNREDACTED: NOT FOR THE PUBLIC DOCKET',
      }
    : { cover: 'Public matter.', footer: '' };
}
