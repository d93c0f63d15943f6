/**
 * What the hotspot map draws, as an ECharts option built from the hotspot figures: pure,
 * so it can be tested without a browser. China: provinces shaded by counterfeit evidence,
 * cities as bubbles sized by it; world: countries shaded, with the places too small for the
 * 1:110m shapes (Hong Kong, Macau, Singapore) as bubbles. Both carry the top-N share in
 * their subtitle, so a PNG export says what the map shows.
 */
import type { ComposeOption } from 'echarts/core';
import type { MapSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import type {
  GeoComponentOption,
  LegendComponentOption,
  TitleComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
} from 'echarts/components';
import type { Hotspots } from '../../shared/analysis/schemas';
import { PROVINCES } from '../../shared/domain/places';

export type MapOption = ComposeOption<
  | MapSeriesOption
  | ScatterSeriesOption
  | GeoComponentOption
  | LegendComponentOption
  | TitleComponentOption
  | TooltipComponentOption
  | VisualMapComponentOption
>;
export type MapView = 'china' | 'world';

/** An extra marker on the map, e.g. a closed factory. */
export interface MapPoint {
  readonly lon: number;
  readonly lat: number;
  readonly label: string;
  readonly kind: string;
}

export interface MapNames {
  readonly chinaMap: string;
  readonly worldMap: string;
  /** Short Chinese province names with a polygon on the China map. */
  readonly provinces: ReadonlySet<string>;
  /** Country names with a polygon on the world map. */
  readonly countries: ReadonlySet<string>;
}

export const FONT =
  "system-ui, 'Noto Sans', 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif";
const SHADES = ['#fdf2e9', '#f5b041', '#dc7633', '#a93226', '#641e16'];
const BUBBLE = 'rgba(31, 58, 147, 0.72)';
const CHINESE = new Set(['CN', 'HK', 'MO', 'TW']);
const POINT_SYMBOLS: Readonly<Record<string, string>> = {
  factory: 'triangle',
  shop: 'diamond',
  warehouse: 'rect',
};
const POINT_COLOURS = ['#111111', '#117a65', '#6c3483', '#b7950b', '#2e4053'];
const LATIN_PROVINCE = new Map(PROVINCES.map((p) => [p.zh, p.en]));

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const pct = (share: number) => `${(share * 100).toFixed(1)}%`;

/** The sentence with the top-N share, as on the map and beside it. */
export function topNText(data: Hotspots): string {
  return `Top ${data.topN} regions hold ${pct(data.topNShare)} of ${data.total} pieces of counterfeit evidence`;
}

/** How many pieces of evidence the view cannot place (no known location, or outside the view). */
export function unplaced(data: Hotspots, view: MapView): number {
  const placed =
    view === 'china'
      ? data.byRegion
          .filter((r) => CHINESE.has(r.country) && r.lon !== null && r.provinceZh !== null)
          .reduce((s, r) => s + r.total, 0)
      : data.byCountry.filter((c) => c.lon !== null).reduce((s, c) => s + c.total, 0);
  return data.total - placed;
}

function bubbleSize(max: number) {
  return (value: unknown) => {
    const n = Array.isArray(value) ? Number(value[2]) : Number(value);
    return 8 + 30 * Math.sqrt(Math.max(0, n) / Math.max(1, max));
  };
}

interface Tip {
  readonly tip?: string;
}

function pointSeries(points: readonly MapPoint[]): ScatterSeriesOption[] {
  const kinds = [...new Set(points.map((p) => p.kind))].sort();
  return kinds.map((kind, i) => ({
    type: 'scatter',
    id: `points-${kind}`,
    name: kind,
    coordinateSystem: 'geo',
    symbol: POINT_SYMBOLS[kind] ?? 'pin',
    symbolSize: POINT_SYMBOLS[kind] ? 14 : 22,
    z: 5,
    itemStyle: {
      color: POINT_COLOURS[i % POINT_COLOURS.length],
      borderColor: '#ffffff',
      borderWidth: 1.5,
    },
    data: points
      .filter((p) => p.kind === kind)
      .map((p) => ({ name: p.label, value: [p.lon, p.lat], tip: `${kind}: ${p.label}` })),
  }));
}

/** The ECharts option of one view. */
export function mapOption(
  view: MapView,
  data: Hotspots,
  points: readonly MapPoint[],
  names: MapNames,
): MapOption {
  const tooltip: TooltipComponentOption = {
    trigger: 'item',
    formatter: (p: unknown) => {
      const params = p as { name?: string; data?: Tip };
      if (params.data?.tip) return escapeHtml(params.data.tip);
      const name = params.name ?? '';
      const latin = view === 'china' ? LATIN_PROVINCE.get(name) : undefined;
      return escapeHtml(`${name}${latin ? ` · ${latin}` : ''}: no counterfeit evidence`);
    },
  };
  const title: TitleComponentOption = {
    text:
      view === 'china'
        ? 'Shipping origins of counterfeit evidence: China'
        : 'Shipping origins of counterfeit evidence: world',
    subtext: `${topNText(data)}${unplaced(data, view) ? ` · ${unplaced(data, view)} not on this map` : ''}`,
    left: 'center',
    top: 6,
    textStyle: { fontSize: 15, fontFamily: FONT },
    subtextStyle: { fontSize: 12, color: '#34495e', fontFamily: FONT },
  };
  const geoBase: GeoComponentOption = {
    roam: true,
    top: 64,
    bottom: 24,
    itemStyle: { areaColor: '#f2f4f4', borderColor: '#99a3a4', borderWidth: 0.6 },
    emphasis: {
      itemStyle: { areaColor: '#f9e79f' },
      label: { show: true, fontFamily: FONT, fontSize: 12 },
    },
    select: { disabled: true },
    label: { show: false },
  };

  if (view === 'china') {
    const provinces = data.byProvince.filter(
      (p) => p.provinceZh && names.provinces.has(p.provinceZh),
    );
    const cities = data.byRegion.filter(
      (r) => CHINESE.has(r.country) && r.precision === 'city' && r.lon !== null && r.lat !== null,
    );
    const topKeys = new Set(
      data.byRegion.slice(0, data.topN).map((r) => `${r.country}|${r.province}|${r.city}`),
    );
    const maxProvince = Math.max(1, ...provinces.map((p) => p.total));
    const maxCity = Math.max(1, ...cities.map((c) => c.total));
    const cityName = (r: (typeof cities)[number]) =>
      r.cityZh && r.cityZh !== r.city ? `${r.cityZh} ${r.city}` : r.city;
    return {
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: FONT },
      title,
      tooltip,
      legend: {
        bottom: 8,
        right: 12,
        data: ['cities', ...[...new Set(points.map((p) => p.kind))].sort()],
        textStyle: { fontFamily: FONT },
      },
      visualMap: {
        type: 'continuous',
        min: 0,
        max: maxProvince,
        seriesIndex: 0,
        left: 12,
        bottom: 12,
        text: [`${maxProvince}`, '0'],
        calculable: false,
        inRange: { color: SHADES },
        textStyle: { fontFamily: FONT },
      },
      geo: {
        ...geoBase,
        map: names.chinaMap,
        emphasis: {
          ...geoBase.emphasis,
          label: {
            show: true,
            fontFamily: FONT,
            fontSize: 12,
            formatter: (p: { name?: string }) =>
              [p.name ?? '', LATIN_PROVINCE.get(p.name ?? '') ?? ''].filter(Boolean).join('\n'),
          },
        },
      },
      series: [
        {
          type: 'map',
          id: 'provinces',
          name: 'provinces',
          geoIndex: 0,
          data: provinces.map((p) => ({
            name: p.provinceZh!,
            value: p.total,
            tip: `${p.provinceZh} · ${p.province}: ${p.total} pieces of counterfeit evidence (${pct(p.share)})`,
          })),
        },
        {
          type: 'scatter',
          id: 'cities',
          name: 'cities',
          coordinateSystem: 'geo',
          symbolSize: bubbleSize(maxCity),
          z: 4,
          itemStyle: { color: BUBBLE, borderColor: '#ffffff', borderWidth: 1 },
          labelLayout: { hideOverlap: true, moveOverlap: 'shiftY' },
          label: {
            show: false,
            position: 'right',
            fontSize: 11,
            fontFamily: FONT,
            color: '#1b2631',
            textBorderColor: '#ffffff',
            textBorderWidth: 2.5,
            formatter: '{b}',
          },
          emphasis: { label: { show: true, fontWeight: 'bold' } },
          data: cities.map((r) => ({
            name: cityName(r),
            value: [r.lon!, r.lat!, r.total],
            // Top-N regions are labelled on the map; every city is named on hover.
            label: { show: topKeys.has(`${r.country}|${r.province}|${r.city}`) },
            tip: `${cityName(r)}, ${r.provinceZh ?? ''} ${r.province}: ${r.total} pieces (${r.counterfeitTestBuys} counterfeit test buys, ${r.upheldComplaints} upheld complaints; ${pct(r.share)})`,
          })),
        },
        ...pointSeries(points),
      ],
    };
  }

  const shaded = data.byCountry.filter((c) => names.countries.has(c.name));
  const dots = data.byCountry.filter(
    (c) => !names.countries.has(c.name) && c.lon !== null && c.lat !== null,
  );
  const maxCountry = Math.max(
    1,
    ...data.byCountry.filter((c) => c.lon !== null).map((c) => c.total),
  );
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: FONT },
    title,
    tooltip,
    legend: {
      bottom: 8,
      right: 12,
      data: [
        ...(dots.length ? ['small places'] : []),
        ...[...new Set(points.map((p) => p.kind))].sort(),
      ],
      textStyle: { fontFamily: FONT },
    },
    visualMap: {
      type: 'continuous',
      min: 0,
      max: maxCountry,
      seriesIndex: 0,
      left: 12,
      bottom: 12,
      text: [`${maxCountry}`, '0'],
      calculable: false,
      inRange: { color: SHADES },
      textStyle: { fontFamily: FONT },
    },
    geo: { ...geoBase, map: names.worldMap },
    series: [
      {
        type: 'map',
        id: 'countries',
        name: 'countries',
        geoIndex: 0,
        data: shaded.map((c) => ({
          name: c.name,
          value: c.total,
          tip: `${c.name} (${c.country}): ${c.total} pieces of counterfeit evidence (${pct(c.share)})`,
        })),
      },
      {
        type: 'scatter',
        id: 'small-places',
        name: 'small places',
        coordinateSystem: 'geo',
        symbolSize: bubbleSize(maxCountry),
        z: 4,
        itemStyle: { color: BUBBLE, borderColor: '#ffffff', borderWidth: 1 },
        data: dots.map((c) => ({
          name: c.name,
          value: [c.lon!, c.lat!, c.total],
          tip: `${c.name} (${c.country}): ${c.total} pieces of counterfeit evidence (${pct(c.share)})`,
        })),
      },
      ...pointSeries(points),
    ],
  };
}
