import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeArrayBuffer } from 'geotiff';
import { afterAll, describe, expect, test } from 'vitest';
import { type DomainError, isDomainError } from '../../errors/domain-error.js';
import {
  checkCogLayout,
  dataTypeOf,
  geoTransformFromTags,
  parseGdalNodata,
  probeRaster,
  type RasterProbe,
  readRasterHeader,
  requireGeoreference,
  type TiffIfd,
} from '../raster-header.js';

const REPO_ROOT = fileURLToPath(new URL('../../../../../../', import.meta.url));
const IMAGERY = path.resolve(REPO_ROOT, '../shared/data/imagery');
const img = (name: string) => path.join(IMAGERY, name);

async function ingestError(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (e) {
    if (isDomainError(e)) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

/** A small GeoTIFF written by geotiff.js (big-endian, one uncompressed strip, IFD at byte 8). */
function geotiff(values: ArrayLike<number> & { length: number }, meta: Record<string, unknown>): ArrayBuffer {
  return writeArrayBuffer(values as Uint8Array, meta as Parameters<typeof writeArrayBuffer>[1]);
}

const UTM50N = { GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 32650, ProjLinearUnitsGeoKey: 9001 };

describe('geoTransformFromTags (GDAL order [c, a, b, f, d, e])', () => {
  test.each([
    [
      'tie point + pixel scale',
      { pixelScale: [300, 300, 0], tiepoints: [0, 0, 0, 101985, 2826915, 0] },
      'area',
      [101985, 300, 0, 2826915, 0, -300],
    ],
    [
      'tie point at pixel (10, 20) instead of the origin',
      { pixelScale: [2, 3, 0], tiepoints: [10, 20, 0, 1000, 5000, 0] },
      'area',
      [980, 2, 0, 5060, 0, -3],
    ],
    [
      'PixelIsPoint: the tie point is the centre of pixel (0, 0)',
      { pixelScale: [30, 30, 0], tiepoints: [0, 0, 0, 500000, 4500000, 0] },
      'point',
      [499985, 30, 0, 4500015, 0, -30],
    ],
    [
      'ModelTransformation with rotation (rotated.tif)',
      { transformation: [17.32, 5, 0, 100, 10, -8.66, 0, 200, 0, 0, 0, 0, 0, 0, 0, 1] },
      'area',
      [100, 17.32, 5, 200, 10, -8.66],
    ],
    [
      'ModelTransformation wins over tie point + scale',
      {
        transformation: [2, 0, 0, 7, 0, -2, 0, 9, 0, 0, 0, 0, 0, 0, 0, 1],
        pixelScale: [1, 1, 0],
        tiepoints: [0, 0, 0, 0, 0, 0],
      },
      'area',
      [7, 2, 0, 9, 0, -2],
    ],
    [
      'PixelIsPoint with rotation shifts along both axes',
      { transformation: [2, 1, 0, 10, 1, -2, 0, 20, 0, 0, 0, 0, 0, 0, 0, 1] },
      'point',
      [8.5, 2, 1, 20.5, 1, -2],
    ],
  ] as const)('%s', (_name, tags, rasterType, expected) => {
    const { geoTransform, gcpCount } = geoTransformFromTags(tags, rasterType);
    expect(gcpCount).toBe(0);
    expect(geoTransform).toHaveLength(6);
    for (const [k, v] of geoTransform!.entries()) expect(v).toBeCloseTo(expected[k]!, 9);
  });

  test.each([
    ['nothing', {}, 0],
    ['pixel scale only', { pixelScale: [1, 1, 0] }, 0],
    ['three ground control points', { tiepoints: [0, 0, 0, 1, 1, 0, 9, 0, 0, 2, 1, 0, 0, 9, 0, 1, 2, 0] }, 3],
    ['singular transformation', { transformation: [0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 1] }, 0],
    ['non-finite scale', { pixelScale: [Number.NaN, 1, 0], tiepoints: [0, 0, 0, 1, 1, 0] }, 0],
  ])('no affine transform: %s', (_name, tags, gcps) => {
    expect(geoTransformFromTags(tags, 'area')).toEqual({ geoTransform: null, gcpCount: gcps });
  });
});

describe('parseGdalNodata', () => {
  test.each([
    ['0\0', 0],
    ['-9999', -9999],
    [' 255 \0', 255],
    ['1e20', 1e20],
    ['nan\0', Number.NaN],
    ['NaN', Number.NaN],
    ['-inf', Number.NEGATIVE_INFINITY],
    ['inf', Number.POSITIVE_INFINITY],
    ['', null],
    ['\0', null],
    ['abc', null],
    [undefined, null],
  ] as const)('%j → %s', (raw, expected) => {
    const v = parseGdalNodata(raw);
    if (expected !== null && Number.isNaN(expected)) expect(v).toBeNaN();
    else expect(v).toBe(expected);
  });
});

describe('dataTypeOf', () => {
  test.each([
    [[8, 8, 8], [1, 1, 1], 'uint8'],
    [[16, 16, 16, 16], [1, 1, 1, 1], 'uint16'],
    [[16], [2], 'int16'],
    [[32], [1], 'uint32'],
    [[32], [2], 'int32'],
    [[32], [3], 'float32'],
    [[64], [3], 'float64'],
  ])('BitsPerSample %j, SampleFormat %j → %s', (bits, formats, type) => {
    expect(dataTypeOf({ bitsPerSample: bits, sampleFormat: formats, samplesPerPixel: bits.length })).toBe(type);
  });

  test.each([
    [[8], [2], '8 位有符号整数'],
    [[16], [3], '16 位浮点'],
    [[1], [1], '1 位无符号整数'],
    [[12], [1], '12 位无符号整数'],
    [[32], [6], '32 位复数浮点'],
    [[8, 16], [1, 1], '各波段像元类型不一致'],
  ])('BitsPerSample %j, SampleFormat %j → INGEST_UNSUPPORTED', (bits, formats, zh) => {
    let err: unknown;
    try {
      dataTypeOf({ bitsPerSample: bits, sampleFormat: formats, samplesPerPixel: bits.length });
    } catch (e) {
      err = e;
    }
    expect(isDomainError(err) && err.code).toBe('INGEST_UNSUPPORTED');
    expect((err as Error).message).toContain(zh);
  });
});

/** IFD stub for the COG rules: `blocks` are [offset, byteCount] pairs. */
function ifd(
  index: number,
  offset: number,
  size: number,
  blocks: Array<[number, number]>,
  opts: { subfileType?: number; tiled?: boolean } = {},
): TiffIfd {
  return {
    index,
    offset,
    subfileType: opts.subfileType ?? (index > 0 ? 1 : 0),
    width: size,
    height: size,
    samplesPerPixel: 3,
    bitsPerSample: [8, 8, 8],
    sampleFormat: [1, 1, 1],
    compression: 7,
    photometric: 6,
    planar: 1,
    tiled: opts.tiled ?? true,
    blockWidth: 512,
    blockHeight: 512,
    blockOffsets: blocks.map((b) => b[0]),
    blockByteCounts: blocks.map((b) => b[1]),
  };
}

describe('checkCogLayout', () => {
  // GDAL COG layout: IFDs first, then the smallest overview's data, …, the full resolution last.
  const cog = [
    ifd(0, 8, 1024, [
      [5000, 100],
      [5100, 100],
      [5200, 100],
      [5300, 100],
    ]),
    ifd(1, 300, 512, [[4000, 100]]),
    ifd(2, 500, 256, [[3000, 100]]),
  ];

  test('a GDAL-style COG passes', () => {
    expect(checkCogLayout(cog)).toEqual({ ok: true, problems: [] });
  });

  test('a small striped image only lacks tiling', () => {
    expect(checkCogLayout([ifd(0, 8, 400, [[1000, 10]], { tiled: false })])).toEqual({
      ok: false,
      problems: ['未分块（strip 存储）'],
    });
  });

  test.each([
    ['no overviews on a 1024 px image', [cog[0]!], '缺少金字塔（overview）'],
    ['IFD written after the pixel data', [{ ...cog[0]!, offset: 9000 }, cog[1]!, cog[2]!], 'IFD 未全部位于文件头部'],
    [
      'full resolution written before the overviews',
      [cog[0]!, { ...cog[1]!, blockOffsets: [9000] }, cog[2]!],
      '小金字塔在前、全分辨率在后',
    ],
    [
      'tiles out of row-major order',
      [{ ...cog[0]!, blockOffsets: [5000, 5200, 5100, 5300] }, cog[1]!, cog[2]!],
      '行优先',
    ],
    ['overviews listed smallest first', [cog[0]!, cog[2]!, cog[1]!], '金字塔层级未按分辨率由高到低排列'],
    ['an untiled overview', [cog[0]!, { ...cog[1]!, tiled: false }, cog[2]!], '金字塔（overview）未分块'],
  ])('%s', (_name, ifds, problem) => {
    const r = checkCogLayout(ifds);
    expect(r.ok).toBe(false);
    expect(r.problems.join('\n')).toContain(problem);
  });

  test('masks (NewSubfileType 4/5) are neither overviews nor order-checked; sparse blocks are ignored', () => {
    const mask = ifd(3, 700, 1024, [[9999, 52]], { subfileType: 4 });
    const sparse = { ...cog[0]!, blockOffsets: [0, 5100, 5200, 5300], blockByteCounts: [0, 100, 100, 100] };
    expect(checkCogLayout([sparse, cog[1]!, cog[2]!, mask])).toEqual({ ok: true, problems: [] });
  });

  test("GDAL's ghost header saying the file was edited after creation", () => {
    expect(checkCogLayout(cog, { KNOWN_INCOMPATIBLE_EDITION: 'YES' }).problems).toEqual([
      '文件生成 COG 后被修改（KNOWN_INCOMPATIBLE_EDITION=YES）',
    ]);
  });
});

describe('requireGeoreference', () => {
  const probe: RasterProbe = {
    width: 10,
    height: 10,
    bandCount: 1,
    dataType: 'uint8',
    nodata: null,
    compression: 'none',
    photometric: 'min-is-black',
    interleave: 'pixel',
    tiled: false,
    tileWidth: null,
    tileHeight: null,
    overviewCount: 0,
    overviews: [],
    cog: { ok: false, problems: ['未分块（strip 存储）'] },
    fileSize: 1000,
    geoKeys: { GTModelTypeGeoKey: 2, GeographicTypeGeoKey: 4490 },
    geoTransform: [123, 0.001, 0, 41, 0, -0.001],
    gcpCount: 0,
    rasterType: 'area',
  };

  test('keeps the layout, adds EPSG and axis unit, drops the raw GeoKeys', () => {
    const h = requireGeoreference(probe);
    expect(h).toMatchObject({ epsg: 4490, axisUnit: 'degree', geoTransform: probe.geoTransform, width: 10 });
    expect(h).not.toHaveProperty('geoKeys');
    expect(h).not.toHaveProperty('gcpCount');
  });

  test.each([
    ['no transform → INGEST_NO_GEOREFERENCE', { geoTransform: null }, 'INGEST_NO_GEOREFERENCE'],
    ['ground control points only → INGEST_UNSUPPORTED', { geoTransform: null, gcpCount: 4 }, 'INGEST_UNSUPPORTED'],
    ['no GeoKeys → INGEST_UNKNOWN_CRS', { geoKeys: null }, 'INGEST_UNKNOWN_CRS'],
    [
      'no transform and no CRS → the georeference is reported first',
      { geoTransform: null, geoKeys: null },
      'INGEST_NO_GEOREFERENCE',
    ],
  ] as const)('%s', (_name, patch, code) => {
    let err: unknown;
    try {
      requireGeoreference({ ...probe, ...patch });
    } catch (e) {
      err = e;
    }
    expect(isDomainError(err) && err.code).toBe(code);
  });
});

describe('readRasterHeader on GeoTIFFs written in the test', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'geoshare-raster-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const uint16 = () =>
    geotiff(
      Uint16Array.from({ length: 4 * 3 * 4 }, (_, i) => 100 + i),
      {
        width: 4,
        height: 3,
        ModelPixelScale: [0.8, 0.8, 0],
        ModelTiepoint: [0, 0, 0, 39500000, 4500000, 0],
        GTModelTypeGeoKey: 1,
        ProjectedCSTypeGeoKey: 4527, // CGCS2000 3° Gauss-Krüger zone 39
        ProjLinearUnitsGeoKey: 9001,
        GDAL_NODATA: '0',
      },
    );

  test('a 4-band uint16 CGCS2000 Gauss-Krüger scene, from memory and from a file path', async () => {
    const buf = uint16();
    const file = path.join(dir, 'gk.tif');
    writeFileSync(file, Buffer.from(buf));
    for (const input of [buf, file]) {
      expect(await readRasterHeader(input)).toEqual({
        width: 4,
        height: 3,
        bandCount: 4,
        dataType: 'uint16',
        nodata: 0,
        compression: 'none',
        photometric: 'min-is-black',
        interleave: 'pixel',
        tiled: false,
        tileWidth: null,
        tileHeight: null,
        overviewCount: 0,
        overviews: [],
        cog: { ok: false, problems: ['未分块（strip 存储）'] },
        fileSize: buf.byteLength,
        epsg: 4527,
        geoTransform: [39500000, 0.8, 0, 4500000, 0, -0.8],
        axisUnit: 'metre',
        rasterType: 'area',
      });
    }
  });

  test('PixelIsPoint shifts the origin by half a pixel; float nodata NaN is kept as NaN', async () => {
    const h = await readRasterHeader(
      geotiff(Float32Array.from([1, Number.NaN, 3, 4]), {
        width: 2,
        height: 2,
        ModelPixelScale: [0.5, 0.5, 0],
        ModelTiepoint: [0, 0, 0, 120, 30, 0],
        GTModelTypeGeoKey: 2,
        GTRasterTypeGeoKey: 2,
        GeographicTypeGeoKey: 4490,
        GDAL_NODATA: 'nan',
      }),
    );
    expect(h).toMatchObject({ dataType: 'float32', epsg: 4490, axisUnit: 'degree', rasterType: 'point' });
    expect(h.nodata).toBeNaN();
    expect(h.geoTransform).toEqual([119.75, 0.5, 0, 30.25, 0, -0.5]);
  });

  test('user-defined CRS → INGEST_UNKNOWN_CRS; pixel scale without a tie point → INGEST_NO_GEOREFERENCE', async () => {
    const userDefined = geotiff(new Uint8Array(4), {
      width: 2,
      height: 2,
      ModelPixelScale: [1, 1, 0],
      ModelTiepoint: [0, 0, 0, 0, 0, 0],
      GTModelTypeGeoKey: 1,
      ProjectedCSTypeGeoKey: 32767,
    });
    expect((await ingestError(readRasterHeader(userDefined))).code).toBe('INGEST_UNKNOWN_CRS');
    const noTiepoint = geotiff(new Uint8Array(4), { width: 2, height: 2, ...UTM50N });
    expect((await ingestError(readRasterHeader(noTiepoint))).code).toBe('INGEST_NO_GEOREFERENCE');
  });

  test('int8 pixels → INGEST_UNSUPPORTED', async () => {
    const int8 = geotiff(Int8Array.from([-1, 2, -3, 4]), {
      width: 2,
      height: 2,
      ModelPixelScale: [1, 1, 0],
      ModelTiepoint: [0, 0, 0, 0, 0, 0],
      ...UTM50N,
    });
    expect((await ingestError(readRasterHeader(int8))).code).toBe('INGEST_UNSUPPORTED');
  });

  test.each([
    ['empty', () => new ArrayBuffer(0)],
    ['a PNG signature', () => Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]).buffer],
    [
      'random bytes after a TIFF magic',
      () => Uint8Array.from({ length: 64 }, (_, i) => (i < 4 ? [77, 77, 0, 42][i]! : 251)).buffer,
    ],
    ['truncated inside the pixel data', () => uint16().slice(0, 300)],
    ['truncated inside the IFD', () => uint16().slice(0, 40)],
  ])('%s → INGEST_TIFF_CORRUPT', async (_name, make) => {
    const e = await ingestError(readRasterHeader(make()));
    expect(e.code).toBe('INGEST_TIFF_CORRUPT');
    expect(e.details).toHaveProperty('reason');
  });

  test('an IFD chain that loops back on itself → INGEST_TIFF_CORRUPT, not a hang', async () => {
    const buf = uint16();
    const view = new DataView(buf);
    const entries = view.getUint16(8, false); // big-endian file, first IFD at byte 8
    view.setUint32(8 + 2 + 12 * entries, 8, false); // "next IFD" → the first IFD again
    const e = await ingestError(readRasterHeader(buf));
    expect(e.code).toBe('INGEST_TIFF_CORRUPT');
    expect(e.message).toContain('循环');
  });

  test('a missing file is a plain fs error, not an ingest verdict', async () => {
    await expect(readRasterHeader(path.join(dir, 'nope.tif'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe.skipIf(!existsSync(IMAGERY))(
  'readRasterHeader on the shared real GeoTIFFs (skipped: ../shared/data/imagery absent)',
  () => {
    const UTM18N_300M: [number, number, number, number, number, number] = [
      101985, 300.0379266750948, 0, 2826915, 0, -300.041782729805,
    ];

    test('cogeo.tif: a valid COG, JPEG, EPSG:3857, 0.597 m, six overviews', async () => {
      const h = await readRasterHeader(img('cogeo.tif'));
      expect(h).toMatchObject({
        width: 1024,
        height: 1024,
        bandCount: 3,
        dataType: 'uint8',
        nodata: null,
        compression: 'jpeg',
        photometric: 'ycbcr',
        tiled: true,
        tileWidth: 512,
        tileHeight: 512,
        overviewCount: 6,
        cog: { ok: true, problems: [] },
        epsg: 3857,
        axisUnit: 'metre',
      });
      expect(h.overviews.map((o) => o.width)).toEqual([512, 256, 128, 64, 32, 16]);
      expect(h.geoTransform[1]).toBeCloseTo(0.597164, 6);
    });

    test('RGB.byte.tif: UTM 18N (EPSG:32618), 300 m, nodata 0, striped, not a COG', async () => {
      const h = await readRasterHeader(img('RGB.byte.tif'));
      expect(h).toMatchObject({ width: 791, height: 718, bandCount: 3, dataType: 'uint8', nodata: 0, epsg: 32618 });
      expect(h.geoTransform).toEqual(UTM18N_300M);
      expect(h.cog).toEqual({
        ok: false,
        problems: ['未分块（strip 存储）', '缺少金字塔（overview）', 'IFD 未全部位于文件头部（应在影像数据之前）'],
      });
    });

    test('shade.tif: tiled one-band Web Mercator without overviews', async () => {
      const h = await readRasterHeader(img('shade.tif'));
      expect(h).toMatchObject({ width: 1024, height: 1024, bandCount: 1, epsg: 3857, tiled: true, tileWidth: 256 });
      expect(h).toMatchObject({ nodata: 255, interleave: 'band', overviewCount: 0 });
      expect(h.cog.problems).toContain('缺少金字塔（overview）');
    });

    test('rgb1–4.tif: tiles of one grid; their CRS is user-defined → INGEST_UNKNOWN_CRS suggesting 32618', async () => {
      const origins: number[][] = [];
      for (const name of ['rgb1.tif', 'rgb2.tif', 'rgb3.tif', 'rgb4.tif']) {
        const p = await probeRaster(img(name));
        origins.push([p.geoTransform![0], p.geoTransform![3], p.width, p.height]);
        const e = await ingestError(readRasterHeader(img(name)));
        expect(e.code).toBe('INGEST_UNKNOWN_CRS');
        expect(e.details).toMatchObject({ suggestedEpsg: 32618, found: { ProjectedCSTypeGeoKey: 32767 } });
      }
      const [r1, r2, r3] = origins as [number[], number[], number[]];
      // Same 300 m grid: rgb2 starts 399 columns east of rgb1 and rgb3 399 rows south — one pixel of overlap.
      expect((r2[0]! - r1[0]!) / 300.0379266750948).toBeCloseTo(399, 9);
      expect((r1[1]! - r3[1]!) / 300.041782729805).toBeCloseTo(399, 9);
      expect(r2[1]).toBe(r1[1]);
    });

    test('rotated.tif: the rotated ModelTransformation is read; it has no CRS → INGEST_UNKNOWN_CRS', async () => {
      const p = await probeRaster(img('rotated.tif'));
      expect(p.geoTransform).toEqual([
        100, 17.320508075688775, 4.999999999999999, 200, 9.999999999999998, -8.660254037844387,
      ]);
      expect((await ingestError(readRasterHeader(img('rotated.tif')))).code).toBe('INGEST_UNKNOWN_CRS');
    });

    test('float_nan.tif: float32 with NaN nodata, south-up transform, no CRS', async () => {
      const p = await probeRaster(img('float_nan.tif'));
      expect(p).toMatchObject({ width: 3, height: 2, dataType: 'float32', geoTransform: [0, 100, 0, 0, 0, 100] });
      expect(p.nodata).toBeNaN();
      expect((await ingestError(readRasterHeader(img('float_nan.tif')))).code).toBe('INGEST_UNKNOWN_CRS');
    });

    test('corrupt.tif is rejected with INGEST_TIFF_CORRUPT (a tile runs past the end of the file)', async () => {
      const e = await ingestError(readRasterHeader(img('corrupt.tif')));
      expect(e.code).toBe('INGEST_TIFF_CORRUPT');
      expect(e.details).toMatchObject({ ifd: 0, block: 3, fileSize: 298232 });
    });

    test.each([
      ['cogeo.tif', 0.5],
      ['cogeo.tif', 0.05],
      ['RGB.byte.tif', 0.5], // its IFD is at the end: gone when truncated
      ['shade.tif', 0.99],
    ])('%s truncated to %s of its size → INGEST_TIFF_CORRUPT', async (name, fraction) => {
      const bytes = readFileSync(img(name));
      const cut = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + Math.floor(bytes.byteLength * fraction));
      expect((await ingestError(readRasterHeader(cut))).code).toBe('INGEST_TIFF_CORRUPT');
    });
  },
);
