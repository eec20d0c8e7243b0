import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { type AppDeps, buildApp } from '../src/app.js';
import { DEFAULT_SECURITY_POLICY, type SecurityPolicy } from '../src/modules/identity/security.policy.js';
import { SYSTEM_CONTEXT } from '../src/platform/auth/actor.js';
import { officialCalendarData } from '../src/platform/calendar/calendar.data.js';
import type { Db } from '../src/platform/db/db.port.js';
import { openPostgres } from '../src/platform/db/pg.adapter.js';
import { openPglite } from '../src/platform/db/pglite.adapter.js';
import { localStorage } from '../src/platform/storage/local.storage.js';
import { buildServices, type Ports } from '../src/services.js';

// Reference data seeded by migrations (the 2026-1 sharing agreement text, MNR-16) stays too.
const KEEP = new Set(['schema_migrations', 'spatial_ref_sys', 'audit_head', 'sharing_agreement_version']);

/** This worker's own clone of the migrated template (see global-setup.ts), opened once. */
export function testDb(): Promise<Db> {
  const g = globalThis as { __geoshareTestDb?: Promise<Db> };
  g.__geoshareTestDb ??= openClone();
  return g.__geoshareTestDb;
}

async function openClone(): Promise<Db> {
  const t = inject('dbTemplate');
  if (t.kind === 'pglite') return openPglite({ loadDataDir: new Blob([readFileSync(t.file)]) });
  const name = `geoshare_test_${process.env.VITEST_POOL_ID ?? '0'}_${process.pid}`;
  const admin = new pg.Client({ connectionString: t.url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${t.database}`);
  await admin.end();
  const u = new URL(t.url);
  u.pathname = `/${name}`;
  return openPostgres(u.toString(), 5);
}

/** Empties every table but the schema bookkeeping and reference data; resets the audit chain head. */
export async function resetDb(db: Db): Promise<void> {
  const { rows } = await db.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
  const tables = rows.map((r) => r.tablename).filter((t) => !KEEP.has(t));
  // The default download quota is seeded again from its column defaults (the migration's values): it references
  // org and app_user, so it cannot survive the CASCADE like the other reference data.
  await db.exec(`TRUNCATE ${tables.map((t) => `"${t}"`).join(', ')} CASCADE;
    UPDATE audit_head SET last_id = 0, last_hash = repeat('0', 64);
    INSERT INTO download_quota DEFAULT VALUES;`);
}

/** A clock the test moves by hand. Starts on Monday 2026-11-23 10:00 China time. */
export class TestClock {
  t = new Date('2026-11-23T02:00:00Z');
  now = (): Date => new Date(this.t);
  advanceMinutes(m: number): void {
    this.t = new Date(this.t.getTime() + m * 60_000);
  }
}

/** A throw-away asset folder per worker. */
export function testStorage() {
  const g = globalThis as { __geoshareTestStorage?: ReturnType<typeof localStorage> };
  g.__geoshareTestStorage ??= localStorage(mkdtempSync(join(tmpdir(), 'geoshare-assets-')));
  return g.__geoshareTestStorage;
}

/** Cheap argon2id for tests only (production keeps the OWASP cost). */
export const TEST_SECURITY: SecurityPolicy = {
  ...DEFAULT_SECURITY_POLICY,
  passwordCost: { memoryKiB: 1024, iterations: 1 },
};
export const TEST_SECRET = Buffer.alloc(32, 7);

export function testPorts(db: Db, clock = new TestClock()): Ports & { clock: TestClock } {
  return {
    db,
    clock,
    secret: TEST_SECRET,
    calendarData: officialCalendarData(),
    security: TEST_SECURITY,
    storage: testStorage(),
  };
}

export const testServices = (db: Db, clock?: TestClock) => buildServices(testPorts(db, clock));

export async function testApp(db: Db, extra: Partial<AppDeps> = {}) {
  const ports = testPorts(db, extra.clock as TestClock | undefined);
  const app = await buildApp({ ...ports, config: { cookieSecure: false }, ...extra });
  return { app, clock: ports.clock };
}

/** Creates an org and a user with `roles` through the services (system context); returns ids. */
export async function givenUser(
  s: ReturnType<typeof buildServices>,
  u: {
    username: string;
    roles: Parameters<typeof s.users.create>[1]['roles'];
    password?: string;
    clearance?: 'public' | 'secret' | 'confidential';
    orgName?: string;
  },
) {
  const orgName = u.orgName ?? '测试局';
  const existing = (await s.orgs.list({ q: orgName })).find((o) => o.name === orgName);
  const org = existing ?? (await s.orgs.create(SYSTEM_CONTEXT, { name: orgName, kind: 'bureau' }));
  const user = await s.users.create(SYSTEM_CONTEXT, {
    username: u.username,
    displayName: `${u.username} 测试`,
    password: u.password ?? 'Test@2026',
    orgId: org.id,
    roles: u.roles,
    clearance: u.clearance ?? 'public',
  });
  return { org, user };
}

type Injectable = Awaited<ReturnType<typeof testApp>>['app'];

/** Logs in through the API; returns a helper that sends the session cookie and CSRF token. */
export async function loginAs(app: Injectable, username: string, password = 'Test@2026') {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'geoshare_session')!;
  const { csrfToken } = res.json() as { csrfToken: string };
  const headers = { cookie: `geoshare_session=${cookie.value}`, 'x-csrf-token': csrfToken };
  return {
    cookie,
    csrfToken,
    headers,
    request: (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
      app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) }),
  };
}
