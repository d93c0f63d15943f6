/**
 * The Schedule A files of a civil-sellers packet: the sealed and public schedule as CSV
 * (CSV-injection neutralised), JSON and XLSX, the joinder grid as CSV and the redaction
 * log; and, once the packet PDF is laid out, the public Schedule A PDF that cites its pages.
 */
import { writeCsv } from '../../util/csv-cell';
import type { PacketContent } from '../model';
import { renderDocument } from '../pdf';
import { refuseTextPastMargins } from '../quality';
import { PUBLIC_PDF } from './content';
import { publicScheduleDocument } from './pdf-sections';
import { lastFour, SCHEDULE_A_COLUMNS, scheduleACells, type ScheduleARow } from './schedule-a';
import { writeXlsx } from './xlsx';

type File = { name: string; data: Buffer };

const LOG_COLUMNS = ['Doe', 'Field', 'Shown as', 'Rule', 'SHA-256 of the sealed value'];

export async function scheduleAFiles(c: PacketContent): Promise<File[]> {
  const s = c.scheduleA;
  if (!s) return [];
  const table = (rows: readonly ScheduleARow[]) => [
    [...SCHEDULE_A_COLUMNS],
    ...rows.map(scheduleACells),
  ];
  const log = [
    LOG_COLUMNS,
    ...s.redactionLog.map((e) => [e.doe, e.field, e.shownAs, e.rule, e.sealedSha256]),
  ];
  const joinder = [
    [
      'Doe',
      'Seller alias',
      'Identifier #',
      'Identifier type',
      'Identifier',
      'Source rows (bundle file:line)',
      'Joinder flag',
    ],
    ...s.joinder.rows.flatMap((r) =>
      r.cells.size
        ? s.joinder.columns
            .filter((col) => r.cells.has(col.n))
            .map((col) => [
              r.doe,
              r.alias,
              String(col.n),
              col.type,
              col.label,
              r.cells.get(col.n)!.join('; '),
              r.flag,
            ])
        : [[r.doe, r.alias, '', '', '', '', r.flag]],
    ),
  ];
  const json = (v: unknown) => Buffer.from(`${JSON.stringify(v, null, 2)}\n`);
  return [
    { name: 'data/schedule-a.csv', data: Buffer.from(writeCsv(table(s.sealed))) },
    { name: 'data/schedule-a.json', data: json(s.sealed) },
    {
      name: 'data/schedule-a.xlsx',
      data: await writeXlsx([{ name: 'Schedule A (sealed)', rows: table(s.sealed) }]),
    },
    { name: 'data/schedule-a.public.csv', data: Buffer.from(writeCsv(table(s.public))) },
    { name: 'data/schedule-a.public.json', data: json(s.public) },
    {
      name: 'data/schedule-a.public.xlsx',
      data: await writeXlsx([
        { name: 'Schedule A (public)', rows: table(s.public) },
        { name: 'Redaction log', rows: log },
      ]),
    },
    { name: 'data/redaction-log.csv', data: Buffer.from(writeCsv(log)) },
    { name: 'data/joinder.csv', data: Buffer.from(writeCsv(joinder)) },
    { name: 'data/joinder.public.csv', data: Buffer.from(writeCsv(publicJoinder(joinder))) },
  ];
}

/** The joinder grid with account identifiers cut to their last four digits. */
function publicJoinder(rows: readonly (readonly string[])[]): string[][] {
  return rows.map((r, i) =>
    i > 0 && (r[3] === 'payment account' || r[3] === 'bank account')
      ? r.map((v, k) => (k === 4 ? lastFour(v) : v))
      : [...r],
  );
}

/** The public Schedule A PDF, citing the Bates pages of the sealed packet just rendered. */
export async function publicSchedulePdf(
  c: PacketContent,
  packetId: string,
  identBates: ReadonlyMap<number, string>,
  pageSize: 'A4' | 'LETTER',
): Promise<File[]> {
  if (!c.scheduleA) return [];
  const pdf = await renderDocument(publicScheduleDocument(c, packetId, identBates, pageSize));
  refuseTextPastMargins(pdf);
  return [{ name: PUBLIC_PDF, data: pdf }];
}
