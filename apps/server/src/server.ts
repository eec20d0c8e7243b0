/**
 * The one entry point that reads the environment. `npm start` runs this:
 *   PORT (8080), HOST (0.0.0.0), GEOSHARE_DATA_DIR (./data), DATABASE_URL (else embedded PGlite in the data dir),
 *   GEOSHARE_ADMIN_PASSWORD (initial password of the demo `admin`), GEOSHARE_DEMO (1: seed the demo city on first start),
 *   GEOSHARE_COOKIE_SECURE (1 behind HTTPS), GEOSHARE_SECRET (hex, ≥ 32 bytes; else generated into the data dir).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildApp } from './app.js';
import { DEMO_PASSWORD, seedDemo } from './demo/demo.seed.js';
import { DEFAULT_SECURITY_POLICY } from './modules/identity/security.policy.js';
import { officialCalendarData } from './platform/calendar/calendar.data.js';
import { systemClock } from './platform/clock.js';
import { lockDataDir } from './platform/db/data-dir-lock.js';
import { loadMigrations, migrate } from './platform/db/migrate.js';
import { openDatabase } from './platform/db/open.js';
import { localStorage } from './platform/storage/local.storage.js';

const env = process.env;
const started = Date.now();
const port = Number(env.PORT ?? 8080);
const host = env.HOST ?? '0.0.0.0';
const dataDir = resolve(env.GEOSHARE_DATA_DIR ?? './data');
const databaseUrl = env.DATABASE_URL || undefined;
const adminPassword = env.GEOSHARE_ADMIN_PASSWORD ?? 'Admin@2026';
const repoRoot = new URL('../../../', import.meta.url).pathname;

mkdirSync(dataDir, { recursive: true });
const unlock = databaseUrl ? () => undefined : lockDataDir(dataDir, 'geoshare server');

function platformSecret(): Buffer {
  if (env.GEOSHARE_SECRET) return Buffer.from(env.GEOSHARE_SECRET, 'hex');
  const file = join(dataDir, 'secret.key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
}

const db = await openDatabase({ databaseUrl, pgliteDir: join(dataDir, 'pglite') });
const { applied } = await migrate(db, await loadMigrations());
const app = await buildApp({
  db,
  clock: systemClock,
  secret: platformSecret(),
  calendarData: officialCalendarData(),
  security: DEFAULT_SECURITY_POLICY,
  storage: localStorage(join(dataDir, 'assets')),
  config: { cookieSecure: env.GEOSHARE_COOKIE_SECURE === '1' },
  webDistDir: join(repoRoot, 'apps/web/dist'),
  logger: { level: env.LOG_LEVEL ?? 'info' },
});
const accounts = env.GEOSHARE_DEMO === '0' ? [] : await seedDemo(app.services, { adminPassword });

async function shutdown(signal: string) {
  app.log.info({ signal }, 'shutting down');
  await app.close();
  await db.close();
  unlock();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ port, host });
const url = `http://localhost:${port}/`;
const lines = [
  '',
  `GeoShare 遥感影像统筹共享与监测监管平台 is running: ${url}`,
  `  database: ${db.kind}${databaseUrl ? '' : ` (${join(dataDir, 'pglite')})`}; migrations applied now: ${applied.length ? applied.join(', ') : 'none'}`,
  `  API docs: ${url}api/docs   ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
];
if (accounts.length) {
  lines.push('  demo accounts created (username / password):');
  for (const a of accounts) lines.push(`    ${a.username.padEnd(10)} ${a.password.padEnd(12)} ${a.displayName}`);
} else if (env.GEOSHARE_DEMO !== '0') {
  lines.push(
    `  demo accounts: admin / (GEOSHARE_ADMIN_PASSWORD at first start), others / ${DEMO_PASSWORD} — see README`,
  );
}
console.log(lines.join('\n'));
