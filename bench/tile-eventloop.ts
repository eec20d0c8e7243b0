/**
 * Does the event loop stay responsive while tiles render? (issue 4: pixel work in a worker pool). Run:
 *   npx tsx bench/tile-eventloop.ts [--seconds 20] [--concurrency 4]
 * One app (embedded PGlite in memory) per mode, same COG, same tile list, same run:
 *   before = pixel work on the event loop (pixelThreads 0), after = the piscina pool (one worker per core).
 * While `concurrency` clients request tiles back to back, a probe sends GET /api/health every 20 ms; its latency is
 * what any other caller of the server waits. The COG is what costs pixel work in JavaScript: a 2048² px 4-band
 * uint16 GF-2-like scene, deflate + predictor 2, 512 px tiles, default rendering (bands 3,2,1, 2–98 % stretch).
 * Appends a section to bench/RESULTS.md (not with --dry-run). `monitorEventLoopDelay` measures the loop's own stalls.
 */
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { buildApp } from '../apps/server/src/app.js';
import { DEFAULT_SECURITY_POLICY } from '../apps/server/src/modules/identity/security.policy.js';
import { SYSTEM_CONTEXT } from '../apps/server/src/platform/auth/actor.js';
import { officialCalendarData } from '../apps/server/src/platform/calendar/calendar.data.js';
import { systemClock } from '../apps/server/src/platform/clock.js';
import { loadMigrations, migrate } from '../apps/server/src/platform/db/migrate.js';
import { openPglite } from '../apps/server/src/platform/db/pglite.adapter.js';
import { writeCog } from '../apps/server/src/platform/raster/cog-writer.js';
import { tileAt, WebMercatorQuad } from '../apps/server/src/platform/raster/tile-matrix-set.js';
import { localStorage } from '../apps/server/src/platform/storage/local.storage.js';

const { values } = parseArgs({
  options: { seconds: { type: 'string' }, concurrency: { type: 'string' }, 'dry-run': { type: 'boolean' } },
});
const SECONDS = Number(values.seconds ?? 20);
const CONCURRENCY = Number(values.concurrency ?? 4);
const PROBE_MS = 20;
const SIZE = 2048;
const TILE = 512;
const [W, S, E, N] = [114.2, 27.45, 114.4, 27.65];

const dir = mkdtempSync(join(tmpdir(), 'geoshare-bench-tiles-'));
const storage = localStorage(join(dir, 'assets'));
const KEY = 'items/bench/gf2/data.tif';
await storage.put(KEY, Buffer.alloc(0));
// B, G, R, NIR in 16 bits: smooth fields plus texture, so deflate and the predictor have real work.
await writeCog(
  storage.localPath(KEY)!,
  { width: SIZE, height: SIZE, tileSize: TILE, compression: 'deflate', bands: 4, dataType: 'uint16', predictor: true },
  { crs: { kind: 'geographic', epsg: 4490 }, origin: [W, N], pixelSize: [(E - W) / SIZE, (N - S) / SIZE] },
  (level, col, row) => {
    const buf = Buffer.alloc(TILE * TILE * 4 * 2);
    for (let j = 0; j < TILE; j++) {
      for (let i = 0; i < TILE; i++) {
        const x = (col * TILE + i) * 2 ** level;
        const y = (row * TILE + j) * 2 ** level;
        const t = ((x * 7919) ^ (y * 104729)) & 255;
        for (let b = 0; b < 4; b++) {
          const v = 300 + 800 * (1 + Math.sin(x / (90 + 40 * b)) * Math.cos(y / (70 + 30 * b))) + t * (b + 1);
          buf.writeUInt16LE(Math.round(v), ((j * TILE + i) * 4 + b) * 2);
        }
      }
    }
    return buf;
  },
);

/** Random tiles over the scene at zoom 15 (4 m pixels: full resolution is read), seeded: the same list twice. */
let seed = 42;
const rand = () => {
  seed = (seed * 1103515245 + 12345) >>> 0;
  return seed / 2 ** 32;
};
const tiles = Array.from({ length: 400 }, () => {
  const t = tileAt(WebMercatorQuad, W + 0.01 + rand() * (E - W - 0.02), S + 0.01 + rand() * (N - S - 0.02), 15);
  return `/api/tiles/bench/gf2/${t.z}/${t.x}/${t.y}.png`;
});

const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

async function run(pixelThreads: number) {
  const db = await openPglite();
  await migrate(db, await loadMigrations());
  const app = await buildApp({
    db,
    clock: systemClock,
    secret: Buffer.alloc(32, 1),
    calendarData: officialCalendarData(),
    security: DEFAULT_SECURITY_POLICY,
    storage,
    pixelThreads,
    config: { cookieSecure: false },
  });
  const { catalog } = app.services;
  await catalog.createCollection(SYSTEM_CONTEXT, {
    id: 'bench',
    title: '基准测试',
    description: '瓦片基准',
    productType: 'primary',
    sharingType: 'unconditional',
    sharingMethod: 'online',
  });
  await catalog.publishCollection(SYSTEM_CONTEXT, 'bench', true);
  await catalog.createItem(
    SYSTEM_CONTEXT,
    {
      collectionId: 'bench',
      id: 'gf2',
      title: 'GF-2 PMS 模拟',
      description: null,
      datetime: '2024-06-01T02:00:00Z',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [W, S],
            [E, S],
            [E, N],
            [W, N],
            [W, S],
          ],
        ],
      },
      gsd: 10,
      platform: 'GF-2',
      instruments: ['PMS'],
      cloudCover: 0,
      productType: 'primary',
      format: 'COG',
      dataVolume: null,
      secrecy: 'public',
      secrecyTerm: null,
      sharingType: 'unconditional',
      sharingBasis: null,
      sharingMethod: 'online',
      fundingSource: null,
      custodianOrgId: null,
      providerOrgId: null,
      updateFrequency: null,
      usageRequirements: null,
      properties: {},
      checksumSm3: null,
      published: true,
    },
    [
      {
        key: 'data',
        storageKey: KEY,
        mediaType: 'image/tiff; application=geotiff',
        title: null,
        roles: ['data'],
        size: null,
        checksumSm3: null,
      },
    ],
  );
  // Warm: header and stretch cached, workers started.
  for (const url of tiles.slice(0, 8)) await app.inject(url);

  const health: number[] = [];
  let rendered = 0;
  const tileMs: number[] = [];
  const until = Date.now() + SECONDS * 1000;
  let next = 0;
  const client = async () => {
    while (Date.now() < until) {
      const t0 = performance.now();
      const res = await app.inject(tiles[next++ % tiles.length]!);
      if (res.statusCode !== 200) throw new Error(`tile ${res.statusCode} ${res.body}`);
      tileMs.push(performance.now() - t0);
      rendered++;
    }
  };
  // Probes are due every PROBE_MS on a fixed schedule; latency counts from when one was due, so time spent waiting for
  // a blocked event loop before it could even be sent is included (no coordinated omission).
  const probe = async () => {
    let due = performance.now();
    while (Date.now() < until) {
      await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
      const res = await app.inject('/api/health');
      if (res.statusCode !== 200) throw new Error(`health ${res.statusCode}`);
      health.push(performance.now() - due);
      due = Math.max(due + PROBE_MS, performance.now() - PROBE_MS);
    }
  };
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const started = performance.now();
  await Promise.all([probe(), ...Array.from({ length: CONCURRENCY }, client)]);
  const seconds = (performance.now() - started) / 1000;
  loop.disable();
  await app.close();
  await db.close();
  return {
    mode: pixelThreads === 0 ? 'in-process (event loop)' : `worker pool (${app.services.pixels.threads} threads)`,
    probes: health.length,
    p50: quantile(health, 0.5),
    p99: quantile(health, 0.99),
    max: Math.max(...health),
    loopP99: loop.percentile(99) / 1e6,
    loopMax: loop.max / 1e6,
    tilesPerSecond: rendered / seconds,
    tileP50: quantile(tileMs, 0.5),
    tileP99: quantile(tileMs, 0.99),
  };
}

const results = [await run(0), await run(availableParallelism())];
rmSync(dir, { recursive: true, force: true });

const f = (n: number) => n.toFixed(1);
const rows = results.map(
  (r) =>
    `| ${r.mode} | ${r.probes} | ${f(r.p50)} / ${f(r.p99)} / ${f(r.max)} ms | ${f(r.loopP99)} / ${f(r.loopMax)} ms | ${f(r.tilesPerSecond)} | ${f(r.tileP50)} / ${f(r.tileP99)} ms |`,
);
const [before, after] = results as [(typeof results)[0], (typeof results)[0]];
const section = `
## Event loop while tiles render — \`bench/tile-eventloop.ts\` (issue 4)

${CONCURRENCY} clients request 256 px PNG tiles back to back for ${SECONDS} s (zoom 15, random positions, default
rendering of a 2048² px 4-band uint16 deflate + predictor 2 COG with 512 px tiles: decode, predictor, 16-bit samples,
bands 3,2,1, 2–98 % stretch, bilinear resampling) while a probe sends \`GET /api/health\` every ${PROBE_MS} ms. Same app,
COG and tile list in both modes, same run (\`app.inject\`, embedded PGlite). JPEG/WebP decoding is in libvips threads
(sharp) in both modes; the difference is where the JavaScript pixel work — decompression, resampling, PNG encoding —
runs.

| pixel work | health probes | health p50 / p99 / max | event-loop delay p99 / max | tiles/s | tile p50 / p99 |
|---|---|---|---|---|---|
${rows.join('\n')}

- Health p99 with the pool: ${f(after.p99)} ms, against ${f(before.p99)} ms with the pixel work on the event loop
  (${f(before.p99 / Math.max(after.p99, 0.001))}× lower).
- \`npx tsx bench/tile-eventloop.ts --seconds ${SECONDS} --concurrency ${CONCURRENCY}\`; ${new Date().toISOString().slice(0, 10)},
  Node ${process.version}, ${availableParallelism()} cores (shared with other work while measured: absolute numbers are noisy,
  the two modes ran back to back).
`;
console.log(section);
if (!values['dry-run']) appendFileSync(new URL('./RESULTS.md', import.meta.url), section);
