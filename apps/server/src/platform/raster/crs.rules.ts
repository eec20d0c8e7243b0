import { DomainError } from '../errors/domain-error.js';
import type { AxisUnit } from './footprint.rules.js';

/**
 * GeoTIFF GeoKeys → EPSG code and axis unit (pure). Only EPSG-coded CRSs are accepted, because PostGIS reprojects
 * by SRID; a user-defined CRS (code 32767) is refused with what the file does say, plus — when its parameters match
 * one unambiguously — the EPSG code it is equivalent to, so an operator can confirm it instead of guessing.
 */

/** GeoKeys as geotiff.js parses them (`GTModelTypeGeoKey`, `ProjectedCSTypeGeoKey`, …), arrays made plain. */
export type GeoKeys = Record<string, unknown>;

export interface CrsInfo {
  epsg: number;
  axisUnit: AxisUnit;
}

const USER_DEFINED = 32767;
const MODEL_PROJECTED = 1;
const MODEL_GEOCENTRIC = 3;

/** EPSG unit-of-measure codes used by ProjLinearUnitsGeoKey / GeogAngularUnitsGeoKey. */
const UNIT_CODES: Record<number, AxisUnit> = {
  9001: 'metre',
  9002: 'foot',
  9003: 'us-survey-foot',
  9101: 'radian',
  9102: 'degree',
  9105: 'grad',
  9122: 'degree',
};

const isEpsgCode = (v: unknown): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v > 0 && v < USER_DEFINED;
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/**
 * Projected EPSG codes known to be in metres, for files that omit ProjLinearUnitsGeoKey (GDAL always writes it;
 * some older Chinese tools do not): CGCS2000 / Xian 1980 / Beijing 1954 Gauss-Krüger families, UTM, Web Mercator.
 */
function isKnownMetreProjected(epsg: number): boolean {
  return (
    (epsg >= 4491 && epsg <= 4554) || // CGCS2000 Gauss-Krüger, 6° and 3° zones
    (epsg >= 2327 && epsg <= 2442) || // Xian 1980 and Beijing 1954 Gauss-Krüger
    (epsg >= 21413 && epsg <= 21483) || // Beijing 1954 Gauss-Krüger zones 13–23 and CM variants
    (epsg >= 32601 && epsg <= 32660) || // WGS 84 / UTM north
    (epsg >= 32701 && epsg <= 32760) || // WGS 84 / UTM south
    epsg === 3857
  );
}

/** EPSG code and axis unit of a GeoTIFF, or INGEST_UNKNOWN_CRS saying what was found. */
export function crsFromGeoKeys(geoKeys: GeoKeys | null): CrsInfo {
  if (!geoKeys || Object.keys(geoKeys).length === 0) {
    throw new DomainError(
      'INGEST_UNKNOWN_CRS',
      { found: null, suggestedEpsg: null },
      '无法识别影像的坐标参考系：文件中没有坐标系信息（GeoKey），需要 EPSG 编码',
    );
  }
  const model = num(geoKeys.GTModelTypeGeoKey);
  const projected = geoKeys.ProjectedCSTypeGeoKey;
  const geographic = geoKeys.GeographicTypeGeoKey;
  const isProjected = model === MODEL_PROJECTED || (model === undefined && projected !== undefined);
  if (isProjected && isEpsgCode(projected)) {
    const unitCode = num(geoKeys.ProjLinearUnitsGeoKey);
    const unit = unitCode !== undefined ? (UNIT_CODES[unitCode] ?? 'unknown') : undefined;
    return { epsg: projected, axisUnit: unit ?? (isKnownMetreProjected(projected) ? 'metre' : 'unknown') };
  }
  // A projected image must never fall back to its geographic base CRS: the coordinates are metres, not degrees.
  if (!isProjected && model !== MODEL_GEOCENTRIC && isEpsgCode(geographic)) {
    const unitCode = num(geoKeys.GeogAngularUnitsGeoKey);
    // Every geographic 2D CRS in the EPSG registry (4326, 4490, …) is in degrees unless the file says otherwise.
    return { epsg: geographic, axisUnit: unitCode !== undefined ? (UNIT_CODES[unitCode] ?? 'unknown') : 'degree' };
  }
  const suggestedEpsg = suggestEpsg(geoKeys);
  const what =
    model === MODEL_GEOCENTRIC
      ? '地心坐标系（geocentric）不能用于影像'
      : projected === USER_DEFINED || geographic === USER_DEFINED
        ? '文件中的坐标系为用户自定义（32767），没有 EPSG 编码'
        : '文件中缺少 EPSG 坐标系编码';
  const hint = suggestedEpsg ? `；按投影参数推断可能为 EPSG:${suggestedEpsg}，请确认后指定` : '';
  throw new DomainError(
    'INGEST_UNKNOWN_CRS',
    { found: geoKeys, suggestedEpsg },
    `无法识别影像的坐标参考系：${what}${hint}`,
  );
}

/** Datum / ellipsoid / base CRS codes identifying WGS 84 and CGCS2000 in user-defined GeoKeys. */
function baseDatum(geoKeys: GeoKeys): 'wgs84' | 'cgcs2000' | null {
  const gcs = geoKeys.GeographicTypeGeoKey;
  const datum = geoKeys.GeogGeodeticDatumGeoKey;
  const ellipsoid = geoKeys.GeogEllipsoidGeoKey;
  if (gcs === 4490 || datum === 1043 || ellipsoid === 1024) return 'cgcs2000';
  // 7030 is the WGS 84 ellipsoid; with a user-defined datum the datum is unknown but the figure of the earth is not.
  if (gcs === 4326 || datum === 6326 || ellipsoid === 7030) return 'wgs84';
  return null;
}

const near = (a: number | undefined, b: number, tol = 1e-9) => a !== undefined && Math.abs(a - b) <= tol;

/**
 * The EPSG code a user-defined projected CRS is equivalent to, when its parameters say so unambiguously:
 * - WGS 84 / UTM: ProjectionGeoKey 16001–16060 (UTM zone N north) / 16101–16160 (south) → EPSG:326zz / 327zz.
 * - CGCS2000 Gauss-Krüger (transverse Mercator, scale 1, latitude of origin 0, false northing 0):
 *   false easting 500 000 m and CM 75°E…135°E in 3° steps → 3° CM series EPSG:4534–4554 (the 6° CM series
 *   4502–4512 shares these parameters and is the same CRS);
 *   false easting = zone·10⁶ + 500 000 → 3° zones 25–45 (CM = 3·zone) EPSG:4513–4533, or 6° zones 13–23
 *   (CM = 6·zone − 3) EPSG:4491–4501.
 * Returns null for anything else; this is a hint for a human, never applied silently.
 */
export function suggestEpsg(geoKeys: GeoKeys): number | null {
  const datum = baseDatum(geoKeys);
  const projection = num(geoKeys.ProjectionGeoKey);
  if (datum === 'wgs84' && projection !== undefined) {
    if (projection >= 16001 && projection <= 16060) return 32600 + (projection - 16000);
    if (projection >= 16101 && projection <= 16160) return 32700 + (projection - 16100);
  }
  const TRANSVERSE_MERCATOR = 1;
  if (datum !== 'cgcs2000' || num(geoKeys.ProjCoordTransGeoKey) !== TRANSVERSE_MERCATOR) return null;
  const cm = num(geoKeys.ProjNatOriginLongGeoKey) ?? num(geoKeys.ProjCenterLongGeoKey);
  const fe = num(geoKeys.ProjFalseEastingGeoKey);
  const scale = num(geoKeys.ProjScaleAtNatOriginGeoKey) ?? 1;
  const lat0 = num(geoKeys.ProjNatOriginLatGeoKey) ?? 0;
  const fn = num(geoKeys.ProjFalseNorthingGeoKey) ?? 0;
  if (cm === undefined || fe === undefined || !near(scale, 1) || !near(lat0, 0) || !near(fn, 0, 1e-6)) return null;
  if (!Number.isInteger(cm) || cm % 3 !== 0 || cm < 75 || cm > 135) return null;
  if (near(fe, 500000, 1e-6)) return 4534 + (cm - 75) / 3;
  const zone = (fe - 500000) / 1e6;
  if (!Number.isInteger(zone)) return null;
  if (zone >= 25 && zone <= 45 && cm === zone * 3) return 4513 + (zone - 25);
  if (zone >= 13 && zone <= 23 && cm === zone * 6 - 3) return 4491 + (zone - 13);
  return null;
}
