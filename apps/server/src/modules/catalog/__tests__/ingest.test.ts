import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { givenUser, loginAs, resetDb, testApp, testDb } from '../../../../test/harness.js';
import { SYSTEM_CONTEXT } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/db.port.js';

const IMAGERY = new URL('../../../../../../../shared/data/imagery/', import.meta.url).pathname;
const BOUNDARIES = new URL('../../../../../../../shared/data/boundaries/', import.meta.url).pathname;

let db: Db;
let app: Awaited<ReturnType<typeof testApp>>['app'];

/** A multipart/form-data body as a browser sends it. */
function multipart(fields: Record<string, string>, files: { name: string; data: Buffer }[]) {
  const boundary = '----geoshare-test-boundary';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      f.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe.skipIf(!existsSync(IMAGERY))('MNR-9 ingest of the shared GeoTIFFs', () => {
  beforeAll(async () => {
    db = await testDb();
    ({ app } = await testApp(db));
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    await resetDb(db);
    await app.services.catalog.createCollection(SYSTEM_CONTEXT, {
      id: 'imports',
      title: '导入数据',
      description: '测试',
      productType: 'aerial',
      sharingType: 'unconditional',
      sharingMethod: 'online',
    });
  });

  const ingest = (
    names: string[],
    opts: Partial<{ secrecy: 'public' | 'secret' | null; publish: boolean; assumeEpsg: number }> = {},
  ) =>
    app.services.ingest.ingestMany(
      SYSTEM_CONTEXT,
      names.map((n) => ({ path: join(IMAGERY, n), name: n })),
      {
        collectionId: 'imports',
        secrecy: opts.secrecy === undefined ? 'public' : opts.secrecy,
        publish: opts.publish ?? false,
        ...(opts.assumeEpsg ? { assumeEpsg: opts.assumeEpsg } : {}),
      },
    );

  test('MNR-9 good files become numbered entries; corrupt and CRS-less files are rejected per file and the batch goes on', async () => {
    const files = ['cogeo.tif', 'RGB.byte.tif', 'shade.tif', 'rgb1.tif', 'float_nan.tif', 'rotated.tif', 'corrupt.tif'];
    const byFile = Object.fromEntries((await ingest(files)).map((r) => [r.file, r]));
    expect(byFile['corrupt.tif']).toMatchObject({ ok: false, code: 'INGEST_TIFF_CORRUPT' });
    // rgb1–4 carry a user-defined CRS (32767); float_nan and rotated carry no GeoKeys at all: never guessed silently.
    for (const f of ['rgb1.tif', 'float_nan.tif', 'rotated.tif'])
      expect(byFile[f], f).toMatchObject({ ok: false, code: 'INGEST_UNKNOWN_CRS' });
    expect((byFile['rgb1.tif'] as { message: string }).message).toContain('EPSG:32618');
    for (const f of ['cogeo.tif', 'RGB.byte.tif', 'shade.tif'])
      expect(byFile[f], f).toMatchObject({ ok: true, catalogueNo: expect.stringMatching(/^HS-\d{4}-\d{6}$/) });
  });

  test('MNR-9 an operator-stated CRS makes the user-defined and CRS-less files ingestible; a rotated transform gives a rotated footprint', async () => {
    const results = await ingest(['rgb1.tif', 'rgb2.tif', 'rgb3.tif', 'rgb4.tif'], { assumeEpsg: 32618 });
    expect(results.map((r) => r.ok)).toEqual([true, true, true, true]);
    expect((results[0] as { warnings: string[] }).warnings.join()).toContain('EPSG:32618');
    // The four tiles are adjacent: their union is one piece.
    const { rows } = await db.query<{ parts: number }>(
      'SELECT ST_NumGeometries(ST_Multi(ST_Union(ST_Buffer(geom, 0.00001)))) AS parts FROM catalog_item',
    );
    expect(rows[0]!.parts).toBe(1);
    const [rot] = await ingest(['rotated.tif'], { assumeEpsg: 32618 });
    expect(rot).toMatchObject({ ok: true });
    const r = await db.query<{ fill: number }>(
      "SELECT ST_Area(geom) / ST_Area(ST_Envelope(geom)) AS fill FROM catalog_item WHERE id = 'rotated'",
    );
    expect(r.rows[0]!.fill).toBeLessThan(0.99);
  });

  test('YQ-17 footprints in CGCS2000 and GSD in metres for Web Mercator and UTM sources', async () => {
    await ingest(['cogeo.tif', 'RGB.byte.tif']);
    const { rows } = await db.query<{
      id: string;
      gsd: number;
      minx: number;
      miny: number;
      maxx: number;
      maxy: number;
      epsg: number;
    }>(
      `SELECT id, gsd, ST_XMin(geom) minx, ST_YMin(geom) miny, ST_XMax(geom) maxx, ST_YMax(geom) maxy, (properties->>'proj:epsg')::int epsg
       FROM catalog_item ORDER BY id`,
    );
    const cogeo = rows.find((r) => r.id === 'cogeo')!;
    expect(cogeo.epsg).toBe(3857);
    // 0.597 m Web Mercator pixels are ~0.47 m on the ground at 37.5°N (scale factor cos φ).
    expect(cogeo.gsd).toBeGreaterThan(0.45);
    expect(cogeo.gsd).toBeLessThan(0.5);
    expect(cogeo.minx).toBeGreaterThan(126);
    expect(cogeo.maxy).toBeLessThan(38);
    const rgb = rows.find((r) => r.id === 'RGB.byte')!;
    expect(rgb.epsg).toBe(32618);
    expect(Math.abs(rgb.gsd - 300)).toBeLessThan(1);
    expect(rgb.minx).toBeGreaterThan(-79);
    expect(rgb.maxx).toBeLessThan(-76);
  });

  test('MNR-9 warnings: not cloud-optimised, outside the service area; duplicates are refused by SM3 checksum', async () => {
    const [rgb] = await ingest(['RGB.byte.tif']);
    expect(rgb).toMatchObject({ ok: true });
    const warnings = (rgb as { warnings: string[] }).warnings.join(' ');
    expect(warnings).toContain('COG');
    expect(warnings).toContain('服务区域');
    const [again] = await ingest(['RGB.byte.tif']);
    expect(again).toMatchObject({ ok: false, code: 'INGEST_DUPLICATE' });
  });

  test('MNR-5 no secrecy stated → 待定密, treated as classified, cannot be published', async () => {
    const [r] = await ingest(['cogeo.tif'], { secrecy: null, publish: true });
    expect(r).toMatchObject({ ok: false, code: 'CATALOG_SECRECY_UNDETERMINED' });
    const [ok] = await ingest(['cogeo.tif'], { secrecy: null });
    expect(ok).toMatchObject({ ok: true });
    const { rows } = await db.query<{ secrecy: string }>('SELECT secrecy FROM catalog_item');
    expect(rows).toEqual([{ secrecy: 'undetermined' }]);
    // nothing stored for the refused attempt
    expect((await db.query('SELECT count(*)::int n FROM catalog_asset')).rows[0]).toEqual({ n: 2 });
  });

  test('BX-16 an ingested public item serves its thumbnail and file; the thumbnail is a PNG', async () => {
    const [r] = await ingest(['cogeo.tif'], { publish: true });
    const { itemId } = r as { itemId: string };
    await app.services.catalog.publishCollection(SYSTEM_CONTEXT, 'imports', true);
    const item = (await app.inject({ method: 'GET', url: `/api/stac/collections/imports/items/${itemId}` })).json();
    expect(Object.keys(item.assets).sort()).toEqual(['data', 'thumbnail']);
    const png = await app.inject({ method: 'GET', url: new URL(item.assets.thumbnail.href).pathname });
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.subarray(1, 4).toString()).toBe('PNG');
  });

  test('MNR-9 upload through the API: one result per file, errors per file', async () => {
    await givenUser(app.services, { username: 'keeper', roles: ['catalogueManager'] });
    const keeper = await loginAs(app, 'keeper');
    const body = multipart({ collectionId: 'imports', secrecy: '非涉密', publish: 'false' }, [
      { name: 'shade.tif', data: readFileSync(join(IMAGERY, 'shade.tif')) },
      { name: 'corrupt.tif', data: readFileSync(join(IMAGERY, 'corrupt.tif')) },
      { name: 'notes.txt', data: Buffer.from('hello') },
    ]);
    const res = await app.inject({
      method: 'POST',
      url: '/api/catalog/ingest',
      payload: body.payload,
      headers: { ...keeper.headers, ...body.headers },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().results.map((r: { file: string; ok: boolean; code?: string }) => [r.file, r.ok, r.code])).toEqual(
      [
        ['shade.tif', true, undefined],
        ['corrupt.tif', false, 'INGEST_TIFF_CORRUPT'],
        ['notes.txt', false, 'INGEST_UNSUPPORTED'],
      ],
    );
    const clerkless = await app.inject({
      method: 'POST',
      url: '/api/catalog/ingest',
      payload: body.payload,
      headers: body.headers,
    });
    expect(clerkless.statusCode).toBe(401);
  });

  test.skipIf(!existsSync(BOUNDARIES))(
    'YQ-17 GCJ-02 vector results are converted to CGCS2000 on the way in',
    async () => {
      const file = join(BOUNDARIES, '210500_full.json');
      const [asIs] = await app.services.ingest.ingestMany(SYSTEM_CONTEXT, [{ path: file, name: 'benxi-raw.geojson' }], {
        collectionId: 'imports',
        secrecy: 'public',
        publish: false,
      });
      const [converted] = await app.services.ingest.ingestMany(
        SYSTEM_CONTEXT,
        [{ path: file, name: 'benxi.geojson' }],
        { collectionId: 'imports', secrecy: 'public', publish: false, gcj02: true },
      );
      expect(asIs).toMatchObject({ ok: true });
      expect(converted).toMatchObject({ ok: false, code: 'INGEST_DUPLICATE' }); // same file bytes: SM3 duplicate
      await db.query('DELETE FROM catalog_asset; ');
      await db.exec('DELETE FROM catalog_item');
      const [c2] = await app.services.ingest.ingestMany(SYSTEM_CONTEXT, [{ path: file, name: 'benxi.geojson' }], {
        collectionId: 'imports',
        secrecy: 'public',
        publish: false,
        gcj02: true,
      });
      expect(c2).toMatchObject({ ok: true });
      const { rows } = await db.query<{ km2: number }>(
        'SELECT ST_Area(geom::geography) / 1e6 AS km2 FROM catalog_item',
      );
      // 本溪 8427.2 km² on CGCS2000 after conversion (shared/data/README.md), ±0.5 %
      expect(Math.abs(rows[0]!.km2 - 8427.2) / 8427.2).toBeLessThan(0.005);
    },
  );
});
