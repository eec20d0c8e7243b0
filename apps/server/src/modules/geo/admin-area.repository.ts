import type { AdminAreaFeature } from '@geoshare/shared';
import type { Queryable } from '../../platform/db/db.port.js';

export const adminAreaRepository = {
  /** GeoJSON in EPSG:4490 lon/lat; areas are ellipsoidal (geography on the CGCS2000 ≈ GRS80 ellipsoid), km². */
  async features(q: Queryable): Promise<AdminAreaFeature[]> {
    const { rows } = await q.query<{
      code: string;
      name: string;
      level: 'city' | 'district';
      parent_code: string | null;
      area_km2: number;
      geojson: string;
    }>(
      `SELECT code, name, level, parent_code, ST_Area(geom::geography) / 1e6 AS area_km2, ST_AsGeoJSON(geom, 6) AS geojson
       FROM admin_area ORDER BY level, code`,
    );
    return rows.map((r) => ({
      type: 'Feature',
      geometry: JSON.parse(r.geojson),
      properties: {
        code: r.code,
        name: r.name,
        level: r.level,
        parentCode: r.parent_code,
        areaKm2: Math.round(r.area_km2 * 100) / 100,
      },
    }));
  },

  async insertFromGeoJson(
    q: Queryable,
    a: { code: string; name: string; level: 'city' | 'district'; parentCode: string | null; geojson: string },
  ): Promise<void> {
    await q.query(
      `INSERT INTO admin_area (code, name, level, parent_code, geom)
       VALUES ($1, $2, $3, $4, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($5), 4490)))`,
      [a.code, a.name, a.level, a.parentCode, a.geojson],
    );
  },
};
