import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { givenUser, loginAs, resetDb, testApp, testDb } from '../../../../test/harness.js';
import type { Db } from '../../../platform/db/db.port.js';
import { givenAgreementsSigned } from '../../sharing/__tests__/tile-items.fixtures.js';
import { givenCatalog } from './catalog.fixtures.js';

let db: Db;
let app: Awaited<ReturnType<typeof testApp>>['app'];
beforeAll(async () => {
  db = await testDb();
  ({ app } = await testApp(db));
});
afterAll(() => app.close());
beforeEach(async () => {
  await resetDb(db);
  await givenCatalog(app.services);
  await givenUser(app.services, { username: 'keeper', roles: ['catalogueManager'], clearance: 'confidential' });
  await givenUser(app.services, {
    username: 'clerk',
    roles: ['departmentClerk'],
    clearance: 'public',
    orgName: '市住建局',
  });
  await givenUser(app.services, {
    username: 'cleared',
    roles: ['departmentClerk'],
    clearance: 'secret',
    orgName: '市应急局',
  });
});

const ids = (body: { features: { id: string }[] }) => body.features.map((f) => f.id).sort();
const anon = (url: string) => app.inject({ method: 'GET', url });

describe('STAC API core', () => {
  test('BX-20 landing page, conformance and service links', async () => {
    const res = await anon('/api/stac');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      type: 'Catalog',
      stac_version: '1.0.0',
      conformsTo: expect.arrayContaining(['https://api.stacspec.org/v1.0.0/item-search']),
    });
    const rels = body.links.map((l: { rel: string }) => l.rel);
    expect(rels).toEqual(
      expect.arrayContaining(['self', 'root', 'conformance', 'data', 'search', 'service-desc', 'child']),
    );
    expect((await anon('/api/stac/conformance')).json().conformsTo).toContain(
      'http://www.opengis.net/spec/cql2/1.0/conf/cql2-text',
    );
  });

  test('BX-16 anonymous callers see only published, non-classified, unconditional items', async () => {
    const res = await anon('/api/stac/search?limit=100');
    expect(res.headers['content-type']).toContain('application/geo+json');
    expect(ids(res.json())).toEqual(['east', 'pub']);
  });

  test('MNR-5 a clerk without clearance sees the classified item’s public metadata but no asset link; its asset URL is 403', async () => {
    const clerk = await loginAs(app, 'clerk');
    const all = (await clerk.request('GET', '/api/stac/search?limit=100')).json();
    expect(ids(all)).toEqual(['cond', 'east', 'pub', 'secret']);
    const secret = all.features.find((f: { id: string }) => f.id === 'secret');
    expect(secret.properties).toMatchObject({
      'geoshare:secrecy': 'secret',
      'geoshare:metadata_level': 'public',
      title: '影像 secret',
    });
    expect(secret.properties).not.toHaveProperty('geoshare:format');
    expect(secret.assets).toEqual({});
    const direct = await clerk.request('GET', '/api/assets/dom-2024/secret/data');
    expect(direct.statusCode).toBe(403);
    expect(direct.json().code).toBe('ASSET_CLASSIFIED');
  });

  test('BX-16 even a cleared user gets no online asset of a classified item, but full metadata', async () => {
    const cleared = await loginAs(app, 'cleared');
    const secret = (await cleared.request('GET', '/api/stac/collections/dom-2024/items/secret')).json();
    expect(secret.properties['geoshare:metadata_level']).toBe('full');
    expect(secret.assets).toEqual({});
    expect((await cleared.request('GET', '/api/assets/dom-2024/secret/data')).json().code).toBe('ASSET_CLASSIFIED');
  });

  test('MNR-16 a public unconditional asset downloads and the access is audited', async () => {
    const clerk = await loginAs(app, 'clerk');
    await givenAgreementsSigned(app.services); // the agreement itself: agreement.routes.test.ts
    const item = (await clerk.request('GET', '/api/stac/collections/dom-2024/items/pub')).json();
    expect(Object.keys(item.assets).sort()).toEqual(['data', 'thumbnail']);
    const file = await clerk.request('GET', new URL(item.assets.data.href).pathname);
    expect(file.statusCode).toBe(200);
    expect(file.body).toBe('tiff bytes');
    const { rows } = await db.query("SELECT action, object_id FROM audit_event WHERE action = 'asset.download'");
    expect(rows).toEqual([{ action: 'asset.download', object_id: 'dom-2024/pub/data' }]);
  });

  test('ZS-21 a conditional item needs an approved application before its files are served', async () => {
    const clerk = await loginAs(app, 'clerk');
    const cond = (await clerk.request('GET', '/api/stac/collections/dom-2024/items/cond')).json();
    expect(cond.assets).toEqual({});
  });

  test('BX-13 unpublished entries are visible to catalogue managers only', async () => {
    const keeper = await loginAs(app, 'keeper');
    expect(ids((await keeper.request('GET', '/api/stac/search?limit=100')).json())).toEqual([
      'cond',
      'draft',
      'east',
      'pub',
      'secret',
    ]);
    expect((await anon('/api/stac/collections/dom-2024/items/draft')).statusCode).toBe(404);
  });
});

describe('asset byte ranges (RFC 9110)', () => {
  const DATA = '/api/assets/dom-2024/pub/data'; // 'tiff bytes', 10 bytes
  let clerk: Awaited<ReturnType<typeof loginAs>>;
  const get = (headers: Record<string, string> = {}, url = DATA) =>
    app.inject({ method: 'GET', url, headers: { ...clerk.headers, ...headers } });
  const recorded = async () => {
    const { rows } = await db.query<{ summary: unknown }>(
      "SELECT summary FROM audit_event WHERE action = 'asset.download' ORDER BY id",
    );
    await app.services.usage.flush();
    const usage = await db.query<{ count: number; bytes: number }>(
      "SELECT count, bytes FROM usage_daily WHERE item_id = 'pub' AND kind = 'download'",
    );
    return { audit: rows.map((r) => r.summary), usage: usage.rows };
  };
  beforeEach(async () => {
    await app.services.usage.flush(); // counts of earlier tests go before these count
    await db.query('DELETE FROM usage_daily');
    clerk = await loginAs(app, 'clerk');
    await givenAgreementsSigned(app.services);
  });

  test('MNR-16 206 for a-b, a- and -n; one download is audited and counted once: whole or from byte 0, not continuations', async () => {
    const whole = await get();
    expect([whole.statusCode, whole.body, whole.headers['accept-ranges'], whole.headers['content-length']]).toEqual([
      200,
      'tiff bytes',
      'bytes',
      '10',
    ]);
    const first = await get({ range: 'bytes=0-3' });
    expect(first.statusCode).toBe(206);
    expect(first.body).toBe('tiff');
    expect(first.headers).toMatchObject({
      'content-range': 'bytes 0-3/10',
      'content-length': '4',
      'accept-ranges': 'bytes',
      'cache-control': 'private, max-age=300',
      'content-type': 'image/tiff; application=geotiff; profile=cloud-optimized',
    });
    const rest = await get({ range: 'bytes=4-' });
    expect([rest.statusCode, rest.body, rest.headers['content-range'], rest.headers['content-length']]).toEqual([
      206,
      ' bytes',
      'bytes 4-9/10',
      '6',
    ]);
    const tail = await get({ range: 'bytes=-5' });
    expect([tail.statusCode, tail.body, tail.headers['content-range']]).toEqual([206, 'bytes', 'bytes 5-9/10']);

    expect(await recorded()).toEqual({
      audit: [{ size: 10 }, { size: 10, range: { start: 0, end: 3 } }],
      usage: [{ count: 2, bytes: 20 }],
    });
  });

  test('416 with Content-Range: bytes */10 past the end, not recorded; several ranges → 200 whole, recorded', async () => {
    const past = await get({ range: 'bytes=10-' });
    expect([past.statusCode, past.headers['content-range'], past.json().code]).toEqual([
      416,
      'bytes */10',
      'RANGE_NOT_SATISFIABLE',
    ]);
    expect(past.json().message).toBe('请求的字节范围超出文件大小');
    expect(await recorded()).toEqual({ audit: [], usage: [] });
    const multi = await get({ range: 'bytes=0-1,4-5' });
    expect([multi.statusCode, multi.body, multi.headers['content-range']]).toEqual([200, 'tiff bytes', undefined]);
    expect(await recorded()).toEqual({ audit: [{ size: 10 }], usage: [{ count: 1, bytes: 10 }] });
  });

  test('If-Range: the stored SM3 checksum is a strong ETag; a stale or missing one gets the whole file', async () => {
    // no checksum (the fixture): no ETag, so any If-Range means "send it whole"
    const none = await get({ range: 'bytes=4-', 'if-range': '"sm3-x"' });
    expect([none.statusCode, none.body, none.headers.etag]).toEqual([200, 'tiff bytes', undefined]);
    await db.query("UPDATE catalog_asset SET checksum_sm3 = 'ab12' WHERE item_id = 'pub' AND key = 'data'");
    expect((await get()).headers.etag).toBe('"sm3-ab12"');
    const resumed = await get({ range: 'bytes=4-', 'if-range': '"sm3-ab12"' });
    expect([resumed.statusCode, resumed.body, resumed.headers.etag]).toEqual([206, ' bytes', '"sm3-ab12"']);
    const stale = await get({ range: 'bytes=4-', 'if-range': '"sm3-old"' });
    expect([stale.statusCode, stale.body]).toEqual([200, 'tiff bytes']);
  });

  test('MNR-16 If-None-Match: a current copy gets 304 without the file and is not a download; any other gets it whole', async () => {
    // no checksum (the fixture): no ETag, so no tag is current — but * is: the file exists
    const none = await get({ 'if-none-match': '"sm3-x"' });
    expect([none.statusCode, none.body]).toEqual([200, 'tiff bytes']);
    const any = await get({ 'if-none-match': '*' });
    expect([any.statusCode, any.body, any.headers.etag]).toEqual([304, '', undefined]);
    await db.query("UPDATE catalog_asset SET checksum_sm3 = 'ab12' WHERE item_id = 'pub' AND key = 'data'");
    for (const ifNoneMatch of ['"sm3-ab12"', 'W/"sm3-ab12"', '"old", "sm3-ab12"', '*']) {
      const current = await get({ 'if-none-match': ifNoneMatch, range: 'bytes=4-' });
      expect([ifNoneMatch, current.statusCode, current.body, current.headers.etag]).toEqual([
        ifNoneMatch,
        304,
        '',
        '"sm3-ab12"',
      ]);
    }
    expect(await recorded()).toEqual({ audit: [{ size: 10 }], usage: [{ count: 1, bytes: 10 }] });
    const stale = await get({ 'if-none-match': '"sm3-old"' });
    expect([stale.statusCode, stale.body, stale.headers.etag]).toEqual([200, 'tiff bytes', '"sm3-ab12"']);
    // access is checked first: a current copy of a classified file is still 403
    await db.query("UPDATE catalog_asset SET checksum_sm3 = 'cd34' WHERE item_id = 'secret' AND key = 'data'");
    const secret = await get({ 'if-none-match': '"sm3-cd34"' }, '/api/assets/dom-2024/secret/data');
    expect([secret.statusCode, secret.json().code]).toEqual([403, 'ASSET_CLASSIFIED']);
  });

  test('the access rules hold for every range: classified 403 (denial audited), no agreement 428', async () => {
    const secret = await get({ range: 'bytes=5-' }, '/api/assets/dom-2024/secret/data');
    expect([secret.statusCode, secret.json().code, secret.headers['content-range']]).toEqual([
      403,
      'ASSET_CLASSIFIED',
      undefined,
    ]);
    await db.query('DELETE FROM sharing_agreement_signature');
    for (const range of ['bytes=5-', 'bytes=99-']) {
      const unsigned = await get({ range });
      expect([range, unsigned.statusCode, unsigned.json().code]).toEqual([range, 428, 'SHARING_AGREEMENT_REQUIRED']);
    }
    expect(await recorded()).toEqual({ audit: [], usage: [] });
  });

  test('MNR-16 a HEAD (a download manager asking the size first) describes the file and is not a download', async () => {
    const head = await app.inject({ method: 'HEAD', url: DATA, headers: { ...clerk.headers, range: 'bytes=0-3' } });
    expect([head.statusCode, head.headers['content-length'], head.headers['accept-ranges']]).toEqual([
      200,
      '10',
      'bytes',
    ]);
    expect(await recorded()).toEqual({ audit: [], usage: [] });
  });

  test('a thumbnail serves ranges too, never audited', async () => {
    const res = await get({ range: 'bytes=0-2' }, '/api/assets/dom-2024/pub/thumbnail');
    expect([res.statusCode, res.body, res.headers['content-range']]).toEqual([206, 'png', 'bytes 0-2/9']);
    expect((await recorded()).audit).toEqual([]);
  });
});

describe('STAC item search parameters', () => {
  test('bbox, datetime, ids, collections', async () => {
    const keeper = await loginAs(app, 'keeper');
    const get = async (qs: string) => ids((await keeper.request('GET', `/api/stac/search?limit=100&${qs}`)).json());
    expect(await get('bbox=114.6,27.4,114.9,27.6')).toEqual(['east']);
    expect(await get('datetime=2024-07-01T00:00:00Z/..')).toEqual(['cond', 'draft', 'secret']);
    expect(await get('datetime=../2023-12-31')).toEqual(['east']);
    expect(await get('ids=pub,east')).toEqual(['east', 'pub']);
    expect(await get('collections=nope')).toEqual([]);
  });

  test('intersects (POST) with a GeoJSON polygon', async () => {
    const keeper = await loginAs(app, 'keeper');
    const res = await keeper.request('POST', '/api/stac/search', {
      intersects: { type: 'Point', coordinates: [114.75, 27.5] },
    });
    expect(ids(res.json())).toEqual(['east']);
  });

  test('sortby, paging links and numberMatched', async () => {
    const keeper = await loginAs(app, 'keeper');
    const p1 = (await keeper.request('GET', '/api/stac/search?limit=2&sortby=-datetime')).json();
    expect(p1.features.map((f: { id: string }) => f.id)).toEqual(['draft', 'secret']);
    expect(p1).toMatchObject({ numberMatched: 5, numberReturned: 2 });
    const next = p1.links.find((l: { rel: string }) => l.rel === 'next');
    const p2 = (await keeper.request('GET', new URL(next.href).pathname + new URL(next.href).search)).json();
    expect(p2.features.map((f: { id: string }) => f.id)).toEqual(['cond', 'pub']);
    const asc = (
      await keeper.request('POST', '/api/stac/search', {
        sortby: [{ field: 'properties.eo:cloud_cover', direction: 'desc' }],
        limit: 1,
      })
    ).json();
    expect(asc.features[0].id).toBe('east');
  });

  test('fields include/exclude', async () => {
    const res = (await anon('/api/stac/search?ids=pub&fields=properties.datetime,-assets')).json();
    expect(Object.keys(res.features[0].properties)).toEqual(['datetime']);
    expect(res.features[0]).not.toHaveProperty('assets');
    expect(res.features[0]).toHaveProperty('id', 'pub');
  });

  test('free text q works for Chinese: 本溪 2024 正射影像', async () => {
    const keeper = await loginAs(app, 'keeper');
    const get = async (q: string) =>
      ids((await keeper.request('GET', `/api/stac/search?limit=100&q=${encodeURIComponent(q)}`)).json());
    expect(await get('本溪 2024 正射影像')).toEqual(['cond', 'draft', 'pub', 'secret']);
    expect(await get('东湖区')).toEqual(['east']);
    expect(await get('gf-1')).toEqual(['east']);
    expect(await get('不存在的词')).toEqual([]);
  });

  test('CQL2-text and CQL2-JSON filters', async () => {
    const keeper = await loginAs(app, 'keeper');
    const text = async (f: string) =>
      ids((await keeper.request('GET', `/api/stac/search?limit=100&filter=${encodeURIComponent(f)}`)).json());
    expect(await text('eo:cloud_cover > 20')).toEqual(['east']);
    expect(await text("geoshare:secrecy = 'secret' OR platform = 'GF-1'")).toEqual(['east', 'secret']);
    expect(await text('S_INTERSECTS(geometry, BBOX(114.6, 27.4, 114.9, 27.6)) AND gsd >= 1')).toEqual(['east']);
    const json = await keeper.request('POST', '/api/stac/search', {
      filter: { op: '<', args: [{ property: 'eo:cloud_cover' }, 10] },
      'filter-lang': 'cql2-json',
      limit: 100,
    });
    expect(ids(json.json())).toEqual(['cond', 'draft', 'pub', 'secret']);
  });

  test('bad parameters are 400 with stable codes and Chinese messages', async () => {
    const bad = async (qs: string) => (await anon(`/api/stac/search?${qs}`)).json();
    expect(await bad('bbox=1,2,3')).toMatchObject({ statusCode: 400, code: 'STAC_PARAM_INVALID' });
    expect(await bad('datetime=yesterday')).toMatchObject({ code: 'STAC_PARAM_INVALID' });
    expect(await bad('sortby=-description')).toMatchObject({ code: 'STAC_PARAM_INVALID' });
    expect(await bad(`filter=${encodeURIComponent('eo:cloud_cover >')}`)).toMatchObject({
      code: 'STAC_FILTER_INVALID',
    });
    expect(await bad(`filter=${encodeURIComponent('password = 1')}`)).toMatchObject({ code: 'STAC_QUERYABLE_UNKNOWN' });
    expect((await bad('token=garbage')).message).toContain('分页');
  });
});

describe('collections, queryables, aggregation', () => {
  test('collections with extents and collection search', async () => {
    const c = (await anon('/api/stac/collections')).json();
    expect(c.collections).toHaveLength(1);
    expect(c.collections[0]).toMatchObject({ id: 'dom-2024', type: 'Collection', 'geoshare:product_type': 'dom' });
    expect(c.collections[0].extent.spatial.bbox[0].map((n: number) => Math.round(n * 100) / 100)).toEqual([
      114.2, 27.45, 114.8, 27.55,
    ]);
    expect((await anon(`/api/stac/collections?q=${encodeURIComponent('正射')}`)).json().collections).toHaveLength(1);
    expect((await anon('/api/stac/collections?bbox=100,10,101,11')).json().collections).toHaveLength(0);
    expect((await anon('/api/stac/collections/nope')).json().code).toBe('CATALOG_COLLECTION_NOT_FOUND');
  });

  test('queryables list the filterable fields', async () => {
    const q = (await anon('/api/stac/queryables')).json();
    expect(Object.keys(q.properties)).toEqual(
      expect.arrayContaining(['datetime', 'eo:cloud_cover', 'geoshare:secrecy', 'geometry']),
    );
  });

  test('aggregate: total, collections, per-district counts, respecting visibility', async () => {
    const keeper = await loginAs(app, 'keeper');
    const a = (await keeper.request('GET', '/api/stac/aggregate')).json();
    const by = (name: string) => a.aggregations.find((x: { name: string }) => x.name === name);
    expect(by('total_count').value).toBe(5);
    expect(by('geoshare:district_frequency').buckets).toEqual([
      { key: '990102', data_type: 'string', frequency: 4 },
      { key: '990103', data_type: 'string', frequency: 1 },
    ]);
    const anonymous = (await anon('/api/stac/aggregate?aggregations=total_count')).json();
    expect(anonymous.aggregations).toEqual([{ name: 'total_count', data_type: 'integer', value: 2 }]);
  });
});

describe('coverage and catalogue exports', () => {
  test('BX-8 coverage of a district by ≤1 m items since a date, ellipsoidal areas', async () => {
    const clerk = await loginAs(app, 'clerk');
    const r = (
      await clerk.request('GET', '/api/catalog/coverage?district=990102&resolution=sub1&since=2024-01-01')
    ).json();
    expect(r).toMatchObject({ districtCode: '990102', districtName: '本溪区', itemCount: 3 });
    // a 0.1° × 0.1° footprint in a 0.5° × 1° district: 2 % of it (cos φ cancels out to first order)
    expect(r.share).toBeGreaterThan(0.0195);
    expect(r.share).toBeLessThan(0.0205);
    expect(r.covered.type).toMatch(/Polygon/);
    const none = (
      await clerk.request('GET', '/api/catalog/coverage?district=990103&resolution=sub05&since=2024-01-01')
    ).json();
    expect(none).toMatchObject({ share: 0, itemCount: 0, covered: null });
    expect(
      (await clerk.request('GET', '/api/catalog/coverage?district=990102&resolution=nope&since=2024-01-01')).statusCode,
    ).toBe(400);
  });

  test('MNR-9 ZS-9 catalogue exports as xlsx with the required columns; audited; keepers only', async () => {
    const keeper = await loginAs(app, 'keeper');
    const res = await keeper.request('GET', '/api/catalog/export/resource-catalogue.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(2).values as unknown[]).slice(1);
    expect(header).toEqual(
      expect.arrayContaining([
        '统一编号',
        '成果名称',
        '成果内容',
        '数据格式',
        '覆盖范围（经纬度）',
        '时间点',
        '密级',
        '共享方式',
        '保管单位',
      ]),
    );
    expect(ws.rowCount).toBe(2 + 5);
    const zs9 = await keeper.request('GET', '/api/catalog/export/data-resource-catalogue.xlsx?collections=dom-2024');
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(zs9.rawPayload as unknown as ArrayBuffer);
    expect((wb2.worksheets[0]!.getRow(2).values as unknown[]).slice(1)).toEqual(
      expect.arrayContaining(['资源分类', '更新周期', '共享类型', '共享方式', '使用要求']),
    );
    const { rows } = await db.query("SELECT object_id FROM audit_event WHERE action = 'catalog.export' ORDER BY id");
    expect(rows).toEqual([{ object_id: 'resource-catalogue' }, { object_id: 'data-resource-catalogue' }]);
    const clerk = await loginAs(app, 'clerk');
    expect((await clerk.request('GET', '/api/catalog/export/resource-catalogue.xlsx')).statusCode).toBe(403);
  });

  test('BX-13 catalogue management: publish rules, sharing basis, audited edits', async () => {
    const keeper = await loginAs(app, 'keeper');
    expect(
      (await keeper.request('PATCH', '/api/catalog/collections/dom-2024/items/pub', { sharingType: 'none' })).json()
        .code,
    ).toBe('CATALOG_SHARING_BASIS_REQUIRED');
    expect(
      (
        await keeper.request('PATCH', '/api/catalog/collections/dom-2024/items/pub', {
          sharingType: 'none',
          sharingBasis: '《测绘成果管理条例》第十九条',
        })
      ).statusCode,
    ).toBe(204);
    expect(
      (await keeper.request('PATCH', '/api/catalog/collections/dom-2024/items/draft', { secrecy: 'undetermined' }))
        .statusCode,
    ).toBe(204);
    const refused = await keeper.request('POST', '/api/catalog/collections/dom-2024/items/draft/publish', {
      published: true,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('CATALOG_SECRECY_UNDETERMINED');
    expect(
      (await keeper.request('PATCH', '/api/catalog/collections/dom-2024/items/draft', { secrecy: 'public' }))
        .statusCode,
    ).toBe(204);
    expect(
      (await keeper.request('POST', '/api/catalog/collections/dom-2024/items/draft/publish', { published: true }))
        .statusCode,
    ).toBe(204);
    expect((await anon('/api/stac/collections/dom-2024/items/draft')).statusCode).toBe(200);
    const { rows } = await db.query<{ summary: Record<string, unknown> }>(
      "SELECT summary FROM audit_event WHERE action = 'catalog.item.update' AND object_id = 'dom-2024/draft' ORDER BY id",
    );
    expect(rows[0]!.summary).toEqual({ secrecy: { before: 'public', after: 'undetermined' } });
    const clerk = await loginAs(app, 'clerk');
    expect(
      (await clerk.request('POST', '/api/catalog/collections/dom-2024/publish', { published: false })).statusCode,
    ).toBe(403);
    expect(
      (await keeper.request('POST', '/api/catalog/collections/dom-2024/publish', { published: false })).statusCode,
    ).toBe(204);
    expect((await anon('/api/stac/search')).json().features).toEqual([]);
  });
});
