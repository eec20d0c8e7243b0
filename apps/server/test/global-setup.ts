import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { loadMigrations, migrate, migrationsFingerprint } from '../src/platform/db/migrate.js';
import { openPostgres } from '../src/platform/db/pg.adapter.js';
import { openPglite } from '../src/platform/db/pglite.adapter.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PGlite: path of a gzip'd migrated data dir. PostgreSQL: name of a migrated template database. */
    dbTemplate: { kind: 'pglite'; file: string } | { kind: 'postgres'; url: string; database: string };
  }
}

const CACHE_DIR = new URL('../../../node_modules/.cache/geoshare/', import.meta.url).pathname;

/** Builds the migrated template once per migration set (cached on disk for PGlite across runs). */
export default async function setup(project: TestProject): Promise<void> {
  const migrations = await loadMigrations();
  const fp = migrationsFingerprint(migrations);
  const url = process.env.DATABASE_URL;
  if (url) {
    const database = `geoshare_tpl_${fp}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) {
      await admin.query(`CREATE DATABASE ${database}`);
      const u = new URL(url);
      u.pathname = `/${database}`;
      const db = await openPostgres(u.toString(), 1);
      await migrate(db, migrations);
      await db.close();
    }
    await admin.end();
    project.provide('dbTemplate', { kind: 'postgres', url, database });
    return;
  }
  mkdirSync(CACHE_DIR, { recursive: true });
  const file = join(CACHE_DIR, `template-${fp}.tgz`);
  if (!existsSync(file)) {
    const db = await openPglite();
    await migrate(db, migrations);
    writeFileSync(file, Buffer.from(await (await db.dump()).arrayBuffer()));
    await db.close();
  }
  project.provide('dbTemplate', { kind: 'pglite', file });
}
