/**
 * The date printed on a packet. A certification dated before the custody entries, status
 * changes or outcomes it certifies, or on a day that does not exist, is refused before
 * anything is written.
 */
import { RinglensError } from '../../../shared/errors';
import type { PacketContent } from './model';

/** True for a real calendar day written as YYYY-MM-DD (2025-02-30 is not one). */
export function isCalendarDate(date: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === date;
}

/** The latest dated event the packet shows, with what it is. */
export function latestEvent(c: PacketContent): { at: string; what: string } | null {
  let best: { at: string; what: string } | null = null;
  const see = (at: string | undefined, what: string) => {
    const day = (at ?? '').slice(0, 10);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return;
    if (!best || day > best.at) best = { at: day, what };
  };
  for (const t of c.timeline) see(t.at, `timeline: ${t.text}`);
  for (const x of c.exhibits)
    for (const r of x.custody) see(r.at, `chain of custody of ${x.number}: ${r.event}`);
  for (const b of c.bundles) see(b.importedAt, `import of bundle ${b.bundleId}`);
  for (const o of c.orders) see(o.placedAt, `order ${o.order}`);
  for (const k of c.complaints) see(k.filedAt, `complaint ${k.complaint}`);
  for (const h of c.caseStatus?.history ?? []) see(h.at, `status change to ${h.to}`);
  for (const o of c.caseStatus?.outcomes ?? []) see(o.date, `outcome ${o.kind}`);
  return best;
}

/** Refuses an impossible date, a date in the future or one before the packet's own data. */
export function checkPacketDate(date: string, content: PacketContent, today: string): void {
  if (!isCalendarDate(date))
    throw new RinglensError('INVALID_ARGUMENT', `the packet date ${date} is not a calendar day`, {
      field: 'date',
      hint: 'give the date as YYYY-MM-DD, e.g. 2025-03-02',
    });
  if (date > today)
    throw new RinglensError(
      'INVALID_ARGUMENT',
      `the packet date ${date} is in the future (today is ${today})`,
      { field: 'date', hint: 'date the packet the day it is produced' },
    );
  const latest = latestEvent(content);
  if (latest && date < latest.at)
    throw new RinglensError(
      'INVALID_ARGUMENT',
      `the packet date ${date} is before the latest event it contains (${latest.at}, ${latest.what})`,
      { field: 'date', hint: `date the packet ${latest.at} or later` },
    );
}
