/**
 * Everything the civil-sellers packet adds for a Schedule A suit, gathered once with the
 * rest of the packet: the flat schedule (sealed and public), the redaction log and the
 * joinder grid.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Ring, RingExplanation } from '../../../../shared/analysis/schemas';
import type { Defendant } from '../model';
import { doeFacts } from './facts';
import { joinderGrid, type JoinderGrid } from './joinder';
import {
  publicScheduleA,
  scheduleARows,
  type RedactionEntry,
  type ScheduleARow,
} from './schedule-a';

export interface CivilSellersContent {
  readonly sealed: readonly ScheduleARow[];
  readonly public: readonly ScheduleARow[];
  readonly redactionLog: readonly RedactionEntry[];
  readonly joinder: JoinderGrid;
}

export const PUBLIC_PDF = 'schedule-a-public.pdf';

export function civilSellersContent(
  db: Database,
  ring: Ring,
  defendants: readonly Defendant[],
  explanation: RingExplanation,
): CivilSellersContent {
  const facts = doeFacts(db, ring);
  const sealed = scheduleARows(defendants, facts);
  const pub = publicScheduleA(
    defendants,
    sealed,
    'data/schedule-a.public.csv, .xlsx and ' + PUBLIC_PDF,
  );
  return {
    sealed,
    public: pub.rows,
    redactionLog: pub.log,
    joinder: joinderGrid(
      explanation,
      facts,
      defendants.map((d) => ({ doe: d.doe, alias: d.alias || d.seller })),
    ),
  };
}
