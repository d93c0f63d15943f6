/**
 * Which certifications a packet carries, by audience and jurisdiction: a referral to the
 * Chinese police gets the 电子数据提取笔录 (in Chinese, with the integrity values); every
 * other packet the examiner's FRE 902(13)/(14) declaration and the marketplace custodian's
 * FRE 902(11) declaration for the lead bundles.
 */
import type { Block } from './blocks';
import { businessRecordsDeclaration } from './business-records';
import { extractionRecordCn } from './extraction-record-cn';
import type { CertificationInput } from './input';

export type { CertificationInput } from './input';

export function certificationsFor(
  input: CertificationInput,
  hashDeclaration: () => Block[],
  referralJurisdiction: string | undefined,
): Block[] {
  if (input.content.options.type === 'referral' && referralJurisdiction === 'CN')
    return extractionRecordCn(input);
  return [...hashDeclaration(), ...businessRecordsDeclaration(input)];
}
