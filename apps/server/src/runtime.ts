/**
 * The process-level wiring shared by `server.ts` and the CLIs: reads the environment (the only place besides
 * server.ts that does), locks the embedded data directory, opens and migrates the database, and builds the ports.
 *   GEOSHARE_DATA_DIR (./data), DATABASE_URL (else embedded PGlite in the data dir), GEOSHARE_SECRET (hex, ≥ 32 bytes;
 *   else generated into the data dir).
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
        storage: localStorage(join(dataDir, 'assets')),
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

function platformSecret(env: NodeJS.ProcessEnv, dataDir: string): Buffer {
  if (env.GEOSHARE_SECRET) return Buffer.from(env.GEOSHARE_SECRET, 'hex');
  const file = join(dataDir, 'secret.key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
}
