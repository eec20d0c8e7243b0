import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { givenUser, loginAs, resetDb, testApp, testDb } from '../../../../test/harness.js';
import type { Db } from '../../../platform/db/db.port.js';
import { tileAt } from '../../../platform/raster/__tests__/tile.fixtures.js';
import { givenCatalog } from '../../catalog/__tests__/catalog.fixtures.js';
import { givenAgreementsSigned, givenTileItems, writeTileCog } from './tile-items.fixtures.js';

let db: Db;
let app: Awaited<ReturnType<typeof testApp>>['app'];

beforeAll(async () => {
  db = await testDb();
  ({ app } = await testApp(db));
  await writeTileCog(app.services);
});
afterAll(() => app.close());
beforeEach(async () => {
  await resetDb(db);
  await givenCatalog(app.services);
  await givenTileItems(app.services, [['cog', {}]]);

  await givenUser(app.services, { username: 'clerk', roles: ['departmentClerk'], orgName: '市住建局' });
  await givenUser(app.services, { username: 'boss', roles: ['leader'], orgName: '市自然资源局' });
  await givenAgreementsSigned(app.services); // MNR-16 is tested on its own
});

describe('MNR-16 online use is recorded automatically', () => {
  test('MNR-16 tiles and downloads are counted per user, item and day, and summarised by department, item and month', async () => {
    const clerk = await loginAs(app, 'clerk');
    const t = tileAt(114.25, 27.5, 14);
    for (let i = 0; i < 3; i++)
      expect((await clerk.request('GET', `/api/tiles/dom-2024/cog/${t.z}/${t.x}/${t.y}.png`)).statusCode).toBe(200);
    expect((await clerk.request('GET', '/api/assets/dom-2024/pub/data')).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/assets/dom-2024/pub/data' })).statusCode).toBe(200);

    const boss = await loginAs(app, 'boss');
    const byOrg = (await boss.request('GET', '/api/usage/stats?from=2026-11-01&to=2026-11-30&groupBy=org')).json()
      .items;
    expect(byOrg).toEqual([
      { key: '匿名访问', label: '匿名访问', kind: 'download', count: 1, bytes: 10, users: 0 },
      { key: '市住建局', label: '市住建局', kind: 'download', count: 1, bytes: 10, users: 1 },
      { key: '市住建局', label: '市住建局', kind: 'tile', count: 3, bytes: expect.any(Number), users: 1 },
    ]);
    const byItem = (await boss.request('GET', '/api/usage/stats?from=2026-11-23&to=2026-11-23&groupBy=item')).json()
      .items;
    expect(
      byItem.map((r: { key: string; label: string; kind: string; count: number }) => [r.key, r.label, r.kind, r.count]),
    ).toEqual([
      ['dom-2024/cog', '影像 cog', 'tile', 3],
      ['dom-2024/pub', '影像 pub', 'download', 2],
    ]);
    const byMonth = (await boss.request('GET', '/api/usage/stats?from=2026-01-01&to=2026-12-31&groupBy=month')).json()
      .items;
    expect(byMonth.map((r: { key: string; label: string }) => [r.key, r.label])).toEqual([
      ['2026-11', '2026年11月'],
      ['2026-11', '2026年11月'],
    ]);
    expect((await clerk.request('GET', '/api/usage/stats?from=2026-11-01&to=2026-11-30')).statusCode).toBe(403);
  });

  test('MNR-16 counts accumulate across flushes into one row per key', async () => {
    const clerk = await loginAs(app, 'clerk');
    const t = tileAt(114.25, 27.5, 14);
    await clerk.request('GET', `/api/tiles/dom-2024/cog/${t.z}/${t.x}/${t.y}.png`);
    await app.services.usage.flush();
    await clerk.request('GET', `/api/tiles/dom-2024/cog/${t.z}/${t.x}/${t.y}.png`);
    await app.services.usage.flush();
    const { rows } = await db.query<{ count: number }>("SELECT count FROM usage_daily WHERE kind = 'tile'");
    expect(rows).toEqual([{ count: 2 }]);
  });
  test('MNR-16 the statistics export as xlsx: period in the title, Chinese headers, human names, a totals row', async () => {
    const clerk = await loginAs(app, 'clerk');
    const t = tileAt(114.25, 27.5, 14);
    for (let i = 0; i < 3; i++) await clerk.request('GET', `/api/tiles/dom-2024/cog/${t.z}/${t.x}/${t.y}.png`);
    await clerk.request('GET', '/api/assets/dom-2024/pub/data');
    await app.inject({ method: 'GET', url: '/api/assets/dom-2024/pub/data' });

    const boss = await loginAs(app, 'boss');
    const url = '/api/usage/stats.xlsx?from=2026-11-01&to=2026-11-30&groupBy=collection';
    expect((await clerk.request('GET', url)).statusCode).toBe(403);
    const res = await boss.request('GET', url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const row = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
    expect(String(row(1)[0])).toContain('2026-11-01 至 2026-11-30');
    expect(row(2)).toEqual(['数据集', '类型', '次数', '数据量(MB)', '用户数']);
    expect(row(3).slice(0, 3)).toEqual(['2024 年数字正射影像 0.5 米', '下载', 2]);
    expect(row(4).slice(0, 3)).toEqual(['2024 年数字正射影像 0.5 米', '在线浏览（瓦片）', 3]);
    const total = row(5);
    expect(total[0]).toBe('合计');
    expect(total[2]).toBe(5);
    expect(total[4]).toBe(1);
    expect(total[3]).toBeCloseTo((row(3)[3] as number) + (row(4)[3] as number), 1);
    expect(ws.rowCount).toBe(5);
  });
});
