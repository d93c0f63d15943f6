/**
 * What an exhibit page shows: the picture, decoded from the evidence bytes by their sniffed
 * type, or a placeholder that says plainly why there is none. One odd file (a camera's PNG
 * with bytes after IEND, HTML declared as image/png, a JPEG cut off in transfer) must never
 * stop a packet: the native file still goes into exhibits/ bit for bit, and its page carries
 * its hash and description instead of a picture.
 */
import { PNG } from 'pngjs';
import { sniffMediaType, type SniffedType } from './sniff';

export type ExhibitPicture =
  | {
      readonly kind: 'image';
      /** What pdfmake embeds: a PNG composited on white, or the JPEG's bytes up to EOI. */
      readonly mediaType: 'image/png' | 'image/jpeg';
      readonly data: Buffer;
      /** Something a reader should know about the file (trailing bytes, declared type). */
      readonly note?: string;
    }
  | { readonly kind: 'placeholder'; readonly detected: SniffedType; readonly reason: string };

const DESCRIBED: Record<SniffedType, string> = {
  'image/png': 'a PNG image',
  'image/jpeg': 'a JPEG image',
  'image/gif': 'a GIF image',
  'image/webp': 'a WebP image',
  'application/pdf': 'a PDF document',
  'application/zip': 'a ZIP archive',
  'text/html': 'an HTML document',
  'text/plain': 'plain text',
  'application/octet-stream': 'data of no recognised type',
};

/** Describes a sniffed type in words ("an HTML document"). */
export function describeType(type: SniffedType): string {
  return DESCRIBED[type];
}

/** The end of a PNG's IEND chunk, walking its chunks; throws if the chunk list is broken. */
function pngEnd(bytes: Buffer): number {
  let at = 8;
  while (at + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const end = at + 12 + length;
    if (end > bytes.length) throw new Error(`the ${type} chunk is cut off`);
    if (type === 'IEND') return end;
    at = end;
  }
  throw new Error('the file ends before its IEND chunk (truncated)');
}

/** The end of a JPEG's EOI marker; throws if the file has no image frame or is cut off. */
function jpegEnd(bytes: Buffer): number {
  let at = 2;
  let frame = false;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) throw new Error(`no marker at byte ${at}`);
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at++;
      continue;
    }
    const length = bytes.readUInt16BE(at + 2);
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      frame = bytes.readUInt16BE(at + 5) > 0 && bytes.readUInt16BE(at + 7) > 0;
    }
    if (marker === 0xda) {
      if (!frame) throw new Error('the image has no frame header');
      // Entropy-coded data: 0xFF is always followed by 0x00 (stuffing) or a marker, so the
      // last 0xFFD9 is the end of image. A file cut off in transfer has none.
      for (let i = bytes.length - 2; i > at; i--)
        if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return i + 2;
      throw new Error('the file ends before its end-of-image marker (truncated)');
    }
    at += 2 + length;
  }
  throw new Error('the file ends before its image data (truncated)');
}

function trailingNote(extra: number): string | undefined {
  return extra > 0
    ? `The file has ${extra} bytes after the end of its image (as some cameras write); they are kept in the native file and not shown.`
    : undefined;
}

function declaredNote(declared: string, detected: SniffedType): string | undefined {
  return declared !== detected
    ? `Declared as ${declared}; the bytes are ${describeType(detected)}.`
    : undefined;
}

const join = (...notes: (string | undefined)[]) => notes.filter(Boolean).join(' ') || undefined;

/** Decides what an exhibit page shows for these bytes, declared as `declared`. */
export function exhibitPicture(declared: string, bytes: Buffer): ExhibitPicture {
  const detected = sniffMediaType(bytes);
  try {
    if (detected === 'image/png') {
      const end = pngEnd(bytes);
      // pdfkit splits the alpha channel with an asynchronous inflate, which makes the PDF's
      // bytes vary between runs: the page shows the image composited on white instead.
      const png = PNG.sync.read(bytes.subarray(0, end));
      const data = PNG.sync.write(png, {
        colorType: 2,
        inputHasAlpha: true,
        bgColor: { red: 255, green: 255, blue: 255 },
      });
      const note = join(declaredNote(declared, detected), trailingNote(bytes.length - end));
      return { kind: 'image', mediaType: 'image/png', data, ...(note && { note }) };
    }
    if (detected === 'image/jpeg') {
      const end = jpegEnd(bytes);
      const note = join(declaredNote(declared, detected), trailingNote(bytes.length - end));
      return {
        kind: 'image',
        mediaType: 'image/jpeg',
        data: bytes.subarray(0, end),
        ...(note && { note }),
      };
    }
  } catch (e) {
    return {
      kind: 'placeholder',
      detected,
      reason: `The file is ${describeType(detected)} that cannot be decoded: ${(e as Error).message}.`,
    };
  }
  const mismatch = declared !== detected && declared.startsWith('image/');
  return {
    kind: 'placeholder',
    detected,
    reason: mismatch
      ? `The file is declared as ${declared}, but its bytes are ${describeType(detected)}; it is not displayed.`
      : `The file is ${describeType(detected)}, which a page cannot show as a picture.`,
  };
}

/** The media type as a packet prints it: the sniffed type, and the declared one if it differs. */
export function mediaTypeText(declared: string, bytes: Uint8Array): string {
  const detected = sniffMediaType(bytes);
  return declared === detected ? detected : `${detected} (from its bytes; declared ${declared})`;
}
