/**
 * Which certifications a packet carries, by audience and jurisdiction: a referral to the
 * Chinese police gets the 电子数据提取笔录 (in Chinese, with the integrity values); a
 * referral to any other jurisdiction but the US a statement of data integrity that invokes
 * no foreign rule of evidence (in German and English for Germany); a US referral and the
 * civil and brand packets (filed in US courts) the examiner's FRE 902(13)/(14) declaration
 * and the marketplace custodian's FRE 902(11) declaration for the lead bundles.
 */
import type { Block } from './blocks';
import { businessRecordsDeclaration } from './business-records';
import { extractionRecordCn } from './extraction-record-cn';
import type { CertificationInput } from './input';
import { integrityStatement } from './integrity-statement';

export type { CertificationInput } from './input';

export function certificationsFor(
  input: CertificationInput,
  hashDeclaration: () => Block[],
  referralJurisdiction: string | undefined,
): Block[] {
  if (input.content.options.type === 'referral' && referralJurisdiction === 'CN')
    return extractionRecordCn(input);
  if (
    input.content.options.type === 'referral' &&
    referralJurisdiction !== undefined &&
    referralJurisdiction !== 'US'
  )
    return integrityStatement(input, referralJurisdiction);
  return [...hashDeclaration(), ...businessRecordsDeclaration(input)];
}
