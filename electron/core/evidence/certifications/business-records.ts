/**
 * The marketplace custodian's certification of its business records under FRE 902(11)
 * (records of a regularly conducted activity, FRE 803(6)(A)-(C)), for the lead bundles the
 * marketplace issued. The declarant is the custodian named in the matter (`ringlens matter
 * --custodian-name ...`); until one is named the declaration leaves the name and title for
 * the custodian to fill in, and never names the examiner or the operating-system user.
 */
import { grid, hash, heading, para, signatureLine, type Block } from './blocks';
import { unsignedBundles, type CertificationInput } from './input';

export function businessRecordsDeclaration(input: CertificationInput): Block[] {
  const c = input.content;
  const k = input.custodian;
  const issuers = [...new Set(c.bundles.map((b) => b.issuer))];
  const employer = k?.organisation || issuers.join(', ') || '________________';
  const name = k?.name ?? '________________________';
  const unsigned = unsignedBundles(input);
  const n = (i: number, t: string) => para(`${i}. ${t}`);
  return [
    heading('10A. Certification of business records (FRE 902(11))'),
    para(
      `DECLARATION OF ${k ? k.name.toUpperCase() : '[CUSTODIAN OF RECORDS]'}, CUSTODIAN OF RECORDS OF ${employer.toUpperCase()}`,
    ),
    n(
      1,
      `I, ${name}, am ${k?.title ? `${k.title} at ` : 'employed by '}${employer}${k?.title ? '' : ' as ________________'}, and a custodian of its records or another person qualified to certify them. ${k?.qualifications ? `${k.qualifications} ` : ''}I am familiar with the manner in which the records listed below are created and kept.`,
    ),
    n(
      2,
      `The records listed below are true copies of records of ${employer}, produced as the lead bundles identified by their SHA-256 digests. They were (A) made at or near the time of the occurrence of the matters set forth in them by, or from information transmitted by, a person with knowledge of those matters; (B) kept in the course of the regularly conducted activity of ${employer}; and (C) made as a regular practice of that activity.`,
    ),
    grid(
      ['Lead bundle', 'Issuer', 'SHA-256 of the bundle as produced', 'Signature'],
      c.bundles.map((b) => [
        b.bundleId,
        b.issuer,
        hash(b.sha256),
        b.signature === 'trusted'
          ? 'signed (trusted key)'
          : `UNSIGNED or untrusted (${b.signature})`,
      ]),
      [110, 90, 235, '*'],
    ),
    n(
      3,
      unsigned.length
        ? `The following bundles were produced without a signature the case trusts: ${unsigned.map((b) => b.bundleId).join(', ')}. Their identity rests on the SHA-256 digests above, which I confirm are the digests of the bundles ${employer} produced.`
        : `Each bundle was signed with a key of ${employer} that the case trusts.`,
    ),
    n(
      4,
      'Notice: the party offering these records gives every adverse party reasonable written notice of the intent to offer them under FRE 902(11) and makes the records and this declaration available for inspection before the trial or hearing, so that the party has a fair opportunity to challenge them.',
    ),
    n(
      5,
      'I declare under penalty of perjury under the laws of the United States of America that the foregoing is true and correct (28 U.S.C. § 1746).',
    ),
    para('Executed on ______________ at ________________.'),
    signatureLine(
      'Signature:',
      k
        ? [k.name, k.title, k.organisation].filter(Boolean).join(', ')
        : 'Name, title and employer of the custodian',
    ),
  ];
}
