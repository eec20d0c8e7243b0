/**
 * The process-level wiring shared by `server.ts` and the CLIs: reads the environment (the only place besides
 * server.ts that does), locks the embedded data directory, opens and migrates the database, and builds the ports.
 *   GEOSHARE_DATA_DIR (./data), DATABASE_URL (else embedded PGlite in the data dir), GEOSHARE_SECRET (hex, ≥ 32 bytes;
 *   else generated into the data dir), and for assets in an S3-compatible store instead of `<data dir>/assets`:
 *   GEOSHARE_S3_ENDPOINT, GEOSHARE_S3_BUCKET, GEOSHARE_S3_ACCESS_KEY, GEOSHARE_S3_SECRET_KEY, GEOSHARE_S3_REGION
 *   (us-east-1), GEOSHARE_S3_PREFIX.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_SECURITY_POLICY } from './modules/identity/security.policy.js';
import { officialCalendarData } from './platform/calendar/calendar.data.js';
import { systemClock } from './platform/clock.js';
import { lockDataDir } from './platform/db/data-dir-lock.js';
import { loadMigrations, migrate } from './platform/db/migrate.js';
import { openDatabase } from './platform/db/open.js';
import { localStorage } from './platform/storage/local.storage.js';
import { s3Storage } from './platform/storage/s3.storage.js';
import type { Storage } from './platform/storage/storage.port.js';
import type { Ports } from './services.js';

export interface Runtime {
  ports: Ports;
  dataDir: string;
  databaseUrl: string | undefined;
  appliedMigrations: number[];
  close(): Promise<void>;
}

export async function openRuntime(env: NodeJS.ProcessEnv, purpose: string): Promise<Runtime> {
  const dataDir = resolve(env.GEOSHARE_DATA_DIR ?? './data');
  const databaseUrl = env.DATABASE_URL || undefined;
  mkdirSync(dataDir, { recursive: true });
  const unlock = databaseUrl ? () => undefined : lockDataDir(dataDir, purpose);
  try {
    const db = await openDatabase({ databaseUrl, pgliteDir: join(dataDir, 'pglite') });
    const { applied } = await migrate(db, await loadMigrations());
    return {
      ports: {
        db,
        clock: systemClock,
        secret: platformSecret(env, dataDir),
        calendarData: officialCalendarData(),
        security: DEFAULT_SECURITY_POLICY,
        storage: assetStorage(env, dataDir),
      },
      dataDir,
      databaseUrl,
      appliedMigrations: applied,
      async close() {
        await db.close();
        unlock();
      },
    };
  } catch (e) {
    unlock();
    throw e;
  }
}

function assetStorage(env: NodeJS.ProcessEnv, dataDir: string): Storage {
  if (!env.GEOSHARE_S3_ENDPOINT) return localStorage(join(dataDir, 'assets'));
  const need = (k: string) => {
    const v = env[k];
    if (!v) throw new Error(`${k} is required when GEOSHARE_S3_ENDPOINT is set`);
    return v;
  };
  return s3Storage(
    {
      endpoint: env.GEOSHARE_S3_ENDPOINT,
      bucket: need('GEOSHARE_S3_BUCKET'),
      accessKeyId: need('GEOSHARE_S3_ACCESS_KEY'),
      secretAccessKey: need('GEOSHARE_S3_SECRET_KEY'),
      region: env.GEOSHARE_S3_REGION ?? 'us-east-1',
      ...(env.GEOSHARE_S3_PREFIX ? { prefix: env.GEOSHARE_S3_PREFIX } : {}),
    },
    systemClock,
  );
}

function platformSecret(env: NodeJS.ProcessEnv, dataDir: string): Buffer {
  if (env.GEOSHARE_SECRET) return Buffer.from(env.GEOSHARE_SECRET, 'hex');
  const file = join(dataDir, 'secret.key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
}
