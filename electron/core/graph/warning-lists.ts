/**
 * Warning lists of known-harmless shared identifiers (after MISP's warning lists): the
 * shipped defaults plus the case's own list, which the user edits (every edit audited).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { z } from 'zod';
import { resourcesDir } from '../demo/paths';
import { appendAudit } from '../audit/log';
import { canonicalJson } from '../util/canonical-json';
import { sha256Hex } from '../util/hash';

export const WarningEntry = z.object({
  type: z.string(),
  match: z.enum(['exact', 'prefix', 'suffix', 'contains', 'cidr']),
  value: z.string().min(1),
  reason: z.string().min(1),
});
export type WarningEntry = z.infer<typeof WarningEntry>;
export const WarningList = z.object({
  name: z.string(),
  version: z.string(),
  description: z.string().optional(),
  entries: z.array(WarningEntry),
});
export type WarningList = z.infer<typeof WarningList>;

export function defaultWarningList(): WarningList {
  return WarningList.parse(
    JSON.parse(
      readFileSync(join(resourcesDir(), 'warning-lists', 'marketplace-defaults.json'), 'utf8'),
    ),
  );
}

const CASE_LIST_KEY = 'warning_list.case';

export function caseWarningEntries(db: Database): WarningEntry[] {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(CASE_LIST_KEY) as
    { value: string } | undefined;
  return row ? z.array(WarningEntry).parse(JSON.parse(row.value)) : [];
}

export function setCaseWarningEntries(
  db: Database,
  entries: readonly WarningEntry[],
  actor: string,
): void {
  const parsed = z.array(WarningEntry).parse(entries);
  db.transaction(() => {
    db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ).run(CASE_LIST_KEY, JSON.stringify(parsed));
    appendAudit(db, {
      actor,
      action: 'warning-list.edit',
      object: 'case',
      details: { entries: parsed.length, hash: sha256Hex(canonicalJson(parsed)) },
    });
  })();
}

/** Both lists, and a version string that names exactly which entries were in force. */
export function effectiveWarningList(db: Database): { entries: WarningEntry[]; version: string } {
  const defaults = defaultWarningList();
  const own = caseWarningEntries(db);
  return {
    entries: [...defaults.entries, ...own],
    version: `${defaults.version}+case:${sha256Hex(canonicalJson(own)).slice(0, 12)}`,
  };
}

function ipv4ToInt(ip: string): number | undefined {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255))
    return undefined;
  return ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
}

/** The entry that matches a normalised identifier value, if any. */
export function matchWarning(
  entries: readonly WarningEntry[],
  type: string,
  values: readonly string[],
): WarningEntry | undefined {
  return entries.find((e) => {
    if (e.type !== type) return false;
    return values.some((raw) => {
      const v = raw.toLowerCase();
      const w = e.value.toLowerCase();
      switch (e.match) {
        case 'exact':
          return v === w;
        case 'prefix':
          return v.startsWith(w);
        case 'suffix':
          return v.endsWith(w);
        case 'contains':
          return v.includes(w);
        case 'cidr': {
          const [net, bits] = e.value.split('/');
          const a = ipv4ToInt(raw);
          const n = ipv4ToInt(net ?? '');
          if (a === undefined || n === undefined) return false;
          const mask = Number(bits) === 0 ? 0 : (~0 << (32 - Number(bits))) >>> 0;
          return (a & mask) === (n & mask);
        }
      }
    });
  });
}
