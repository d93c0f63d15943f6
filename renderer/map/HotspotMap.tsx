/**
 * The offline hotspot map: China (provinces shaded by counterfeit evidence, cities as
 * bubbles) or the world (countries shaded, for cross-border origins), the top-N share on
 * the map, extra markers (closed factories, shops, warehouses) and a PNG export of exactly
 * what is shown. The shapes ship with the app (./geodata); nothing is fetched.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import * as echarts from 'echarts/core';
import { MapChart, ScatterChart } from 'echarts/charts';
import {
  GeoComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
} from 'echarts/components';
import { LabelLayout } from 'echarts/features';
import { CanvasRenderer } from 'echarts/renderers';
import type { Hotspots } from '../../shared/analysis/schemas';
import {
  mapOption,
  topNText,
  unplaced,
  type MapNames,
  type MapPoint,
  type MapView,
} from './options';

declare global {
  interface Window {
    /** The map's ECharts instance, for the end-to-end tests (as __ringlensCy is the graph's). */
    __ringlensMap?: echarts.ECharts;
  }
}

echarts.use([
  MapChart,
  ScatterChart,
  GeoComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
  LabelLayout,
  CanvasRenderer,
]);

export type { MapPoint, MapView } from './options';

interface Props {
  readonly data: Hotspots;
  /** Extra markers drawn over the map, one symbol per kind. */
  readonly points?: readonly MapPoint[];
  readonly height?: number;
  readonly initialView?: MapView;
}

const NO_POINTS: readonly MapPoint[] = [];

export function HotspotMap({
  data,
  points = NO_POINTS,
  height = 560,
  initialView = 'china',
}: Props) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const [names, setNames] = useState<MapNames>();
  const [failed, setFailed] = useState<string>();
  const [view, setView] = useState<MapView>(initialView);
  const viewRef = useRef(view);
  const [drawn, setDrawn] = useState<MapView | ''>('');

  // The shapes are a separate chunk of the app's own files, loaded on first use.
  useEffect(() => {
    let live = true;
    import('./geodata').then(
      (m) =>
        live &&
        setNames({
          chinaMap: m.CHINA_MAP,
          worldMap: m.WORLD_MAP,
          provinces: m.CHINA_PROVINCE_NAMES,
          countries: m.WORLD_COUNTRY_NAMES,
        }),
      (e: unknown) => live && setFailed(String(e)),
    );
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    if (!names || !el.current) return;
    const c = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    window.__ringlensMap = c;
    c.on('finished', () => setDrawn(viewRef.current));
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
      if (window.__ringlensMap === c) delete window.__ringlensMap;
    };
  }, [names]);

  useEffect(() => {
    const c = chart.current;
    if (!c || !names) return;
    viewRef.current = view;
    setDrawn('');
    c.setOption(mapOption(view, data, points, names), true);
  }, [names, view, data, points]);

  const exportPng = useCallback(() => {
    const c = chart.current;
    if (!c) return;
    const a = document.createElement('a');
    a.href = c.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
    a.download = `hotspots-${viewRef.current}.png`;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }, []);

  const off = unplaced(data, view);
  return (
    <div
      data-testid="hotspot-map"
      data-view={view}
      data-drawn={drawn}
      style={{ border: '1px solid #d5dbdb', borderRadius: 4, padding: 8, background: '#fff' }}
    >
      <div
        style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap', marginBottom: 6 }}
      >
        <button
          data-testid="map-china"
          aria-pressed={view === 'china'}
          className={view === 'china' ? 'active' : ''}
          onClick={() => setView('china')}
        >
          China 中国
        </button>
        <button
          data-testid="map-world"
          aria-pressed={view === 'world'}
          className={view === 'world' ? 'active' : ''}
          onClick={() => setView('world')}
        >
          World 世界
        </button>
        <span data-testid="map-topn" style={{ flex: 1 }}>
          {topNText(data)}
          {off > 0 && (
            <span className="muted">
              {' '}
              · {off} not on this map
              {view === 'china' ? ' (outside China or no known place)' : ' (no known country)'}
            </span>
          )}
        </span>
        <button data-testid="map-export-png" disabled={!drawn} onClick={exportPng}>
          Export PNG
        </button>
      </div>
      {failed && <div className="error">The map could not be drawn: {failed}</div>}
      <div
        ref={el}
        data-testid="map-chart"
        role="img"
        aria-label={`${view === 'china' ? 'Map of China' : 'World map'}: ${topNText(data)}`}
        style={{ width: '100%', height }}
      />
      {points.length > 0 && (
        <ul
          data-testid="map-points"
          className="small"
          style={{ margin: '6px 0 0', paddingLeft: 18 }}
        >
          {points.map((p, i) => (
            <li key={`${p.kind}|${p.label}|${i}`}>
              {p.kind}: {p.label} ({p.lat.toFixed(2)}°, {p.lon.toFixed(2)}°)
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
