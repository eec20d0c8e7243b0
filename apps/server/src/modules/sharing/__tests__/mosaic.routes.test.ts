import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { givenUser, loginAs, resetDb, testApp, testDb } from '../../../../test/harness.js';
import { SYSTEM_CONTEXT } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/db.port.js';
import { writeSampledCog } from '../../../platform/raster/__tests__/tile.fixtures.js';
import type { CogGeoreference } from '../../../platform/raster/cog-writer.js';
import { CGCS2000Quad, type TileAddress, tileAt, WebMercatorQuad } from '../../../platform/raster/tile-matrix-set.js';
import { givenDistrict } from '../../catalog/__tests__/catalog.fixtures.js';
import { givenAgreementsSigned, givenCogItem } from './tile-items.fixtures.js';

/**
 * Mosaic layers (BX-16, MNR-16). Collection `mosaic-2024`, four entries over the same footprint (114.2–114.3°E,
 * 27.45–27.55°N), newest first: `secret` (秘密, bright green), `offline` (offline-only, bright green), `new` (red in its
 * west half, nodata 0 in the east), `old` (blue everywhere). Green must never appear: BX-16.
 */

let db: Db;
let app: Awaited<ReturnType<typeof testApp>>['app'];

const GREEN = [0, 255, 0];
const RED = [200, 40, 40];
const BLUE = [40, 60, 200];
const geo: CogGeoreference = {
  crs: { kind: 'geographic', epsg: 4490 },
  origin: [114.2, 27.55],
  pixelSize: [0.1 / 1024, 0.1 / 1024],
  nodata: 0,
};
const format = { width: 1024, height: 1024, tileSize: 256, compression: 'deflate', bands: 3 } as const;

beforeAll(async () => {
  db = await testDb();
  ({ app } = await testApp(db));
  const s = app.services.storage;
  const write = (name: string, colour: (x: number) => readonly number[]) =>
    writeSampledCog(
      s,
      `items/mosaic-2024/${name}.tif`,
      format,
      { ...geo, origin: [114.2, 27.55] },
      (x, _y, b) => colour(x)[b]!,
    );
  await write('green', () => GREEN);
  await write('new', (x) => (x < 512 ? RED : [0, 0, 0]));
  await write('old', () => BLUE);
});
afterAll(() => app.close());
beforeEach(async () => {
  await resetDb(db);
  await givenDistrict(db);
  const { catalog } = app.services;
  await catalog.createCollection(SYSTEM_CONTEXT, {
    id: 'mosaic-2024',
    title: '镶嵌测试',
    description: '镶嵌',
    productType: 'dom',
    sharingType: 'unconditional',
    sharingMethod: 'online',
  });
  await catalog.publishCollection(SYSTEM_CONTEXT, 'mosaic-2024', true);
  const item = (id: string, file: string, datetime: string, over = {}) =>
    givenCogItem(app.services, id, `items/mosaic-2024/${file}.tif`, { collectionId: 'mosaic-2024', datetime, ...over });
  await item('old', 'old', '2023-05-01T02:00:00Z');
  await item('new', 'new', '2024-05-01T02:00:00Z');
  await item('offline', 'green', '2025-04-01T02:00:00Z', { sharingMethod: 'offline' });
  await item('secret', 'green', '2025-05-01T02:00:00Z', { secrecy: 'secret', sharingType: 'conditional' });
  await givenUser(app.services, { username: 'keeper', roles: ['catalogueManager'], clearance: 'confidential' });
  await givenAgreementsSigned(app.services); // MNR-16 is tested on its own
});

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });
const tileUrl = (t: TileAddress, set = 'CGCS2000Quad', ext = 'png') =>
  `/api/mosaics/mosaic-2024/${set}/${t.z}/${t.x}/${t.y}.${ext}`;
/** A level-14 tile across the west/east boundary of `new` (114.25°E). */
const T = tileAt(CGCS2000Quad, 114.25, 27.5, 14);

async function colours(png: Buffer) {
  const data = await sharp(png).ensureAlpha().raw().toBuffer();
  const seen = new Set<string>();
  for (let i = 0; i < data.length; i += 4)
    if (data[i + 3] === 255) seen.add([data[i], data[i + 1], data[i + 2]].join(','));
  return seen;
}

async function resetUsage() {
  await app.services.usage.flush();
  await db.query('DELETE FROM usage_daily');
}

async function usageByItem() {
  await app.services.usage.flush();
  const { rows } = await db.query<{ item_id: string; count: string }>(
    "SELECT item_id, sum(count)::text AS count FROM usage_daily WHERE kind = 'tile' GROUP BY item_id ORDER BY item_id",
  );
  return Object.fromEntries(rows.map((r) => [r.item_id, Number(r.count)]));
}

describe('mosaic tiles of a collection (BX-16, MNR-16)', () => {
  test('BX-16 newest on top, nodata shows the older entry; classified and offline-only entries give no pixel', async () => {
    await resetUsage();
    const keeper = await loginAs(app, 'keeper');
    for (const res of [await get(tileUrl(T)), await keeper.request('GET', tileUrl(T))]) {
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('image/png');
      const seen = await colours(res.rawPayload);
      expect(seen.has(RED.join(','))).toBe(true);
      expect(seen.has(BLUE.join(','))).toBe(true);
      expect(seen.has(GREEN.join(','))).toBe(false);
    }
    // MNR-16: one tile use for each entry that drew pixels — never the excluded ones
    expect(await usageByItem()).toEqual({ new: 2, old: 2 });
  });

  test('BX-16 a tile only the newer entry covers reads no older entry; Web Mercator works alike', async () => {
    await resetUsage();
    const west = await get(tileUrl(tileAt(WebMercatorQuad, 114.22, 27.5, 15), 'WebMercatorQuad'));
    expect(await colours(west.rawPayload)).toEqual(new Set([RED.join(',')]));
    expect(await usageByItem()).toEqual({ new: 1 });
  });

  test('MNR-14 ETag / 304: a revalidated tile counts for the entries it shows; 204 where nothing is', async () => {
    const first = await get(tileUrl(T));
    const etag = first.headers.etag as string;
    expect(first.headers['cache-control']).toBe('public, max-age=3600');
    await resetUsage();
    const again = await get(tileUrl(T), { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(await usageByItem()).toEqual({ new: 1, old: 1 });
    // A newer entry over the tile changes the ETag.
    await givenCogItem(app.services, 'newest', 'items/mosaic-2024/old.tif', {
      collectionId: 'mosaic-2024',
      datetime: '2026-01-01T02:00:00Z',
    });
    expect((await get(tileUrl(T), { 'if-none-match': etag })).statusCode).toBe(200);
    const away = await get(tileUrl(tileAt(CGCS2000Quad, 116, 29, 14)));
    expect(away.statusCode).toBe(204);
  });

  test('BX-14 TileJSON of the collection mosaic: bounds and zooms from the entries the caller may see', async () => {
    const res = await get('/api/mosaics/mosaic-2024/CGCS2000Quad/tilejson.json?colormap=viridis&bands=1');
    expect(res.statusCode).toBe(200);
    const tj = res.json();
    expect(tj).toMatchObject({
      tilejson: '3.0.0',
      name: '镶嵌测试（镶嵌）',
      tileMatrixSet: 'CGCS2000Quad',
      crs: 'EPSG:4490',
      minzoom: 11,
      maxzoom: 14,
      items: 2,
    });
    expect(tj.tiles).toEqual([
      'http://localhost:80/api/mosaics/mosaic-2024/CGCS2000Quad/{z}/{x}/{y}.png?bands=1&colormap=viridis',
    ]);
    [114.2, 27.45, 114.3, 27.55].forEach((v, i) => {
      expect(tj.bounds[i]).toBeCloseTo(v, 6);
    });
    expect((await get('/api/mosaics/nope/CGCS2000Quad/tilejson.json')).json().code).toBe(
      'CATALOG_COLLECTION_NOT_FOUND',
    );
  });

  test('bad parameters are 400 / 404 with stable codes', async () => {
    const cases: [string, number, string][] = [
      ['/api/mosaics/mosaic-2024/EPSG:3857/1/0/0.png', 404, 'TILE_MATRIX_SET_UNKNOWN'],
      ['/api/mosaics/mosaic-2024/CGCS2000Quad/0/0/0.png', 400, 'TILE_PARAM_INVALID'],
      ['/api/mosaics/mosaic-2024/CGCS2000Quad/3/0/4.png', 400, 'TILE_PARAM_INVALID'],
      [`${tileUrl(T)}?bands=3,2,1&colormap=viridis`, 400, 'TILE_PARAM_INVALID'],
      [`${tileUrl(T)}?rescale=5,1`, 400, 'TILE_PARAM_INVALID'],
      [`${tileUrl(T)}?colormap=rainbow`, 400, 'TILE_PARAM_INVALID'],
      [`${tileUrl(T)}?bands=0`, 400, 'TILE_PARAM_INVALID'],
      [`${tileUrl(T)}?bands=9`, 400, 'TILE_PARAM_INVALID'],
      [`${tileUrl(T)}?nodata=abc`, 400, 'TILE_PARAM_INVALID'],
      ['/api/mosaics/nope/CGCS2000Quad/14/1/1.png', 404, 'CATALOG_COLLECTION_NOT_FOUND'],
    ];
    for (const [url, status, code] of cases) {
      const res = await get(url);
      expect([url, res.statusCode, res.json().code]).toEqual([url, status, code]);
    }
  });
});

describe('mosaics of a STAC search (POST /api/mosaics)', () => {
  const register = (body: unknown) => app.inject({ method: 'POST', url: '/api/mosaics', payload: body as object });

  test('BX-16 the same search always gets the same id; its tiles are the matching entries’ mosaic', async () => {
    const a = await register({ collections: ['mosaic-2024', 'mosaic-2024'], datetime: '2024-01-01T00:00:00Z/..' });
    expect(a.statusCode).toBe(200);
    const { id, tilejson, tilejsons } = a.json();
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(tilejson).toBe(`http://localhost:80/api/mosaics/searches/${id}/WebMercatorQuad/tilejson.json`);
    expect(tilejsons.CGCS2000Quad).toBe(`http://localhost:80/api/mosaics/searches/${id}/CGCS2000Quad/tilejson.json`);
    const b = await register({ datetime: '2024-01-01T00:00:00Z/..', collections: ['mosaic-2024'], limit: 5 });
    expect(b.json().id).toBe(id);
    expect((await register({ collections: ['mosaic-2024'] })).json().id).not.toBe(id);

    // Only `new` (2024) matches: its nodata half stays transparent, `old` (2023) is not in the search.
    const res = await get(`/api/mosaics/searches/${id}/CGCS2000Quad/${T.z}/${T.x}/${T.y}.png`);
    expect(res.statusCode).toBe(200);
    expect(await colours(res.rawPayload)).toEqual(new Set([RED.join(',')]));
    const tj = (await get(`/api/mosaics/searches/${id}/WebMercatorQuad/tilejson.json`)).json();
    expect(tj).toMatchObject({ tileMatrixSet: 'WebMercatorQuad', items: 1 });
    expect(tj.tiles[0]).toBe(`http://localhost:80/api/mosaics/searches/${id}/WebMercatorQuad/{z}/{x}/{y}.png`);
  });

  test('a CQL2 filter is part of the search; a broken one is refused at registration', async () => {
    const { id } = (
      await register({ collections: ['mosaic-2024'], filter: "id = 'old'", 'filter-lang': 'cql2-text' })
    ).json();
    const res = await get(`/api/mosaics/searches/${id}/CGCS2000Quad/${T.z}/${T.x}/${T.y}.png`);
    expect(await colours(res.rawPayload)).toEqual(new Set([BLUE.join(',')]));
    const bad = await register({ filter: 'id ==== 1', 'filter-lang': 'cql2-text' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toMatch(/^STAC_/);
  });

  test('an unknown search id is 404 MOSAIC_NOT_FOUND; a malformed one is 400', async () => {
    const unknown = await get(`/api/mosaics/searches/${'0'.repeat(32)}/CGCS2000Quad/${T.z}/${T.x}/${T.y}.png`);
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'MOSAIC_NOT_FOUND']);
    expect((await get('/api/mosaics/searches/xyz/CGCS2000Quad/tilejson.json')).statusCode).toBe(400);
  });
});
