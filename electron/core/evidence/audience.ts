/**
 * The audience-specific parts of a packet, gathered after the common content: a
 * referral's suspects, places and thresholds (referral/), a complainant suit's rights and
 * complaint exhibits (complainant/), and their data files. Kept apart from model.ts so the
 * common content stays one plain gathering step.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { writeCsv as csv } from '../util/csv-cell';
import { formatValue } from '../../../shared/format-value';
import { resolveEntity } from '../graph/path-query';
import { matterSettings } from './matter';
import type { PacketContent } from './model';
import { referralContent } from './referral/content';
import { complainantCase } from './complainant/content';

export function withAudience(db: Database, c: PacketContent): PacketContent {
  if (c.options.type === 'referral' && c.ring) {
    const trademarks = new Set(
      c.infringement.filter((r) => r.right.startsWith('trademark')).map((r) => r.registration),
    ).size;
    return {
      ...c,
      referral: referralContent(db, c.ring, {
        jurisdiction: matterSettings(db).jurisdiction,
        suppressedHubKeys: c.suppressedHubKeys,
        moneyAccounts: [...new Set(c.defendants.flatMap((d) => d.accounts.map((a) => a.key)))],
        trademarks,
        upheldComplaints: c.complaints.filter((k) => k.outcome === 'upheld').length,
      }),
    };
  }
  if (c.options.type === 'civil-complainant' && c.options.complainant)
    return { ...c, complainantCase: complainantCase(db, resolveEntity(db, c.options.complainant)) };
  return c;
}

/** The cover title: in Chinese and English on a referral to the Chinese police. */
export function audienceTitle(c: PacketContent, english: string): string {
  return c.referral?.bilingual ? `案件线索移送材料：售假团伙\n${english}` : english;
}

export function audienceDataFiles(c: PacketContent): { name: string; data: Buffer }[] {
  const out: { name: string; data: Buffer }[] = [];
  const both = <T extends object>(name: string, rows: readonly T[]) => {
    if (!rows.length) return;
    const cols = Object.keys(rows[0]!);
    out.push({
      name: `data/${name}.csv`,
      data: Buffer.from(
        csv([
          cols,
          ...rows.map((r) => cols.map((k) => formatValue((r as Record<string, unknown>)[k]))),
        ]),
      ),
    });
    out.push({
      name: `data/${name}.json`,
      data: Buffer.from(`${JSON.stringify(rows, null, 2)}\n`),
    });
  };
  const r = c.referral;
  if (r) {
    both(
      'suspects',
      r.suspects.map((s) => ({ ...s, roles: s.roles.join('; ') })),
    );
    both('places', r.places);
    both('seller-accounts', r.members);
    both(
      'thresholds',
      r.comparison.map((t) => ({
        jurisdiction: r.jurisdiction,
        offence: t.offence.en,
        kind: t.kind,
        criterion: t.criterion.en,
        comparison: t.comparison,
        threshold: t.threshold,
        currency: r.sales.currency,
        figure: t.figure,
        figureNote: t.figureNote.en,
        status: t.status,
      })),
    );
  }
  const k = c.complainantCase;
  if (k) {
    both('complaint-exhibits', k.exhibits);
    both('claimed-rights', k.claimed);
    both('damages', k.damages);
  }
  return out;
}
