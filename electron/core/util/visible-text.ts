/**
 * Every string of a document description (pdfmake's, for packet.pdf) with its invisible and
 * reordering characters made visible: a seller named "Shop ‮gnp.exe" prints as
 * "Shop ‹U+202E›gnp.exe", not as boxes or reversed text. One pass over the whole document, so
 * no table or paragraph can be missed. The case's data is not changed.
 */
import { visibleControls } from '../../../shared/visible-controls';

/** ‹ › because the packet's font (WenQuanYi Micro Hei) has no ⟨ ⟩. */
const PDF_BRACKETS = ['‹', '›'] as const;

export function withVisibleControls<T>(value: T): T {
  return walk(value) as T;
}

function walk(v: unknown): unknown {
  if (typeof v === 'string') return visibleControls(v, PDF_BRACKETS);
  if (Array.isArray(v)) return v.map(walk);
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = walk(x);
    return out;
  }
  return v;
}
