/**
 * Where a server's JavaScript threads spend their time, from the `.cpuprofile` files `node --cpu-prof` writes (one
 * per thread: `CPU.<date>.<time>.<pid>.<thread id>.<seq>.cpuprofile`, thread 0 = the main thread / event loop).
 * Samples are cut into the time windows of the load runs (the profile's clock is CLOCK_MONOTONIC in µs, the same
 * clock as `process.hrtime`), and each sample's self time is put into a category by the function it was in.
 * Sample times are wall-clock: on a loaded machine a descheduled thread keeps "spending" time in its current frame, so
 * read the categories as shares of a thread's busy samples and scale them by the thread's CPU time from /proc.
 * Pixel work that sharp (libvips) or zlib do on their own threads is not in these profiles.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface Window {
  name: string;
  /** CLOCK_MONOTONIC, µs */
  start: number;
  end: number;
}

export interface WindowProfile {
  /** per thread group ('main' or 'workers'): category → ms of self time */
  categories: Record<string, Record<string, number>>;
  /** the hottest functions over all threads: `name (file:line)` → ms */
  functions: Record<string, number>;
}

const isWasm = (cf: CallFrame) => cf.url.startsWith('wasm://') || /^(wasm-function|\$)/.test(cf.functionName);

const CATEGORIES: [string, (cf: CallFrame) => boolean][] = [
  // A pool worker blocked in Atomics.wait (piscina) is idle, not busy.
  ['idle', (cf) => cf.functionName === '(idle)' || cf.functionName === 'atomicsWaitLoop'],
  ['GC', (cf) => cf.functionName === '(garbage collector)'],
  ['V8/native (program)', (cf) => cf.functionName === '(program)' || cf.functionName === '(root)'],
  ['pixel loops (tile.compose.ts)', (cf) => /tile\.compose/.test(cf.url)],
  ['raster JS (plan, decode glue, row copies)', (cf) => /platform\/raster\//.test(cf.url)],
  ['worker pool messaging (piscina)', (cf) => /node_modules\/piscina\//.test(cf.url)],
  ['COG tile index (@cogeotiff/core)', (cf) => /@cogeotiff/.test(cf.url)],
  ['sharp JS bindings', (cf) => /node_modules\/sharp\//.test(cf.url)],
  ['usage counting', (cf) => /modules\/sharing\/usage/.test(cf.url)],
  ['PGlite (SQL in WebAssembly)', (cf) => /pglite/.test(cf.url) || isWasm(cf)],
  ['node-postgres', (cf) => /node_modules\/(pg|pg-protocol|pg-pool|pg-types)\//.test(cf.url)],
  ['tile/catalogue/access services', (cf) => /modules\/(sharing|catalog|identity)\//.test(cf.url)],
  ['platform (db adapter, http, auth, errors)', (cf) => /apps\/server\/src\/platform\//.test(cf.url)],
  [
    'Fastify (routing, hooks, reply)',
    (cf) =>
      /node_modules\/(fastify|find-my-way|avvio|@fastify|fast-json-stringify|fast-querystring|light-my-request|secure-json-parse|fast-uri)\//.test(
        cf.url,
      ),
  ],
  [
    'logging (pino)',
    (cf) => /node_modules\/(pino|thread-stream|sonic-boom|pino-std-serializers|on-exit-leak-free)/.test(cf.url),
  ],
  ['Node core (http, net, stream, fs)', (cf) => cf.url.startsWith('node:')],
  ['native builtins', (cf) => cf.url === ''],
];

/** `group`: PGlite runs on the main thread; WebAssembly in the pool workers is the pixel kernels. */
export function categoryOf(cf: CallFrame, group: 'main' | 'workers' = 'main'): string {
  if (group === 'workers' && isWasm(cf)) return 'pixel kernels (WebAssembly: bilinear.wat, libjpeg-turbo)';
  for (const [name, test] of CATEGORIES) if (test(cf)) return name;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(cf.url);
  return pkg ? `other package ${pkg[1]}` : 'other JS';
}

/** Profiles in `dir`, cut into `windows`. */
export function profileWindows(dir: string, windows: readonly Window[]): Record<string, WindowProfile> {
  const out: Record<string, WindowProfile> = {};
  for (const w of windows) out[w.name] = { categories: {}, functions: {} };
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const tid = Number(file.split('.').at(-3));
    const group = tid === 0 ? 'main' : 'workers';
    const p = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
    const byId = new Map(p.nodes.map((n) => [n.id, n.callFrame]));
    let t = p.startTime;
    for (let i = 0; i < p.samples.length; i++) {
      const dt = p.timeDeltas[i]!;
      t += dt;
      const w = windows.find((x) => t >= x.start && t < x.end);
      if (!w) continue;
      const cf = byId.get(p.samples[i]!)!;
      const byGroup = out[w.name]!.categories;
      byGroup[group] ??= {};
      const cats = byGroup[group];
      const cat = categoryOf(cf, group);
      cats[cat] = (cats[cat] ?? 0) + dt / 1000;
      if (cat !== 'idle') {
        const where = cf.url ? `${cf.url.replace(/^.*\/(node_modules|src)\//, '')}:${cf.lineNumber + 1}` : 'native';
        const key = `${cf.functionName || '(anonymous)'} (${where})`;
        out[w.name]!.functions[key] = (out[w.name]!.functions[key] ?? 0) + dt / 1000;
      }
    }
  }
  return out;
}
