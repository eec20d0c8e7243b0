import { Tiff } from '@cogeotiff/core';
import { beforeAll, describe, expect, test } from 'vitest';
import { testStorage } from '../../../../test/harness.js';
import type { CogGeoreference } from '../cog-writer.js';
import { inProcessPixels } from '../pixel-pool.js';
import { storageSource, TileRenderer, type TileSourceRef } from '../tile.render.js';
import { CGCS2000Quad, tileAt } from '../tile-matrix-set.js';
import { expectGolden, recordingSource, writeSampledCog } from './tile.fixtures.js';

/**
 * Mosaic composition in the renderer (BX-16): sources newest first, each drawing only where the tile is still
 * transparent, so nodata lets older items show through; reading stops once the tile is opaque.
 * Three 1024² px RGB COGs over 114.2–114.3°E, 27.45–27.55°N (EPSG:4490, 256 px tiles, nodata 0):
 * `old` blue everywhere, `half` red in its west half and nodata in the east, `full` red everywhere.
 */

const storage = testStorage();
const GEO: CogGeoreference = {
  crs: { kind: 'geographic', epsg: 4490 },
  origin: [114.2, 27.55],
  pixelSize: [0.1 / 1024, 0.1 / 1024],
  nodata: 0,
};
const ref = (name: string): TileSourceRef => ({
  storageKey: `raster-mosaic/${name}.tif`,
  version: '1',
  bbox: [114.2, 27.45, 114.3, 27.55],
});
const BLUE = [40, 60, 200];
const RED = [200, 40, 40];
const OLD = ref('old');
const HALF = ref('half');
const FULL = ref('full');
const format = { width: 1024, height: 1024, tileSize: 256, compression: 'deflate', bands: 3 } as const;

beforeAll(async () => {
  await writeSampledCog(storage, OLD.storageKey, format, GEO, (_x, _y, b) => BLUE[b]!);
  await writeSampledCog(storage, HALF.storageKey, format, GEO, (x, _y, b) => (x < 512 ? RED[b]! : 0));
  await writeSampledCog(storage, FULL.storageKey, format, GEO, (_x, _y, b) => RED[b]!);
  await storage.put('raster-mosaic/broken.tif', Buffer.from('not a tiff'));
});

const renderer = () => new TileRenderer(storageSource(storage), inProcessPixels());
const INSIDE = tileAt(CGCS2000Quad, 114.225, 27.525, 15);

describe('mosaic tiles (BX-16: newest on top, nodata transparent)', () => {
  test('golden: the newer item’s nodata half shows the older item beneath', async () => {
    const r = (await renderer().renderMosaic(
      [HALF, OLD],
      CGCS2000Quad,
      tileAt(CGCS2000Quad, 114.25, 27.5, 11),
      'png',
    ))!;
    expect(r.drawn).toEqual([0, 1]);
    await expectGolden('mosaic-overlap-cgcs2000quad-z11', r.body);
  });

  test('range reads: a tile the newest item covers reads only that item (its header and its tiles, once each)', async () => {
    const { factory, reads } = recordingSource(storage);
    const r = (await new TileRenderer(factory, inProcessPixels()).renderMosaic(
      [FULL, HALF, OLD],
      CGCS2000Quad,
      INSIDE,
      'png',
    ))!;
    expect(r.drawn).toEqual([0]);
    expect(new Set(reads.map((x) => x.key))).toEqual(new Set([FULL.storageKey]));
    expect(reads[0]!.offset).toBe(0);
    expect(new Set(reads.map((x) => x.offset)).size).toBe(reads.length);
  });

  test('range reads: where the newest item has nodata, each item’s source tile is read once', async () => {
    const { factory, reads } = recordingSource(storage);
    // a level-15 tile across the west/east boundary of `half` (114.25°E)
    const t = tileAt(CGCS2000Quad, 114.25, 27.525, 15);
    const r = (await new TileRenderer(factory, inProcessPixels()).renderMosaic([HALF, OLD], CGCS2000Quad, t, 'png'))!;
    expect(r.drawn).toEqual([0, 1]);
    const byKey = (key: string) => reads.filter((x) => x.key === key).map((x) => x.offset);
    for (const src of [HALF, OLD]) {
      const offsets = byKey(src.storageKey);
      expect(offsets[0]).toBe(0); // the header
      expect(new Set(offsets).size).toBe(offsets.length); // no tile read twice
      const tiff = await Tiff.create(await storageSource(storage)(src.storageKey));
      const level0 = await Promise.all(
        Array.from({ length: 16 }, async (_, i) => (await tiff.images[0]!.getTileSize(i)).offset),
      );
      expect(offsets.slice(1).every((o) => level0.includes(o))).toBe(true);
      expect(offsets.length).toBeGreaterThan(1);
    }
  });

  test('an unreadable item is left out; a tile nobody covers is null', async () => {
    const broken = { ...OLD, storageKey: 'raster-mosaic/broken.tif' };
    const r = (await renderer().renderMosaic([broken, OLD], CGCS2000Quad, INSIDE, 'png'))!;
    expect(r.drawn).toEqual([1]);
    expect(await renderer().renderMosaic([OLD], CGCS2000Quad, tileAt(CGCS2000Quad, 116, 29, 15), 'png')).toBeNull();
  });
});
