/**
 * Every word of every page of a PDF with its box and its page's size, as poppler lays the
 * page out (`pdftotext -bbox`): text extraction alone also returns text printed outside the
 * page, so tests of what a reader sees check these boxes.
 */
import { execFileSync } from 'node:child_process';

export interface PdfWord {
  readonly page: number;
  readonly width: number;
  readonly height: number;
  readonly text: string;
  readonly xMin: number;
  readonly yMin: number;
  readonly xMax: number;
  readonly yMax: number;
}

export function pdfWords(pdf: string): PdfWord[] {
  const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const out: PdfWord[] = [];
  html
    .split('<page ')
    .slice(1)
    .forEach((page, i) => {
      const [, w, h] = /width="([\d.]+)" height="([\d.]+)"/.exec(page)!;
      for (const m of page.matchAll(
        /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
      ))
        out.push({
          page: i + 1,
          width: Number(w),
          height: Number(h),
          xMin: Number(m[1]),
          yMin: Number(m[2]),
          xMax: Number(m[3]),
          yMax: Number(m[4]),
          text: m[5]!
            .replace(/&amp;/g, '&')
            .replace(/&lt;/g, '<')
            .replace(/&gt;/g, '>')
            .replace(/&quot;/g, '"'),
        });
    });
  return out;
}

/** Words whose box leaves the page minus the given margins (points). */
export function wordsOutside(words: readonly PdfWord[], side = 30, topBottom = 20): PdfWord[] {
  return words.filter(
    (w) =>
      w.xMin < side ||
      w.yMin < topBottom ||
      w.xMax > w.width - side ||
      w.yMax > w.height - topBottom,
  );
}

/** The page text as pdftotext lays it out, page by page (1-based index; [0] unused). */
export function pdfPages(pdf: string): string[] {
  const t = execFileSync('pdftotext', ['-layout', pdf, '-'], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  return ['', ...t.split('\f')];
}

/** The text as pdftotext lays it out, of the whole PDF or of pages first..last (1-based). */
export function pdfText(pdf: string, pages: { first?: number; last?: number } = {}): string {
  const range = [
    ...(pages.first ? ['-f', String(pages.first)] : []),
    ...(pages.last ? ['-l', String(pages.last)] : []),
  ];
  return execFileSync('pdftotext', ['-layout', ...range, pdf, '-'], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
}

/** The page count pdfinfo reports. */
export function pdfPageCount(pdf: string): number {
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
}
