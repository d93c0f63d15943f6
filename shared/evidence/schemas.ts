/** Evidence packet options and verification reports, as they cross IPC and the CLI. */
import { z } from 'zod';

export const PacketType = z.enum(['referral', 'civil-sellers', 'civil-complainant', 'brand-share']);
export type PacketType = z.infer<typeof PacketType>;

export const PacketOptions = z
  .object({
    type: PacketType,
    ringId: z
      .string()
      .regex(/^R-\d{4,}$/)
      .optional(),
    complainant: z.string().min(1).max(300).optional(),
    /** The export date printed in the packet (ISO date); fixed dates give byte-identical packets. */
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'the packet date must be written YYYY-MM-DD'),
    /** Who prepares the packet; default: the examiner profile of the case. */
    preparer: z.string().min(1).max(200).optional(),
    /** Limit exhibits to these evidence sha256 values (default: every exhibit in scope). */
    exhibits: z.array(z.string().regex(/^[0-9a-f]{64}$/)).optional(),
  })
  .refine(
    (o) => (o.type === 'civil-complainant' ? o.complainant !== undefined : o.ringId !== undefined),
    {
      message: 'a ring packet needs --ring, a complainant packet needs --complainant',
    },
  );
export type PacketOptions = z.infer<typeof PacketOptions>;

export const RedactionProfile = z.enum(['none', 'third-party-personal-data']);

export const FileVerdict = z.object({
  file: z.string(),
  ok: z.boolean(),
  problem: z.string().optional(),
});
export const PacketVerification = z.object({
  ok: z.boolean(),
  packetId: z.string().nullable(),
  signer: z.string().nullable(),
  /** The examiner fingerprint the manifest and the PDF name (null when they do not agree or lack one). */
  examiner: z.string().nullable().default(null),
  /** The fingerprint the checker expected (--expect-key), when one was given. */
  expectedKey: z.string().nullable().default(null),
  files: z.array(FileVerdict),
  problems: z.array(z.string()),
});
export type PacketVerification = z.infer<typeof PacketVerification>;
