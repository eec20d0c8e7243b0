import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { givenUser, loginAs, resetDb, testApp, testDb } from '../../../../test/harness.js';
import { SYSTEM_CONTEXT } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/db.port.js';
import { QUADRANT_COLOURS, tileAt } from '../../../platform/raster/__tests__/tile.fixtures.js';
import { CGCS2000Quad, tileAt as quadTileAt } from '../../../platform/raster/tile-matrix-set.js';
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
  await givenTileItems(app.services, [
    ['tiles', {}],
    ['tiles-secret', { secrecy: 'secret', sharingType: 'conditional' }],
    ['tiles-draft', { published: false }],
  ]);
  await givenUser(app.services, { username: 'keeper', roles: ['catalogueManager'], clearance: 'confidential' });
  await givenAgreementsSigned(app.services); // MNR-16 is tested on its own
});

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });
const tileUrl = (item: string, t: { z: number; x: number; y: number }, ext = 'png') =>
  `/api/tiles/dom-2024/${item}/${t.z}/${t.x}/${t.y}.${ext}`;

describe('online tiles (BX-16, BX-14, MNR-14)', () => {
  test('BX-16 a tile inside the image is a 256 × 256 PNG with the source colours', async () => {
    const res = await get(tileUrl('tiles', tileAt(114.225, 27.525, 16)));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    const { data, info } = await sharp(res.rawPayload).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    expect(info).toMatchObject({ width: 256, height: 256 });
    const [r, g, b] = QUADRANT_COLOURS.nw;
    for (const p of [0, 128 * 256 + 128, 256 * 256 - 1]) {
      const px = [...data.subarray(p * 4, p * 4 + 4)];
      [r, g, b, 255].forEach((want, i) => {
        expect(Math.abs(px[i]! - want)).toBeLessThanOrEqual(6);
      });
    }
  });

  test('BX-16 a tile across the image edge is transparent outside it; a tile away from it is 204', async () => {
    const edge = await get(tileUrl('tiles', tileAt(114.3, 27.5, 12)));
    const { data } = await sharp(edge.rawPayload).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    expect(data[3]).toBe(255); // top-left: inside the image (west of 114.3°E)
    expect(data[(255 * 256 + 255) * 4 + 3]).toBe(0); // bottom-right: east of it
    const away = await get(tileUrl('tiles', tileAt(116, 29, 12)));
    expect(away.statusCode).toBe(204);
    expect(away.body).toBe('');
  });

  test.each([
    ['jpg', 'image/jpeg', 'jpeg'],
    ['webp', 'image/webp', 'webp'],
  ])('BX-16 %s tiles decode', async (ext, type, format) => {
    const res = await get(tileUrl('tiles', tileAt(114.275, 27.475, 15), ext));
    expect(res.headers['content-type']).toBe(type);
    expect(await sharp(res.rawPayload).metadata()).toMatchObject({ format, width: 256, height: 256 });
  });

  test('BX-14 TileJSON 3.0 with the template, bounds and zooms from the GSD', async () => {
    const res = await get('/api/tiles/dom-2024/tiles/tilejson.json');
    expect(res.statusCode).toBe(200);
    const tj = res.json();
    expect(tj).toMatchObject({ tilejson: '3.0.0', scheme: 'xyz', minzoom: 12, maxzoom: 14, name: '影像 tiles' });
    expect(tj.tiles).toEqual(['http://localhost:80/api/tiles/dom-2024/tiles/{z}/{x}/{y}.png']);
    [114.2, 27.45, 114.3, 27.55].forEach((v, i) => {
      expect(tj.bounds[i]).toBeCloseTo(v, 6);
    });
  });

  test('BX-16 / MNR-14 a classified entry’s tiles are 403 ASSET_CLASSIFIED for every tile, even for a cleared keeper', async () => {
    await givenUser(app.services, { username: 'clerk', roles: ['departmentClerk'], orgName: '市住建局' });
    const keeper = await loginAs(app, 'keeper');
    const clerk = await loginAs(app, 'clerk');
    for (const res of [
      await keeper.request('GET', tileUrl('tiles-secret', tileAt(114.225, 27.525, 16))),
      await clerk.request('GET', tileUrl('tiles-secret', { z: 0, x: 0, y: 0 })),
      await keeper.request('GET', '/api/tiles/dom-2024/tiles-secret/tilejson.json'),
    ]) {
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('ASSET_CLASSIFIED');
    }
    // Anonymous callers do not even learn that it exists.
    expect((await get(tileUrl('tiles-secret', { z: 0, x: 0, y: 0 }))).statusCode).toBe(404);
  });

  test('BX-16 reclassifying an entry makes its next tile 403 at once (granted access is not reused)', async () => {
    const t = tileAt(114.225, 27.525, 16);
    const keeper = await loginAs(app, 'keeper');
    expect((await keeper.request('GET', tileUrl('tiles', t))).statusCode).toBe(200);
    expect((await get(tileUrl('tiles', t))).statusCode).toBe(200);
    await app.services.catalog.updateItem(SYSTEM_CONTEXT, 'dom-2024', 'tiles', { secrecy: 'secret' });
    const res = await keeper.request('GET', tileUrl('tiles', t));
    expect([res.statusCode, res.json().code]).toEqual([403, 'ASSET_CLASSIFIED']);
    expect((await get(tileUrl('tiles', t))).statusCode).toBe(404);
    expect((await get('/api/tiles/dom-2024/tiles/tilejson.json')).statusCode).toBe(404);
  });

  test('BX-16 withdrawing an entry or its collection stops its tiles at once', async () => {
    const t = tileAt(114.225, 27.525, 16);
    expect((await get(tileUrl('tiles', t))).statusCode).toBe(200);
    await app.services.catalog.publishItem(SYSTEM_CONTEXT, 'dom-2024', 'tiles', false);
    expect((await get(tileUrl('tiles', t))).statusCode).toBe(404);
    await app.services.catalog.publishItem(SYSTEM_CONTEXT, 'dom-2024', 'tiles', true);
    expect((await get(tileUrl('tiles', t))).statusCode).toBe(200);
    await app.services.catalog.publishCollection(SYSTEM_CONTEXT, 'dom-2024', false);
    expect((await get(tileUrl('tiles', t))).statusCode).toBe(404);
  });

  test('BX-16 unknown and unpublished entries are 404 to anonymous callers; a keeper gets private tiles', async () => {
    const t = tileAt(114.225, 27.525, 16);
    expect((await get(tileUrl('nope', t))).json().code).toBe('CATALOG_ITEM_NOT_FOUND');
    expect((await get(tileUrl('tiles-draft', t))).statusCode).toBe(404);
    const keeper = await loginAs(app, 'keeper');
    const res = await keeper.request('GET', tileUrl('tiles-draft', t));
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('private, max-age=86400');
  });

  test('MNR-16 a signed-in user signs the online agreement before the first tile of a collection; anonymous public use needs none', async () => {
    await db.query('DELETE FROM sharing_agreement_signature');
    const t = tileAt(114.225, 27.525, 16);
    const keeper = await loginAs(app, 'keeper');
    const before = await keeper.request('GET', tileUrl('tiles', t));
    expect([before.statusCode, before.json().code]).toEqual([428, 'SHARING_AGREEMENT_REQUIRED']);
    expect((await keeper.request('GET', '/api/tiles/dom-2024/tiles/tilejson.json')).statusCode).toBe(428);
    expect((await get(tileUrl('tiles', t))).statusCode).toBe(200);
    const { version } = (await get('/api/sharing/agreement')).json();
    expect(
      (await keeper.request('POST', '/api/sharing/agreements', { collectionId: 'dom-2024', version })).statusCode,
    ).toBe(200);
    expect((await keeper.request('GET', tileUrl('tiles', t))).statusCode).toBe(200);
  });

  test('MNR-16 a new agreement version applies to the very next tile (a signature found is not reused past it)', async () => {
    await givenUser(app.services, { username: 'admin', roles: ['admin'] });
    const t = tileAt(114.225, 27.525, 16);
    const keeper = await loginAs(app, 'keeper');
    expect((await keeper.request('GET', tileUrl('tiles', t))).statusCode).toBe(200);
    const admin = await loginAs(app, 'admin');
    const body = { version: '2027-1', title: '成果在线应用协议（2027 年版）', paragraphs: ['一、……'] };
    expect((await admin.request('POST', '/api/sharing/agreement/versions', body)).statusCode).toBe(201);
    const res = await keeper.request('GET', tileUrl('tiles', t));
    expect([res.statusCode, res.json().code]).toEqual([428, 'SHARING_AGREEMENT_REQUIRED']);
  });

  test('BX-16 tile addresses outside the zoom level are 400', async () => {
    expect((await get('/api/tiles/dom-2024/tiles/3/8/0.png')).statusCode).toBe(400);
    expect((await get('/api/tiles/dom-2024/tiles/3/1/1.gif')).statusCode).toBe(400);
  });

  test('MNR-14 ETag and 304: public entries are publicly cacheable for a day', async () => {
    const url = tileUrl('tiles', tileAt(114.225, 27.525, 16));
    const first = await get(url);
    expect(first.headers['cache-control']).toBe('public, max-age=86400');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^".+-16-\d+-\d+-png"$/);
    const again = await get(url, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect((await get(url.replace('.png', '.webp'), { 'if-none-match': etag })).statusCode).toBe(200);
  });
});

describe('tile matrix sets and rendering parameters (BX-16)', () => {
  const C = quadTileAt(CGCS2000Quad, 114.225, 27.525, 16);

  test('BX-16 CGCS2000Quad tiles (天地图 c numbering) and the Web Mercator set by name', async () => {
    const res = await get(`/api/tiles/dom-2024/tiles/CGCS2000Quad/${C.z}/${C.x}/${C.y}.png`);
    expect(res.statusCode).toBe(200);
    const { data } = await sharp(res.rawPayload).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const [r, g, b] = QUADRANT_COLOURS.nw;
    [r, g, b, 255].forEach((want, i) => {
      expect(Math.abs(data[(128 * 256 + 128) * 4 + i]! - want)).toBeLessThanOrEqual(6);
    });
    expect(res.headers.etag).toMatch(/-CGCS2000Quad-16-\d+-\d+-png"$/);
    const t = tileAt(114.225, 27.525, 16);
    const byName = await get(`/api/tiles/dom-2024/tiles/WebMercatorQuad/${t.z}/${t.x}/${t.y}.png`);
    expect(byName.rawPayload.equals((await get(tileUrl('tiles', t))).rawPayload)).toBe(true);
  });

  test('BX-14 TileJSON per tile matrix set; the style’s parameters go into the template', async () => {
    const tj = (
      await get('/api/tiles/dom-2024/tiles/CGCS2000Quad/tilejson.json?bands=1&colormap=terrain&rescale=0,200')
    ).json();
    expect(tj).toMatchObject({
      tilejson: '3.0.0',
      tileMatrixSet: 'CGCS2000Quad',
      crs: 'EPSG:4490',
      minzoom: 12,
      maxzoom: 14,
    });
    expect(tj.tiles).toEqual([
      'http://localhost:80/api/tiles/dom-2024/tiles/CGCS2000Quad/{z}/{x}/{y}.png?bands=1&rescale=0%2C200&colormap=terrain',
    ]);
    const merc = (await get('/api/tiles/dom-2024/tiles/WebMercatorQuad/tilejson.json')).json();
    expect(merc.tiles).toEqual(['http://localhost:80/api/tiles/dom-2024/tiles/WebMercatorQuad/{z}/{x}/{y}.png']);
  });

  test('BX-16 a style changes the pixels and the ETag: bands=1 with a colour map', async () => {
    const plain = await get(`/api/tiles/dom-2024/tiles/CGCS2000Quad/${C.z}/${C.x}/${C.y}.png`);
    const styled = await get(
      `/api/tiles/dom-2024/tiles/CGCS2000Quad/${C.z}/${C.x}/${C.y}.png?bands=1&rescale=0,255&colormap=viridis`,
    );
    expect(styled.statusCode).toBe(200);
    expect(styled.headers.etag).not.toBe(plain.headers.etag);
    expect(styled.headers.etag).toMatch(/-CGCS2000Quad-b1~r0_255~cviridis-16-/);
    expect(styled.rawPayload.equals(plain.rawPayload)).toBe(false);
  });

  test('bad parameters are 400 / 404 with stable codes', async () => {
    const t = `${C.z}/${C.x}/${C.y}.png`;
    const cases: [string, number, string][] = [
      [`/api/tiles/dom-2024/tiles/Tianditu/${t}`, 404, 'TILE_MATRIX_SET_UNKNOWN'],
      ['/api/tiles/dom-2024/tiles/CGCS2000Quad/0/0/0.png', 400, 'TILE_PARAM_INVALID'],
      ['/api/tiles/dom-2024/tiles/CGCS2000Quad/3/0/4.png', 400, 'TILE_PARAM_INVALID'],
      [`/api/tiles/dom-2024/tiles/CGCS2000Quad/${t}?bands=4`, 400, 'TILE_PARAM_INVALID'],
      [`/api/tiles/dom-2024/tiles/CGCS2000Quad/${t}?bands=1,2`, 400, 'TILE_PARAM_INVALID'],
      [`/api/tiles/dom-2024/tiles/CGCS2000Quad/${t}?rescale=0`, 400, 'TILE_PARAM_INVALID'],
      [`/api/tiles/dom-2024/tiles/CGCS2000Quad/${t}?colormap=viridis`, 400, 'TILE_PARAM_INVALID'],
      [`/api/tiles/dom-2024/tiles/CGCS2000Quad/${t}?rescale=0,1&rescale=0,2`, 400, 'TILE_PARAM_INVALID'],
      [`/api/tiles/dom-2024/tiles/${t}?colormap=jet`, 400, 'TILE_PARAM_INVALID'],
      ['/api/tiles/dom-2024/tiles/CGCS2000Quad/tilejson.json?bands=x', 400, 'TILE_PARAM_INVALID'],
      ['/api/tiles/dom-2024/tiles/Tianditu/tilejson.json', 404, 'TILE_MATRIX_SET_UNKNOWN'],
    ];
    for (const [url, status, code] of cases) {
      const res = await get(url);
      expect([url, res.statusCode, res.json().code]).toEqual([url, status, code]);
    }
  });
});
