/** What a certification is drawn from: the packet's content and the facts of its export. */
import type { PacketContent } from '../model';
import type { ExaminerProfile } from '../matter';

export interface CertificationInput {
  readonly content: PacketContent;
  readonly packetId: string;
  readonly auditHead: string;
  readonly examinerFingerprint: string;
  /** The examiner profile of the case, when it names the preparer. */
  readonly examiner?: ExaminerProfile | undefined;
  /** The marketplace's custodian of records, for the FRE 902(11) declaration. */
  readonly custodian?: ExaminerProfile | undefined;
  readonly dataFiles?: readonly { name: string; sha256: string }[] | undefined;
}

/** The examiner, only when the profile is the packet's preparer (never the OS user). */
export function declarant(input: CertificationInput): ExaminerProfile | undefined {
  const e = input.examiner;
  return e && e.name === input.content.options.preparer ? e : undefined;
}

export const unsignedBundles = (input: CertificationInput) =>
  input.content.bundles.filter((b) => b.signature !== 'trusted');
