import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Tiff, TiffTag } from '@cogeotiff/core';
import { afterAll, describe, expect, test } from 'vitest';
import { type CogFormat, type CogGeoreference, writeCog } from '../cog-writer.js';
import { readIfds, readRasterHeader } from '../raster-header.js';
import { stretchFromGdalMetadata } from '../render-style.js';
import { withGeoTiff } from '../tiff-source.js';

/**
 * The writer's formats beyond RGB JPEG / deflate (tile rendering tests write them): LZW, int16 and float32 samples, the
 * floating-point predictor, GDAL statistics and internal masks — read back with geotiff.js, an independent decoder.
 */

const dir = mkdtempSync(path.join(tmpdir(), 'cog-writer-formats-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const geo: CogGeoreference = { crs: { kind: 'geographic', epsg: 4490 }, origin: [114, 28], pixelSize: [0.001, 0.001] };
const SIZE = 300;
const value = (x: number, y: number) => (x - 150) * 7 - y * 3;

async function write(name: string, format: CogFormat, mask?: (x: number, y: number) => boolean): Promise<string> {
  const file = path.join(dir, name);
  const bytes = { uint8: 1, uint16: 2, int16: 2, float32: 4 }[format.dataType ?? 'uint8'];
  const ts = format.tileSize ?? 512;
  const px = (level: number, col: number, row: number, i: number, j: number) => [
    Math.min(col * ts + i, Math.ceil(SIZE / 2 ** level) - 1) * 2 ** level,
    Math.min(row * ts + j, Math.ceil(SIZE / 2 ** level) - 1) * 2 ** level,
  ];
  await writeCog(
    file,
    format,
    geo,
    (level, col, row) => {
      const buf = Buffer.alloc(ts * ts * bytes);
      for (let j = 0; j < ts; j++) {
        for (let i = 0; i < ts; i++) {
          const [x, y] = px(level, col, row, i, j) as [number, number];
          const at = (j * ts + i) * bytes;
          if (format.dataType === 'float32') buf.writeFloatLE(value(x, y) / 8, at);
          else buf.writeInt16LE(value(x, y), at);
        }
      }
      return buf;
    },
    mask
      ? {
          mask: (level, col, row) =>
            Uint8Array.from({ length: ts * ts }, (_, k) =>
              mask(...(px(level, col, row, k % ts, Math.floor(k / ts)) as [number, number])) ? 1 : 0,
            ),
        }
      : {},
  );
  return file;
}

const base = { width: SIZE, height: SIZE, tileSize: 256, bands: 1 } as const;

describe('COG writer formats read back by geotiff.js', () => {
  test.each([
    ['int16, LZW, predictor 2', { ...base, compression: 'lzw', dataType: 'int16', predictor: 2 }],
    ['int16, deflate', { ...base, compression: 'deflate', dataType: 'int16' }],
    ['float32, LZW, predictor 3', { ...base, compression: 'lzw', dataType: 'float32', predictor: 3 }],
    ['float32, deflate, predictor 3', { ...base, compression: 'deflate', dataType: 'float32', predictor: 3 }],
  ] as const)('%s: every level decodes to the samples written, and it is a COG', async (name, format) => {
    const file = await write(`${name.replace(/\W+/g, '-')}.tif`, format);
    const header = await readRasterHeader(file);
    expect(header.cog).toEqual({ ok: true, problems: [] });
    await withGeoTiff(file, async (tiff) => {
      for (let k = 0; k < 2; k++) {
        const image = await tiff.getImage(k);
        const [data] = (await image.readRasters()) as unknown as ArrayLike<number>[];
        const w = image.getWidth();
        for (const [i, j] of [
          [0, 0],
          [w - 1, 3],
          [17, image.getHeight() - 1],
        ] as const) {
          const v = value(i * 2 ** k, j * 2 ** k);
          expect(data![j * w + i]).toBe(format.dataType === 'float32' ? v / 8 : v);
        }
      }
    });
  });

  test('GDAL statistics go into GDAL_METADATA on the first IFD', async () => {
    const file = await write('stats.tif', {
      ...base,
      compression: 'deflate',
      dataType: 'int16',
      statistics: [{ minimum: -1, maximum: 9, mean: 4.5, stdDev: 2 }],
    });
    const bytes = readFileSync(file);
    const source = {
      url: new URL('memory:stats.tif'),
      metadata: { size: bytes.length },
      fetch: async (offset: number, length?: number) =>
        bytes.buffer.slice(bytes.byteOffset + offset, bytes.byteOffset + offset + (length ?? bytes.length - offset)),
    };
    const tiff = await Tiff.create(source);
    const xml = String(await tiff.images[0]!.fetch(TiffTag.GdalMetadata));
    expect(stretchFromGdalMetadata(xml, 1)).toEqual([[Math.max(-1, 4.5 - 2.054 * 2), Math.min(9, 4.5 + 2.054 * 2)]]);
    expect(xml).toContain('<Item name="STATISTICS_MINIMUM" sample="0">-1</Item>');
    expect(await tiff.images[1]!.fetch(TiffTag.GdalMetadata)).toBeNull();
  });

  test('internal masks: one 1-bit mask IFD per level (NewSubfileType 4, then 5), and it is still a COG', async () => {
    const file = await write('masked.tif', { ...base, compression: 'deflate', dataType: 'int16' }, (x) => x < 100);
    const header = await readRasterHeader(file);
    expect(header.cog.ok).toBe(true);
    const ifds = await withGeoTiff(file, (tiff, size) => readIfds(tiff, size));
    expect(ifds.map((i) => [i.subfileType, i.width, i.bitsPerSample[0]])).toEqual([
      [0, 300, 16],
      [1, 150, 16],
      [4, 300, 1],
      [5, 150, 1],
    ]);
  });

  test.each([
    ['WebP with 16-bit samples', { ...base, bands: 3, compression: 'webp', dataType: 'uint16' }],
    ['predictor 3 on integers', { ...base, compression: 'lzw', dataType: 'int16', predictor: 3 }],
    ['predictor 2 on floats', { ...base, compression: 'deflate', dataType: 'float32', predictor: 2 }],
  ] as const)('%s is refused', async (_name, format) => {
    await expect(write('refused.tif', format)).rejects.toThrow(RangeError);
  });
});
