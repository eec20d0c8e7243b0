/**
 * Tile throughput and latency, GeoShare against MapServer 8 (issue 4, "Performance"). Run from the repository root:
 *   npx tsx bench/tiles-vs-mapserver.ts [--install] [--seconds 10] [--profile] [--only REGEX] [--size 20000]
 *   DATABASE_URL=postgres://… npx tsx bench/tiles-vs-mapserver.ts     (GeoShare on a throw-away server database)
 *
 * Needs wrk, lighttpd, MapServer's FastCGI binary and gdalinfo (Debian 12:
 * `apt-get install -y --no-install-recommends gdal-bin cgi-mapserver mapserver-bin lighttpd wrk`, or pass --install).
 *
 * 1. Writes two 20,000 × 20,000 px RGB JPEG COGs (256 px tiles, quality 85, overviews) with our writer
 *    (cog-writer.ts), textured with real aerial patches (bench/mosaic-cog.ts), cached in --scratch
 *    (/tmp/geoshare-bench): `gm_jpeg.tif` in EPSG:3857 at zoom 17's pixel size with its origin on a zoom-17 tile
 *    corner (odd tile indices: aligned at the native zoom only, so the overview zooms really render), and
 *    `native_jpeg.tif` in CGCS2000 / 3° Gauss-Krüger CM 123°E (EPSG:4550), 1 m pixels, warped per request.
 * 2. Serves both from (a) MapServer FastCGI × 2 behind lighttpd (bench/mapserver/mapserver.sh) and (b) the real
 *    GeoShare server process (`apps/server/src/server.ts`, as `npm start` runs it, GEOSHARE_DEMO=0, a fresh data dir),
 *    after ingesting the files through the ingest CLI as public (非涉密), unconditional, online, published entries,
 *    so tiles need no login.
 * 3. Three tile lists (fixed seed, the same for both servers, tile centres inside the image): the 3857 COG at
 *    zooms 12–16 (overview reads), the 3857 COG at zoom 17 with tiles wholly inside (aligned: pass-through
 *    candidates for JPEG), the EPSG:4550 COG at zooms 13–17 (warped). Each list × server × format: a wrk warm-up on
 *    a second list, then `wrk -t1 -c8 -d10s --latency` cycling the list; a run with any answer that is not a 200
 *    image (wrk's Non-2xx line, or the Lua script's own count) is marked invalid (✗). Before loading, sample tiles are
 *    checked (status, media type, magic bytes) and the two servers' PNGs compared pixel by pixel, so both really draw
 *    the same image at the same place. Tile positions are computed with GDAL/PROJ (gdaltransform), not GeoShare code.
 *    Per run: the servers' CPU time from /proc (GeoShare split into main thread, libvips threads, other threads) and
 *    how busy the whole machine was — other work on the machine shows there.
 * --profile also starts the server with `--cpu-prof` and reports per run where its JS threads spent their time
 * (bench/cpu-profile.ts), the cost of a tile request without pixels (TileJSON: access check + catalogue lookup) and
 * the unit costs of decoding a stored tile and encoding an output tile. Profiling slows the server: use the plain
 * run for the throughput numbers. Results also go to <scratch>/results.json.
 * Every process started here is stopped by its PID at the end (also on Ctrl-C).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  createReadStream,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import sharp from 'sharp';
import { SYSTEM_CONTEXT } from '../apps/server/src/platform/auth/actor.js';
import { cogLevels } from '../apps/server/src/platform/raster/cog-layout.rules.js';
import type { CogGeoreference } from '../apps/server/src/platform/raster/cog-writer.js';
import { openRuntime } from '../apps/server/src/runtime.js';
import { buildServices } from '../apps/server/src/services.js';
import { profileWindows, type Window } from './cpu-profile.js';
import { JPEG_QUALITY, loadPatches, mosaicTiles, TILE, writeMosaicCog } from './mosaic-cog.js';
import { runWrk, type WrkResult, writeWrkScript } from './wrk.js';

const { values: args } = parseArgs({
  options: {
    install: { type: 'boolean' },
    profile: { type: 'boolean' },
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '8' },
    threads: { type: 'string', default: '1' },
    tiles: { type: 'string', default: '2000' },
    size: { type: 'string', default: '20000' },
    only: { type: 'string' },
    scratch: { type: 'string', default: '/tmp/geoshare-bench' },
    'geoshare-port': { type: 'string', default: '18080' },
    'mapserver-port': { type: 'string', default: '18081' },
  },
});
const SIZE = Number(args.size);
const LIST_SIZE = Number(args.tiles);
const WRK = { threads: Number(args.threads), connections: Number(args.connections), seconds: Number(args.seconds) };
const WARMUP = { ...WRK, seconds: Number(args.warmup) };
const SCRATCH = args.scratch;
const GS_PORT = Number(args['geoshare-port']);
const MS_PORT = Number(args['mapserver-port']);
const GS_URL = `http://127.0.0.1:${GS_PORT}`;
const MS_URL = `http://127.0.0.1:${MS_PORT}`;
const repoRoot = new URL('..', import.meta.url).pathname;
const MAPSERVER_SH = join(repoRoot, 'bench/mapserver/mapserver.sh');
const COLLECTION = 'bench';

// ---------------------------------------------------------------------------------------------------------------
// Tools

function checkTools(): void {
  if (spawnSync('bash', [MAPSERVER_SH, 'check'], { stdio: 'inherit' }).status === 0) return;
  if (!args.install) {
    console.error('(or run this bench with --install)');
    process.exit(2);
  }
  if (spawnSync('bash', [MAPSERVER_SH, 'install'], { stdio: 'inherit' }).status !== 0) process.exit(2);
  if (spawnSync('bash', [MAPSERVER_SH, 'check'], { stdio: 'inherit' }).status !== 0) process.exit(2);
}

// ---------------------------------------------------------------------------------------------------------------
// The two COGs

/** Web Mercator sphere radius and half the world's width, metres (EPSG:3857). */
const R = 6378137;
const HALF_WORLD = Math.PI * R;
/** Native zoom of the 3857 COG: its pixel is zoom 17's (1.19 m at the equator, 0.90 m on the ground at 41°N). */
const GM_ZOOM = 17;
const GM_RES = (2 * HALF_WORLD) / (TILE * 2 ** GM_ZOOM);
/** EPSG:4550 = CGCS2000 / 3-degree Gauss-Krüger CM 123E; 1 m pixels. */
const NATIVE_EPSG = 4550;

const lonToTileX = (lon: number, z: number) => ((lon + 180) / 360) * 2 ** z;
const latToTileY = (lat: number, z: number) =>
  ((1 - Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) / Math.PI) / 2) * 2 ** z;

interface Dataset {
  key: 'gm' | 'native';
  file: string;
  itemId: string;
  geo: CogGeoreference;
  /** MapServer layer name (bench/mapserver/px.map.in) */
  layer: string;
}

function datasets(cogDir: string): Dataset[] {
  // Upper-left corner near 本溪 (123.7°E, 41.3°N); odd zoom-17 tile indices: aligned at zoom 17, not at zoom 16.
  const tx = Math.floor(lonToTileX(123.7, GM_ZOOM)) | 1;
  const ty = Math.floor(latToTileY(41.3, GM_ZOOM)) | 1;
  const [[e, n]] = transform(4490, NATIVE_EPSG, [[123.95, 41.3]]) as [[number, number]];
  return [
    {
      key: 'gm',
      file: join(cogDir, 'gm_jpeg.tif'),
      itemId: 'gm_jpeg',
      layer: 'gm',
      geo: {
        crs: { kind: 'projected', epsg: 3857 },
        origin: [-HALF_WORLD + tx * TILE * GM_RES, HALF_WORLD - ty * TILE * GM_RES],
        pixelSize: [GM_RES, GM_RES],
      },
    },
    {
      key: 'native',
      file: join(cogDir, 'native_jpeg.tif'),
      itemId: 'native_jpeg',
      layer: 'native',
      geo: { crs: { kind: 'projected', epsg: NATIVE_EPSG }, origin: [Math.round(e), Math.round(n)], pixelSize: [1, 1] },
    },
  ];
}

/** Generator version: bump when the texture or the georeference changes, so cached files are rewritten. */
const COG_VERSION = 1;

async function ensureCogs(cogDir: string, ds: Dataset[]): Promise<void> {
  mkdirSync(cogDir, { recursive: true });
  const missing = ds.filter((d) => !existsSync(d.file));
  if (!missing.length) {
    console.log(`COGs: cached in ${cogDir}`);
    return;
  }
  const { patches, source } = await loadPatches(join(repoRoot, '../shared/data'));
  console.log(`COGs: writing ${missing.length} × ${SIZE}² px with cog-writer.ts, texture from ${source}`);
  for (const [i, d] of missing.entries()) {
    const part = `${d.file}.part`;
    const r = await writeMosaicCog(part, patches, SIZE, d.geo, 1000 + i);
    renameSync(part, d.file);
    const rss = process.memoryUsage().rss / 2 ** 20;
    console.log(
      `  ${d.file}: ${(r.bytes / 2 ** 20).toFixed(0)} MiB, ${r.levels} levels, ${r.seconds.toFixed(0)} s, process RSS ${rss.toFixed(0)} MiB`,
    );
  }
}

/** Points from one CRS to another with GDAL/PROJ (gdaltransform, lon/lat order): independent of GeoShare's maths. */
function transform(from: number, to: number, points: readonly (readonly [number, number])[]): [number, number][] {
  const r = spawnSync('gdaltransform', ['-s_srs', `EPSG:${from}`, '-t_srs', `EPSG:${to}`, '-output_xy'], {
    input: points.map((p) => `${p[0]} ${p[1]}`).join('\n'),
    encoding: 'utf8',
    maxBuffer: 256 * 2 ** 20,
  });
  if (r.status !== 0) throw new Error(`gdaltransform: ${r.stderr}`);
  const out = r.stdout
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number) as [number, number]);
  if (out.length !== points.length) throw new Error(`gdaltransform returned ${out.length} of ${points.length} points`);
  return out;
}

/** lon/lat bounding box of a raster from gdalinfo (the file as GDAL, and so MapServer, sees it). */
function wgs84Bbox(file: string): [number, number, number, number] {
  const r = spawnSync('gdalinfo', ['-json', file], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  if (r.status !== 0) throw new Error(`gdalinfo ${file}: ${r.stderr}`);
  const ring = (JSON.parse(r.stdout) as { wgs84Extent: { coordinates: number[][][] } }).wgs84Extent.coordinates[0]!;
  const lons = ring.map((p) => p[0]!);
  const lats = ring.map((p) => p[1]!);
  return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
}

// ---------------------------------------------------------------------------------------------------------------
// Tile lists

interface TileAddress {
  z: number;
  x: number;
  y: number;
}

/** Deterministic PRNG (mulberry32), as in bench/catalog-search.ts. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Web Mercator metres of a point given in tile units (x + fx, y + fy) at zoom z. */
function mercatorOf(t: TileAddress, fx: number, fy: number): [number, number] {
  const size = (2 * HALF_WORLD) / 2 ** t.z;
  return [-HALF_WORLD + (t.x + fx) * size, HALF_WORLD - (t.y + fy) * size];
}

/** Level-0 pixel coordinates [col, row] in dataset `d` of Web Mercator points. */
function toPixels(d: Dataset, points: [number, number][]): [number, number][] {
  const epsg = d.geo.crs.epsg;
  return (epsg === 3857 ? points : transform(3857, epsg, points)).map(([x, y]) => [
    (x - d.geo.origin[0]) / d.geo.pixelSize[0],
    (d.geo.origin[1] - y) / d.geo.pixelSize[1],
  ]);
}

/** The tile's four corners (upper left, upper right, lower left, lower right) in level-0 pixels. */
const CORNERS: [number, number][] = [
  [0, 0],
  [1, 0],
  [0, 1],
  [1, 1],
];

/**
 * `n` tiles: a zoom drawn uniformly from `zooms`, then a tile drawn uniformly from those whose centre (or, with
 * `whole`, all four corners) lies inside the image. Low zooms have few such tiles, so they repeat — as in a viewer.
 */
function tileList(d: Dataset, bbox: number[], zooms: number[], n: number, seed: number, whole: boolean): TileAddress[] {
  const rand = rng(seed);
  const [w, s, e, nn] = bbox as [number, number, number, number];
  const out: TileAddress[] = [];
  for (let round = 0; out.length < n; round++) {
    if (round > 50) throw new Error(`no tiles inside ${d.file} at zooms ${zooms}`);
    const candidates = Array.from({ length: 2 * n }, () => {
      const z = zooms[Math.floor(rand() * zooms.length)]!;
      const x0 = Math.floor(lonToTileX(w, z));
      const y0 = Math.floor(latToTileY(nn, z));
      const x = x0 + Math.floor(rand() * (Math.floor(lonToTileX(e, z)) - x0 + 1));
      const y = y0 + Math.floor(rand() * (Math.floor(latToTileY(s, z)) - y0 + 1));
      return { z, x, y };
    });
    const probes: [number, number][] = whole ? CORNERS : [[0.5, 0.5]];
    const px = toPixels(
      d,
      candidates.flatMap((t) => probes.map(([fx, fy]) => mercatorOf(t, fx, fy))),
    );
    candidates.forEach((t, i) => {
      const inside = probes.every((_, k) => {
        const [c, r] = px[i * probes.length + k]!;
        return c >= 0 && r >= 0 && c <= SIZE && r <= SIZE;
      });
      if (inside && out.length < n) out.push(t);
    });
  }
  return out;
}

type Format = 'png' | 'jpg' | 'webp';
type Server = 'GeoShare' | 'MapServer';

const pathFor = (server: Server, d: Dataset, t: TileAddress, f: Format) =>
  server === 'GeoShare'
    ? `/api/tiles/${COLLECTION}/${d.itemId}/${t.z}/${t.x}/${t.y}.${f}`
    : `/mapserv?map=PX&mode=tile&tilemode=gmap&tile=${t.x}+${t.y}+${t.z}&layers=${d.layer}&map.imagetype=${f === 'jpg' ? 'jpeg' : f}`;
const urlOf = (server: Server) => (server === 'GeoShare' ? GS_URL : MS_URL);

// ---------------------------------------------------------------------------------------------------------------
// Processes (each stopped by its PID)

let geoshare: ChildProcess | null = null;
let mapserverStarted = false;
const MS_DIR = join(SCRATCH, 'mapserver');

async function stopAll(): Promise<void> {
  if (geoshare && geoshare.exitCode === null) {
    const p = geoshare;
    const exited = new Promise<void>((r) => p.once('exit', () => r()));
    p.kill('SIGINT'); // server.ts closes the app and the database; --cpu-prof writes its profiles on exit
    const timer = setTimeout(() => p.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  }
  geoshare = null;
  if (mapserverStarted) spawnSync('bash', [MAPSERVER_SH, 'stop', MS_DIR], { stdio: 'inherit' });
  mapserverStarted = false;
}
process.once('SIGINT', () => {
  console.error('interrupted: stopping the servers');
  void stopAll().then(() => process.exit(130));
});

async function waitFor(url: string, what: string, alive: () => boolean, seconds = 120): Promise<void> {
  const until = Date.now() + seconds * 1000;
  for (;;) {
    if (!alive()) throw new Error(`${what} exited while starting`);
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${what} did not answer ${url} within ${seconds} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A throw-away server database when DATABASE_URL is set (dropped at the end), else embedded PGlite in the data dir. */
async function benchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) return { url: '', drop: async () => undefined };
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS geoshare_bench_tiles');
  await admin.query('CREATE DATABASE geoshare_bench_tiles');
  await admin.end();
  const u = new URL(url);
  u.pathname = '/geoshare_bench_tiles';
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query('DROP DATABASE IF EXISTS geoshare_bench_tiles');
      await c.end();
    },
  };
}

/** Fresh data dir, the collection (unconditional, online), the COGs through the ingest CLI, then the server. */
async function startGeoShare(ds: Dataset[], databaseUrl: string, profDir: string | null): Promise<void> {
  const dir = join(SCRATCH, 'geoshare');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const env = {
    ...process.env,
    GEOSHARE_DATA_DIR: join(dir, 'data'),
    DATABASE_URL: databaseUrl,
    GEOSHARE_DEMO: '0',
    PORT: String(GS_PORT),
    HOST: '127.0.0.1',
  };
  // The CLI ingests into an existing collection; it has no switch to create one, so create it with the same runtime.
  // Anonymous callers see published entries of published collections only.
  const rt = await openRuntime(env, 'bench tiles-vs-mapserver');
  const { catalog } = buildServices(rt.ports);
  await catalog.createCollection(SYSTEM_CONTEXT, {
    id: COLLECTION,
    title: '瓦片性能测试',
    description: 'bench/tiles-vs-mapserver.ts',
    productType: 'primary',
    sharingType: 'unconditional',
    sharingMethod: 'online',
  });
  await catalog.publishCollection(SYSTEM_CONTEXT, COLLECTION, true);
  await rt.close();
  const t = performance.now();
  const cli = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'apps/server/src/cli/ingest.ts',
      '--collection',
      COLLECTION,
      '--publish',
      '--secrecy',
      '非涉密',
      '--sharing',
      '无条件',
      ...ds.map((d) => d.file),
    ],
    { cwd: repoRoot, env, encoding: 'utf8' },
  );
  const ok = ds.every((d) => cli.stdout.includes(`ok ${COLLECTION}/${d.itemId} `));
  if (cli.status !== 0 || !ok) throw new Error(`ingest failed:\n${cli.stdout}\n${cli.stderr}`);
  console.log(`GeoShare: ingested through the CLI in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const log = openSync(join(dir, 'server.log'), 'w');
  const prof = profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [];
  geoshare = spawn(process.execPath, [...prof, '--import', 'tsx', 'apps/server/src/server.ts'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', log, log],
  });
  const server = geoshare;
  await waitFor(`${GS_URL}/api/health`, `GeoShare (log: ${join(dir, 'server.log')})`, () => server.exitCode === null);
  console.log(`GeoShare: server pid ${geoshare.pid} on ${GS_URL} (log ${join(dir, 'server.log')})`);
}

function startMapServer(cogDir: string, d: Dataset, t: TileAddress): Promise<void> {
  if (spawnSync('bash', [MAPSERVER_SH, 'start', MS_DIR, cogDir, String(MS_PORT)], { stdio: 'inherit' }).status !== 0) {
    throw new Error('MapServer did not start');
  }
  mapserverStarted = true;
  return waitFor(MS_URL + pathFor('MapServer', d, t, 'png'), 'MapServer', () => true);
}

/** PIDs whose CPU time counts for a server: GeoShare's node process; lighttpd and its mapserv children. */
function serverPids(server: Server): number[] {
  if (server === 'GeoShare') return [geoshare!.pid!];
  const lighttpd = Number(readFileSync(join(MS_DIR, 'lighttpd.pid'), 'utf8'));
  const children = spawnSync('pgrep', ['-P', String(lighttpd)], { encoding: 'utf8' }).stdout.split('\n');
  return [lighttpd, ...children.filter(Boolean).map(Number)];
}

const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;
/** CPU seconds (user + system, all threads) of the processes. */
function cpuSeconds(pids: number[]): number {
  return pids.reduce((sum, pid) => sum + cpuSecondsOf(`/proc/${pid}/stat`), 0);
}
/** The fields of a /proc stat file after the parenthesised command name (field 3 first). */
function statFields(statFile: string): string[] {
  const stat = readFileSync(statFile, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}
/** utime + stime of a /proc stat file (fields 14 and 15), seconds. */
function cpuSecondsOf(statFile: string): number {
  const f = statFields(statFile);
  return (Number(f[11]) + Number(f[12])) / CLK_TCK;
}
/**
 * Kernel time (stime, seconds) and minor page faults (minflt) of the processes: on this virtual machine a first touch
 * of a page costs several microseconds, so a server that keeps taking fresh memory pays for it here.
 */
function kernelWork(pids: number[]): { seconds: number; faults: number } {
  let seconds = 0;
  let faults = 0;
  for (const pid of pids) {
    const f = statFields(`/proc/${pid}/stat`);
    seconds += Number(f[12]) / CLK_TCK;
    faults += Number(f[7]);
  }
  return { seconds, faults };
}
/**
 * CPU seconds per thread group of one process: the main thread (the event loop), libvips' worker threads (sharp's
 * decode/resize/encode), and all other threads (worker-pool threads, libuv's pool: file reads and zlib, V8's
 * compiler and GC helpers — Node leaves them all named "node").
 */
function threadCpuSeconds(pid: number): Record<'main' | 'libvips' | 'other', number> {
  const out = { main: 0, libvips: 0, other: 0 };
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const comm = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8');
      const group = Number(tid) === pid ? 'main' : comm.startsWith('libvips') ? 'libvips' : 'other';
      out[group] += cpuSecondsOf(`/proc/${pid}/task/${tid}/stat`);
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return out;
}

/** Busy CPU seconds of the whole machine (all cores) since boot. */
function machineBusySeconds(): number {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = f.slice(0, 8).reduce((a, b) => a + b, 0);
  return (total - f[3]! - f[4]!) / CLK_TCK;
}

// ---------------------------------------------------------------------------------------------------------------
// Checks before loading

const MAGIC: Record<Format, (b: Buffer) => boolean> = {
  png: (b) => b.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47])),
  jpg: (b) => b[0] === 0xff && b[1] === 0xd8,
  webp: (b) => b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP',
};

async function fetchTile(server: Server, d: Dataset, t: TileAddress, f: Format): Promise<Buffer> {
  const url = urlOf(server) + pathFor(server, d, t, f);
  const res = await fetch(url);
  const body = Buffer.from(await res.arrayBuffer());
  const type = res.headers.get('content-type') ?? '';
  if (res.status !== 200 || !type.startsWith('image/') || !MAGIC[f](body)) {
    throw new Error(`${url}: ${res.status} ${type}, ${body.length} bytes: ${body.toString('latin1', 0, 200)}`);
  }
  return body;
}

/**
 * Both servers' PNGs of the same tiles, decoded: mean absolute RGB difference where both are opaque, and the share
 * of pixels opaque in one and not the other. Large values mean the two draw different places or colours.
 */
async function comparePngs(d: Dataset, tiles: TileAddress[]): Promise<{ meanDiff: number; coverageDiff: number }> {
  let diff = 0;
  let both = 0;
  let cover = 0;
  let px = 0;
  for (const t of tiles) {
    const [a, b] = await Promise.all(
      (['GeoShare', 'MapServer'] as const).map(async (s) =>
        sharp(await fetchTile(s, d, t, 'png'))
          .ensureAlpha()
          .raw()
          .toBuffer(),
      ),
    );
    for (let i = 0; i < a!.length; i += 4) {
      const oa = a![i + 3]! > 127;
      const ob = b![i + 3]! > 127;
      px += 1;
      if (oa !== ob) cover += 1;
      if (oa && ob) {
        both += 1;
        for (let k = 0; k < 3; k++) diff += Math.abs(a![i + k]! - b![i + k]!);
      }
    }
  }
  return { meanDiff: diff / (3 * Math.max(1, both)), coverageDiff: cover / px };
}

// ---------------------------------------------------------------------------------------------------------------
// Runs

interface Group {
  id: string;
  title: string;
  dataset: Dataset;
  list: TileAddress[];
  warm: TileAddress[];
}

interface Run {
  group: string;
  server: Server;
  format: Format;
  wrk: WrkResult;
  /** cores the server processes used during the run, and CPU ms per answered tile */
  serverCores: number;
  cpuMsPerTile: number;
  /** busy cores of the whole machine during the run (server + wrk + anything else) */
  machineCores: number;
  /** share of the server's CPU time spent in the kernel, and minor page faults per answered tile */
  kernelShare: number;
  faultsPerTile: number;
  /** GeoShare only: CPU ms per answered tile by thread group */
  threads: Record<'main' | 'libvips' | 'other', number> | null;
  window: Window;
}

const FORMATS: Record<Server, Format[]> = { GeoShare: ['png', 'jpg', 'webp'], MapServer: ['png', 'jpg'] };
const hr = () => Number(process.hrtime.bigint() / 1000n);

async function runOne(g: Group, server: Server, format: Format, dir: string): Promise<Run> {
  const script = join(dir, `${g.id}-${server}-${format}.lua`);
  const warmScript = join(dir, `${g.id}-${server}-${format}-warm.lua`);
  writeWrkScript(
    script,
    g.list.map((t) => pathFor(server, g.dataset, t, format)),
  );
  writeWrkScript(
    warmScript,
    g.warm.map((t) => pathFor(server, g.dataset, t, format)),
  );
  await runWrk(urlOf(server), warmScript, WARMUP);
  const pids = serverPids(server);
  const threadsOf = () => (server === 'GeoShare' ? threadCpuSeconds(pids[0]!) : null);
  const threads0 = threadsOf();
  const cpu0 = cpuSeconds(pids);
  const kernel0 = kernelWork(pids);
  const busy0 = machineBusySeconds();
  const start = hr();
  const wrk = await runWrk(urlOf(server), script, WRK);
  const end = hr();
  const cpu = cpuSeconds(pids) - cpu0;
  const kernel1 = kernelWork(pids);
  const busy = machineBusySeconds() - busy0;
  const threads1 = threadsOf();
  const perTile = (seconds: number) => (seconds * 1000) / Math.max(1, wrk.requests);
  const run: Run = {
    group: g.id,
    server,
    format,
    wrk,
    serverCores: cpu / wrk.seconds,
    cpuMsPerTile: perTile(cpu),
    machineCores: busy / wrk.seconds,
    kernelShare: (kernel1.seconds - kernel0.seconds) / Math.max(1e-9, cpu),
    faultsPerTile: (kernel1.faults - kernel0.faults) / Math.max(1, wrk.requests),
    threads:
      threads0 && threads1
        ? {
            main: perTile(threads1.main - threads0.main),
            // libvips grows and shrinks its thread pool: a thread that ended during the run is gone from the listing
            // but its time stays in the process total, so libvips' share is what the total leaves over
            libvips: perTile(cpu - (threads1.main - threads0.main) - (threads1.other - threads0.other)),
            other: perTile(threads1.other - threads0.other),
          }
        : null,
    window: { name: `${g.id}/${server}/${format}`, start, end },
  };
  const bad =
    wrk.non2xx || wrk.badAnswers || wrk.socketErrors
      ? `  INVALID: ${wrk.badAnswers} non-200 or non-image, ${wrk.socketErrors} socket errors`
      : '';
  const t = run.threads;
  const split = t ? ` = main ${t.main.toFixed(2)} + libvips ${t.libvips.toFixed(2)} + other ${t.other.toFixed(2)}` : '';
  console.log(
    `  ${g.id.padEnd(9)} ${server.padEnd(9)} ${format.padEnd(4)} ${wrk.rps.toFixed(0).padStart(6)} tiles/s  p50 ${wrk.p50.toFixed(1).padStart(6)} ms  p99 ${wrk.p99.toFixed(1).padStart(6)} ms  server ${run.serverCores.toFixed(2)} cores, ${run.cpuMsPerTile.toFixed(2)} ms CPU/tile${split} (kernel ${(run.kernelShare * 100).toFixed(0)} %, ${run.faultsPerTile.toFixed(0)} page faults/tile); ${(wrk.bytesRead / 1024 / Math.max(1, wrk.requests)).toFixed(1)} KB/tile; machine ${run.machineCores.toFixed(2)} cores busy${bad}`,
  );
  return run;
}

const valid = (r: Run | undefined) => !!r && !r.wrk.non2xx && !r.wrk.badAnswers && !r.wrk.socketErrors;

/**
 * Throughput and p99, and CPU time per tile (all the server's processes and threads, from /proc): on a machine shared
 * with other work the throughput follows whoever got the cores, while CPU per tile barely moves — its ratio is what
 * the throughput ratio would be if each server had both cores to itself.
 */
function table(groups: Group[], runs: Run[]): string {
  const find = (g: string, s: Server, f: Format) => runs.find((r) => r.group === g && r.server === s && r.format === f);
  const cell = (r: Run | undefined) =>
    !r ? '—' : `${valid(r) ? '' : '✗ '}${r.wrk.rps.toFixed(0)} / ${r.wrk.p99.toFixed(0)} ms`;
  const cpu = (r: Run | undefined) => (r ? r.cpuMsPerTile.toFixed(1) : '—');
  const lines = [
    '| tiles | format | GeoShare tiles/s / p99 | MapServer tiles/s / p99 | GeoShare ÷ MapServer | CPU ms/tile GeoShare / MapServer | MapServer CPU ÷ GeoShare CPU |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const g of groups) {
    for (const f of FORMATS.GeoShare) {
      const gs = find(g.id, 'GeoShare', f);
      const ms = find(g.id, 'MapServer', f);
      if (!gs && !ms) continue;
      const ratio = gs && ms ? `**${(gs.wrk.rps / ms.wrk.rps).toFixed(2)}×**` : '—';
      const cpuRatio = gs && ms ? `${(ms.cpuMsPerTile / gs.cpuMsPerTile).toFixed(2)}×` : '—';
      lines.push(
        `| ${g.title} | ${f.toUpperCase()} | ${cell(gs)} | ${cell(ms)} | ${ratio} | ${cpu(gs)} / ${cpu(ms)} | ${cpuRatio} |`,
      );
    }
  }
  return lines.join('\n');
}

function goals(runs: Run[]): string[] {
  const out: string[] = [];
  const gs = runs.filter((r) => r.server === 'GeoShare');
  for (const g of ['overviews', 'warped']) {
    for (const f of ['png', 'jpg'] as const) {
      const a = gs.find((r) => r.group === g && r.format === f);
      const b = runs.find((r) => r.group === g && r.server === 'MapServer' && r.format === f);
      if (!a || !b) continue;
      const ratio = a.wrk.rps / b.wrk.rps;
      out.push(`${g} ${f}: ${ratio.toFixed(2)}× MapServer (goal ≥ 2×) — ${ratio >= 2 ? 'met' : 'NOT met'}`);
    }
  }
  const pt = gs.find((r) => r.group === 'aligned' && r.format === 'jpg');
  if (pt)
    out.push(
      `pass-through (aligned JPEG): ${pt.wrk.rps.toFixed(0)} tiles/s (goal ≥ 2,000) — ${pt.wrk.rps >= 2000 ? 'met' : 'NOT met'}`,
    );
  const worst = gs.reduce<Run | null>((w, r) => (!w || r.wrk.p99 > w.wrk.p99 ? r : w), null);
  if (worst)
    out.push(
      `worst GeoShare p99: ${worst.wrk.p99.toFixed(0)} ms (${worst.window.name}; goal < 200 ms) — ${worst.wrk.p99 < 200 ? 'met' : 'NOT met'}`,
    );
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Profile: unit costs and where the server's threads spend their time

/**
 * What a tiler must decode per output tile, estimated independently of GeoShare's planner: the coarsest overview not
 * coarser than the output (2^k ≤ source pixels per output pixel), the tile's corners mapped into it, widened by one
 * pixel for bilinear neighbours, and the stored 256 px tiles that box touches.
 */
function storedTilesPerOutputTile(d: Dataset, tiles: TileAddress[]): number {
  const levels = cogLevels(SIZE, SIZE, TILE);
  const px = toPixels(
    d,
    tiles.flatMap((t) => CORNERS.map(([fx, fy]) => mercatorOf(t, fx, fy))),
  );
  let sum = 0;
  tiles.forEach((_, i) => {
    const c = px.slice(i * 4, i * 4 + 4);
    const scale = Math.hypot(c[1]![0] - c[0]![0], c[1]![1] - c[0]![1]) / TILE;
    let k = 0;
    while (k + 1 < levels.length && 2 ** (k + 1) <= scale * 1.01) k += 1;
    const f = SIZE / levels[k]!.width;
    const xs = c.map((p) => p[0] / f);
    const ys = c.map((p) => p[1] / f);
    // Output pixel centres lie half an output pixel inside the corners; a centre c reads level pixels floor(c - ½)
    // and the next one, unless its weight is 0 (so a tile aligned with the COG reads exactly one stored tile).
    const span = (v: number[], max: number) => {
      const inset = (Math.max(...v) - Math.min(...v)) / (2 * TILE);
      const lo = Math.max(0, Math.floor(Math.min(...v) + inset - 0.5 + 1e-6));
      const hi = Math.min(max - 1, Math.ceil(Math.max(...v) - inset - 0.5 - 1e-6));
      return hi < lo ? 0 : Math.floor(hi / TILE) - Math.floor(lo / TILE) + 1;
    };
    sum += span(xs, levels[k]!.width) * span(ys, levels[k]!.height);
  });
  return sum / tiles.length;
}

async function unitCosts(groups: Group[]): Promise<string[]> {
  const { patches } = await loadPatches(join(repoRoot, '../shared/data'));
  const raw = await mosaicTiles(patches, SIZE, SIZE, 1)(0, 10, 10);
  const stored = await sharp(raw, { raw: { width: TILE, height: TILE, channels: 3 } })
    .jpeg({ quality: JPEG_QUALITY, chromaSubsampling: '4:2:0' })
    .toBuffer();
  const rgba = await sharp(stored).ensureAlpha().raw().toBuffer();
  const time = async (n: number, f: () => Promise<unknown>) => {
    for (let i = 0; i < 5; i++) await f();
    const t = performance.now();
    for (let i = 0; i < n; i++) await f();
    return (performance.now() - t) / n;
  };
  const img = () => sharp(rgba, { raw: { width: TILE, height: TILE, channels: 4 } });
  const lines = [
    'unit costs, one at a time in this process (sharp with the options tile.render.ts uses):',
    `  decode a stored 256 px JPEG tile to raw RGB: ${(await time(200, () => sharp(stored).removeAlpha().raw().toBuffer())).toFixed(2)} ms`,
    `  encode a 256 px RGBA tile: PNG ${(await time(100, () => img().png().toBuffer())).toFixed(2)} ms, JPEG q85 ${(await time(200, () => img().jpeg({ quality: 85 }).toBuffer())).toFixed(2)} ms, WebP q85 ${(await time(100, () => img().webp({ quality: 85 }).toBuffer())).toFixed(2)} ms`,
  ];
  for (const g of groups) {
    const reads = storedTilesPerOutputTile(g.dataset, g.list);
    lines.push(
      `  ${g.id}: ≈ ${reads.toFixed(2)} stored tiles decoded per output tile (estimated from the tile corners)`,
    );
  }
  return lines;
}

/** Shares of a thread group's busy (non-idle) profile samples, largest first, as "category 42 %". */
function shares(cats: Record<string, number> | undefined, limit: number): string {
  const busy = Object.entries(cats ?? {}).filter(([c]) => c !== 'idle');
  const total = busy.reduce((n, [, v]) => n + v, 0);
  return busy
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([c, v]) => `${c} ${((100 * v) / total).toFixed(0)} %`)
    .join('; ');
}

function profileReport(profDir: string, runs: Run[]): string[] {
  const gsRuns = runs.filter((r) => r.server === 'GeoShare');
  const prof = profileWindows(
    profDir,
    gsRuns.map((r) => r.window),
  );
  const lines: string[] = [
    'GeoShare CPU per answered tile by thread (/proc), and where the JS threads were busy (--cpu-prof samples):',
  ];
  for (const r of gsRuns) {
    const p = prof[r.window.name]!;
    const t = r.threads!;
    lines.push(
      `  ${r.window.name}: ${r.wrk.rps.toFixed(0)} tiles/s, ${r.cpuMsPerTile.toFixed(2)} ms CPU/tile = main thread ${t.main.toFixed(2)} + libvips threads ${t.libvips.toFixed(2)} + other threads (pixel workers, libuv pool, V8 helpers) ${t.other.toFixed(2)}`,
      `    main thread: ${shares(p.categories.main, 8)}`,
    );
    if (p.categories.workers) lines.push(`    worker threads: ${shares(p.categories.workers, 5)}`);
    const fns = Object.entries(p.functions)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([f, v]) => `${f} ${v.toFixed(0)} ms`);
    lines.push(`    hottest functions (sampled ms in the run): ${fns.join('; ')}`);
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------------------------
// Main

checkTools();
const cogDir = join(SCRATCH, `cogs-${SIZE}-v${COG_VERSION}`);
const ds = datasets(cogDir);
await ensureCogs(cogDir, ds);
const [gm, native] = ds as [Dataset, Dataset];
const bboxes = Object.fromEntries(ds.map((d) => [d.key, wgs84Bbox(d.file)]));
const list = (d: Dataset, zooms: number[], seed: number, whole = false) =>
  tileList(d, bboxes[d.key]!, zooms, LIST_SIZE, seed, whole);
const zoomsBelow = (top: number) => [top - 4, top - 3, top - 2, top - 1, top];
const groups: Group[] = [
  {
    id: 'overviews',
    title: `EPSG:3857 COG, z${GM_ZOOM - 5}–${GM_ZOOM - 1} (overview reads)`,
    dataset: gm,
    list: list(gm, zoomsBelow(GM_ZOOM - 1), 1),
    warm: list(gm, zoomsBelow(GM_ZOOM - 1), 2),
  },
  {
    id: 'aligned',
    title: `EPSG:3857 COG, z${GM_ZOOM} tiles on the COG's own grid (JPEG: pass-through candidates)`,
    dataset: gm,
    list: list(gm, [GM_ZOOM], 3, true),
    warm: list(gm, [GM_ZOOM], 4, true),
  },
  {
    id: 'warped',
    title: `EPSG:${NATIVE_EPSG} COG (Gauss-Krüger), z${GM_ZOOM - 4}–${GM_ZOOM} (warped)`,
    dataset: native,
    list: list(native, zoomsBelow(GM_ZOOM), 5),
    warm: list(native, zoomsBelow(GM_ZOOM), 6),
  },
];
const only = args.only ? new RegExp(args.only) : null;

const db = await benchDatabase();
const profDir = args.profile ? join(SCRATCH, 'cpuprof') : null;
if (profDir) {
  rmSync(profDir, { recursive: true, force: true });
  mkdirSync(profDir, { recursive: true });
}
const runs: Run[] = [];
const report: string[] = [];
try {
  await startGeoShare(ds, db.url, profDir);
  await startMapServer(cogDir, gm, groups[0]!.list[0]!);
  // Warm the page cache: the source COGs (MapServer) and GeoShare's copies in its asset store.
  const assets = join(SCRATCH, 'geoshare/data/assets');
  const files = [
    ...ds.map((d) => d.file),
    ...readdirSync(assets, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.tif'))
      .map((f) => join(assets, f)),
  ];
  for (const f of files)
    await new Promise<void>((r, j) =>
      createReadStream(f)
        .on('data', () => undefined)
        .on('end', () => r())
        .on('error', j),
    );

  for (const g of groups) {
    for (const server of ['GeoShare', 'MapServer'] as const) {
      for (const f of FORMATS[server]) for (const t of g.list.slice(0, 10)) await fetchTile(server, g.dataset, t, f);
    }
    const c = await comparePngs(g.dataset, g.list.slice(0, 12));
    const distinct = new Set(g.list.map((t) => `${t.z}/${t.x}/${t.y}`)).size;
    console.log(
      `${g.id}: ${g.list.length} tiles (${distinct} distinct); PNG GeoShare vs MapServer: mean |ΔRGB| ${c.meanDiff.toFixed(1)}, coverage differs on ${(c.coverageDiff * 100).toFixed(1)} % of pixels`,
    );
    if (c.meanDiff > 25 || c.coverageDiff > 0.1) throw new Error(`${g.id}: the two servers do not draw the same image`);
  }

  const load = () =>
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`;
  const startedAt = new Date();
  console.log(
    `\nruns (${load()}): wrk -t${WRK.threads} -c${WRK.connections} -d${WRK.seconds}s --latency, warm-up ${WARMUP.seconds} s each`,
  );
  const runDir = join(SCRATCH, 'wrk');
  mkdirSync(runDir, { recursive: true });
  for (const g of groups) {
    for (const f of FORMATS.GeoShare) {
      for (const server of ['GeoShare', 'MapServer'] as const) {
        if (!FORMATS[server].includes(f) || (only && !only.test(`${g.id}/${server}/${f}`))) continue;
        runs.push(await runOne(g, server, f, runDir));
      }
    }
  }
  if (profDir) {
    const path = `/api/tiles/${COLLECTION}/${gm.itemId}/tilejson.json`;
    writeWrkScript(join(runDir, 'tilejson.lua'), [path]);
    const cpu0 = cpuSeconds(serverPids('GeoShare'));
    const w = await runWrk(GS_URL, join(runDir, 'tilejson.lua'), WRK);
    const cpu = cpuSeconds(serverPids('GeoShare')) - cpu0;
    report.push(
      `TileJSON (access check + catalogue lookup, no pixels): ${w.rps.toFixed(0)} requests/s, p99 ${w.p99.toFixed(1)} ms, ${((cpu * 1000) / w.requests).toFixed(2)} ms CPU/request`,
    );
  }
  console.log(`\n${load()} at the end`);
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  report.unshift(
    `machine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, GeoShare database ${db.url ? 'PostgreSQL (DATABASE_URL)' : 'PGlite (embedded)'}; ${startedAt.toISOString()}`,
    '',
    table(groups, runs),
    '',
    ...goals(runs),
  );
} finally {
  await stopAll();
  await db.drop();
}
if (profDir) report.push('', ...(await unitCosts(groups)), '', ...profileReport(profDir, runs));
console.log(`\n${report.join('\n')}`);
writeFileSync(
  join(SCRATCH, 'results.json'),
  JSON.stringify(
    runs.map(({ wrk, ...r }) => ({ ...r, wrk: { ...wrk, output: undefined } })),
    null,
    2,
  ),
);
process.exit(0);
