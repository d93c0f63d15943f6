/**
 * The physical layout of a bundle zip, checked against its central directory. A zip has two
 * tables of contents (each entry's local header, and the central directory at the end), and
 * tools disagree about which to believe: an entry hidden from the central directory, a local
 * name that differs from the central one, or entries whose data overlap (the "overlapping
 * zip bomb", 286 KB expanding to gigabytes) let one file show different content to different
 * readers. Ringlens accepts only zips in which both tables agree and entries lie back to back.
 */
import { closeSync, openSync, readSync } from 'node:fs';

/** Reads `length` bytes at `position` (fewer at the end of the zip). */
type ReadAt = (position: number, length: number) => Buffer;
import type { Entry } from 'yauzl';

const LOCAL_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
const LOCAL_HEADER_BYTES = 30;
/** Larger gaps are refused without reading them. */
const MAX_GAP_SCAN = 1024 * 1024;

export interface LayoutEntry {
  readonly name: string;
  readonly entry: Pick<
    Entry,
    'relativeOffsetOfLocalHeader' | 'compressedSize' | 'generalPurposeBitFlag' | 'extraFields'
  >;
}

interface Span {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

function localSpan(readAt: ReadAt, e: LayoutEntry): Span | string {
  const at = e.entry.relativeOffsetOfLocalHeader;
  const head = readAt(at, LOCAL_HEADER_BYTES);
  if (head.length < LOCAL_HEADER_BYTES || head.readUInt32LE(0) !== LOCAL_HEADER)
    return `entry "${e.name}" has no local header where the central directory points`;
  const nameLength = head.readUInt16LE(26);
  const extraLength = head.readUInt16LE(28);
  const localName = readAt(at + LOCAL_HEADER_BYTES, nameLength).toString('utf8');
  if (localName !== e.name)
    return `entry "${e.name}" is named "${localName}" in its local header: the zip's two tables of contents disagree`;
  let end = at + LOCAL_HEADER_BYTES + nameLength + extraLength + e.entry.compressedSize;
  if (e.entry.generalPurposeBitFlag & 0x8) {
    // A data descriptor follows the data: CRC and sizes, 4 or 8 bytes each, signature optional.
    const zip64 = e.entry.extraFields.some((f) => f.id === 0x0001);
    const signed = readAt(end, 4);
    const hasSignature = signed.length === 4 && signed.readUInt32LE(0) === DATA_DESCRIPTOR;
    end += (hasSignature ? 4 : 0) + 4 + (zip64 ? 16 : 8);
  }
  return { name: e.name, start: at, end };
}

/**
 * Returns why the zip's layout is refused, or undefined when every byte before the central
 * directory belongs to exactly one listed entry.
 */
export function zipLayoutProblem(
  source: string | Buffer,
  entries: readonly LayoutEntry[],
  centralDirectoryOffset: number,
): string | undefined {
  if (Buffer.isBuffer(source))
    return layoutProblem(
      (position, length) => source.subarray(position, position + length),
      entries,
      centralDirectoryOffset,
    );
  const fd = openSync(source, 'r');
  try {
    return layoutProblem(
      (position, length) => {
        const buf = Buffer.alloc(length);
        return buf.subarray(0, readSync(fd, buf, 0, length, position));
      },
      entries,
      centralDirectoryOffset,
    );
  } finally {
    closeSync(fd);
  }
}

function layoutProblem(
  readAt: ReadAt,
  entries: readonly LayoutEntry[],
  centralDirectoryOffset: number,
): string | undefined {
  {
    const spans: Span[] = [];
    for (const e of entries) {
      const span = localSpan(readAt, e);
      if (typeof span === 'string') return span;
      spans.push(span);
    }
    spans.sort((a, b) => a.start - b.start);
    let cursor = 0;
    let previous: Span | undefined;
    for (const span of [...spans, { name: '', start: centralDirectoryOffset, end: 0 }]) {
      if (span.start < cursor) {
        return span.name && previous
          ? `entries "${previous.name}" and "${span.name}" overlap (a zip bomb?)`
          : `entry "${previous?.name ?? ''}" runs into the central directory`;
      }
      if (span.start > cursor) {
        const gap = span.start - cursor;
        const bytes = gap <= MAX_GAP_SCAN ? readAt(cursor, gap) : undefined;
        const hidden = bytes?.indexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04])) ?? -1;
        if (hidden >= 0)
          return `the zip holds an entry at byte ${cursor + hidden} that its central directory does not list`;
        return `the zip has ${gap} bytes at byte ${cursor} that belong to no listed entry`;
      }
      cursor = span.end;
      previous = span;
    }
    return undefined;
  }
}
