/**
 * The matter a case's packets belong to: its title as printed on the cover, the Bates
 * prefix, the paper size the court expects (US courts: Letter) and the examiner who
 * prepares and certifies the packets. Kept in the case (settings, audited), so numbering
 * and names survive copying or renaming the case file, and the declarant is a person with
 * a name, title and organisation, never the operating system's user name.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { MatterSettings } from '../../../shared/evidence/matter';
import { appendAudit } from '../audit/log';
import { RinglensError } from '../../../shared/errors';
import { referralJurisdictions } from './referral/thresholds';

export { ExaminerProfile, MatterSettings } from '../../../shared/evidence/matter';

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
  return replaceMatterSettings(db, { ...matterSettings(db), ...patch }, actor);
}

/**
 * Writes the whole matter (the Export view's form sends every field, so a cleared field is
 * unset), refusing a referral jurisdiction that has no thresholds file.
 */
export function replaceMatterSettings(
  db: Database,
  settings: MatterSettings,
  actor: string,
): MatterSettings {
  const next = MatterSettings.parse(settings);
  if (next.jurisdiction !== undefined) {
    const known = referralJurisdictions().map((j) => j.code);
    if (!known.includes(next.jurisdiction))
      throw new RinglensError(
        'INVALID_ARGUMENT',
        `no referral thresholds are kept for jurisdiction ${next.jurisdiction}`,
        {
          field: 'jurisdiction',
          hint: `choose one of ${known.join(', ')}, or add resources/referral-thresholds/${next.jurisdiction}.json citing its sources`,
        },
      );
  }
  db.transaction(() => {
    db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ).run(KEY, JSON.stringify(next));
    appendAudit(db, { actor, action: 'matter.edit', object: 'case', details: next });
  })();
  return next;
}
