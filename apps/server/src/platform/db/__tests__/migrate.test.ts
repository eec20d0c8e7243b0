import { beforeAll, describe, expect, test } from 'vitest';
import { testDb } from '../../../../test/harness.js';
import type { Db } from '../db.port.js';
import { loadMigrations, migrate } from '../migrate.js';

let db: Db;
beforeAll(async () => {
  db = await testDb();
});

describe('versioned migrations', () => {
  test('re-applying is a no-op', async () => {
    expect(await migrate(db, await loadMigrations())).toEqual({ applied: [] });
  });

  test('PostGIS is there, with CGCS2000 (EPSG:4490)', async () => {
    const { rows } = await db.query<{ srid: number }>('SELECT srid FROM spatial_ref_sys WHERE srid = 4490');
    expect(rows).toEqual([{ srid: 4490 }]);
  });

  test('refuses a database newer than the code', async () => {
    const ms = await loadMigrations();
    await db.query("INSERT INTO schema_migrations (version, name, checksum) VALUES (9999, 'future', 'x')");
    try {
      await expect(migrate(db, ms)).rejects.toMatchObject({ code: 'DB_NEWER_THAN_CODE' });
    } finally {
      await db.query('DELETE FROM schema_migrations WHERE version = 9999');
    }
  });

  test('refuses when an applied migration was edited', async () => {
    const ms = await loadMigrations();
    const edited = ms.map((m, i) => (i === 0 ? { ...m, checksum: 'edited' } : m));
    await expect(migrate(db, edited)).rejects.toMatchObject({ code: 'DB_MIGRATION_CHANGED' });
  });
});
