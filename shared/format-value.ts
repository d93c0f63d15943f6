/**
 * A property value as text for tables, CSV cells and exchange formats: objects and arrays as
 * JSON, primitives as themselves, nothing as ''. One definition, so a value reads the same in
 * the app, a packet and an export.
 */
export function formatValue(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (typeof v === 'object') return JSON.stringify(v);
  // Functions and symbols never come out of JSON; name them rather than print their source.
  return `[${typeof v}]`;
}
