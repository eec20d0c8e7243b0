/**
 * Catalogue search benchmark (issue: catalogue performance). Run:
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/catalog-search.ts [--items 1000000]
 *   npx tsx bench/catalog-search.ts --items 200000            (embedded PGlite, in memory)
 *   --keep keeps the server database `geoshare_bench` for EXPLAIN ANALYZE afterwards.
 * It creates a throw-away database (`geoshare_bench` on the server), bulk-ingests N items with realistic footprints
 * over China (10 years, mixed sensors) through the real bulk-ingest use case, then times the same searches two ways
 * in the same run:
 *   1. GeoShare: POST /api/stac/search through the whole app (app.inject: validation, CQL2, visibility, serialisation)
 *   2. baseline: the same query written as one plain PostGIS SQL statement
 * Query: bbox (random 1°×1°) + datetime (random year) + eo:cloud_cover < 20 + sortby datetime desc, limit 10.
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildApp } from '../apps/server/src/app.js';
import type { NewItem } from '../apps/server/src/modules/catalog/catalog.service.js';
import { DEFAULT_SECURITY_POLICY } from '../apps/server/src/modules/identity/security.policy.js';
import { SYSTEM_CONTEXT } from '../apps/server/src/platform/auth/actor.js';
import { officialCalendarData } from '../apps/server/src/platform/calendar/calendar.data.js';
import { systemClock } from '../apps/server/src/platform/clock.js';
import type { Db } from '../apps/server/src/platform/db/db.port.js';
import { loadMigrations, migrate } from '../apps/server/src/platform/db/migrate.js';
import { openPostgres } from '../apps/server/src/platform/db/pg.adapter.js';
import { openPglite } from '../apps/server/src/platform/db/pglite.adapter.js';
import { localStorage } from '../apps/server/src/platform/storage/local.storage.js';

const { values } = parseArgs({
  options: {
    items: { type: 'string' },
    queries: { type: 'string' },
    batch: { type: 'string' },
    keep: { type: 'boolean' },
  },
});
const url = process.env.DATABASE_URL;
const N = Number(values.items ?? (url ? 1_000_000 : 200_000));
const Q = Number(values.queries ?? 300);
const BATCH = Number(values.batch ?? 2000);

/** Deterministic PRNG (mulberry32) so runs are comparable. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(20261123);
const pick = <T>(a: readonly T[]) => a[Math.floor(rand() * a.length)]!;

/** Sensors with their scene width (km) and GSD (m). */
const SENSORS = [
  { platform: 'GF-1', instrument: 'WFV', widthKm: 60, gsd: 16, collection: 'gf1-wfv' },
  { platform: 'GF-1', instrument: 'PMS', widthKm: 30, gsd: 2, collection: 'gf1-pms' },
  { platform: 'GF-2', instrument: 'PMS', widthKm: 23, gsd: 0.8, collection: 'gf2-pms' },
  { platform: 'GF-6', instrument: 'PMS', widthKm: 45, gsd: 2, collection: 'gf6-pms' },
  { platform: 'ZY-3', instrument: 'NAD', widthKm: 51, gsd: 2.1, collection: 'zy3-nad' },
  { platform: 'Sentinel-2', instrument: 'MSI', widthKm: 100, gsd: 10, collection: 's2-msi' },
] as const;

/** A footprint: a slightly rotated rectangle of the sensor's swath, inside mainland China's rough extent. */
function footprint(widthKm: number) {
  const lon = 75 + rand() * 58;
  const lat = 20 + rand() * 30;
  const h = widthKm / 111.2 / 2;
  const w = h / Math.cos((lat * Math.PI) / 180);
  const a = ((rand() - 0.5) * 20 * Math.PI) / 180; // orbit skew ±10°
  const corner = (dx: number, dy: number): [number, number] => [
    lon + dx * Math.cos(a) - dy * Math.sin(a),
    lat + dx * Math.sin(a) + dy * Math.cos(a),
  ];
  const ring = [corner(-w, -h), corner(w, -h), corner(w, h), corner(-w, h)];
  return { type: 'Polygon', coordinates: [[...ring, ring[0]!]] };
}

function item(i: number): NewItem {
  const s = pick(SENSORS);
  const t = Date.UTC(2016, 0, 1) + rand() * 10 * 365.25 * 86_400_000;
  return {
    collectionId: s.collection,
    id: `${s.platform}_${s.instrument}_${i}`,
    title: `${s.platform} ${s.instrument} 景 ${i}`,
    description: null,
    datetime: new Date(t - (t % 86_400_000) + 3 * 3600_000).toISOString(),
    geometry: footprint(s.widthKm),
    gsd: s.gsd,
    platform: s.platform,
    instruments: [s.instrument],
    cloudCover: Math.round(rand() * 1000) / 10,
    productType: 'primary',
    format: 'COG',
    dataVolume: Math.round(rand() * 8e9),
    secrecy: rand() < 0.9 ? 'public' : 'secret',
    secrecyTerm: null,
    sharingType: rand() < 0.7 ? 'unconditional' : 'conditional',
    sharingBasis: null,
    sharingMethod: 'online',
    fundingSource: 'provincial',
    custodianOrgId: null,
    providerOrgId: null,
    updateFrequency: 'irregular',
    usageRequirements: null,
    properties: {},
    checksumSm3: null,
    published: true,
  };
}

async function openBenchDb(): Promise<{ db: Db; finish: (keep: boolean) => Promise<void> }> {
  if (!url) return { db: await openPglite(), finish: async () => undefined };
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS geoshare_bench');
  await admin.query('CREATE DATABASE geoshare_bench');
  const u = new URL(url);
  u.pathname = '/geoshare_bench';
  const db = await openPostgres(u.toString(), 4);
  return {
    db,
    finish: async (keep) => {
      await db.close();
      if (!keep) await admin.query('DROP DATABASE IF EXISTS geoshare_bench');
      await admin.end();
    },
  };
}

const stats = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { median: at(0.5), p99: at(0.99), mean: s.reduce((a, b) => a + b, 0) / s.length };
};

const { db, finish } = await openBenchDb();
await migrate(db, await loadMigrations());
const app = await buildApp({
  db,
  clock: systemClock,
  secret: Buffer.alloc(32, 1),
  calendarData: officialCalendarData(),
  security: DEFAULT_SECURITY_POLICY,
  storage: localStorage('/tmp/geoshare-bench-assets'),
  config: { cookieSecure: false },
});
const s = app.services;
for (const c of new Set(SENSORS.map((x) => x.collection))) {
  await s.catalog.createCollection(SYSTEM_CONTEXT, {
    id: c,
    title: c,
    description: 'bench',
    productType: 'primary',
    sharingType: 'unconditional',
    sharingMethod: 'online',
  });
  await s.catalog.publishCollection(SYSTEM_CONTEXT, c, true);
}

console.log(`database: ${db.kind}; items: ${N}; batch: ${BATCH}`);
let t0 = performance.now();
for (let i = 0; i < N; i += BATCH) {
  await s.catalog.bulkCreateItems(
    SYSTEM_CONTEXT,
    Array.from({ length: Math.min(BATCH, N - i) }, (_, k) => item(i + k)),
  );
  if ((i / BATCH) % 50 === 0) process.stdout.write(`\r  ingested ${i + BATCH}`);
}
const ingestS = (performance.now() - t0) / 1000;
console.log(`\ningest: ${N} items in ${ingestS.toFixed(1)} s = ${Math.round(N / ingestS)} items/s`);
t0 = performance.now();
await db.exec('ANALYZE catalog_item');
console.log(`analyze: ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const queries = Array.from({ length: Q }, () => {
  const lon = 76 + rand() * 56;
  const lat = 21 + rand() * 28;
  const y = 2016 + Math.floor(rand() * 10);
  return { bbox: [lon, lat, lon + 1, lat + 1] as const, start: `${y}-01-01T00:00:00Z`, end: `${y}-12-31T23:59:59Z` };
});

async function timeGeoShare(q: (typeof queries)[number]) {
  const t = performance.now();
  const res = await app.inject({
    method: 'POST',
    url: '/api/stac/search',
    payload: {
      bbox: q.bbox,
      datetime: `${q.start}/${q.end}`,
      filter: { op: '<', args: [{ property: 'eo:cloud_cover' }, 20] },
      'filter-lang': 'cql2-json',
      sortby: [{ field: 'datetime', direction: 'desc' }],
      limit: 10,
    },
  });
  if (res.statusCode !== 200) throw new Error(res.body);
  return { ms: performance.now() - t, n: (res.json() as { features: unknown[] }).features.length };
}

async function timeBaseline(q: (typeof queries)[number]) {
  const t = performance.now();
  const { rows } = await db.query(
    `SELECT collection_id, id, datetime, cloud_cover, ST_AsGeoJSON(geom) AS geom, properties FROM catalog_item
     WHERE ST_Intersects(geom, ST_MakeEnvelope($1, $2, $3, $4, 4490)) AND datetime BETWEEN $5 AND $6 AND cloud_cover < 20
       AND published AND secrecy = 'public' AND sharing_type = 'unconditional'
     ORDER BY datetime DESC LIMIT 10`,
    [...q.bbox, q.start, q.end],
  );
  return { ms: performance.now() - t, n: rows.length };
}

// Warm both paths, then interleave them so both see the same cache state.
for (const q of queries.slice(0, 20)) {
  await timeGeoShare(q);
  await timeBaseline(q);
}
const gs: number[] = [];
const base: number[] = [];
let mismatched = 0;
for (const q of queries) {
  const a = await timeGeoShare(q);
  const b = await timeBaseline(q);
  gs.push(a.ms);
  base.push(b.ms);
  if (a.n !== b.n) mismatched += 1;
}
const g = stats(gs);
const b = stats(base);
const line = (name: string, x: ReturnType<typeof stats>) =>
  `${name.padEnd(34)} median ${x.median.toFixed(2)} ms   p99 ${x.p99.toFixed(2)} ms   mean ${x.mean.toFixed(2)} ms`;
console.log(line('GeoShare /api/stac/search', g));
console.log(line('baseline plain PostGIS SQL', b));
console.log(
  `ratio GeoShare / baseline: median ${(g.median / b.median).toFixed(2)}×   p99 ${(g.p99 / b.p99).toFixed(2)}×   (result counts differ in ${mismatched} of ${Q} queries)`,
);
await app.close();
// --keep leaves the server database `geoshare_bench` in place for EXPLAIN ANALYZE.
await finish(values.keep === true);
