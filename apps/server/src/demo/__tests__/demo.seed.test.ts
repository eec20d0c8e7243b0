import { beforeAll, describe, expect, test } from 'vitest';
import { resetDb, testDb, testServices } from '../../../test/harness.js';
import type { Db } from '../../platform/db/db.port.js';
import { seedDemo } from '../demo.seed.js';

let db: Db;
beforeAll(async () => {
  db = await testDb();
  await resetDb(db);
});

describe('demo city', () => {
  test('seeds once: a city, six districts partitioning it, the YQ-6 sections and one user per role', async () => {
    const s = testServices(db);
    const accounts = await seedDemo(s, { adminPassword: 'Admin@2026' });
    expect(accounts.map((a) => a.roles[0]).sort()).toEqual(
      [
        'admin',
        'catalogueManager',
        'custodian',
        'departmentClerk',
        'departmentClerk', // clerk2: a unit with an overdue submission (BX-11)
        'fieldStaff',
        'inspector',
        'leader',
        'reviewer',
        'sectionStaff',
      ].sort(),
    );
    expect(await seedDemo(s, { adminPassword: 'Admin@2026' })).toEqual([]);
    const holds = await s.db.query<{ title: string }>('SELECT title FROM submission_hold WHERE cleared_at IS NULL');
    expect(holds.rows.map((h) => h.title)).toEqual(['2025 年度高标准农田建设遥感监测成果']);

    const { features } = await s.adminAreas.featureCollection();
    const city = features.find((f) => f.properties.level === 'city')!;
    const districts = features.filter((f) => f.properties.level === 'district');
    expect(districts).toHaveLength(6);
    const sum = districts.reduce((a, f) => a + f.properties.areaKm2, 0);
    expect(Math.abs(sum - city.properties.areaKm2) / city.properties.areaKm2).toBeLessThan(1e-4);

    // Districts must not overlap one another (a true partition: shared borders only).
    const { rows } = await db.query<{ overlap: number }>(
      `SELECT coalesce(sum(ST_Area(ST_Intersection(a.geom, b.geom)::geography)), 0) AS overlap
       FROM admin_area a JOIN admin_area b ON a.code < b.code WHERE a.level = 'district' AND b.level = 'district'`,
    );
    expect(rows[0]!.overlap).toBeLessThan(1);

    const sections = (await s.orgs.list({ kind: 'section' })).map((o) => o.name);
    expect(sections).toEqual(
      expect.arrayContaining(['防火科', '耕地保护科', '矿产资源管理科', '法规督查科', '机关纪委', '执法队']),
    );
    expect((await s.orgs.list({})).every((o) => o.creditCodeStatus === 'valid')).toBe(true);
    expect(await s.audit.verify()).toMatchObject({ ok: true });
  });
});
