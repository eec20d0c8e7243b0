import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, test } from 'vitest';
import { cogLevels } from '../cog-layout.rules.js';
import {
  assembleCog,
  type CogFormat,
  type CogGeoreference,
  encodeCogTiles,
  type RawTileSource,
  writeCog,
} from '../cog-writer.js';
import { readIfds, readRasterHeader } from '../raster-header.js';
import { withGeoTiff } from '../tiff-source.js';

const dir = mkdtempSync(path.join(tmpdir(), 'cog-writer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string) => path.join(dir, name);

/** A smooth colour field in full-resolution pixel coordinates: JPEG-friendly at every overview level. */
const pattern = (x: number, y: number): [number, number, number] => [
  Math.round(128 + 100 * Math.sin((2 * Math.PI * x) / 400)),
  Math.round(128 + 100 * Math.cos((2 * Math.PI * y) / 300)),
  Math.round((255 * (x + y)) / 1700),
];

/**
 * Tiles of `pattern` for a width × height raster: level k samples the pattern every 2^k full-resolution pixels,
 * padding repeats the last column/row of the level.
 */
function patternTiles(width: number, height: number, tileSize: number, bands = 3, bytes = 1): RawTileSource {
  const levels = cogLevels(width, height, tileSize);
  return (level, col, row) => {
    const l = levels[level]!;
    const buf = Buffer.alloc(tileSize * tileSize * bands * bytes);
    for (let j = 0; j < tileSize; j++) {
      const y = Math.min(row * tileSize + j, l.height - 1) * 2 ** level;
      for (let i = 0; i < tileSize; i++) {
        const x = Math.min(col * tileSize + i, l.width - 1) * 2 ** level;
        const rgb = pattern(x, y);
        for (let b = 0; b < bands; b++) {
          const v = rgb[b % 3]! * (bytes === 2 ? 257 : 1);
          const at = ((j * tileSize + i) * bands + b) * bytes;
          if (bytes === 2) buf.writeUInt16LE(v, at);
          else buf[at] = v;
        }
      }
    }
    return buf;
  };
}

/** Mean and max absolute error of interleaved RGB of a window of level `k` against the pattern. */
function compare(rgb: ArrayLike<number>, window: [number, number, number, number], k: number) {
  const [x0, y0, x1, y1] = window;
  let sum = 0;
  let max = 0;
  let n = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const want = pattern(x * 2 ** k, y * 2 ** k);
      for (let b = 0; b < 3; b++) {
        const d = Math.abs(rgb[n++]! - want[b]!);
        sum += d;
        max = Math.max(max, d);
      }
    }
  }
  return { mean: sum / n, max };
}

const GEOGRAPHIC: CogGeoreference = {
  crs: { kind: 'geographic', epsg: 4490 },
  origin: [114.25, 27.65],
  pixelSize: [9e-6, 8e-6],
};
const GK_114: CogGeoreference = {
  crs: { kind: 'projected', epsg: 4547 },
  origin: [529_500, 3_055_000],
  pixelSize: [0.5, 0.5],
  nodata: 0,
};
const JPEG_1000: CogFormat = { width: 1000, height: 700, tileSize: 256, compression: 'jpeg', quality: 90 };

describe('JPEG COG (RGB in, YCbCr 4:2:0 stored), EPSG:4490', async () => {
  const p = file('jpeg-4490.tif');
  const written = await writeCog(p, JPEG_1000, GEOGRAPHIC, patternTiles(1000, 700, 256));

  test('reads back through readRasterHeader: CRS, geotransform, size, overviews, COG layout', async () => {
    const h = await readRasterHeader(p);
    expect(h).toMatchObject({
      epsg: 4490,
      axisUnit: 'degree',
      rasterType: 'area',
      width: 1000,
      height: 700,
      bandCount: 3,
      dataType: 'uint8',
      compression: 'jpeg',
      photometric: 'ycbcr',
      interleave: 'pixel',
      tileWidth: 256,
      tileHeight: 256,
      overviewCount: 2,
      overviews: [
        { ifd: 1, width: 500, height: 350 },
        { ifd: 2, width: 250, height: 175 },
      ],
      nodata: null,
      cog: { ok: true, problems: [] },
      fileSize: written.bytes,
    });
    expect(h.geoTransform).toEqual([114.25, 9e-6, 0, 27.65, 0, -8e-6]);
    expect(written.bigTiff).toBe(false);
    expect(statSync(p).size).toBe(written.bytes);
  });

  test('classic little-endian TIFF with the GDAL ghost area saying the IFDs come first', async () => {
    const head = (await readFile(p)).subarray(0, 4);
    expect([...head]).toEqual([0x49, 0x49, 42, 0]);
    const ghost = await withGeoTiff(p, (tiff) => tiff.getGhostValues());
    expect(ghost).toMatchObject({
      LAYOUT: 'IFDS_BEFORE_DATA',
      BLOCK_ORDER: 'ROW_MAJOR',
      BLOCK_LEADER: 'SIZE_AS_UINT4',
      BLOCK_TRAILER: 'LAST_4_BYTES_REPEATED',
      KNOWN_INCOMPATIBLE_EDITION: 'NO',
    });
  });

  test('geotiff.js decodes full resolution and overviews within JPEG tolerance', async () => {
    await withGeoTiff(p, async (tiff) => {
      // A window across tile borders, one in the padded edge tiles, and the overviews.
      const cases: [number, [number, number, number, number]][] = [
        [0, [200, 200, 320, 300]],
        [0, [900, 600, 1000, 700]],
        [1, [0, 0, 500, 350]],
        [2, [0, 0, 250, 175]],
      ];
      for (const [k, window] of cases) {
        const rgb = await (await tiff.getImage(k)).readRGB({ window, interleave: true });
        const e = compare(rgb as unknown as ArrayLike<number>, window, k);
        expect(e.mean, `level ${k}`).toBeLessThan(2);
        expect(e.max, `level ${k}`).toBeLessThan(16);
      }
    });
  });

  test('libvips (sharp) opens it and decodes every level to the right RGB', async () => {
    const meta = await sharp(p).metadata();
    expect(meta).toMatchObject({ format: 'tiff', width: 1000, height: 700, channels: 3, pages: 3 });
    for (const k of [0, 2]) {
      const { data, info } = await sharp(p, { page: k }).raw().toBuffer({ resolveWithObject: true });
      const e = compare(data, [0, 0, info.width, info.height], k);
      expect(e.mean, `page ${k}`).toBeLessThan(2);
      expect(e.max, `page ${k}`).toBeLessThan(16);
    }
  });

  test('a raw-tile reader (@cogeotiff/core style) gets a complete baseline JPEG per tile', async () => {
    const bytes = await readFile(p);
    const ifds = await withGeoTiff(p, (tiff, size) => readIfds(tiff, size));
    expect(ifds.map((i) => i.blockOffsets.length)).toEqual([12, 4, 1]);
    // Tile (col 1, row 1) of the full resolution: pixels 256..511.
    const at = ifds[0]!.blockOffsets[5]!;
    const n = ifds[0]!.blockByteCounts[5]!;
    const jpeg = bytes.subarray(at, at + n);
    // GDAL's frame around it: byte count before, last 4 bytes repeated after.
    expect(bytes.readUInt32LE(at - 4)).toBe(n);
    expect(bytes.subarray(at + n, at + n + 4).equals(jpeg.subarray(-4))).toBe(true);
    expect([...jpeg.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    expect([...jpeg.subarray(-2)]).toEqual([0xff, 0xd9]);
    expect(jpeg.includes(Buffer.from([0xff, 0xc0]))).toBe(true); // SOF0: baseline
    expect(jpeg.includes(Buffer.from([0xff, 0xc2]))).toBe(false); // no progressive frame
    const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
    expect(info).toMatchObject({ width: 256, height: 256, channels: 3 });
    let sum = 0;
    for (let j = 0; j < 256; j++)
      for (let i = 0; i < 256; i++) {
        const want = pattern(256 + i, 256 + j);
        for (let b = 0; b < 3; b++) sum += Math.abs(data[(j * 256 + i) * 3 + b]! - want[b]!);
      }
    expect(sum / (256 * 256 * 3)).toBeLessThan(2);
  });
});

describe('deflate COG (lossless)', () => {
  test.each([
    ['1 band uint8, predictor', { bands: 1, dataType: 'uint8', predictor: true }, 1, 1],
    ['3 bands uint8', { bands: 3, dataType: 'uint8' }, 3, 1],
    ['3 bands uint16, predictor', { bands: 3, dataType: 'uint16', predictor: true }, 3, 2],
  ] as const)('%s: every pixel decodes exactly, EPSG:4547 with nodata', async (name, opts, bands, bytes) => {
    const p = file(`deflate-${name.replace(/\W+/g, '-')}.tif`);
    await writeCog(
      p,
      { width: 600, height: 530, tileSize: 256, compression: 'deflate', ...opts },
      GK_114,
      patternTiles(600, 530, 256, bands, bytes),
    );
    const h = await readRasterHeader(p);
    expect(h).toMatchObject({
      epsg: 4547,
      axisUnit: 'metre',
      compression: 'deflate',
      dataType: opts.dataType,
      bandCount: bands,
      photometric: bands === 3 && bytes === 1 ? 'rgb' : 'min-is-black',
      nodata: 0,
      overviewCount: 2,
      cog: { ok: true, problems: [] },
    });
    expect(h.geoTransform).toEqual([529_500, 0.5, 0, 3_055_000, 0, -0.5]);
    await withGeoTiff(p, async (tiff) => {
      for (const k of [0, 1]) {
        const image = await tiff.getImage(k);
        const data = await image.readRasters({ interleave: true });
        let wrong = 0;
        for (let y = 0; y < image.getHeight(); y++)
          for (let x = 0; x < image.getWidth(); x++) {
            const want = pattern(x * 2 ** k, y * 2 ** k);
            for (let b = 0; b < bands; b++) {
              if (data[(y * image.getWidth() + x) * bands + b] !== want[b % 3]! * (bytes === 2 ? 257 : 1)) wrong++;
            }
          }
        expect(wrong, `level ${k}`).toBe(0);
      }
    });
    if (bands === 3 && bytes === 1) {
      const { data } = await sharp(p).raw().toBuffer({ resolveWithObject: true });
      expect(compare(data, [0, 0, 600, 530], 0).max).toBe(0);
    }
  });
});

test('BigTIFF on request: readable by geotiff.js and libvips, still a valid COG', async () => {
  const p = file('big.tif');
  const r = await writeCog(p, JPEG_1000, GEOGRAPHIC, patternTiles(1000, 700, 256), { bigTiff: true });
  expect(r.bigTiff).toBe(true);
  expect([...(await readFile(p)).subarray(0, 4)]).toEqual([0x49, 0x49, 43, 0]);
  const h = await readRasterHeader(p);
  expect(h).toMatchObject({ epsg: 4490, width: 1000, overviewCount: 2, cog: { ok: true } });
  expect((await sharp(p).metadata()).pages).toBe(3);
});

test('encodeCogTiles + assembleCog: tiles encoded once, many files differing only in the header', async () => {
  const encoded = await encodeCogTiles(JPEG_1000, patternTiles(1000, 700, 256));
  const a = assembleCog(encoded, GEOGRAPHIC);
  const b = assembleCog(encoded, GK_114);
  const ha = await readRasterHeader(new Uint8Array(a).buffer);
  const hb = await readRasterHeader(new Uint8Array(b).buffer);
  expect(ha).toMatchObject({ epsg: 4490, overviewCount: 2, cog: { ok: true }, fileSize: a.length });
  expect(hb).toMatchObject({ epsg: 4547, nodata: 0, overviewCount: 2, cog: { ok: true }, fileSize: b.length });
  const dataBytes = encoded.tiles.flat().reduce((n, t) => n + 4 + t.length + 4, 0);
  expect(a.subarray(-dataBytes).equals(b.subarray(-dataBytes))).toBe(true);
  // Same bytes as the streaming writer produces for the same input.
  const streamed = await readFile(file('jpeg-4490.tif'));
  expect(assembleCog(await encodeCogTiles(JPEG_1000, patternTiles(1000, 700, 256)), GEOGRAPHIC).equals(streamed)).toBe(
    true,
  );
});

describe('refusals', () => {
  test('a tile of the wrong size fails the write and leaves no partial file', async () => {
    const p = file('bad.tif');
    await expect(writeCog(p, JPEG_1000, GEOGRAPHIC, () => Buffer.alloc(10))).rejects.toThrow(/raw bytes/);
    expect(existsSync(p)).toBe(false);
  });

  test.each([
    [{ ...JPEG_1000, bands: 4 }, /three uint8 bands/],
    [{ ...JPEG_1000, quality: 0 }, /quality/],
    [{ ...JPEG_1000, tileSize: 300 as 256 }, /tileSize/],
  ])('%j', async (format, message) => {
    await expect(writeCog(file('x.tif'), format, GEOGRAPHIC, patternTiles(1000, 700, 256))).rejects.toThrow(message);
  });

  test('non-positive pixel size', async () => {
    await expect(
      writeCog(file('y.tif'), JPEG_1000, { ...GEOGRAPHIC, pixelSize: [1e-5, -1e-5] }, patternTiles(1000, 700, 256)),
    ).rejects.toThrow(/pixel size/);
  });
});

test('a 4096 × 4096 RGB JPEG COG is a valid COG of sane size (timing lives in bench/, not here)', async () => {
  const p = file('4096.tif');
  const tile = patternTiles(4096, 4096, 512);
  const r = await writeCog(p, { width: 4096, height: 4096, compression: 'jpeg' }, GK_114, tile);
  const h = await readRasterHeader(p);
  expect(h).toMatchObject({ width: 4096, tileWidth: 512, overviewCount: 3, cog: { ok: true } });
  // Smooth synthetic colours at quality 75: far below the 3 bytes/px of raw RGB, yet a real JPEG per tile.
  const bytesPerPixel = r.bytes / (4096 * 4096);
  expect(bytesPerPixel).toBeGreaterThan(0.005);
  expect(bytesPerPixel).toBeLessThan(0.5);
});
