/**
 * COG ingest throughput (issue: catalogue performance, goal ≥ 50 files/s from local disk). Run:
 *   npx tsx bench/ingest-cogs.ts [--files 200]                       (embedded PGlite, in memory)
 *   DATABASE_URL=postgres://… npx tsx bench/ingest-cogs.ts           (a throw-away database on the server)
 * Writes N distinct 1024 × 1024 RGB JPEG COGs (CGCS2000 geographic, 512 px tiles, overviews) into a temp folder,
 * then times the real ingest use case per file: header and COG-layout read, SM3 checksum, footprint and GSD in
 * PostGIS, copy into the asset store, 256 px thumbnail, numbered catalogue entry with its audit row.
 * Baseline in the same run: reading the headers alone (the floor any ingest pays).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { DEFAULT_SECURITY_POLICY } from '../apps/server/src/modules/identity/security.policy.js';
import { SYSTEM_CONTEXT } from '../apps/server/src/platform/auth/actor.js';
import { officialCalendarData } from '../apps/server/src/platform/calendar/calendar.data.js';
import { systemClock } from '../apps/server/src/platform/clock.js';
import type { Db } from '../apps/server/src/platform/db/db.port.js';
import { loadMigrations, migrate } from '../apps/server/src/platform/db/migrate.js';
import { openPostgres } from '../apps/server/src/platform/db/pg.adapter.js';
import { openPglite } from '../apps/server/src/platform/db/pglite.adapter.js';
import { assembleCog, encodeCogTiles } from '../apps/server/src/platform/raster/cog-writer.js';
import { readRasterHeader } from '../apps/server/src/platform/raster/raster-header.js';
import { localStorage } from '../apps/server/src/platform/storage/local.storage.js';
import { buildServices } from '../apps/server/src/services.js';

const { values } = parseArgs({ options: { files: { type: 'string' } } });
const N = Number(values.files ?? 200);
const url = process.env.DATABASE_URL;
const SIZE = 1024;
const TILE = 512;

async function openDb(): Promise<{ db: Db; finish: () => Promise<void> }> {
  if (!url) return { db: await openPglite(), finish: async () => undefined };
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS geoshare_bench_ingest');
  await admin.query('CREATE DATABASE geoshare_bench_ingest');
  const u = new URL(url);
  u.pathname = '/geoshare_bench_ingest';
  const db = await openPostgres(u.toString(), 4);
  return {
    db,
    finish: async () => {
      await db.close();
      await admin.query('DROP DATABASE IF EXISTS geoshare_bench_ingest');
      await admin.end();
    },
  };
}

const dir = mkdtempSync(join(tmpdir(), 'geoshare-bench-cogs-'));
// One texture encoded once; every file gets its own georeference (and so its own bytes and checksum).
const encoded = await encodeCogTiles(
  { width: SIZE, height: SIZE, tileSize: TILE, compression: 'jpeg' },
  (level, col, row) => {
    const buf = Buffer.alloc(TILE * TILE * 3);
    for (let y = 0; y < TILE; y++) {
      for (let x = 0; x < TILE; x++) {
        const o = (y * TILE + x) * 3;
        const v = ((x + col * TILE) ^ (y + row * TILE)) >> (level + 2);
        buf[o] = 60 + (v & 63);
        buf[o + 1] = 90 + ((v * 3) & 63);
        buf[o + 2] = 50 + ((v * 7) & 31);
      }
    }
    return buf;
  },
);
const files: { path: string; name: string }[] = [];
for (let i = 0; i < N; i++) {
  const lon = 110 + (i % 20) * 0.05;
  const lat = 25 + Math.floor(i / 20) * 0.05;
  const path = join(dir, `scene_${i}.tif`);
  writeFileSync(
    path,
    assembleCog(encoded, {
      crs: { kind: 'geographic', epsg: 4490 },
      origin: [lon, lat],
      pixelSize: [0.00002, 0.00002],
    }),
  );
  files.push({ path, name: `scene_${i}.tif` });
}

const { db, finish } = await openDb();
await migrate(db, await loadMigrations());
const services = buildServices({
  db,
  clock: systemClock,
  secret: Buffer.alloc(32, 1),
  calendarData: officialCalendarData(),
  security: DEFAULT_SECURITY_POLICY,
  storage: localStorage(join(dir, 'assets')),
});
await services.catalog.createCollection(SYSTEM_CONTEXT, {
  id: 'bench',
  title: 'bench',
  description: 'bench',
  productType: 'primary',
  sharingType: 'unconditional',
  sharingMethod: 'online',
});

let t = performance.now();
for (const f of files) await readRasterHeader(f.path);
const headerS = (performance.now() - t) / 1000;

t = performance.now();
let failed = 0;
for (const f of files) {
  const r = await services.ingest.ingestOne(SYSTEM_CONTEXT, f, {
    collectionId: 'bench',
    secrecy: 'public',
    publish: false,
  });
  if (!r.ok) failed += 1;
}
const ingestS = (performance.now() - t) / 1000;
console.log(`database: ${db.kind}; files: ${N} × ${SIZE}² RGB JPEG COG; failed: ${failed}`);
console.log(`baseline header read only:  ${(N / headerS).toFixed(0)} files/s`);
console.log(
  `GeoShare ingest (full):      ${(N / ingestS).toFixed(1)} files/s   (${((ingestS / N) * 1000).toFixed(1)} ms per file)`,
);
console.log(`ratio ingest / header-only time: ${(ingestS / headerS).toFixed(1)}×`);
await finish();
rm();
function rm() {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
