/**
 * Every string of a document description (pdfmake's, for packet.pdf) with its invisible and
 * reordering characters made visible: a seller named "Shop ‮gnp.exe" prints as
 * "Shop ‹U+202E›gnp.exe", not as boxes or reversed text. One pass over the whole document, so
 * no table or paragraph can be missed. The case's data is not changed.
 */
import { visibleControls } from '../../../shared/visible-controls';

/** ‹ › because the packet's font (WenQuanYi Micro Hei) has no ⟨ ⟩. */
const PDF_BRACKETS = ['‹', '›'] as const;

/**
 * Rewrites the strings in place and returns the same object: pdfmake leaves each laid-out
 * node's positions on the node itself, and the packet reads them back (exhibit pages).
 */
export function withVisibleControls<T>(value: T): T {
  walk(value, new WeakSet());
  return value;
}

function walk(v: unknown, seen: WeakSet<object>): void {
  if (v === null || typeof v !== 'object' || seen.has(v)) return;
  seen.add(v);
  if (Array.isArray(v)) {
    v.forEach((x, i) => {
      if (typeof x === 'string') v[i] = visibleControls(x, PDF_BRACKETS);
      else walk(x, seen);
    });
    return;
  }
  if (Object.getPrototypeOf(v) !== Object.prototype) return;
  const o = v as Record<string, unknown>;
  for (const [k, x] of Object.entries(o)) {
    if (typeof x === 'string') {
      const visible = visibleControls(x, PDF_BRACKETS);
      if (visible !== x) o[k] = visible;
    } else walk(x, seen);
  }
}
