/**
 * The investigator's per-identifier hub decisions: "this is a hub" (a sales rep, a
 * registered agent the numbers miss) or "this is not a hub" (a ring's own warehouse that
 * happens to be large). Kept in the case's settings, every change audited in the same
 * transaction; analysis reads them by entity key so they survive re-imports.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { z } from 'zod';
import { RinglensError } from '../../../shared/errors';
import { appendAudit } from '../audit/log';

export const HubOverrideEntry = z.object({
  key: z.string().min(1),
  decision: z.enum(['hub', 'not-hub']),
  reason: z.string().min(1),
  by: z.string(),
  at: z.string(),
});
export type HubOverrideEntry = z.infer<typeof HubOverrideEntry>;

const KEY = 'ring.hub-overrides';

export function hubOverrides(db: Database): HubOverrideEntry[] {
  const v = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(KEY) as
    string | undefined;
  return v ? z.array(HubOverrideEntry).parse(JSON.parse(v)) : [];
}

/** Sets (or with `decision: null` clears) the decision on one identifier, audited. */
export function setHubOverride(
  db: Database,
  input: { key: string; decision: 'hub' | 'not-hub' | null; reason: string; actor: string },
): HubOverrideEntry[] {
  const exists =
    input.key.startsWith('image|') ||
    db.prepare('SELECT 1 FROM entities WHERE key = ?').get(input.key) !== undefined;
  if (!exists)
    throw new RinglensError('NOT_FOUND', `no identifier with key “${input.key}” in this case`, {
      field: 'key',
      hint: 'use the key shown in the suppressed-hub list or the ring’s shared identifiers',
    });
  if (input.decision !== null && !input.reason.trim())
    throw new RinglensError('INVALID_ARGUMENT', 'a hub override needs a reason', {
      field: 'reason',
      hint: 'say why, in words a reviewer will read (e.g. “the platform’s own sales rep”)',
    });
  const at = new Date().toISOString();
  const next = hubOverrides(db).filter((o) => o.key !== input.key);
  if (input.decision !== null)
    next.push({
      key: input.key,
      decision: input.decision,
      reason: input.reason,
      by: input.actor,
      at,
    });
  next.sort((a, b) => a.key.localeCompare(b.key));
  db.transaction(() => {
    db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ).run(KEY, JSON.stringify(next));
    appendAudit(db, {
      actor: input.actor,
      action: 'ring.hub-override',
      object: input.key,
      details: { decision: input.decision, reason: input.reason },
    });
  })();
  return next;
}
