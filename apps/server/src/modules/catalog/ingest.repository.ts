import type { Queryable } from '../../platform/db/db.port.js';

type Pos = [number, number];

/** Reprojection and ellipsoidal measures done by PostGIS (its PROJ has the full EPSG database). */
export const ingestRepository = {
  /** Whether PostGIS knows `epsg`, and whether it is geographic (degrees) rather than projected. */
  async srs(q: Queryable, epsg: number): Promise<{ geographic: boolean } | null> {
    const { rows } = await q.query<{ geographic: boolean }>(
      "SELECT proj4text LIKE '%+proj=longlat%' AS geographic FROM spatial_ref_sys WHERE srid = $1",
      [epsg],
    );
    return rows[0] ?? null;
  },

  /**
   * A footprint ring in the native CRS → a valid polygon in CGCS2000 (EPSG:4490) as GeoJSON, and the ellipsoidal
   * distance in metres between two native points (one pixel apart: the ground sample distance).
   */
  async reproject(q: Queryable, ring: Pos[], epsg: number, pixelPair: [Pos, Pos]) {
    const { rows } = await q.query<{ geojson: string; gsd: number; inside: boolean }>(
      `WITH f AS (
         SELECT ST_MakeValid(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON($1), $2::int), 4490)) AS g,
                ST_Transform(ST_SetSRID(ST_MakePoint($3, $4), $2::int), 4490) AS p1,
                ST_Transform(ST_SetSRID(ST_MakePoint($5, $6), $2::int), 4490) AS p2)
       SELECT ST_AsGeoJSON(g, 8) AS geojson, ST_Distance(p1::geography, p2::geography) AS gsd,
              ST_Within(g, ST_MakeEnvelope($7, $8, $9, $10, 4490)) AS inside
       FROM f`,
      [
        JSON.stringify({ type: 'Polygon', coordinates: [ring] }),
        epsg,
        ...pixelPair[0],
        ...pixelPair[1],
        ...SERVICE_AREA,
      ],
    );
    return rows[0]!;
  },

  /** The union of a vector result's geometries (EPSG:4490 GeoJSON FeatureCollection) as its footprint. */
  async vectorFootprint(q: Queryable, geometries: unknown[], epsg: number) {
    const { rows } = await q.query<{ geojson: string | null; inside: boolean | null }>(
      `WITH g AS (SELECT ST_MakeValid(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(x::text), $2::int), 4490)) AS g
                  FROM jsonb_array_elements($1::jsonb) AS x),
            u AS (SELECT ST_Union(g) AS g FROM g)
       SELECT ST_AsGeoJSON(g, 8) AS geojson, ST_Within(g, ST_MakeEnvelope($3, $4, $5, $6, 4490)) AS inside FROM u`,
      [JSON.stringify(geometries), epsg, ...SERVICE_AREA],
    );
    return rows[0]!;
  },
};

/** The platform's service area for the "outside" warning: mainland China and its seas, lon/lat degrees. */
export const SERVICE_AREA = [73, 3, 136, 54] as const;
