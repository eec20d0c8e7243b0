import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DomainError } from '../errors/domain-error.js';
import type { Db } from './db.port.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export const MIGRATIONS_DIR = new URL('../../../migrations/', import.meta.url).pathname;

/** Reads `NNNN_name.sql` files in version order. */
export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f)).sort();
  return Promise.all(
    files.map(async (f) => {
      const sql = await readFile(join(dir, f), 'utf8');
      return {
        version: Number(f.slice(0, 4)),
        name: f.slice(5, -4),
        sql,
        checksum: createHash('sm3').update(sql).digest('hex'),
      };
    }),
  );
}

/** One fingerprint of the whole migration set: test templates are cached under it. */
export const migrationsFingerprint = (ms: Migration[]): string =>
  createHash('sm3')
    .update(ms.map((m) => `${m.version}:${m.checksum}`).join('\n'))
    .digest('hex')
    .slice(0, 16);

/**
 * Applies pending migrations, each in its own transaction. Refuses to run against a database whose schema is
 * newer than this code (a rollback of the code must not corrupt data), or whose applied migration text changed.
 */
export async function migrate(db: Db, migrations: Migration[]): Promise<{ applied: number[] }> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now())`);
  const { rows } = await db.query<{ version: number; checksum: string }>(
    'SELECT version, checksum FROM schema_migrations ORDER BY version',
  );
  const known = new Map(migrations.map((m) => [m.version, m]));
  const latest = migrations.at(-1)?.version ?? 0;
  for (const r of rows) {
    if (r.version > latest) {
      throw new DomainError('DB_NEWER_THAN_CODE', { databaseVersion: r.version, codeVersion: latest });
    }
    if (known.get(r.version)?.checksum !== r.checksum) {
      throw new DomainError('DB_MIGRATION_CHANGED', { version: r.version });
    }
  }
  const done = new Set(rows.map((r) => r.version));
  const applied: number[] = [];
  for (const m of migrations) {
    if (done.has(m.version)) continue;
    await db.transaction(async (tx) => {
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        m.version,
        m.name,
        m.checksum,
      ]);
    });
    applied.push(m.version);
  }
  return { applied };
}
