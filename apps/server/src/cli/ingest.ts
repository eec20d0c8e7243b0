/**
 * `npm run ingest -- [--collection ID] [--publish] [--secrecy 非涉密|秘密|机密] [--sharing 无条件|有条件|不予共享]
 *   [--crs EPSG:n] [--gcj02] PATH...` — ingests files or folders (recursively) into the configured database and asset
 * store (same environment as `npm start`). Prints `ok <item id>` or `error <file>: <reason>` per file; exits non-zero
 * only on a usage error (2) or when it cannot run at all (3).
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SHARING_TYPE_LABELS, type SharingType } from '@geoshare/shared';
import { parseEpsg, parseSecrecyArg } from '../modules/catalog/ingest.service.js';
import { SYSTEM_CONTEXT } from '../platform/auth/actor.js';
import { openRuntime } from '../runtime.js';
import { buildServices } from '../services.js';

const USAGE =
  'usage: npm run ingest -- [--collection ID] [--publish] [--secrecy 非涉密|秘密|机密] [--sharing 无条件|有条件|不予共享] [--crs EPSG:n] [--gcj02] PATH...';
const DEFAULT_COLLECTION = 'imports';

function usage(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

let args: ReturnType<
  typeof parseArgs<{ options: Record<string, { type: 'string' | 'boolean' }>; allowPositionals: true }>
>;
try {
  args = parseArgs({
    allowPositionals: true,
    options: {
      collection: { type: 'string' },
      publish: { type: 'boolean' },
      secrecy: { type: 'string' },
      sharing: { type: 'string' },
      crs: { type: 'string' },
      gcj02: { type: 'boolean' },
    },
  });
} catch (e) {
  usage((e as Error).message);
}
if (!args.positionals.length) usage('no file or folder given');

let secrecy: ReturnType<typeof parseSecrecyArg>;
let assumeEpsg: number | undefined;
try {
  secrecy = parseSecrecyArg(args.values.secrecy as string | undefined);
  assumeEpsg = args.values.crs ? parseEpsg(String(args.values.crs)) : undefined;
} catch (e) {
  usage((e as Error).message);
}
const sharingArg = args.values.sharing as string | undefined;
const sharingType = sharingArg
  ? (Object.entries(SHARING_TYPE_LABELS).find(
      ([k, l]) => sharingArg === k || sharingArg === l || `${sharingArg}共享` === l,
    )?.[0] as SharingType | undefined)
  : undefined;
if (sharingArg && !sharingType) usage(`unknown --sharing ${sharingArg}`);

/** Files below the given paths, in a stable order; sidecar XMLs are read beside their TIFF. */
function expand(paths: string[]): { path: string; name: string }[] {
  const out: { path: string; name: string }[] = [];
  const walk = (p: string) => {
    const s = statSync(p, { throwIfNoEntry: false });
    if (!s) out.push({ path: p, name: basename(p) });
    else if (s.isDirectory()) for (const e of readdirSync(p).sort()) walk(join(p, e));
    else out.push({ path: p, name: basename(p) });
  };
  for (const p of paths) walk(resolve(p));
  return out;
}

let rt: Awaited<ReturnType<typeof openRuntime>>;
try {
  rt = await openRuntime(process.env, 'npm run ingest');
} catch (e) {
  console.error(`ingest cannot run: ${(e as Error).message}`);
  process.exit(3);
}
const s = buildServices(rt.ports);
const collectionId = (args.values.collection as string | undefined) ?? DEFAULT_COLLECTION;
if (!args.values.collection && !(await s.catalog.collectionExists(DEFAULT_COLLECTION))) {
  // A conservative home for unsorted files: shared only on request and offline until a catalogue manager decides.
  await s.catalog.createCollection(SYSTEM_CONTEXT, {
    id: DEFAULT_COLLECTION,
    title: '批量导入（待整理）',
    description: '命令行批量入库的数据，待目录管理员整理归入正式数据集',
    productType: 'primary',
    sharingType: 'conditional',
    sharingMethod: 'offline',
  });
}
let failed = 0;
await s.ingest.ingestMany(
  SYSTEM_CONTEXT,
  expand(args.positionals),
  {
    collectionId,
    secrecy,
    publish: args.values.publish === true,
    gcj02: args.values.gcj02 === true,
    ...(sharingType ? { sharingType } : {}),
    ...(assumeEpsg ? { assumeEpsg } : {}),
  },
  (r) => {
    if (r.ok)
      console.log(
        `ok ${r.collectionId}/${r.itemId} ${r.catalogueNo}${r.warnings.length ? ` (${r.warnings.join('；')})` : ''}`,
      );
    else {
      failed += 1;
      console.log(`error ${r.file}: ${r.message} [${r.code}]`);
    }
  },
);
await rt.close();
console.error(`${failed ? `${failed} file(s) failed` : 'all files ingested'}`);
process.exit(0);
