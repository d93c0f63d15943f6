/**
 * Perceptual photo hashes (64-bit, hex): the Hamming distance between two fingerprints, a
 * difference hash (dHash) of an RGBA image, and a multi-index hash table that finds every
 * pair within a radius without comparing all pairs (Norouzi et al., "Fast Search in Hamming
 * Space with Multi-Index Hashing", CVPR 2012).
 */

/** Bits set in a 32-bit integer. */
function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** A 64-bit hex hash as two 32-bit halves (shorter hashes are left-padded with zeros). */
export function hashWords(hex: string): [number, number] {
  const h = hex.toLowerCase().padStart(16, '0').slice(-16);
  return [parseInt(h.slice(0, 8), 16) >>> 0, parseInt(h.slice(8), 16) >>> 0];
}

export function hammingDistance(a: string, b: string): number {
  const [a0, a1] = hashWords(a);
  const [b0, b1] = hashWords(b);
  return popcount32((a0 ^ b0) >>> 0) + popcount32((a1 ^ b1) >>> 0);
}

/**
 * dHash: the image shrunk to 9x8 grey cells (box average), one bit per cell saying
 * whether it is brighter than its right neighbour. Robust to re-compression, scaling and
 * small crops; different photos differ in about half the bits.
 */
export function differenceHash(rgba: Uint8Array, width: number, height: number): string {
  const cols = 9;
  const rows = 8;
  const grey = new Float64Array(cols * rows);
  for (let cy = 0; cy < rows; cy++) {
    const y0 = Math.floor((cy * height) / rows);
    const y1 = Math.max(y0 + 1, Math.floor(((cy + 1) * height) / rows));
    for (let cx = 0; cx < cols; cx++) {
      const x0 = Math.floor((cx * width) / cols);
      const x1 = Math.max(x0 + 1, Math.floor(((cx + 1) * width) / cols));
      let sum = 0;
      for (let y = y0; y < y1; y++)
        for (let x = x0; x < x1; x++) {
          const i = (y * width + x) * 4;
          sum += 0.299 * rgba[i]! + 0.587 * rgba[i + 1]! + 0.114 * rgba[i + 2]!;
        }
      grey[cy * cols + cx] = sum / ((y1 - y0) * (x1 - x0));
    }
  }
  let bits = '';
  for (let cy = 0; cy < rows; cy++)
    for (let cx = 0; cx < cols - 1; cx++)
      bits += grey[cy * cols + cx]! > grey[cy * cols + cx + 1]! ? '1' : '0';
  let hex = '';
  for (let i = 0; i < 64; i += 4) hex += parseInt(bits.slice(i, i + 4), 2).toString(16);
  return hex;
}

/**
 * Every pair of hashes within `radius` bits, each once (i < j). The 64 bits are cut into
 * four 16-bit chunks; two hashes within 7 bits agree on some chunk to within one bit
 * (pigeonhole), so each hash probes its chunks and their 16 one-bit neighbours only.
 */
export function hammingPairs(
  hashes: readonly string[],
  radius: number,
  visit: (i: number, j: number, distance: number) => void,
): void {
  if (radius > 7) throw new RangeError('hammingPairs finds pairs within 7 bits at most');
  const n = hashes.length;
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  hashes.forEach((h, i) => ([hi[i], lo[i]] = hashWords(h)));
  const chunk = (i: number, c: number) =>
    (c < 2 ? hi[i]! >>> (16 * (1 - c)) : lo[i]! >>> (16 * (3 - c))) & 0xffff;
  const probes = radius >= 4 ? 1 : 0;
  // Four tables: chunk value -> hash indexes, as counting-sorted arrays (no per-bucket objects).
  const tables = [0, 1, 2, 3].map((c) => {
    const start = new Int32Array(65537);
    for (let i = 0; i < n; i++) start[chunk(i, c) + 1]!++;
    for (let v = 0; v < 65536; v++) start[v + 1]! += start[v]!;
    const fill = start.slice(0, 65536);
    const items = new Int32Array(n);
    for (let i = 0; i < n; i++) items[fill[chunk(i, c)]!++] = i;
    return { start, items };
  });
  const seen = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < 4; c++) {
      const { start, items } = tables[c]!;
      const v = chunk(i, c);
      for (let flip = -1; flip < (probes ? 16 : 0); flip++) {
        const key = flip < 0 ? v : v ^ (1 << flip);
        for (let k = start[key]!; k < start[key + 1]!; k++) {
          const j = items[k]!;
          if (j <= i || seen[j] === i) continue;
          seen[j] = i;
          const d = popcount32((hi[i]! ^ hi[j]!) >>> 0) + popcount32((lo[i]! ^ lo[j]!) >>> 0);
          if (d <= radius) visit(i, j, d);
        }
      }
    }
  }
}
