/**
 * A mapped import's report in sentences: how the file was read, and everything set aside or
 * merged (filtered rows, rows without an id, repeated ids with both values and both lines).
 */
import type { CsvMappingReport } from '../../../shared/interop/csv-mapping';
import { delimiterName } from './csv-read';

export function describeRead(r: CsvMappingReport): string {
  return `read ${r.file} as ${r.encoding.toUpperCase()}${r.bom ? ' with a BOM' : ''}, ${delimiterName(r.delimiter)}-separated: ${r.rows.toLocaleString('en')} rows, ${r.columns.length} columns`;
}

/** One line per thing the user should know; every conflict is listed. */
export function describeReport(
  r: CsvMappingReport,
  maxConflicts = Number.POSITIVE_INFINITY,
): string[] {
  const out: string[] = [];
  if (r.skippedByFilter)
    out.push(`${r.skippedByFilter.toLocaleString('en')} rows left out by the mapping's filters`);
  r.withoutId.forEach((n, i) => {
    if (n)
      out.push(
        `${n.toLocaleString('en')} rows have no id for mapped entity ${i + 1} (its id columns are empty), so that entity was not made from them`,
      );
  });
  if (r.selfLinks)
    out.push(`${r.selfLinks.toLocaleString('en')} links from an entity to itself left out`);
  if (r.repeatedLinks)
    out.push(`${r.repeatedLinks.toLocaleString('en')} repeated link rows merged into the first`);
  if (r.conflicts.length) {
    const ids = new Set(r.conflicts.map((c) => c.id)).size;
    out.push(
      `${r.conflicts.length.toLocaleString('en')} conflicting values on ${ids.toLocaleString('en')} repeated ids: the first value is kept and the other kept beside it (under extra):`,
    );
    for (const c of r.conflicts.slice(0, maxConflicts))
      out.push(
        `  ${c.id} ${c.prop}: "${c.kept.value}" (line ${c.kept.line}) and "${c.other.value}" (line ${c.other.line})`,
      );
    if (r.conflicts.length > maxConflicts)
      out.push(`  ... and ${r.conflicts.length - maxConflicts} more`);
  }
  return out;
}
