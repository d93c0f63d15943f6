/**
 * What each input field of the contract is called on screen, so that an error names the
 * field the person sees ("Prepared by"), never the wire name ("preparer").
 */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  path: 'the file',
  csvPath: 'the CSV file',
  out: 'where to write',
  passphrase: 'the passphrase',
  ringId: 'the ring',
  complainant: 'the complainant',
  preparer: 'Prepared by',
  date: 'the date',
  minutes: 'auto-lock minutes',
  text: 'the note',
  tag: 'the tag',
  reason: 'the reason',
  agency: 'the agency',
  kind: 'the kind of outcome',
  subject: 'the ring or lead',
  target: 'the entity it names',
  amount: 'the amount',
  currency: 'the currency',
  reference: 'the reference',
  officer: 'the officer',
  closeReason: 'the reason for closing',
  assignee: 'the assignee',
  days: 'the number of days',
  mapping: 'the mapping',
  format: 'the format',
  type: 'the type',
  topN: 'how many to show',
  k: 'how many paths',
  from: 'the start',
  to: 'the end',
};

/** "the agency" for `outcome.agency`; the last named segment of the path wins. */
export function fieldLabel(path: readonly PropertyKey[]): string {
  for (let i = path.length - 1; i >= 0; i--) {
    const seg = path[i];
    if (typeof seg === 'string' && FIELD_LABELS[seg]) return FIELD_LABELS[seg];
  }
  const last = [...path].reverse().find((p) => typeof p === 'string');
  return typeof last === 'string' ? `"${last}"` : 'a value';
}

/** "The agency" at the start of a sentence. */
export const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
