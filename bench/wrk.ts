/**
 * Load runs with wrk (https://github.com/wg/wrk): a Lua script cycles a fixed list of request paths, counts answers
 * that are not a 200 with an image (a 204 "no pixels here", a 404 from a wrong path, or MapServer's error page, which
 * it sends as 200 text/html, would all look like a great result), and the output is parsed into throughput and latency
 * percentiles.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';

export interface WrkOptions {
  threads: number;
  connections: number;
  seconds: number;
}

export interface WrkResult {
  requests: number;
  seconds: number;
  rps: number;
  /** latency percentiles in ms */
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** wrk's own "Non-2xx or 3xx responses" line */
  non2xx: number;
  /** answers other than 200 with an image/* media type, counted by the script (a 204, a 3xx, MapServer's error page) */
  badAnswers: number;
  socketErrors: number;
  /** response bytes wrk read (headers and bodies), from its "… MB read" line */
  bytesRead: number;
  output: string;
}

/** Writes the Lua script cycling `paths` (all wrk threads share nothing: each cycles the list from its own start). */
export function writeWrkScript(file: string, paths: readonly string[]): void {
  const list = paths.map((p) => JSON.stringify(p)).join(',\n');
  writeFileSync(
    file,
    `local paths = {\n${list}\n}
local threads = {}
function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end
function init(args)
  i = id * 7919
  bad = 0
end
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
response = function(status, headers, body)
  local ct = headers["Content-Type"] or headers["content-type"] or ""
  if status ~= 200 or string.sub(ct, 1, 6) ~= "image/" then bad = bad + 1 end
end
function done(summary, latency, requests)
  local n = 0
  for _, t in ipairs(threads) do n = n + t:get("bad") end
  io.write(string.format("non-200 or non-image answers: %d\\n", n))
end
`,
  );
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };
const BYTE_UNITS: Record<string, number> = { B: 1, KB: 2 ** 10, MB: 2 ** 20, GB: 2 ** 30 };
const ms = (v: string, unit: string) => Number(v) * UNIT_MS[unit]!;

export function parseWrk(output: string): WrkResult {
  const num = (re: RegExp) => {
    const m = re.exec(output);
    return m ? Number(m[1]) : 0;
  };
  const pct = (p: number) => {
    const m = new RegExp(`^\\s+${p}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, 'm').exec(output);
    if (!m) throw new Error(`wrk output without the ${p}% latency line:\n${output}`);
    return ms(m[1]!, m[2]!);
  };
  const total = /(\d+) requests in ([\d.]+)(us|ms|s|m), ([\d.]+)([KMG]?B) read/.exec(output);
  if (!total) throw new Error(`unexpected wrk output:\n${output}`);
  const max = /Latency\s+\S+\s+\S+\s+([\d.]+)(us|ms|s|m)/.exec(output);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  return {
    requests: Number(total[1]),
    seconds: ms(total[2]!, total[3]!) / 1000,
    rps: num(/Requests\/sec:\s+([\d.]+)/),
    p50: pct(50),
    p90: pct(90),
    p99: pct(99),
    max: max ? ms(max[1]!, max[2]!) : Number.NaN,
    non2xx: num(/Non-2xx or 3xx responses: (\d+)/),
    badAnswers: num(/non-200 or non-image answers: (\d+)/),
    socketErrors: socket ? socket.slice(1).reduce((n, v) => n + Number(v), 0) : 0,
    bytesRead: Number(total[4]) * BYTE_UNITS[total[5]!]!,
    output,
  };
}

/** Runs wrk against `baseUrl` with a script written by writeWrkScript. */
export function runWrk(baseUrl: string, script: string, o: WrkOptions): Promise<WrkResult> {
  const args = [`-t${o.threads}`, `-c${o.connections}`, `-d${o.seconds}s`, '--latency', '-s', script, baseUrl];
  return new Promise((resolve, reject) => {
    const p = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => {
      out += d;
    });
    p.stderr.on('data', (d) => {
      out += d;
    });
    p.on('error', reject);
    p.on('close', (code) => {
      if (code !== 0) reject(new Error(`wrk exited with ${code}:\n${out}`));
      else {
        try {
          resolve(parseWrk(out));
        } catch (e) {
          reject(e);
        }
      }
    });
  });
}
