/**
 * Transverse Mercator by the Krüger series, forward and inverse (pure maths, no I/O), and the CGCS2000
 * Gauss-Krüger zones of the EPSG registry (EPSG:4491–4554).
 *
 * The series are taken to n⁴ (n = third flattening, ≈ 1.7 × 10⁻³ for GRS80), whose truncation error is below a
 * millimetre within a Gauss-Krüger zone and stays sub-millimetre several degrees beyond it (Karney 2011,
 * "Transverse Mercator with an accuracy of a few nanometers", eqs. 35–36; EPSG Guidance Note 7-2 §3.5.3.1).
 * Angles are degrees of longitude/latitude on the ellipsoid; eastings and northings are metres.
 */

export interface Ellipsoid {
  /** semi-major axis, metres */
  a: number;
  /** flattening */
  f: number;
}

/** GRS80: the ellipsoid of CGCS2000 (EPSG:1024); CGCS2000's own flattening differs by 1e-13 — no effect here. */
export const GRS80: Ellipsoid = { a: 6378137, f: 1 / 298.257222101 };

export interface TransverseMercatorParams {
  ellipsoid: Ellipsoid;
  /** longitude of the central meridian, degrees */
  lon0: number;
  /** latitude of natural origin, degrees (0 for every Gauss-Krüger zone) */
  lat0?: number;
  /** scale factor on the central meridian (1 for CGCS2000 Gauss-Krüger) */
  k0: number;
  falseEasting: number;
  falseNorthing: number;
}

export interface Projection {
  /** lon/lat in degrees → easting/northing in metres */
  forward(lon: number, lat: number): [number, number];
  /** easting/northing in metres → lon/lat in degrees */
  inverse(x: number, y: number): [number, number];
}

const DEG = Math.PI / 180;

export function transverseMercator(p: TransverseMercatorParams): Projection {
  const { a, f } = p.ellipsoid;
  const n = f / (2 - f);
  const n2 = n * n;
  const n3 = n2 * n;
  const n4 = n3 * n;
  // Rectifying radius: A·ξ is the meridian distance.
  const A = (a / (1 + n)) * (1 + n2 / 4 + n4 / 64);
  // First eccentricity, e = 2√n / (1 + n).
  const e = (2 * Math.sqrt(n)) / (1 + n);
  // Conformal sphere → ellipsoid (forward) and back (inverse).
  const alpha = [
    n / 2 - (2 * n2) / 3 + (5 * n3) / 16 + (41 * n4) / 180,
    (13 * n2) / 48 - (3 * n3) / 5 + (557 * n4) / 1440,
    (61 * n3) / 240 - (103 * n4) / 140,
    (49561 * n4) / 161280,
  ];
  const beta = [
    n / 2 - (2 * n2) / 3 + (37 * n3) / 96 - n4 / 360,
    n2 / 48 + n3 / 15 - (437 * n4) / 1440,
    (17 * n3) / 480 - (37 * n4) / 840,
    (4397 * n4) / 161280,
  ];
  // Conformal latitude χ → geodetic latitude φ.
  const delta = [
    2 * n - (2 * n2) / 3 - 2 * n3 + (116 * n4) / 45,
    (7 * n2) / 3 - (8 * n3) / 5 - (227 * n4) / 45,
    (56 * n3) / 15 - (136 * n4) / 35,
    (4279 * n4) / 630,
  ];
  const { k0, falseEasting: FE, falseNorthing: FN } = p;

  /** ξ, η: the Gauss-Schreiber coordinates mapped by the series, in units of A (Karney eq. 11). */
  const xiEta = (lon: number, lat: number): [number, number] => {
    const sinPhi = Math.sin(lat * DEG);
    const lambda = (lon - p.lon0) * DEG;
    const t = Math.sinh(Math.atanh(sinPhi) - e * Math.atanh(e * sinPhi));
    const xiP = Math.atan2(t, Math.cos(lambda));
    const etaP = Math.atanh(Math.sin(lambda) / Math.sqrt(1 + t * t));
    let xi = xiP;
    let eta = etaP;
    for (let j = 0; j < 4; j++) {
      const k = 2 * (j + 1);
      xi += alpha[j]! * Math.sin(k * xiP) * Math.cosh(k * etaP);
      eta += alpha[j]! * Math.cos(k * xiP) * Math.sinh(k * etaP);
    }
    return [xi, eta];
  };
  // Meridian distance of the latitude of origin (zero for Gauss-Krüger zones).
  const xi0 = p.lat0 ? xiEta(p.lon0, p.lat0)[0] : 0;

  return {
    forward(lon, lat) {
      const [xi, eta] = xiEta(lon, lat);
      return [FE + k0 * A * eta, FN + k0 * A * (xi - xi0)];
    },
    inverse(x, y) {
      const xi = (y - FN) / (k0 * A) + xi0;
      const eta = (x - FE) / (k0 * A);
      let xiP = xi;
      let etaP = eta;
      for (let j = 0; j < 4; j++) {
        const k = 2 * (j + 1);
        xiP -= beta[j]! * Math.sin(k * xi) * Math.cosh(k * eta);
        etaP -= beta[j]! * Math.cos(k * xi) * Math.sinh(k * eta);
      }
      const chi = Math.asin(Math.sin(xiP) / Math.cosh(etaP));
      let phi = chi;
      for (let j = 0; j < 4; j++) phi += delta[j]! * Math.sin(2 * (j + 1) * chi);
      return [p.lon0 + Math.atan2(Math.sinh(etaP), Math.cos(xiP)) / DEG, phi / DEG];
    },
  };
}

/** A CGCS2000 Gauss-Krüger CRS: its central meridian and false easting (the zone prefix, when it has one). */
export interface GaussKrugerZone {
  epsg: number;
  /** 3° or 6° zones */
  width: 3 | 6;
  /** central meridian, degrees east */
  lon0: number;
  /** 500 km, plus zone number × 1000 km for the "with zone prefix" families */
  falseEasting: number;
}

/**
 * The EPSG CGCS2000 Gauss-Krüger families: 6° zones with zone prefix 4491–4501 (zones 13–23, CM 75°E–135°E),
 * 6° CM 4502–4512, 3° zones with prefix 4513–4533 (zones 25–45), 3° CM 4534–4554 (75°E–135°E). Null otherwise.
 */
export function gaussKrugerZone(epsg: number): GaussKrugerZone | null {
  if (!Number.isInteger(epsg)) return null;
  if (epsg >= 4491 && epsg <= 4501) {
    const zone = 13 + (epsg - 4491);
    return { epsg, width: 6, lon0: zone * 6 - 3, falseEasting: zone * 1e6 + 500_000 };
  }
  if (epsg >= 4502 && epsg <= 4512) return { epsg, width: 6, lon0: 75 + 6 * (epsg - 4502), falseEasting: 500_000 };
  if (epsg >= 4513 && epsg <= 4533) {
    const zone = 25 + (epsg - 4513);
    return { epsg, width: 3, lon0: zone * 3, falseEasting: zone * 1e6 + 500_000 };
  }
  if (epsg >= 4534 && epsg <= 4554) return { epsg, width: 3, lon0: 75 + 3 * (epsg - 4534), falseEasting: 500_000 };
  return null;
}

/** The projection of a CGCS2000 Gauss-Krüger EPSG code (GRS80, k0 = 1, false northing 0), or null. */
export function cgcs2000GaussKruger(epsg: number): Projection | null {
  const z = gaussKrugerZone(epsg);
  return z
    ? transverseMercator({ ellipsoid: GRS80, lon0: z.lon0, k0: 1, falseEasting: z.falseEasting, falseNorthing: 0 })
    : null;
}
