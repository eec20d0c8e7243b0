/**
 * The fictional demo city 示范市: an irregular outline (a smooth radial function, deterministic) and district seed
 * points; districts are the Voronoi cells of the seeds clipped to the outline (done in PostGIS). All lon/lat on
 * CGCS2000 (EPSG:4490). Codes use the unassigned prefix 99 so they never collide with a real adcode.
 */
export const DEMO_CITY = { code: '990100', name: '示范市', lon: 114.3, lat: 27.6, radiusKm: 45 } as const;

export const DEMO_DISTRICTS = [
  { code: '990102', name: '城关区', dx: 0, dy: 0 },
  { code: '990103', name: '东湖区', dx: 0.14, dy: 0.1 },
  { code: '990104', name: '西山区', dx: -0.55, dy: 0.2 },
  { code: '990105', name: '南岭区', dx: -0.1, dy: -0.6 },
  { code: '990121', name: '北原县', dx: 0.15, dy: 0.62 },
  { code: '990122', name: '清河县', dx: 0.62, dy: -0.25 },
] as const;

const KM_PER_DEG_LAT = 111.2;

/** Seed dx/dy are fractions of the radius; returns lon/lat. */
export function districtSeed(d: { dx: number; dy: number }): [number, number] {
  const { lon, lat, radiusKm } = DEMO_CITY;
  const dLat = radiusKm / KM_PER_DEG_LAT;
  const dLon = dLat / Math.cos((lat * Math.PI) / 180);
  return [lon + d.dx * dLon, lat + d.dy * dLat];
}

/** A closed ring of `n` vertices whose radius wobbles by up to ~23 %, like a real administrative outline. */
export function cityOutline(n = 144): [number, number][] {
  const ring: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    const t = (2 * Math.PI * i) / n;
    const r = 1 + 0.12 * Math.sin(3 * t + 0.5) + 0.07 * Math.sin(5 * t + 1.3) + 0.04 * Math.sin(11 * t + 2.1);
    ring.push(districtSeed({ dx: r * Math.cos(t), dy: r * Math.sin(t) }));
  }
  ring.push(ring[0]!);
  return ring;
}
