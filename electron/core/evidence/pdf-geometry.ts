/**
 * Where every run of text lands on the pages of a rendered packet, measured from the PDF
 * bytes themselves (content streams, the embedded fonts' glyph widths, the graphics state),
 * in-process and before the packet is written. Text past the printable area is hidden
 * text: a reader cannot see it, text extraction still returns it, and opposing counsel
 * will call it tampering. The export refuses a packet that has any.
 *
 * This reads what pdfkit writes (one object per `N 0 obj`, Flate streams, Type0 fonts with
 * Identity-H glyph ids and a /W width array); it is not a general PDF parser.
 */
import { inflateSync } from 'node:zlib';

/** Distance from the page edge, in points, that text must keep (the test's pdftotext check). */
export const EDGE_X = 30;
export const EDGE_Y = 20;

export interface TextRun {
  readonly page: number;
  readonly xMin: number;
  readonly yMin: number;
  readonly xMax: number;
  readonly yMax: number;
  readonly glyphs: number;
  /** The run's first 40 characters, to name it in an error. */
  readonly text: string;
}

export interface PageGeometry {
  readonly pages: number;
  readonly runs: number;
  /** Runs that cross the printable area (the page minus EDGE_X / EDGE_Y). */
  readonly outside: readonly (TextRun & { width: number; height: number })[];
}

type M = [number, number, number, number, number, number];
const mul = (a: M, b: M): M => [
  a[0] * b[0] + a[1] * b[2],
  a[0] * b[1] + a[1] * b[3],
  a[2] * b[0] + a[3] * b[2],
  a[2] * b[1] + a[3] * b[3],
  a[4] * b[0] + a[5] * b[2] + b[4],
  a[4] * b[1] + a[5] * b[3] + b[5],
];
const ID: M = [1, 0, 0, 1, 0, 0];

interface Obj {
  readonly dict: string;
  /** The decoded stream, inflated on first use (image streams are never needed). */
  readonly stream?: Buffer;
}

function lazyStream(dict: string, raw: Buffer): Obj {
  let data: Buffer | undefined;
  return {
    dict,
    get stream() {
      data ??= /\/Filter\s*\/FlateDecode/.test(dict) ? inflateSync(raw) : raw;
      return data;
    },
  };
}

function objects(pdf: Buffer): Map<number, Obj> {
  const s = pdf.toString('latin1');
  const out = new Map<number, Obj>();
  const re = /(?:^|[\r\n])(\d+) 0 obj\b/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const start = m.index + m[0].length;
    const end = s.indexOf('endobj', start);
    if (end < 0) break;
    const body = s.slice(start, end);
    const si = body.indexOf('stream');
    if (si >= 0 && /\/Length\s+\d+/.test(body.slice(0, si))) {
      const dict = body.slice(0, si);
      const len = Number(/\/Length\s+(\d+)/.exec(dict)![1]);
      let from = start + si + 'stream'.length;
      if (s[from] === '\r') from++;
      if (s[from] === '\n') from++;
      out.set(Number(m[1]), lazyStream(dict, pdf.subarray(from, from + len)));
      re.lastIndex = from + len;
    } else {
      out.set(Number(m[1]), { dict: body });
      re.lastIndex = end;
    }
  }
  return out;
}

const ref = (dict: string, key: string): number | undefined => {
  const m = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict);
  return m ? Number(m[1]) : undefined;
};
/** `/Font << /F1 16 0 R /F2 205 0 R >>` -> { F1: 16, F2: 205 } */
const namedRefs = (dict: string, key: string): Map<string, number> => {
  const m = new RegExp(`/${key}\\s*<<([^>]*)>>`).exec(dict);
  const out = new Map<string, number>();
  if (m) for (const x of m[1]!.matchAll(/\/([^\s/]+)\s+(\d+) 0 R/g)) out.set(x[1]!, Number(x[2]));
  return out;
};

interface Font {
  /** Width of glyph id in 1/1000 em. */
  width(gid: number): number;
  /** Bytes per glyph code (2 for Identity-H, 1 for simple fonts). */
  readonly bytes: 1 | 2;
  /** The text a glyph code stands for (its ToUnicode entry). */
  char(code: number): string;
}

/** A ToUnicode CMap's bfchar and bfrange entries, as pdfkit writes them. */
function toUnicode(cmap: string): Map<number, string> {
  const out = new Map<number, string>();
  const hex = (h: string) => parseInt(h, 16);
  const str = (h: string) =>
    String.fromCharCode(...(h.match(/.{4}/g) ?? []).map((x) => parseInt(x, 16)));
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const m of block[1]!.matchAll(/<([\da-f]+)>\s*<([\da-f]+)>\s*(\[[^\]]*\]|<[\da-f]+>)/gi)) {
      const [a, b] = [hex(m[1]!), hex(m[2]!)];
      if (m[3]!.startsWith('['))
        [...m[3]!.matchAll(/<([\da-f]+)>/gi)].forEach((d, k) => out.set(a + k, str(d[1]!)));
      else
        for (let c = a, u = hex(m[3]!.slice(1, -1)); c <= b; c++, u++)
          out.set(c, String.fromCharCode(u));
    }
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const m of block[1]!.matchAll(/<([\da-f]+)>\s*<([\da-f]+)>/gi))
      out.set(hex(m[1]!), str(m[2]!));
  return out;
}

function fontOf(objs: Map<number, Obj>, id: number): Font {
  const o = objs.get(id)?.dict ?? '';
  const desc = /\/DescendantFonts\s*\[\s*(\d+) 0 R/.exec(o);
  if (desc) {
    const d = objs.get(Number(desc[1]))?.dict ?? '';
    const widths = new Map<number, number>();
    const w = /\/W\s*\[([\s\S]*)\]/.exec(d)?.[1] ?? '';
    // W entries: `c [w1 w2 ...]` or `c1 c2 w`.
    const tokens = w.match(/\[|\]|-?[\d.]+/g) ?? [];
    for (let i = 0; i < tokens.length;) {
      const c = Number(tokens[i++]);
      if (tokens[i] === '[') {
        i++;
        let k = 0;
        while (i < tokens.length && tokens[i] !== ']') widths.set(c + k++, Number(tokens[i++]));
        i++;
      } else {
        const c2 = Number(tokens[i++]);
        const v = Number(tokens[i++]);
        for (let k = c; k <= c2; k++) widths.set(k, v);
      }
    }
    const dw = Number(/\/DW\s+([\d.]+)/.exec(d)?.[1] ?? 1000);
    const tu = ref(o, 'ToUnicode');
    const chars = toUnicode(
      tu !== undefined ? (objs.get(tu)?.stream?.toString('latin1') ?? '') : '',
    );
    return { width: (g) => widths.get(g) ?? dw, bytes: 2, char: (g) => chars.get(g) ?? '?' };
  }
  const first = Number(/\/FirstChar\s+(\d+)/.exec(o)?.[1] ?? 0);
  const list = (/\/Widths\s*\[([^\]]*)\]/.exec(o)?.[1] ?? '').trim().split(/\s+/).map(Number);
  // A standard 14 font without widths: assume an average Latin width.
  return { width: (g) => list[g - first] ?? 600, bytes: 1, char: (g) => String.fromCharCode(g) };
}

/** Whitespace and delimiters end a PDF token. */
const DELIM = new Uint8Array(256);
for (const ch of ' \t\r\n\f\0/[]<>()%') DELIM[ch.charCodeAt(0)] = 1;
const endOfToken = (src: string, j: number) => {
  while (j < src.length && !DELIM[src.charCodeAt(j)]) j++;
  return j;
};

/** Token kinds of a content stream, as the lexer returns them. */
const END = 0;
const NUM = 1;
const NAME = 2;
const OP = 3;
const STR = 4;
const OPEN = 5;
const CLOSE = 6;

/** Hex digit values by char code (-1: not a hex digit). */
const HEX = new Int8Array(128).fill(-1);
for (let d = 0; d < 16; d++) {
  HEX['0123456789abcdef'.charCodeAt(d)] = d;
  HEX['0123456789ABCDEF'.charCodeAt(d)] = d;
}
const hexByte = (s: string, i: number) => HEX[s.charCodeAt(i)]! * 16 + HEX[s.charCodeAt(i + 1)]!;

/**
 * A content stream's tokens, one at a time and without an object per token (a 500-page
 * packet has some 150k text runs): `next` returns the kind, and the value is left in `num`
 * (numbers) or `text` (names, operators, and strings as their hex digits: pdfkit writes
 * text as hex strings, so a glyph code is read straight from the digits).
 */
class Lexer {
  private i = 0;
  num = 0;
  text = '';
  constructor(private readonly src: string) {}

  next(): number {
    const src = this.src;
    const n = src.length;
    let i = this.i;
    for (;;) {
      if (i >= n) {
        this.i = i;
        return END;
      }
      const c = src.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9 || c === 12 || c === 0) i++;
      else if (c === 37 /* % */) while (i < n && src.charCodeAt(i) !== 10) i++;
      else if ((c === 60 /* < */ || c === 62) /* > */ && src.charCodeAt(i + 1) === c) i += 2;
      else break;
    }
    const c = src.charCodeAt(i);
    if (c === 91 /* [ */ || c === 93 /* ] */) {
      this.i = i + 1;
      return c === 91 ? OPEN : CLOSE;
    }
    if (c === 60 /* < */) {
      const e = src.indexOf('>', i);
      const raw = src.slice(i + 1, e);
      this.text = /\s/.test(raw) ? raw.replace(/\s/g, '') : raw;
      this.i = e + 1;
      return STR;
    }
    if (c === 40 /* ( */) return this.literal(i);
    if (c === 47 /* / */) {
      const j = endOfToken(src, i + 1);
      this.text = src.slice(i + 1, j);
      this.i = j;
      return NAME;
    }
    const j = endOfToken(src, i);
    const word = src.slice(i, j || i + 1);
    this.i = j > i ? j : i + 1;
    const numeric = (c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46;
    if (numeric) {
      const v = Number(word);
      if (Number.isFinite(v)) {
        this.num = v;
        return NUM;
      }
    }
    this.text = word;
    return OP;
  }

  /** A literal string `( ... )`, unescaped, left as hex digits like a hex string. */
  private literal(at: number): number {
    const src = this.src;
    const n = src.length;
    let i = at + 1;
    let depth = 1;
    let hex = '';
    const put = (code: number) => (hex += (code & 0xff).toString(16).padStart(2, '0'));
    while (i < n) {
      const ch = src[i]!;
      if (ch === '\\') {
        const oct = /^[0-7]{1,3}/.exec(src.slice(i + 1, i + 4));
        if (oct) {
          put(parseInt(oct[0], 8));
          i += 1 + oct[0].length;
          continue;
        }
        const nx = src[i + 1]!;
        put(
          ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[
            nx
          ]?.charCodeAt(0) ?? nx.charCodeAt(0),
        );
        i += 2;
        continue;
      }
      if (ch === '(') depth++;
      if (ch === ')' && --depth === 0) break;
      put(ch.charCodeAt(0));
      i++;
    }
    this.i = i + 1;
    this.text = hex;
    return STR;
  }
}

interface Resources {
  readonly fonts: Map<string, number>;
  readonly xobjects: Map<string, number>;
}
const resourcesOf = (objs: Map<number, Obj>, dict: string): Resources => {
  const r = ref(dict, 'Resources');
  const d = r !== undefined ? (objs.get(r)?.dict ?? '') : dict;
  return { fonts: namedRefs(d, 'Font'), xobjects: namedRefs(d, 'XObject') };
};

/** Every run of text of every page, with its box in PDF user space (origin bottom left). */
export function textRuns(pdf: Buffer): {
  pages: { width: number; height: number }[];
  runs: TextRun[];
} {
  const objs = objects(pdf);
  const fonts = new Map<number, Font>();
  const font = (id: number) => fonts.get(id) ?? fonts.set(id, fontOf(objs, id)).get(id)!;
  const pageIds = [...objs]
    .filter(([, o]) => /\/Type\s*\/Page\b(?!s)/.test(o.dict))
    .map(([id]) => id);
  // Page order: the /Kids of the page tree.
  const kids = [...objs.values()]
    .map((o) => /\/Type\s*\/Pages\b[\s\S]*?\/Kids\s*\[([^\]]*)\]/.exec(o.dict))
    .find(Boolean);
  const order = kids
    ? [...kids[1]!.matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]))
    : pageIds.sort((a, b) => a - b);
  const pages: { width: number; height: number }[] = [];
  const runs: TextRun[] = [];
  order.forEach((pid, index) => {
    const dict = objs.get(pid)!.dict;
    const box = /\/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]/.exec(dict)!;
    pages.push({ width: Number(box[3]) - Number(box[1]), height: Number(box[4]) - Number(box[2]) });
    const contents = /\/Contents\s*\[([^\]]*)\]/.exec(dict)?.[1];
    const streams = contents
      ? [...contents.matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]))
      : [ref(dict, 'Contents')!];
    const src = streams.map((s) => objs.get(s)?.stream?.toString('latin1') ?? '').join('\n');
    run(src, resourcesOf(objs, dict), ID, index + 1, 0);
  });

  function run(src: string, res: Resources, base: M, page: number, depth: number): void {
    let ctm = base;
    const stack: M[] = [];
    let tm: M = ID;
    let tlm: M = ID;
    let f: Font | undefined;
    let size = 0;
    let tc = 0;
    let tw = 0;
    let tz = 1;
    let tl = 0;
    let rise = 0;
    const show = (parts: readonly (number | string)[]) => {
      if (!f) return;
      let x = 0;
      let glyphs = 0;
      let text = '';
      const digits = f.bytes * 2;
      for (const p of parts) {
        if (typeof p === 'number') x -= (p / 1000) * size * tz;
        else {
          for (let i = 0; i + digits <= p.length; i += digits) {
            const code = f.bytes === 2 ? hexByte(p, i) * 256 + hexByte(p, i + 2) : hexByte(p, i);
            x +=
              ((f.width(code) / 1000) * size + tc + (f.bytes === 1 && code === 32 ? tw : 0)) * tz;
            glyphs++;
            if (text.length < 40) text += f.char(code);
          }
        }
      }
      if (glyphs === 0) return;
      // The box of the run's four corners (text space: x from 0 to its width, y from the
      // descender to the ascender) in user space.
      const m = mul(tm, ctm);
      const lo = rise - 0.2 * size;
      const hi = rise + 0.9 * size;
      const x0 = m[2] * lo + m[4];
      const y0 = m[3] * lo + m[5];
      const x1 = m[2] * hi + m[4];
      const y1 = m[3] * hi + m[5];
      const dx = m[0] * x;
      const dy = m[1] * x;
      runs.push({
        page,
        xMin: Math.min(x0, x0 + dx, x1, x1 + dx),
        xMax: Math.max(x0, x0 + dx, x1, x1 + dx),
        yMin: Math.min(y0, y0 + dy, y1, y1 + dy),
        yMax: Math.max(y0, y0 + dy, y1, y1 + dy),
        glyphs,
        text,
      });
      tm = mul([1, 0, 0, 1, x, 0], tm);
    };
    // Operands of the operator being read: numbers, the last name, string and array.
    const a: number[] = [];
    let name: string | undefined;
    let str: string | undefined;
    let arr: (number | string)[] | undefined;
    let inArray: (number | string)[] | null = null;
    const lx = new Lexer(src);
    for (let k = lx.next(); k !== END; k = lx.next()) {
      if (k === OPEN) {
        inArray = [];
        continue;
      }
      if (k === CLOSE) {
        arr = inArray ?? [];
        inArray = null;
        continue;
      }
      if (inArray) {
        if (k === NUM) inArray.push(lx.num);
        else if (k === STR) inArray.push(lx.text);
        continue;
      }
      if (k === NUM) {
        a.push(lx.num);
        continue;
      }
      if (k === NAME) {
        name = lx.text;
        continue;
      }
      if (k === STR) {
        str = lx.text;
        continue;
      }
      if (k !== OP) continue;
      const op = lx.text;
      switch (op) {
        case 'q':
          stack.push(ctm);
          break;
        case 'Q':
          ctm = stack.pop() ?? base;
          break;
        case 'cm':
          ctm = mul(a.slice(-6) as M, ctm);
          break;
        case 'BT':
          tm = tlm = ID;
          break;
        case 'Tm':
          tm = tlm = a.slice(-6) as M;
          break;
        case 'Td':
          tm = tlm = mul([1, 0, 0, 1, a.at(-2)!, a.at(-1)!], tlm);
          break;
        case 'TD':
          tl = -a.at(-1)!;
          tm = tlm = mul([1, 0, 0, 1, a.at(-2)!, a.at(-1)!], tlm);
          break;
        case 'T*':
          tm = tlm = mul([1, 0, 0, 1, 0, -tl], tlm);
          break;
        case 'TL':
          tl = a.at(-1)!;
          break;
        case 'Tc':
          tc = a.at(-1)!;
          break;
        case 'Tw':
          tw = a.at(-1)!;
          break;
        case 'Tz':
          tz = a.at(-1)! / 100;
          break;
        case 'Ts':
          rise = a.at(-1)!;
          break;
        case 'Tf': {
          const id = name !== undefined ? res.fonts.get(name) : undefined;
          f = id !== undefined ? font(id) : undefined;
          size = a.at(-1)!;
          break;
        }
        case 'Tj':
        case "'":
        case '"': {
          if (op !== 'Tj') tm = tlm = mul([1, 0, 0, 1, 0, -tl], tlm);
          if (str) show([str]);
          break;
        }
        case 'TJ': {
          if (arr) show(arr);
          break;
        }
        case 'Do': {
          const id = name !== undefined ? res.xobjects.get(name) : undefined;
          const x = id !== undefined ? objs.get(id) : undefined;
          if (x?.stream && /\/Subtype\s*\/Form/.test(x.dict) && depth < 8) {
            const mm = /\/Matrix\s*\[([^\]]*)\]/.exec(x.dict)?.[1]?.trim().split(/\s+/).map(Number);
            const inner = resourcesOf(objs, x.dict);
            run(
              x.stream.toString('latin1'),
              { fonts: inner.fonts.size ? inner.fonts : res.fonts, xobjects: inner.xobjects },
              mul((mm?.length === 6 ? mm : ID) as M, ctm),
              page,
              depth + 1,
            );
          }
          break;
        }
      }
      a.length = 0;
      name = str = arr = undefined;
    }
  }
  return { pages, runs };
}

/** The margin check of the quality page: every run of text inside the printable area. */
export function checkPageGeometry(pdf: Buffer): PageGeometry {
  const { pages, runs } = textRuns(pdf);
  const outside = runs
    .map((r) => ({ ...r, ...pages[r.page - 1]! }))
    .filter(
      (r) =>
        r.xMin < EDGE_X - 0.5 ||
        r.xMax > r.width - EDGE_X + 0.5 ||
        r.yMin < EDGE_Y - 0.5 ||
        r.yMax > r.height - EDGE_Y + 0.5,
    );
  return { pages: pages.length, runs: runs.length, outside };
}
