import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { givenUser, loginAs, resetDb, testApp, testDb } from '../../../../test/harness.js';
import type { Db } from '../../../platform/db/db.port.js';
import { tileAt as xyzTileAt } from '../../../platform/raster/__tests__/tile.fixtures.js';
import { CGCS2000Quad, tileAt } from '../../../platform/raster/tile-matrix-set.js';
import { givenCatalog } from '../../catalog/__tests__/catalog.fixtures.js';
import { givenTileItems, writeTileCog } from './tile-items.fixtures.js';

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
    ['tiles-cond', { sharingType: 'conditional' }],
    ['tiles-secret', { secrecy: 'secret', sharingType: 'conditional' }],
  ]);
  await givenUser(app.services, { username: 'keeper', roles: ['catalogueManager'], clearance: 'confidential' });
});

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => name === 'Layer' });
const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

interface Layer {
  'ows:Identifier': string;
  'ows:WGS84BoundingBox': { 'ows:LowerCorner': string; 'ows:UpperCorner': string };
  ResourceURL: { '@format': string; '@template': string }[];
  [k: string]: unknown;
}

interface Operation {
  '@name': string;
  'ows:DCP': {
    'ows:HTTP': {
      'ows:Get': { '@xlink:href': string; 'ows:Constraint': { 'ows:AllowedValues': { 'ows:Value': string } } }[];
    };
  };
}

async function capabilities(url = '/api/wmts/1.0.0/WMTSCapabilities.xml', request = get) {
  const res = await request(url);
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/xml/);
  expect(XMLValidator.validate(res.body)).toBe(true);
  const caps = xml.parse(res.body).Capabilities;
  return { caps, layers: asArray<Layer>(caps.Contents.Layer) };
}

const T = xyzTileAt(114.225, 27.525, 16);
const xyzUrl = (item: string) => `/api/tiles/dom-2024/${item}/${T.z}/${T.x}/${T.y}.png`;
const restUrl = (item: string, ext = 'png') =>
  `/api/wmts/1.0.0/dom-2024/${item}/default/GoogleMapsCompatible/${T.z}/${T.y}/${T.x}.${ext}`;
const kvp = (params: Record<string, string | number>) =>
  `/api/wmts?${new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]))}`;
const getTile = (item: string, over: Record<string, string | number> = {}) =>
  kvp({
    SERVICE: 'WMTS',
    REQUEST: 'GetTile',
    VERSION: '1.0.0',
    LAYER: `dom-2024/${item}`,
    STYLE: 'default',
    TILEMATRIXSET: 'GoogleMapsCompatible',
    TILEMATRIX: T.z,
    TILEROW: T.y,
    TILECOL: T.x,
    FORMAT: 'image/png',
    ...over,
  });

async function exceptions(url: string, status = 400) {
  const res = await get(url);
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/xml/);
  const report = xml.parse(res.body)['ows:ExceptionReport'];
  return asArray<Record<string, string>>(report['ows:Exception']).map((e) => [
    e['@exceptionCode'],
    e['@locator'],
    e['ows:ExceptionText'],
  ]);
}

describe('WMTS 1.0.0 (BX-14, BX-16, MNR-14)', () => {
  test('BX-14 RESTful and KVP GetCapabilities list the layers and both tile matrix sets', async () => {
    const { caps, layers } = await capabilities();
    expect(caps['@version']).toBe('1.0.0');
    expect(caps['ows:ServiceIdentification']).toMatchObject({
      'ows:Title': 'GeoShare 遥感影像在线浏览服务',
      'ows:ServiceType': 'OGC WMTS',
      'ows:ServiceTypeVersion': '1.0.0',
    });
    const ops: Operation[] = caps['ows:OperationsMetadata']['ows:Operation'];
    expect(ops.map((o) => o['@name'])).toEqual(['GetCapabilities', 'GetTile']);
    expect(
      ops.map((o) =>
        o['ows:DCP']['ows:HTTP']['ows:Get'].map((g) => [
          g['@xlink:href'],
          g['ows:Constraint']['ows:AllowedValues']['ows:Value'],
        ]),
      ),
    ).toEqual([
      [
        ['http://localhost:80/api/wmts/1.0.0/WMTSCapabilities.xml', 'RESTful'],
        ['http://localhost:80/api/wmts?', 'KVP'],
      ],
      [
        ['http://localhost:80/api/wmts/1.0.0/', 'RESTful'],
        ['http://localhost:80/api/wmts?', 'KVP'],
      ],
    ]);

    // Anonymous callers: the collection's mosaic, then public, unconditional entries with a data GeoTIFF (the fixture
    // catalogue's `pub` too).
    expect(layers.map((l) => l['ows:Identifier'])).toEqual(['dom-2024', 'dom-2024/pub', 'dom-2024/tiles']);
    const layer = layers.find((l) => l['ows:Identifier'] === 'dom-2024/tiles');
    const lower = layer!['ows:WGS84BoundingBox']['ows:LowerCorner'].split(' ').map(Number);
    const upper = layer!['ows:WGS84BoundingBox']['ows:UpperCorner'].split(' ').map(Number);
    [...lower, ...upper].forEach((v, i) => {
      expect(v).toBeCloseTo([114.2, 27.45, 114.3, 27.55][i]!, 6);
    });
    expect(layer).toMatchObject({
      Style: { '@isDefault': 'true', 'ows:Identifier': 'default' },
      Format: ['image/png', 'image/jpeg'],
      TileMatrixSetLink: [{ TileMatrixSet: 'GoogleMapsCompatible' }, { TileMatrixSet: 'CGCS2000Quad' }],
    });
    const template = 'http://localhost:80/api/wmts/1.0.0/dom-2024/tiles/default/{TileMatrixSet}/{TileMatrix}';
    expect(layer!.ResourceURL.map((r) => [r['@format'], r['@template']])).toEqual([
      ['image/png', `${template}/{TileRow}/{TileCol}.png`],
      ['image/jpeg', `${template}/{TileRow}/{TileCol}.jpg`],
    ]);
    const mosaic = layers.find((l) => l['ows:Identifier'] === 'dom-2024');
    expect(mosaic!['ows:Title']).toBe('2024 年数字正射影像 0.5 米（镶嵌）');
    expect(mosaic!.ResourceURL[0]!['@template']).toBe(
      'http://localhost:80/api/wmts/1.0.0/dom-2024/default/{TileMatrixSet}/{TileMatrix}/{TileRow}/{TileCol}.png',
    );

    const [set, cgcs] = caps.Contents.TileMatrixSet;
    expect(cgcs['ows:Identifier']).toBe('CGCS2000Quad');
    expect(set['ows:Identifier']).toBe('GoogleMapsCompatible');
    expect(set['ows:SupportedCRS']).toBe('urn:ogc:def:crs:EPSG::3857');
    expect(set.TileMatrix).toHaveLength(23);
    for (const [z, m] of (set.TileMatrix as Record<string, unknown>[]).entries()) {
      expect(m).toMatchObject({
        'ows:Identifier': z,
        TopLeftCorner: '-20037508.3427892 20037508.3427892',
        TileWidth: 256,
        TileHeight: 256,
        MatrixWidth: 2 ** z,
        MatrixHeight: 2 ** z,
      });
      expect(m.ScaleDenominator).toBeCloseTo(559082264.0287178 / 2 ** z, 6);
    }

    const byKvp = await capabilities('/api/wmts?service=WMTS&request=GetCapabilities');
    expect(byKvp.layers.map((l) => l['ows:Identifier'])).toEqual(['dom-2024', 'dom-2024/pub', 'dom-2024/tiles']);
  });

  test('BX-16 / MNR-14 RESTful and KVP GetTile return the bytes, ETag and caching of the XYZ tile', async () => {
    const xyz = await get(xyzUrl('tiles'));
    expect(xyz.statusCode).toBe(200);
    for (const url of [restUrl('tiles'), getTile('tiles')]) {
      const res = await get(url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('image/png');
      expect(res.rawPayload.equals(xyz.rawPayload)).toBe(true);
      expect(res.headers.etag).toBe(xyz.headers.etag);
      expect(res.headers['cache-control']).toBe('public, max-age=86400');
      expect((await get(url, { 'if-none-match': xyz.headers.etag as string })).statusCode).toBe(304);
    }
    const jpeg = await get(xyzUrl('tiles').replace('.png', '.jpg'));
    for (const url of [restUrl('tiles', 'jpg'), getTile('tiles', { FORMAT: 'image/jpeg' })]) {
      const res = await get(url);
      expect(res.headers['content-type']).toBe('image/jpeg');
      expect(res.rawPayload.equals(jpeg.rawPayload)).toBe(true);
    }
  });

  test('BX-16 / MNR-14 a classified entry is no layer, even for a cleared keeper, and its tiles are 403', async () => {
    const keeper = await loginAs(app, 'keeper');
    const { layers } = await capabilities(undefined, (url) => keeper.request('GET', url));
    // The keeper also gets the conditional entry (no application needed); never the classified ones.
    expect(layers.map((l) => l['ows:Identifier'])).toEqual([
      'dom-2024',
      'dom-2024/pub',
      'dom-2024/tiles',
      'dom-2024/tiles-cond',
    ]);
    for (const url of [restUrl('tiles-secret'), getTile('tiles-secret')]) {
      const res = await keeper.request('GET', url);
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('ASSET_CLASSIFIED');
    }
    // Anonymous callers do not even learn that it exists.
    expect((await get(getTile('tiles-secret'))).statusCode).toBe(404);
  });

  test('BX-16 KVP errors are OWS exception reports with the WMTS exception codes', async () => {
    expect(await exceptions('/api/wmts?REQUEST=GetCapabilities')).toEqual([
      ['MissingParameterValue', 'service', '缺少参数 SERVICE'],
    ]);
    expect(await exceptions('/api/wmts?SERVICE=WMS&REQUEST=GetCapabilities')).toEqual([
      ['InvalidParameterValue', 'service', 'SERVICE 应为 WMTS，收到：WMS'],
    ]);
    expect(await exceptions('/api/wmts?SERVICE=WMTS&REQUEST=GetFeatureInfo', 501)).toEqual([
      ['OperationNotSupported', 'request', '不支持的操作：GetFeatureInfo（支持 GetCapabilities、GetTile）'],
    ]);
    expect((await exceptions(kvp({ SERVICE: 'WMTS', REQUEST: 'GetTile', LAYER: 'dom-2024/tiles' }))).length).toBe(6);
    expect(
      await exceptions(getTile('tiles', { STYLE: 'fancy', TILEMATRIXSET: 'EPSG:4490', FORMAT: 'image/gif' })),
    ).toEqual([
      ['InvalidParameterValue', 'style', '样式应为 default：fancy'],
      ['InvalidParameterValue', 'tilematrixset', '瓦片矩阵集应为 GoogleMapsCompatible 或 CGCS2000Quad：EPSG:4490'],
      ['InvalidParameterValue', 'format', '不支持的格式：image/gif（支持 image/png、image/jpeg）'],
    ]);
    expect(await exceptions(getTile('tiles', { LAYER: 'dom-2024/tiles/x', TILEMATRIX: 23, TILEROW: -1 }))).toEqual([
      ['InvalidParameterValue', 'layer', '图层标识应为“数据集”或“数据集/条目”形式：dom-2024/tiles/x'],
      ['InvalidParameterValue', 'tilematrix', '瓦片矩阵应为 0–22 的整数：23'],
      ['InvalidParameterValue', 'tilerow', 'TILEROW 应为非负整数：-1'],
    ]);
    expect(await exceptions(getTile('tiles', { TILEMATRIX: 3, TILEROW: 1, TILECOL: 8 }))).toEqual([
      ['TileOutOfRange', 'tilecol', 'TILECOL 超出瓦片矩阵 3 的范围（0–7）'],
    ]);
    // CGCS2000Quad: levels from 1, half as many rows as columns
    expect(
      await exceptions(getTile('tiles', { TILEMATRIXSET: 'CGCS2000Quad', TILEMATRIX: 3, TILEROW: 4, TILECOL: 7 })),
    ).toEqual([['TileOutOfRange', 'tilerow', 'TILEROW 超出瓦片矩阵 3 的范围（0–3）']]);
    expect(
      await exceptions(getTile('tiles', { TILEMATRIXSET: 'CGCS2000Quad', TILEMATRIX: 0, TILEROW: 0, TILECOL: 0 })),
    ).toEqual([['InvalidParameterValue', 'tilematrix', '瓦片矩阵应为 1–22 的整数：0']]);
  });

  test('BX-16 RESTful GetTile outside the matrix set is 400', async () => {
    expect((await get('/api/wmts/1.0.0/dom-2024/tiles/default/GoogleMapsCompatible/23/0/0.png')).statusCode).toBe(400);
    expect((await get('/api/wmts/1.0.0/dom-2024/tiles/default/GoogleMapsCompatible/3/0/8.png')).statusCode).toBe(400);
    expect((await get('/api/wmts/1.0.0/dom-2024/tiles/default/EPSG:4490/3/0/0.png')).statusCode).toBe(404);
    expect((await get('/api/wmts/1.0.0/dom-2024/tiles/default/CGCS2000Quad/0/0/0.png')).statusCode).toBe(400);
    const outside = await get('/api/wmts/1.0.0/dom-2024/tiles/default/CGCS2000Quad/3/4/0.png');
    expect(outside.json().code).toBe('TILE_PARAM_INVALID');
  });
});

describe('WMTS in CGCS2000 geographic tiling (EPSG:4490, 天地图 c levels)', () => {
  const C = tileAt(CGCS2000Quad, 114.225, 27.525, 16);

  test('BX-14 the CGCS2000Quad matrix set is valid WMTS: latitude-first corners, 2^z × 2^(z−1) matrices, OGC scales', async () => {
    const { caps, layers } = await capabilities();
    const set = (caps.Contents.TileMatrixSet as Record<string, unknown>[]).find(
      (t) => t['ows:Identifier'] === 'CGCS2000Quad',
    )!;
    expect(set['ows:SupportedCRS']).toBe('urn:ogc:def:crs:EPSG::4490');
    expect(set['ows:BoundingBox']).toEqual({
      '@crs': 'urn:ogc:def:crs:EPSG::4490',
      'ows:LowerCorner': '-90 -180',
      'ows:UpperCorner': '90 180',
    });
    const matrices = set.TileMatrix as Record<string, unknown>[];
    expect(matrices.map((m) => m['ows:Identifier'])).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    for (const m of matrices) {
      const z = m['ows:Identifier'] as number;
      expect(m).toMatchObject({
        TopLeftCorner: '90 -180',
        TileWidth: 256,
        TileHeight: 256,
        MatrixWidth: 2 ** z,
        MatrixHeight: 2 ** (z - 1),
      });
      // 0.703125° per pixel at level 1 × 111319.49 m per degree / 0.28 mm
      expect(m.ScaleDenominator).toBeCloseTo(279541132.0143589 / 2 ** (z - 1), 4);
    }
    // Every layer also gives its extent in EPSG:4490, latitude first.
    const layer = layers.find((l) => l['ows:Identifier'] === 'dom-2024/tiles')!;
    const bbox = layer['ows:BoundingBox'] as { '@crs': string; 'ows:LowerCorner': string; 'ows:UpperCorner': string };
    expect(bbox['@crs']).toBe('urn:ogc:def:crs:EPSG::4490');
    const [lat0, lon0] = bbox['ows:LowerCorner'].split(' ').map(Number);
    const [lat1, lon1] = bbox['ows:UpperCorner'].split(' ').map(Number);
    [lat0, lon0, lat1, lon1].forEach((v, i) => {
      expect(v).toBeCloseTo([27.45, 114.2, 27.55, 114.3][i]!, 6);
    });
  });

  test('BX-16 RESTful and KVP GetTile in CGCS2000Quad return the bytes of /api/tiles/…/CGCS2000Quad', async () => {
    const direct = await get(`/api/tiles/dom-2024/tiles/CGCS2000Quad/${C.z}/${C.x}/${C.y}.png`);
    expect(direct.statusCode).toBe(200);
    for (const url of [
      `/api/wmts/1.0.0/dom-2024/tiles/default/CGCS2000Quad/${C.z}/${C.y}/${C.x}.png`,
      getTile('tiles', { TILEMATRIXSET: 'CGCS2000Quad', TILEMATRIX: C.z, TILEROW: C.y, TILECOL: C.x }),
    ]) {
      const res = await get(url);
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.equals(direct.rawPayload)).toBe(true);
      expect(res.headers.etag).toBe(direct.headers.etag);
    }
  });

  test('BX-16 the collection layer is its mosaic: REST and KVP GetTile equal /api/mosaics tiles', async () => {
    const direct = await get(`/api/mosaics/dom-2024/CGCS2000Quad/${C.z}/${C.x}/${C.y}.png`);
    expect(direct.statusCode).toBe(200);
    for (const url of [
      `/api/wmts/1.0.0/dom-2024/default/CGCS2000Quad/${C.z}/${C.y}/${C.x}.png`,
      getTile('tiles', {
        LAYER: 'dom-2024',
        TILEMATRIXSET: 'CGCS2000Quad',
        TILEMATRIX: C.z,
        TILEROW: C.y,
        TILECOL: C.x,
      }),
    ]) {
      const res = await get(url);
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.equals(direct.rawPayload)).toBe(true);
    }
  });
});
