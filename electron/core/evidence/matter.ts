/**
 * The matter a case's packets belong to: its title as printed on the cover, the Bates
 * prefix, the paper size the court expects (US courts: Letter) and the examiner who
 * prepares and certifies the packets. Kept in the case (settings, audited), so numbering
 * and names survive copying or renaming the case file, and the declarant is a person with
 * a name, title and organisation, never the operating system's user name.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { z } from 'zod';
import { appendAudit } from '../audit/log';

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
});
export type MatterSettings = z.infer<typeof MatterSettings>;

const KEY = 'evidence.matter';

export function matterSettings(db: Database): MatterSettings {
  const v = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(KEY) as
    string | undefined;
  return v ? MatterSettings.parse(JSON.parse(v)) : {};
}

export function setMatterSettings(
  db: Database,
  patch: MatterSettings,
  actor: string,
): MatterSettings {
  const next = MatterSettings.parse({ ...matterSettings(db), ...patch });
  db.transaction(() => {
    db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ).run(KEY, JSON.stringify(next));
    appendAudit(db, { actor, action: 'matter.edit', object: 'case', details: next });
  })();
  return next;
}
