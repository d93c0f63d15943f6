/** What the importer tells its caller: progress events, the verification report, the result. */
import { z } from 'zod';

export const SignatureStatus = z.enum(['trusted', 'accepted', 'unsigned']);
export type SignatureStatus = z.infer<typeof SignatureStatus>;

export const ImportPhase = z.enum([
  'hashing',
  'verifying',
  'entities',
  'links',
  'evidence',
  'committing',
  'done',
]);
export const ImportProgress = z.object({
  phase: ImportPhase,
  file: z.string().optional(),
  rows: z.number().int().nonnegative(),
  bytes: z.number().nonnegative(),
  totalBytes: z.number().nonnegative(),
  percent: z.number().min(0).max(100),
});
export type ImportProgress = z.infer<typeof ImportProgress>;

export const FileCheck = z.object({
  path: z.string(),
  role: z.string(),
  size: z.number(),
  declaredSha256: z.string(),
  actualSha256: z.string().optional(),
  ok: z.boolean(),
  problem: z.string().optional(),
});

export const VerificationReport = z.object({
  file: z.string(),
  sha256: z.string(),
  bundleId: z.string(),
  issuer: z.object({
    name: z.string(),
    organisation: z.string().optional(),
    contact: z.string().optional(),
  }),
  createdAt: z.string(),
  description: z.string(),
  counts: z.object({ entities: z.number(), links: z.number(), evidence: z.number() }),
  signature: z.object({
    present: z.boolean(),
    valid: z.boolean(),
    fingerprint: z.string().optional(),
    trusted: z.boolean(),
  }),
  files: z.array(FileCheck),
  alreadyImported: z.boolean(),
  ok: z.boolean(),
  problems: z.array(z.string()),
});
export type VerificationReport = z.infer<typeof VerificationReport>;

export const ImportResult = z.object({
  bundleId: z.string(),
  sha256: z.string(),
  alreadyImported: z.boolean(),
  signature: SignatureStatus,
  signerFingerprint: z.string().nullable(),
  entityRows: z.number().int(),
  linkRows: z.number().int(),
  evidenceFiles: z.number().int(),
  newEntities: z.number().int(),
  mergedEntities: z.number().int(),
  newLinks: z.number().int(),
  auditHash: z.string().nullable(),
});
export type ImportResult = z.infer<typeof ImportResult>;
