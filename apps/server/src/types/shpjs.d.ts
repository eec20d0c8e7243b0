declare module 'shpjs' {
  /** Parses a zipped Shapefile (or its parts) into WGS84 GeoJSON, reprojecting with the .prj. */
  export default function shp(input: ArrayBuffer | Buffer | string): Promise<unknown>;
}
