declare module '@mapbox/shp-write' {
  const shpwrite: { zip(geojson: unknown, options?: Record<string, unknown>): Promise<unknown> };
  export default shpwrite;
}
