/**
 * Dates as exports write them (`23-MAR-2006`, `2018.02.26 19:58`, `03/01/2025`), read by a
 * declared format and written as ISO 8601. Formats are declared, never guessed: `03/01`
 * is March in one country and January in the next.
 */
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const TOKENS: Record<string, string> = {
  YYYY: '(\\d{4})',
  YY: '(\\d{2})',
  MMMM: '([A-Za-z]{3,9})',
  MMM: '([A-Za-z]{3})',
  MM: '(\\d{2})',
  M: '(\\d{1,2})',
  DD: '(\\d{2})',
  D: '(\\d{1,2})',
  HH: '(\\d{2})',
  H: '(\\d{1,2})',
  mm: '(\\d{2})',
  ss: '(\\d{2})',
};
const TOKEN_RE = /YYYY|YY|MMMM|MMM|MM|M|DD|D|HH|H|mm|ss/g;

interface Compiled {
  re: RegExp;
  fields: string[];
}
const cache = new Map<string, Compiled>();

function compile(format: string): Compiled {
  let c = cache.get(format);
  if (c) return c;
  const fields: string[] = [];
  let src = '';
  let last = 0;
  for (const m of format.matchAll(TOKEN_RE)) {
    src += format.slice(last, m.index).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    src += TOKENS[m[0]]!;
    fields.push(m[0]);
    last = m.index + m[0].length;
  }
  src += format.slice(last).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  c = { re: new RegExp(`^${src}$`), fields };
  cache.set(format, c);
  return c;
}

/** True when the format names at least a year, a month and a day. */
export function isUsableDateFormat(format: string): boolean {
  const { fields } = compile(format);
  return (
    fields.some((f) => f.startsWith('Y')) &&
    fields.some((f) => f.startsWith('M')) &&
    fields.some((f) => f.startsWith('D'))
  );
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The ISO 8601 form of `value` read by `format`, or undefined when it does not fit or is no real date. */
export function parseDate(value: string, format: string): string | undefined {
  const { re, fields } = compile(format);
  const m = re.exec(value.trim());
  if (!m) return undefined;
  let y = NaN;
  let mo = NaN;
  let d = NaN;
  let h: number | undefined;
  let mi: number | undefined;
  let s: number | undefined;
  fields.forEach((f, i) => {
    const v = m[i + 1]!;
    if (f === 'YYYY') y = Number(v);
    else if (f === 'YY')
      y = 2000 + Number(v) > new Date().getUTCFullYear() + 10 ? 1900 + Number(v) : 2000 + Number(v);
    else if (f === 'MMM' || f === 'MMMM') mo = MONTHS.indexOf(v.slice(0, 3).toLowerCase()) + 1;
    else if (f.startsWith('M')) mo = Number(v);
    else if (f.startsWith('D')) d = Number(v);
    else if (f.startsWith('H')) h = Number(v);
    else if (f === 'mm') mi = Number(v);
    else if (f === 'ss') s = Number(v);
  });
  if (!(mo >= 1 && mo <= 12) || !(d >= 1) || !Number.isFinite(y)) return undefined;
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) return undefined;
  const date = `${pad(y, 4)}-${pad(mo)}-${pad(d)}`;
  if (h === undefined) return date;
  if (h > 23 || (mi ?? 0) > 59 || (s ?? 0) > 59) return undefined;
  return `${date}T${pad(h)}:${pad(mi ?? 0)}${s === undefined ? '' : `:${pad(s)}`}`;
}

const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Tries each format in turn, then ISO 8601 as written. */
export function parseDateAny(value: string, formats: readonly string[]): string | undefined {
  for (const f of formats) {
    const iso = parseDate(value, f);
    if (iso) return iso;
  }
  return ISO.test(value.trim()) ? value.trim() : undefined;
}
