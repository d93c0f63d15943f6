/**
 * The in-process margin check reads text positions from the PDF bytes. Its boxes are
 * compared with poppler's (pdftotext -bbox), an independent reader, on real pdfmake
 * output; text placed past the page edge is found and the export gate names it.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderDocument } from '../../../../electron/core/evidence/pdf';
import { checkPageGeometry, textRuns } from '../../../../electron/core/evidence/pdf-geometry';
import { refuseTextPastMargins } from '../../../../electron/core/evidence/quality';
import { tempDir } from '../../../support/temp';

const dir = tempDir('ringlens-geometry-');

async function pdf(content: unknown[], extra: Record<string, unknown> = {}): Promise<Buffer> {
  return await renderDocument({
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 50],
    defaultStyle: { font: 'Ringlens', fontSize: 9 },
    content,
    ...extra,
  });
}

function popplerWords(
  buf: Buffer,
): { page: number; text: string; xMin: number; xMax: number; yMin: number }[] {
  const file = join(dir, `p-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, buf);
  const html = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
  return html
    .split('<page ')
    .slice(1)
    .flatMap((page, i) =>
      [
        ...page.matchAll(
          /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
        ),
      ].map((m) => ({
        page: i + 1,
        xMin: Number(m[1]),
        yMin: Number(m[2]),
        xMax: Number(m[3]),
        text: m[5]!,
      })),
    );
}

describe('text positions read from the PDF bytes', () => {
  it('agree with poppler on where each word starts and ends, Chinese and landscape pages included', async () => {
    const buf = await pdf([
      { text: 'Alpha beta 9bf9d49664319fb2dac0d6c80758f0c953fd80f9b589e60d72b19f5dcac28a2c' },
      { text: '王氏箱包17号店 Star Shoes', margin: [120, 10, 0, 0] },
      { text: 'Landscape', pageBreak: 'before', pageOrientation: 'landscape', alignment: 'right' },
    ]);
    const runs = textRuns(buf);
    expect(runs.pages.map((p) => [Math.round(p.width), Math.round(p.height)])).toEqual([
      [595, 842],
      [842, 595],
    ]);
    const words = popplerWords(buf);
    expect(words.length).toBeGreaterThanOrEqual(6);
    for (const w of words) {
      // The runs on the word's line that overlap it span it exactly (pdfmake may write a
      // word in several runs, e.g. Chinese characters one by one).
      const over = runs.runs.filter(
        (r) =>
          r.page === w.page &&
          Math.abs(runs.pages[r.page - 1]!.height - r.yMax - w.yMin) < 3 &&
          r.xMax > w.xMin + 0.1 &&
          r.xMin < w.xMax - 0.1,
      );
      expect(over.length, `${w.text} at ${w.xMin}`).toBeGreaterThan(0);
      expect(Math.min(...over.map((r) => r.xMin))).toBeCloseTo(w.xMin, 0);
      const end = Math.max(...over.map((r) => r.xMax));
      expect(end).toBeGreaterThanOrEqual(w.xMax - 0.6);
      expect(end - w.xMax).toBeLessThan(4); // at most a trailing space
    }
  });

  it('finds text printed past the right edge and the bottom, and passes a page that has none', async () => {
    const inside = await pdf([{ text: 'all inside' }]);
    expect(checkPageGeometry(inside).outside).toEqual([]);
    const outside = await pdf(
      [
        { text: 'fine' },
        { text: 'OFFPAGE-HASH', absolutePosition: { x: 560, y: 300 }, noWrap: true },
      ],
      // The page background is drawn anywhere on the page, the bottom edge included.
      { background: () => ({ text: 'LOW', absolutePosition: { x: 100, y: 830 }, noWrap: true }) },
    );
    const g = checkPageGeometry(outside);
    expect(g.outside.map((r) => r.text.trim()).sort()).toEqual(['LOW', 'OFFPAGE-HASH']);
    // Poppler agrees that these words are outside the printable area.
    const far = popplerWords(outside).filter(
      (w) => w.xMax > 595.28 - 30 || w.yMin > 841.89 - 20 - 12,
    );
    // (poppler drops the characters beyond the page: the hidden part of the text)
    expect(far.map((w) => w.text).sort()).toEqual(['LOW', 'OFFPAGE']);
  });

  it('refuses the export naming the page, the text and how far it runs past the edge', async () => {
    const outside = await pdf([
      { text: 'page one' },
      { text: 'page two', pageBreak: 'before' },
      { text: 'EX-001 RL0000012-RL0000014', absolutePosition: { x: 540, y: 200 }, noWrap: true },
    ]);
    expect(() => refuseTextPastMargins(outside)).toThrow(
      /Text past margins: 1 run of text would print outside the page \(page 2: “EX-001 RL0000012-RL0000014” runs \d+ pt past the right edge\)/,
    );
    expect(refuseTextPastMargins(await pdf([{ text: 'ok' }]))).toMatchObject({ pages: 1 });
  });
});
