import { readFileSync } from 'node:fs';
import { fromArrayBuffer, type GeoTIFFImage } from 'geotiff';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { givenUser, loginAs, resetDb, type TestClock, testApp, testDb } from '../../../../test/harness.js';
import type { Db } from '../../../platform/db/db.port.js';
import { QUADRANT_COLOURS } from '../../../platform/raster/__tests__/tile.fixtures.js';
import { closeDecoderPool } from '../../../platform/raster/decoder-pool.js';
import { cgcs2000GaussKruger } from '../../../platform/raster/gauss-kruger.js';
import { givenCatalog } from '../../catalog/__tests__/catalog.fixtures.js';
import { givenTileItems, writeTileCog } from './tile-items.fixtures.js';

let db: Db;
let app: Awaited<ReturnType<typeof testApp>>['app'];
let clock: TestClock;
type User = Awaited<ReturnType<typeof loginAs>>;

beforeAll(async () => {
  db = await testDb();
  ({ app, clock } = await testApp(db));
  await writeTileCog(app.services);
});
afterAll(async () => {
  await app.close();
  await closeDecoderPool();
});
beforeEach(async () => {
  clock.t = new Date('2026-11-23T02:00:00Z'); // tests move the clock: each starts on Monday 10:00 China time
  await app.services.usage.flush(); // counts of the previous test go before the tables are emptied
  await resetDb(db);
  await db.query("DELETE FROM sharing_agreement_version WHERE version <> '2026-1'");
  await givenCatalog(app.services);
  await givenTileItems(app.services, [
    ['cog', {}],
    ['cog-secret', { secrecy: 'secret', sharingType: 'conditional' }],
  ]);
  await givenUser(app.services, {
    username: 'clerk',
    roles: ['departmentClerk'],
    orgName: '市住建局',
    clearance: 'confidential',
  });
  await givenUser(app.services, { username: 'admin', roles: ['admin'] });
});

/** The tile fixtures' COG: 1024 px over 114.2–114.3°E, 27.45–27.55°N (EPSG:4490). */
const COG_KEY = 'items/dom-2024/tiles/data.tif';
const PX = 0.1 / 1024;

const polygon = (...pts: [number, number][]) => ({ type: 'Polygon', coordinates: [[...pts, pts[0]]] });
const triangle = polygon([114.21, 27.46], [114.29, 27.46], [114.21, 27.54]);

async function signedClerk(): Promise<User> {
  const clerk = await loginAs(app, 'clerk');
  const res = await clerk.request('POST', '/api/sharing/agreements', { collectionId: 'dom-2024', version: '2026-1' });
  expect(res.statusCode).toBe(200);
  return clerk;
}

async function link(user: User, body: Record<string, unknown>) {
  const res = await user.request('POST', '/api/downloads', { collectionId: 'dom-2024', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; url: string; filename: string; size: number; expiresAt: string; kind: string };
}

const fetchLink = (url: string) => app.inject({ method: 'GET', url });

/** The first image of a GeoTIFF and its pixels (interleaved) in a window. */
async function tiff(bytes: Buffer | ArrayBuffer) {
  const ab =
    bytes instanceof ArrayBuffer ? bytes : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
  return (await fromArrayBuffer(ab as ArrayBuffer)).getImage();
}
const pixel = async (image: GeoTIFFImage, x: number, y: number, rgb = false) => [
  ...((rgb
    ? await image.readRGB({ window: [x, y, x + 1, y + 1], interleave: true })
    : await image.readRasters({ window: [x, y, x + 1, y + 1], interleave: true })) as unknown as number[]),
];

describe('MNR-16 agreement before online use', () => {
  test('MNR-16 the first download needs the signed agreement (428); after signing it works; a new version → 428 again', async () => {
    const clerk = await loginAs(app, 'clerk');
    const before = await clerk.request('POST', '/api/downloads', {
      collectionId: 'dom-2024',
      itemId: 'pub',
      kind: 'asset',
    });
    expect([before.statusCode, before.json().code, before.json().details]).toEqual([
      428,
      'SHARING_AGREEMENT_REQUIRED',
      { collectionId: 'dom-2024', version: '2026-1' },
    ]);
    await clerk.request('POST', '/api/sharing/agreements', { collectionId: 'dom-2024', version: '2026-1' });
    await link(clerk, { itemId: 'pub', kind: 'asset' });

    const admin = await loginAs(app, 'admin');
    const v = await admin.request('POST', '/api/sharing/agreement/versions', {
      version: '2027-1',
      title: '成果在线应用协议（2027 年版）',
      paragraphs: ['一、……'],
    });
    expect(v.statusCode).toBe(201);
    const after = await clerk.request('POST', '/api/downloads', {
      collectionId: 'dom-2024',
      itemId: 'pub',
      kind: 'asset',
    });
    expect([after.statusCode, after.json().details]).toEqual([428, { collectionId: 'dom-2024', version: '2027-1' }]);
  });
});

describe('signed download links', () => {
  test('BX-21 an asset link streams the file without a session, named per RFC 5987; creating it is audited, fetching counted', async () => {
    const clerk = await signedClerk();
    const l = await link(clerk, { itemId: 'pub', kind: 'asset' });
    expect(l).toMatchObject({ kind: 'asset', filename: '影像 pub_data.tif', size: 10 });
    expect(l.url).toMatch(/^\/api\/downloads\/[0-9a-f-]{36}\.[0-9a-z]+\.[A-Za-z0-9_-]{43}$/);
    expect(l.expiresAt).toBe('2026-11-24T02:00:00.000Z');
    const res = await fetchLink(l.url);
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('tiff bytes');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="pub-asset.tif"; filename*=UTF-8''%E5%BD%B1%E5%83%8F%20pub_data.tif`,
    );
    expect(res.headers['content-length']).toBe('10');
    await fetchLink(l.url);

    const audit = await db.query<{ action: string; summary: { kind: string; size: number } }>(
      "SELECT action, summary FROM audit_event WHERE action LIKE 'download.%'",
    );
    expect(audit.rows).toEqual([
      { action: 'download.create', summary: expect.objectContaining({ kind: 'asset', size: 10 }) },
    ]);
    await app.services.usage.flush();
    const usage = await db.query<{ kind: string; count: number; bytes: number }>(
      "SELECT kind, count, bytes FROM usage_daily WHERE item_id = 'pub'",
    );
    expect(usage.rows).toEqual([{ kind: 'download', count: 2, bytes: 20 }]);
    const quota = (await clerk.request('GET', '/api/me/downloads/quota')).json();
    expect(quota).toEqual({
      date: '2026-11-23',
      limitCount: 50,
      usedCount: 1,
      limitBytes: 20 * 1024 ** 3,
      usedBytes: 10,
      unitQuota: false,
    });
  });

  test('an expired link is refused (410); a tampered one is refused (403)', async () => {
    const clerk = await signedClerk();
    const l = await link(clerk, { itemId: 'pub', kind: 'asset' });
    const [id, exp, mac] = l.url.slice('/api/downloads/'.length).split('.') as [string, string, string];
    const later = (Number.parseInt(exp, 36) + 3600).toString(36);
    const tampered = await fetchLink(`/api/downloads/${id}.${later}.${mac}`);
    expect([tampered.statusCode, tampered.json().code]).toEqual([403, 'DOWNLOAD_LINK_INVALID']);
    expect((await fetchLink(`${l.url.slice(0, -1)}${l.url.endsWith('A') ? 'B' : 'A'}`)).statusCode).toBe(403);
    clock.advanceMinutes(24 * 60 - 1);
    expect((await fetchLink(l.url)).statusCode).toBe(200);
    clock.advanceMinutes(1);
    const expired = await fetchLink(l.url);
    expect([expired.statusCode, expired.json().code]).toEqual([410, 'DOWNLOAD_LINK_EXPIRED']);
  });

  test('the daily quota (China time) is charged at creation: past the count or the bytes → 429 with used and limit', async () => {
    const clerk = await signedClerk();
    const userId = (await clerk.request('GET', '/api/auth/me')).json().user.id;
    const { rows } = await db.query<{ org_id: string }>('SELECT org_id FROM app_user WHERE id = $1', [userId]);
    const insert = (n: number, size: number, day: string) =>
      db.query(
        `INSERT INTO download_link (id, user_id, org_id, collection_id, item_id, kind, storage_key, generated, filename,
           media_type, size, quota_day, created_at, expires_at)
         SELECT gen_random_uuid(), $1, $2, 'dom-2024', 'pub', 'asset', 'k', false, 'f', 'x', $4, $5::date, now(), now()
         FROM generate_series(1, $3)`,
        [userId, rows[0]!.org_id, n, size, day],
      );
    await insert(49, 1, '2026-11-23');
    await insert(50, 1, '2026-11-22'); // yesterday does not count
    await link(clerk, { itemId: 'pub', kind: 'asset' });
    const over = await clerk.request('POST', '/api/downloads', {
      collectionId: 'dom-2024',
      itemId: 'pub',
      kind: 'asset',
    });
    expect([over.statusCode, over.json().code]).toEqual([429, 'DOWNLOAD_QUOTA_EXCEEDED']);
    expect(over.json().details).toMatchObject({ reason: 'count', usedCount: 50, limitCount: 50 });

    clock.advanceMinutes(14 * 60); // 00:00 China time: a new day (and a new session)
    await insert(1, 20 * 1024 ** 3 - 5, '2026-11-24');
    const bytes = await (await loginAs(app, 'clerk')).request('POST', '/api/downloads', {
      collectionId: 'dom-2024',
      itemId: 'pub',
      kind: 'asset',
    });
    expect(bytes.json().details).toMatchObject({ reason: 'bytes', usedCount: 1, usedBytes: 20 * 1024 ** 3 - 5 });
  });

  test('BX-16 a classified entry cannot be downloaded in any form (403 ASSET_CLASSIFIED), even by a cleared user', async () => {
    const clerk = await signedClerk();
    for (const body of [{ kind: 'asset' }, { kind: 'clip', geometry: triangle }, { kind: 'preview' }]) {
      const res = await clerk.request('POST', '/api/downloads', {
        collectionId: 'dom-2024',
        itemId: 'cog-secret',
        ...body,
      });
      expect([body.kind, res.statusCode, res.json().code]).toEqual([body.kind, 403, 'ASSET_CLASSIFIED']);
    }
    expect((await db.query('SELECT 1 FROM download_link')).rows).toHaveLength(0);
  });

  test('a Bearer token with the downloads scope creates and fetches links without CSRF', async () => {
    const clerk = await signedClerk();
    const { secret } = (await clerk.request('POST', '/api/me/tokens', { name: '下载', scopes: ['downloads'] })).json();
    const res = await app.inject({
      method: 'POST',
      url: '/api/downloads',
      headers: { authorization: `Bearer ${secret}` },
      payload: { collectionId: 'dom-2024', itemId: 'pub', kind: 'asset' },
    });
    expect(res.statusCode).toBe(201);
    const got = await app.inject({
      method: 'GET',
      url: res.json().url,
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(got.body).toBe('tiff bytes');
  });
});

describe('area clips (GeoTIFF of a drawn polygon)', () => {
  test('clip polygons outside the item, self-intersecting or too large are refused (400)', async () => {
    const clerk = await signedClerk();
    const post = (geometry: unknown, crs?: number) =>
      clerk.request('POST', '/api/downloads', { collectionId: 'dom-2024', itemId: 'cog', kind: 'clip', geometry, crs });
    const codeOf = async (geometry: unknown, crs?: number) => {
      const r = await post(geometry, crs);
      return [r.statusCode, r.json().code];
    };
    expect(await codeOf(polygon([116, 29], [116.1, 29], [116.1, 29.1]))).toEqual([400, 'DOWNLOAD_CLIP_OUTSIDE_ITEM']);
    expect(await codeOf(polygon([114.21, 27.46], [114.29, 27.54], [114.29, 27.46], [114.21, 27.54]))).toEqual([
      400,
      'DOWNLOAD_CLIP_GEOMETRY_INVALID',
    ]);
    expect(await codeOf(polygon([114.21, 27.46], [114.29, 27.46], [114.29, 27.54]).coordinates)).toEqual([
      400,
      'DOWNLOAD_CLIP_GEOMETRY_INVALID',
    ]);
    const whole = await post(polygon([114.19, 27.44], [114.31, 27.44], [114.31, 27.56], [114.19, 27.56]));
    expect([whole.statusCode, whole.json().code]).toEqual([400, 'DOWNLOAD_CLIP_TOO_LARGE']);
    expect(whole.json().details.areaKm2).toBeGreaterThan(100);
    expect(await codeOf(triangle, 3857)).toEqual([400, 'DOWNLOAD_CLIP_CRS_UNSUPPORTED']);
    expect(
      (
        await clerk.request('POST', '/api/downloads', {
          collectionId: 'dom-2024',
          itemId: 'cog',
          kind: 'asset',
          crs: 4526,
        })
      ).statusCode,
    ).toBe(400);
  });

  test('a CGCS2000 clip keeps the source grid: CRS 4490, size, pixels inside equal the source, outside transparent', async () => {
    const clerk = await signedClerk();
    const l = await link(clerk, { itemId: 'cog', kind: 'clip', geometry: triangle });
    expect(l.filename).toBe('影像 cog_裁切_EPSG4490.tif');
    const res = await fetchLink(l.url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/tiff; application=geotiff; profile=cloud-optimized');
    expect(l.size).toBe(res.rawPayload.length);

    const out = await tiff(res.rawPayload);
    expect(out.getGeoKeys()).toMatchObject({ GTModelTypeGeoKey: 2, GeographicTypeGeoKey: 4490 });
    expect(out.getSamplesPerPixel()).toBe(4);
    // Whole source pixels covering the triangle's box: columns 102..921, rows 102..921 (0.01° = 102.4 px in).
    expect([out.getWidth(), out.getHeight()]).toEqual([820, 820]);
    const [ox, oy] = out.getOrigin();
    expect(ox).toBeCloseTo(114.2 + 102 * PX, 10);
    expect(oy).toBeCloseTo(27.55 - 102 * PX, 10);

    const src = await tiff(readFileSync(app.services.storage.localPath(COG_KEY)!));
    // Inside the triangle near its right angle (SW) and in the NW quadrant near the west edge.
    for (const [x, y] of [
      [20, 790],
      [30, 100],
      [400, 700],
    ] as const) {
      const [r, g, b, a] = await pixel(out, x, y);
      expect(a).toBe(255);
      expect([r, g, b]).toEqual(await pixel(src, x + 102, y + 102, true));
    }
    expect((await pixel(out, 30, 100)).slice(0, 3).map((v, i) => Math.abs(v - QUADRANT_COLOURS.nw[i]!) <= 4)).toEqual([
      true,
      true,
      true,
    ]);
    // North-east of the hypotenuse: outside the polygon → alpha 0.
    expect(await pixel(out, 800, 30)).toEqual([0, 0, 0, 0]);
    expect((await pixel(out, 700, 400))[3]).toBe(0);
  });

  test('a Gauss-Krüger clip (EPSG:4526): projected CRS, its corner maps back to the polygon’s corner, pixels from the right place', async () => {
    const clerk = await signedClerk();
    const square = polygon([114.22, 27.47], [114.26, 27.47], [114.26, 27.52], [114.22, 27.52]);
    const l = await link(clerk, { itemId: 'cog', kind: 'clip', geometry: square, crs: 4526 });
    expect(l.filename).toBe('影像 cog_裁切_EPSG4526.tif');
    const out = await tiff((await fetchLink(l.url)).rawPayload);
    expect(out.getGeoKeys()).toMatchObject({
      GTModelTypeGeoKey: 1,
      ProjectedCSTypeGeoKey: 4526,
      ProjLinearUnitsGeoKey: 9001,
    });
    const [ox, oy] = out.getOrigin();
    const [rx, ry] = out.getResolution();
    expect(rx).toBeCloseTo(-ry!, 9);
    expect(rx).toBeGreaterThan(10);
    expect(rx).toBeLessThan(10.5);

    // The upper-left corner, back to lon/lat by PROJ (PostGIS): just west of the west edge and north of the north
    // edge (the square's edges turn slightly in the zone: meridian convergence), within two pixels.
    const { rows } = await db.query<{ lon: number; lat: number }>(
      'SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM ST_Transform(ST_SetSRID(ST_Point($1, $2), 4526), 4490) AS p',
      [ox, oy],
    );
    const corner = rows[0]!;
    const gk = cgcs2000GaussKruger(4526)!;
    const [lon, lat] = gk.inverse(ox!, oy!);
    expect(lon).toBeCloseTo(corner.lon, 8);
    expect(lat).toBeCloseTo(corner.lat, 8);
    expect(114.22 - corner.lon).toBeGreaterThanOrEqual(0);
    expect(114.22 - corner.lon).toBeLessThan((2 * rx!) / 98_000);
    expect(corner.lat - 27.52).toBeGreaterThanOrEqual(0);
    expect(corner.lat - 27.52).toBeLessThan((2 * rx!) / 110_000);

    // A pixel inside: its centre's lon/lat (PROJ) falls in a source pixel of the same value.
    const src = await tiff(readFileSync(app.services.storage.localPath(COG_KEY)!));
    for (const [x, y] of [
      [50, 60],
      [300, 420],
    ] as const) {
      const { rows: p } = await db.query<{ lon: number; lat: number }>(
        'SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM ST_Transform(ST_SetSRID(ST_Point($1, $2), 4526), 4490) AS p',
        [ox! + (x + 0.5) * rx!, oy! + (y + 0.5) * ry!],
      );
      const sx = Math.floor((p[0]!.lon - 114.2) / PX);
      const sy = Math.floor((27.55 - p[0]!.lat) / PX);
      const [r, g, b, a] = await pixel(out, x, y);
      expect(a).toBe(255);
      expect([r, g, b]).toEqual(await pixel(src, sx, sy, true));
    }
    expect(await pixel(out, 0, 0)).toEqual([0, 0, 0, 0]);
  });

  test('generated files are removed once their link has expired', async () => {
    const clerk = await signedClerk();
    const l = await link(clerk, { itemId: 'cog', kind: 'clip', geometry: triangle });
    const key = `downloads/${l.id}.tif`;
    expect(await app.services.storage.size(key)).toBe(l.size);
    expect(await app.services.downloads.cleanExpired()).toBe(0);
    clock.advanceMinutes(24 * 60);
    expect(await app.services.downloads.cleanExpired()).toBe(1);
    expect(await app.services.storage.size(key)).toBeNull();
    expect(await app.services.downloads.cleanExpired()).toBe(0);
  });
});

describe('BX-17 watermarked previews', () => {
  test('BX-17 a preview is a PNG of the stored thumbnail with the user’s visible watermark', async () => {
    const thumb = await sharp({ create: { width: 256, height: 256, channels: 3, background: '#3a6ea5' } })
      .png()
      .toBuffer();
    await app.services.storage.put('items/dom-2024/pub/thumb.png', thumb);
    const clerk = await signedClerk();
    const l = await link(clerk, { itemId: 'pub', kind: 'preview' });
    expect(l.filename).toBe('影像 pub_预览.png');
    const res = await fetchLink(l.url);
    expect(res.headers['content-type']).toBe('image/png');
    const { data, info } = await sharp(res.rawPayload).raw().toBuffer({ resolveWithObject: true });
    expect(info).toMatchObject({ width: 512, height: 512 });
    let marked = 0;
    for (let p = 0; p < info.width * info.height; p++) if (Math.abs(data[p * info.channels]! - 0x3a) > 12) marked++;
    expect(marked / (info.width * info.height)).toBeGreaterThan(0.02);
    expect(marked / (info.width * info.height)).toBeLessThan(0.5);
  });
});

describe('byte ranges (RFC 9110): resumable downloads', () => {
  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });
  const downloadsCounted = async () => {
    await app.services.usage.flush();
    const { rows } = await db.query<{ count: number; bytes: number }>(
      "SELECT count, bytes FROM usage_daily WHERE item_id = 'pub' AND kind = 'download'",
    );
    return rows;
  };

  test('BX-21 206 for a-b, a- and -n with their bytes and Content-Range; counted once, from byte 0 only', async () => {
    const clerk = await signedClerk();
    const l = await link(clerk, { itemId: 'pub', kind: 'asset' }); // 'tiff bytes', 10 bytes

    const whole = await get(l.url);
    expect([whole.statusCode, whole.body, whole.headers['accept-ranges'], whole.headers['content-length']]).toEqual([
      200,
      'tiff bytes',
      'bytes',
      '10',
    ]);
    expect(whole.headers['content-range']).toBeUndefined();

    const first = await get(l.url, { range: 'bytes=0-3' });
    expect(first.statusCode).toBe(206);
    expect(first.body).toBe('tiff');
    expect(first.headers).toMatchObject({
      'content-range': 'bytes 0-3/10',
      'content-length': '4',
      'accept-ranges': 'bytes',
      'content-disposition': whole.headers['content-disposition'],
      'cache-control': 'private, no-store',
    });
    const rest = await get(l.url, { range: 'bytes=5-' });
    expect([rest.statusCode, rest.body, rest.headers['content-range'], rest.headers['content-length']]).toEqual([
      206,
      'bytes',
      'bytes 5-9/10',
      '5',
    ]);
    const tail = await get(l.url, { range: 'bytes=-3' });
    expect([tail.statusCode, tail.body, tail.headers['content-range']]).toEqual([206, 'tes', 'bytes 7-9/10']);
    const clipped = await get(l.url, { range: 'bytes=8-100' });
    expect([clipped.statusCode, clipped.body, clipped.headers['content-range']]).toEqual([206, 'es', 'bytes 8-9/10']);

    // whole + first chunk; the continuations are the same download
    expect(await downloadsCounted()).toEqual([{ count: 2, bytes: 20 }]);
    expect(
      (await db.query("SELECT 1 FROM audit_event WHERE action LIKE 'download.%' AND action <> 'download.create'")).rows,
    ).toEqual([]);
  });

  test('416 with Content-Range: bytes */size past the end (not counted); several ranges → 200 whole (counted)', async () => {
    const clerk = await signedClerk();
    const l = await link(clerk, { itemId: 'pub', kind: 'asset' });
    for (const range of ['bytes=10-', 'bytes=10-20', 'bytes=-0']) {
      const res = await get(l.url, { range });
      expect([range, res.statusCode, res.headers['content-range']]).toEqual([range, 416, 'bytes */10']);
      expect(res.json()).toEqual({
        statusCode: 416,
        code: 'RANGE_NOT_SATISFIABLE',
        message: '请求的字节范围超出文件大小',
        details: { size: 10 },
      });
      expect(res.headers['content-disposition']).toBeUndefined();
    }
    expect(await downloadsCounted()).toEqual([]);
    for (const range of ['bytes=0-1,4-5', 'items=0-1', 'bytes=5-3']) {
      const res = await get(l.url, { range });
      expect([range, res.statusCode, res.body, res.headers['content-range']]).toEqual([
        range,
        200,
        'tiff bytes',
        undefined,
      ]);
    }
    expect(await downloadsCounted()).toEqual([{ count: 3, bytes: 30 }]);
  });

  test('If-Range: a generated file has a strong ETag; a stale one gets the whole file; an asset without checksum has none', async () => {
    const thumb = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#3a6ea5' } })
      .png()
      .toBuffer();
    await app.services.storage.put('items/dom-2024/pub/thumb.png', thumb);
    const clerk = await signedClerk();
    const p = await link(clerk, { itemId: 'pub', kind: 'preview' });
    const whole = await get(p.url);
    expect(whole.headers.etag).toBe(`"dl-${p.id}"`);
    const resumed = await get(p.url, { range: 'bytes=100-', 'if-range': `"dl-${p.id}"` });
    expect([resumed.statusCode, resumed.headers.etag, resumed.headers['content-range']]).toEqual([
      206,
      `"dl-${p.id}"`,
      `bytes 100-${p.size - 1}/${p.size}`,
    ]);
    expect(resumed.rawPayload.equals(whole.rawPayload.subarray(100))).toBe(true);
    for (const ifRange of ['"dl-other"', `W/"dl-${p.id}"`, 'Mon, 23 Nov 2026 02:00:00 GMT']) {
      const stale = await get(p.url, { range: 'bytes=100-', 'if-range': ifRange });
      expect([ifRange, stale.statusCode, stale.rawPayload.length]).toEqual([ifRange, 200, p.size]);
    }

    const a = await link(clerk, { itemId: 'pub', kind: 'asset' }); // the fixture's asset has no SM3 checksum
    const asset = await get(a.url, { range: 'bytes=5-', 'if-range': '"anything"' });
    expect([asset.statusCode, asset.body, asset.headers.etag]).toEqual([200, 'tiff bytes', undefined]);
  });

  test('MNR-16 If-None-Match: the current copy of a linked file gets 304 without the file and is not counted', async () => {
    const clerk = await signedClerk();
    const l = await link(clerk, { itemId: 'pub', kind: 'asset' });
    await db.query("UPDATE catalog_asset SET checksum_sm3 = 'ab12' WHERE item_id = 'pub' AND key = 'data'");
    const current = await get(l.url, { 'if-none-match': '"sm3-ab12"' });
    expect([current.statusCode, current.body, current.headers.etag]).toEqual([304, '', '"sm3-ab12"']);
    expect(await downloadsCounted()).toEqual([]);
    const stale = await get(l.url, { 'if-none-match': '"sm3-old"' });
    expect([stale.statusCode, stale.body]).toEqual([200, 'tiff bytes']);
    expect(await downloadsCounted()).toEqual([{ count: 1, bytes: 10 }]);
    // the link's rules come first: a tampered link is refused whatever the client holds
    const tampered = await get(`${l.url.slice(0, -1)}${l.url.endsWith('A') ? 'B' : 'A'}`, { 'if-none-match': '*' });
    expect([tampered.statusCode, tampered.json().code]).toEqual([403, 'DOWNLOAD_LINK_INVALID']);
  });

  test('every link rule holds for ranges too: tampered (403), expired (410), access withdrawn (403)', async () => {
    const clerk = await signedClerk();
    const l = await link(clerk, { itemId: 'pub', kind: 'asset' });
    const tampered = await get(`${l.url.slice(0, -1)}${l.url.endsWith('A') ? 'B' : 'A'}`, { range: 'bytes=5-' });
    expect([tampered.statusCode, tampered.json().code]).toEqual([403, 'DOWNLOAD_LINK_INVALID']);
    const past = await get(`${l.url.slice(0, -1)}${l.url.endsWith('A') ? 'B' : 'A'}`, { range: 'bytes=99-' });
    expect([past.statusCode, past.headers['content-range']]).toEqual([403, undefined]);

    await db.query("UPDATE catalog_item SET secrecy = 'secret' WHERE id = 'pub'");
    const classified = await get(l.url, { range: 'bytes=5-' });
    expect([classified.statusCode, classified.json().code]).toEqual([403, 'ASSET_CLASSIFIED']);
    await db.query("UPDATE catalog_item SET secrecy = 'public' WHERE id = 'pub'");

    clock.advanceMinutes(24 * 60);
    for (const range of ['bytes=5-', 'bytes=99-']) {
      const expired = await get(l.url, { range });
      expect([range, expired.statusCode, expired.json().code]).toEqual([range, 410, 'DOWNLOAD_LINK_EXPIRED']);
    }
    expect(await downloadsCounted()).toEqual([]);
  });

  test('HEAD describes the whole file (Accept-Ranges, length) whatever the Range', async () => {
    const clerk = await signedClerk();
    const l = await link(clerk, { itemId: 'pub', kind: 'asset' });
    const head = await app.inject({ method: 'HEAD', url: l.url, headers: { range: 'bytes=5-' } });
    expect([head.statusCode, head.headers['accept-ranges'], head.headers['content-length']]).toEqual([
      200,
      'bytes',
      '10',
    ]);
  });
});
