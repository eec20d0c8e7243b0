/**
 * `npm start` runs this. Besides the settings of runtime.ts:
 *   PORT (8080), HOST (0.0.0.0), GEOSHARE_ADMIN_PASSWORD (initial password of the demo `admin`),
 *   GEOSHARE_DEMO (1: seed the demo city on first start), GEOSHARE_COOKIE_SECURE (1 behind HTTPS), LOG_LEVEL.
 */
import { join } from 'node:path';
import { buildApp } from './app.js';
import { DEMO_PASSWORD, seedDemo } from './demo/demo.seed.js';
import { openRuntime } from './runtime.js';

const env = process.env;
const started = Date.now();
const port = Number(env.PORT ?? 8080);
const host = env.HOST ?? '0.0.0.0';
const adminPassword = env.GEOSHARE_ADMIN_PASSWORD ?? 'Admin@2026';
const repoRoot = new URL('../../../', import.meta.url).pathname;

const rt = await openRuntime(env, 'geoshare server');
const app = await buildApp({
  ...rt.ports,
  config: { cookieSecure: env.GEOSHARE_COOKIE_SECURE === '1' },
  webDistDir: join(repoRoot, 'apps/web/dist'),
  logger: { level: env.LOG_LEVEL ?? 'info' },
});
const accounts = env.GEOSHARE_DEMO === '0' ? [] : await seedDemo(app.services, { adminPassword });

async function shutdown(signal: string) {
  app.log.info({ signal }, 'shutting down');
  await app.close();
  await rt.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ port, host });
const url = `http://localhost:${port}/`;
const lines = [
  '',
  `GeoShare 遥感影像统筹共享与监测监管平台 is running: ${url}`,
  `  database: ${rt.ports.db.kind}${rt.databaseUrl ? '' : ` (${join(rt.dataDir, 'pglite')})`}; migrations applied now: ${rt.appliedMigrations.length ? rt.appliedMigrations.join(', ') : 'none'}`,
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
