import type { GeoJSON, Geometry, Position } from 'geojson';

/**
 * GCJ-02 ("Mars coordinates", the offset Chinese web maps — Amap, Tencent, DataV — publish) ↔ WGS84.
 *
 * The forward transform is the widely published public algorithm (Krasovsky 1940 ellipsoid constants, polynomial +
 * sine offsets of a few hundred metres); there is no closed-form inverse, so WGS84 is recovered by fixed-point
 * iteration. WGS84 and CGCS2000 (EPSG:4490) agree at the centimetre level, so the WGS84 result is stored as 4490.
 * All coordinates are [longitude, latitude] in decimal degrees (GeoJSON order). Outside the rough rectangle of
 * China the offset is not applied (the same bounds every implementation uses), so foreign points pass through.
 */

const KRASOVSKY_A = 6378245.0; // semi-major axis, metres
const KRASOVSKY_EE = 0.006693421622965943; // first eccentricity squared

/** Stop iterating once the forward transform of the estimate reproduces the GCJ-02 input this closely (degrees). */
const INVERSE_TOLERANCE_DEG = 1e-9; // ≈ 0.1 mm, far inside the 1e-7° (≈ 1 cm) the platform needs
const INVERSE_MAX_ITERATIONS = 30;

export function outOfChina(lng: number, lat: number): boolean {
  return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function offsetLat(x: number, y: number): number {
  let ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  ret += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  ret += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  ret += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return ret;
}

function offsetLng(x: number, y: number): number {
  let ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  ret += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  ret += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  ret += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return ret;
}

/** WGS84 → GCJ-02, degrees. */
export function wgs84ToGcj02(lng: number, lat: number): [number, number] {
  if (outOfChina(lng, lat)) return [lng, lat];
  const radLat = (lat / 180.0) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - KRASOVSKY_EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  // The offsets come out in metres-ish units; scale them to degrees with the Krasovsky radii of curvature.
  const dLat =
    (offsetLat(lng - 105.0, lat - 35.0) * 180.0) /
    (((KRASOVSKY_A * (1 - KRASOVSKY_EE)) / (magic * sqrtMagic)) * Math.PI);
  const dLng = (offsetLng(lng - 105.0, lat - 35.0) * 180.0) / ((KRASOVSKY_A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return [lng + dLng, lat + dLat];
}

/**
 * GCJ-02 → WGS84, degrees: iterate w ← w − (forward(w) − gcj) from w = gcj. The offset varies by ~1e-5 of its
 * size per degree, so each step gains about five digits; two or three iterations reach the tolerance.
 */
export function gcj02ToWgs84(lng: number, lat: number): [number, number] {
  if (outOfChina(lng, lat)) return [lng, lat];
  let wLng = lng;
  let wLat = lat;
  for (let i = 0; i < INVERSE_MAX_ITERATIONS; i++) {
    const [gLng, gLat] = wgs84ToGcj02(wLng, wLat);
    const dLng = gLng - lng;
    const dLat = gLat - lat;
    wLng -= dLng;
    wLat -= dLat;
    if (Math.abs(dLng) < INVERSE_TOLERANCE_DEG && Math.abs(dLat) < INVERSE_TOLERANCE_DEG) break;
  }
  return [wLng, wLat];
}

/**
 * Returns a copy of any GeoJSON object (geometry, GeometryCollection, Feature, FeatureCollection) with every position
 * converted from GCJ-02 to WGS84 (= CGCS2000 at cm level). Extra ordinates (altitude) and properties are kept; a
 * `bbox` member is recomputed from the converted positions, since the old one describes the offset data.
 */
export function convertGeoJsonGcj02ToWgs84<T extends GeoJSON>(geojson: T): T {
  return mapGeoJson(geojson, (p) => {
    const [lng, lat] = gcj02ToWgs84(p[0]!, p[1]!);
    return [lng, lat, ...p.slice(2)];
  });
}

type PositionFn = (p: Position) => Position;

function mapGeoJson<T extends GeoJSON>(obj: T, fn: PositionFn): T {
  const g = obj as GeoJSON;
  let out: GeoJSON;
  switch (g.type) {
    case 'FeatureCollection':
      out = { ...g, features: g.features.map((f) => mapGeoJson(f, fn)) };
      break;
    case 'Feature':
      // RFC 7946 allows "geometry": null (unlocated feature); the typings' default Feature does not say so.
      out = { ...g, geometry: g.geometry ? mapGeometry(g.geometry, fn) : g.geometry };
      break;
    default:
      out = mapGeometry(g, fn);
  }
  if (out.bbox !== undefined) out.bbox = bboxOf(out);
  return out as T;
}

function mapGeometry(g: Geometry, fn: PositionFn): Geometry {
  const ring = (ps: Position[]) => ps.map(fn);
  switch (g.type) {
    case 'Point':
      return { ...g, coordinates: fn(g.coordinates) };
    case 'MultiPoint':
    case 'LineString':
      return { ...g, coordinates: ring(g.coordinates) };
    case 'MultiLineString':
    case 'Polygon':
      return { ...g, coordinates: g.coordinates.map(ring) };
    case 'MultiPolygon':
      return { ...g, coordinates: g.coordinates.map((poly) => poly.map(ring)) };
    case 'GeometryCollection':
      return { ...g, geometries: g.geometries.map((c) => mapGeometry(c, fn)) };
  }
}

/** 2D bbox [minLng, minLat, maxLng, maxLat] of every position in the object (RFC 7946 §5). */
function bboxOf(obj: GeoJSON): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  mapGeoJsonNoBbox(obj, (p) => {
    b[0] = Math.min(b[0], p[0]!);
    b[1] = Math.min(b[1], p[1]!);
    b[2] = Math.max(b[2], p[0]!);
    b[3] = Math.max(b[3], p[1]!);
    return p;
  });
  return b;
}

function mapGeoJsonNoBbox(obj: GeoJSON, fn: PositionFn): void {
  if (obj.type === 'FeatureCollection') for (const f of obj.features) mapGeoJsonNoBbox(f, fn);
  else if (obj.type === 'Feature') {
    if (obj.geometry) mapGeometry(obj.geometry, fn);
  } else mapGeometry(obj, fn);
}
