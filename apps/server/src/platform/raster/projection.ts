/**
 * lon/lat → the projected CRSs COGs arrive in (pure). Input is CGCS2000 (EPSG:4490) longitude / latitude in degrees;
 * WGS 84 sources are treated as the same datum — the two differ by centimetres, far below a tile pixel, and PostGIS
 * (PROJ's ballpark transformation) does the same. Transverse Mercator (Gauss-Krüger, UTM) is gauss-kruger.ts.
 */
import { cgcs2000GaussKruger, type Ellipsoid, transverseMercator } from './gauss-kruger.js';

export type Forward = (lon: number, lat: number) => [number, number];

/** WGS 84's ellipsoid (UTM). */
const WGS84: Ellipsoid = { a: 6378137, f: 1 / 298.257223563 };

const DEG = Math.PI / 180;
/** Web Mercator sphere radius (EPSG:3857), metres. */
export const WEB_MERCATOR_RADIUS = 6378137;

export const webMercator: Forward = (lon, lat) => [
  lon * DEG * WEB_MERCATOR_RADIUS,
  WEB_MERCATOR_RADIUS * Math.log(Math.tan(Math.PI / 4 + (lat * DEG) / 2)),
];

export const webMercatorToLonLat = (x: number, y: number): [number, number] => [
  x / WEB_MERCATOR_RADIUS / DEG,
  Math.atan(Math.sinh(y / WEB_MERCATOR_RADIUS)) / DEG,
];

const identity: Forward = (lon, lat) => [lon, lat];

/** Geographic lon/lat CRSs treated as one (CGCS2000 and WGS 84, see above). */
export const isGeographic = (epsg: number): boolean => epsg === 4490 || epsg === 4326;

/**
 * lon/lat → the CRS `epsg`, or null when it is not supported:
 * - 4490 / 4326 geographic; 3857 Web Mercator;
 * - CGCS2000 Gauss-Krüger (GRS80): 6° zones with zone prefix 4491–4501 (zones 13–23), 6° CM 4502–4512, 3° zones
 *   with prefix 4513–4533 (zones 25–45), 3° CM 4534–4554 (75°E…135°E);
 * - WGS 84 / UTM zones 1–60 north 32601–32660 and south 32701–32760 (k0 0.9996, false northing 10 000 km south).
 */
export function forwardProjection(epsg: number): Forward | null {
  if (isGeographic(epsg)) return identity;
  if (epsg === 3857) return webMercator;
  const gk = cgcs2000GaussKruger(epsg);
  if (gk) return gk.forward;
  if ((epsg >= 32601 && epsg <= 32660) || (epsg >= 32701 && epsg <= 32760)) {
    const zone = epsg % 100;
    const utm = {
      lon0: zone * 6 - 183,
      k0: 0.9996,
      falseEasting: 500_000,
      falseNorthing: epsg > 32700 ? 10_000_000 : 0,
    };
    return transverseMercator({ ellipsoid: WGS84, ...utm }).forward;
  }
  return null;
}
