/** Deterministic little PNG "screenshots" for evidence: coloured blocks derived from a seed. */
import { PNG } from 'pngjs';
import type { Rng } from '../util/random';

export function evidencePng(rng: Rng, width = 96, height = 64): Buffer {
  const png = new PNG({ width, height });
  const base = [Math.floor(rng() * 200), Math.floor(rng() * 200), Math.floor(rng() * 200)];
  const blocks = Array.from({ length: 4 }, () => ({
    x: Math.floor(rng() * width),
    y: Math.floor(rng() * height),
    w: 8 + Math.floor(rng() * 30),
    h: 6 + Math.floor(rng() * 20),
    c: [Math.floor(rng() * 255), Math.floor(rng() * 255), Math.floor(rng() * 255)],
  }));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const b = blocks.find((k) => x >= k.x && x < k.x + k.w && y >= k.y && y < k.y + k.h);
      const c = b ? b.c : base;
      const i = (y * width + x) * 4;
      png.data[i] = c[0]!;
      png.data[i + 1] = c[1]!;
      png.data[i + 2] = c[2]!;
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png, { deflateLevel: 9 });
}
