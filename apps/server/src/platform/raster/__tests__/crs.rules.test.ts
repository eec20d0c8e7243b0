import { describe, expect, test } from 'vitest';
import { isDomainError } from '../../errors/domain-error.js';
import { crsFromGeoKeys, type GeoKeys, suggestEpsg } from '../crs.rules.js';

function unknownCrs(keys: GeoKeys | null) {
  try {
    crsFromGeoKeys(keys);
  } catch (e) {
    if (isDomainError(e) && e.code === 'INGEST_UNKNOWN_CRS') return e;
    throw e;
  }
  throw new Error('expected INGEST_UNKNOWN_CRS');
}

// What rgb1.tif (rasterio test data) says: UTM 18N on an unnamed datum over the WGS 84 ellipsoid.
const USER_DEFINED_UTM18N: GeoKeys = {
  GTModelTypeGeoKey: 1,
  GTRasterTypeGeoKey: 1,
  GeographicTypeGeoKey: 32767,
  GeogGeodeticDatumGeoKey: 32767,
  GeogEllipsoidGeoKey: 7030,
  ProjectedCSTypeGeoKey: 32767,
  ProjectionGeoKey: 16018,
  ProjLinearUnitsGeoKey: 9001,
};

/** A CGCS2000 Gauss-Krüger CRS as ArcGIS/ENVI write it when they do not know the EPSG code. */
const gk = (cm: number, falseEasting: number, extra: GeoKeys = {}): GeoKeys => ({
  GTModelTypeGeoKey: 1,
  ProjectedCSTypeGeoKey: 32767,
  GeographicTypeGeoKey: 4490,
  ProjCoordTransGeoKey: 1, // transverse Mercator
  ProjNatOriginLongGeoKey: cm,
  ProjNatOriginLatGeoKey: 0,
  ProjFalseEastingGeoKey: falseEasting,
  ProjFalseNorthingGeoKey: 0,
  ProjScaleAtNatOriginGeoKey: 1,
  ProjLinearUnitsGeoKey: 9001,
  ...extra,
});

describe('crsFromGeoKeys', () => {
  test.each([
    [
      'UTM 18N (RGB.byte.tif)',
      { GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 32618, ProjLinearUnitsGeoKey: 9001 },
      32618,
      'metre',
    ],
    ['Web Mercator', { GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 3857, ProjLinearUnitsGeoKey: 9001 }, 3857, 'metre'],
    ['CGCS2000 geographic', { GTModelTypeGeoKey: 2, GeographicTypeGeoKey: 4490 }, 4490, 'degree'],
    ['CGCS2000 3° GK zone 39, no unit key', { GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 4527 }, 4527, 'metre'],
    [
      'feet',
      { GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 2263, ProjLinearUnitsGeoKey: 9003 },
      2263,
      'us-survey-foot',
    ],
    ['unknown projected code without unit', { GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 5514 }, 5514, 'unknown'],
    ['model type missing, projected code present', { ProjectedCSTypeGeoKey: 32650 }, 32650, 'metre'],
    [
      'geographic in radians',
      { GTModelTypeGeoKey: 2, GeographicTypeGeoKey: 4326, GeogAngularUnitsGeoKey: 9101 },
      4326,
      'radian',
    ],
  ] as const)('%s', (_name, keys, epsg, axisUnit) => {
    expect(crsFromGeoKeys(keys)).toEqual({ epsg, axisUnit });
  });

  test('no GeoKeys at all (rotated.tif, float_nan.tif) → INGEST_UNKNOWN_CRS', () => {
    const e = unknownCrs(null);
    expect(e.details).toEqual({ found: null, suggestedEpsg: null });
    expect(e.message).toContain('没有坐标系信息');
  });

  test('user-defined (32767) → INGEST_UNKNOWN_CRS with the keys found and the equivalent EPSG code', () => {
    const e = unknownCrs(USER_DEFINED_UTM18N);
    expect(e.details).toEqual({ found: USER_DEFINED_UTM18N, suggestedEpsg: 32618 });
    expect(e.message).toContain('用户自定义（32767）');
    expect(e.message).toContain('EPSG:32618');
  });

  test('a projected image never falls back to its geographic base CRS', () => {
    const e = unknownCrs({ GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 32767, GeographicTypeGeoKey: 4490 });
    expect((e.details as { suggestedEpsg: unknown }).suggestedEpsg).toBeNull();
  });

  test('geocentric model → INGEST_UNKNOWN_CRS', () => {
    expect(unknownCrs({ GTModelTypeGeoKey: 3, GeographicTypeGeoKey: 4978 }).message).toContain('地心');
  });
});

describe('suggestEpsg for user-defined CRSs', () => {
  test.each([
    ['WGS 84 / UTM 18N by ProjectionGeoKey', USER_DEFINED_UTM18N, 32618],
    ['WGS 84 / UTM 50S', { GeographicTypeGeoKey: 4326, ProjectionGeoKey: 16150 }, 32750],
    ['CGCS2000 3° GK CM 117E (FE 500 km)', gk(117, 500000), 4548],
    ['CGCS2000 3° GK CM 75E', gk(75, 500000), 4534],
    ['CGCS2000 3° GK CM 135E', gk(135, 500000), 4554],
    ['CGCS2000 3° GK zone 39 (FE 39 500 km)', gk(117, 39500000), 4527],
    ['CGCS2000 3° GK zone 25', gk(75, 25500000), 4513],
    ['CGCS2000 6° GK zone 20 (CM 117E, FE 20 500 km)', gk(117, 20500000), 4498],
    ['CGCS2000 6° GK zone 13', gk(75, 13500000), 4491],
    [
      'datum code instead of base CRS',
      gk(117, 500000, { GeographicTypeGeoKey: 32767, GeogGeodeticDatumGeoKey: 1043 }),
      4548,
    ],
    ['CM not on the 3° grid', gk(116, 500000), null],
    ['zone number does not match the CM', gk(120, 39500000), null],
    ['scale 0.9996 is UTM-like, not GK', gk(117, 500000, { ProjScaleAtNatOriginGeoKey: 0.9996 }), null],
    ['false northing', gk(117, 500000, { ProjFalseNorthingGeoKey: 10000000 }), null],
    ['Xian 1980 ellipsoid is not CGCS2000', gk(117, 500000, { GeographicTypeGeoKey: 4610 }), null],
    ['UTM projection on an unknown ellipsoid', { ProjectionGeoKey: 16018, GeogEllipsoidGeoKey: 7024 }, null],
  ] as const)('%s → %s', (_name, keys, expected) => {
    expect(suggestEpsg(keys)).toBe(expected);
  });
});
