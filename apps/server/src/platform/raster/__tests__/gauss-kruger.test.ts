import { describe, expect, test } from 'vitest';
import { cgcs2000GaussKruger, gaussKrugerZone, transverseMercator } from '../gauss-kruger.js';

/** Metres between two lon/lat points a few metres apart (local equirectangular, good to < 1e-6 relative here). */
const metresApart = ([lon1, lat1]: [number, number], [lon2, lat2]: [number, number]) => {
  const r = 6371008.8;
  const phi = (((lat1 + lat2) / 2) * Math.PI) / 180;
  const dx = (((lon2 - lon1) * Math.PI) / 180) * r * Math.cos(phi);
  const dy = (((lat2 - lat1) * Math.PI) / 180) * r;
  return Math.hypot(dx, dy);
};

describe('Gauss-Krüger (transverse Mercator, Krüger series)', () => {
  test('EPSG Guidance Note 7-2 §3.5.3.1 worked example (OSGB 1936 / British National Grid) forward and back', () => {
    const bng = transverseMercator({
      ellipsoid: { a: 6377563.396, f: 1 / 299.3249646 },
      lon0: -2,
      lat0: 49,
      k0: 0.9996012717,
      falseEasting: 400_000,
      falseNorthing: -100_000,
    });
    // The Guidance Note rounds to the centimetre (its USGS-style series is itself good to a few millimetres there).
    const [e, n] = bng.forward(0.5, 50.5);
    expect(Math.abs(e - 577274.99)).toBeLessThan(0.01);
    expect(Math.abs(n - 69740.5)).toBeLessThan(0.01);
    const [lon, lat] = bng.inverse(577274.99, 69740.5);
    expect(metresApart([lon, lat], [0.5, 50.5])).toBeLessThan(0.01);
  });

  test.each([
    // CGCS2000 reference values from PROJ 9.7 (PostGIS ST_Transform from EPSG:4490)
    [4526, 114.25, 27.5, 38524703.079728, 3043058.915064],
    [4547, 114.25, 27.5, 524703.079728, 3043058.915064],
  ])('EPSG:%i agrees with PROJ to a millimetre', (epsg, lon, lat, x, y) => {
    const [e, n] = cgcs2000GaussKruger(epsg)!.forward(lon, lat);
    expect(Math.abs(e - x)).toBeLessThan(0.001);
    expect(Math.abs(n - y)).toBeLessThan(0.001);
  });

  test('round trip lon/lat → zone → lon/lat stays within a millimetre across 3° and 6° zones', () => {
    for (const epsg of [4491, 4501, 4502, 4513, 4526, 4533, 4547, 4554]) {
      const zone = gaussKrugerZone(epsg)!;
      const p = cgcs2000GaussKruger(epsg)!;
      for (const dLon of [-zone.width / 2 - 0.5, -1.2, 0, 0.7, zone.width / 2 + 0.5]) {
        for (const lat of [3.8, 18.2, 27.5, 40.1, 53.5]) {
          const ll: [number, number] = [zone.lon0 + dLon, lat];
          const back = p.inverse(...p.forward(...ll));
          expect(metresApart(back, ll)).toBeLessThan(0.001);
        }
      }
    }
  });

  test('zone table: central meridians and false eastings of the four EPSG families', () => {
    expect(gaussKrugerZone(4491)).toEqual({ epsg: 4491, width: 6, lon0: 75, falseEasting: 13_500_000 });
    expect(gaussKrugerZone(4512)).toEqual({ epsg: 4512, width: 6, lon0: 135, falseEasting: 500_000 });
    expect(gaussKrugerZone(4526)).toEqual({ epsg: 4526, width: 3, lon0: 114, falseEasting: 38_500_000 });
    expect(gaussKrugerZone(4554)).toEqual({ epsg: 4554, width: 3, lon0: 135, falseEasting: 500_000 });
    expect(gaussKrugerZone(4490)).toBeNull();
    expect(gaussKrugerZone(4555)).toBeNull();
  });

  test('the central meridian maps to the false easting and the equator to northing 0', () => {
    const [e, n] = cgcs2000GaussKruger(4526)!.forward(114, 0);
    expect(e).toBeCloseTo(38_500_000, 6);
    expect(n).toBeCloseTo(0, 6);
  });
});
