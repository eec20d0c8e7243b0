import { describe, expect, test } from 'vitest';
import {
  cogLevels,
  GHOST_AREA,
  ifdTableSize,
  isInline,
  maxTileBytes,
  needsBigTiff,
  planHeader,
  type TagShape,
  tileWriteOrder,
} from '../cog-layout.rules.js';

const sizes = (w: number, h: number, tile: number) => cogLevels(w, h, tile).map((l) => [l.width, l.height]);

describe('cogLevels: halve (rounding up, as GDAL) until a level fits in one tile', () => {
  test.each([
    [256, 256, 256, [[256, 256]]],
    [1, 1, 512, [[1, 1]]],
    [
      1000,
      700,
      256,
      [
        [1000, 700],
        [500, 350],
        [250, 175],
      ],
    ],
    [
      257,
      10,
      256,
      [
        [257, 10],
        [129, 5],
      ],
    ],
    [4096, 4096, 512, [4096, 2048, 1024, 512].map((s) => [s, s])],
    [20000, 20000, 512, [20000, 10000, 5000, 2500, 1250, 625, 313].map((s) => [s, s])],
    [20000, 20000, 256, [20000, 10000, 5000, 2500, 1250, 625, 313, 157].map((s) => [s, s])],
  ])('%i×%i px, %i px tiles', (w, h, tile, expected) => {
    expect(sizes(w, h, tile)).toEqual(expected);
  });

  test('tile grid per level', () => {
    expect(cogLevels(1000, 700, 256)[0]).toEqual({ width: 1000, height: 700, tilesAcross: 4, tilesDown: 3 });
  });

  test.each([
    [0, 10, 256],
    [10, 10.5, 256],
    [10, 10, 0],
  ])('refuses %s×%s / %s', (w, h, t) => {
    expect(() => cogLevels(w, h, t)).toThrow(RangeError);
  });
});

test('tiles are written from the smallest overview to the full resolution, row-major within a level', () => {
  const order = [...tileWriteOrder(cogLevels(400, 300, 256))].map((t) => [t.level, t.col, t.row]);
  expect(order).toEqual([
    [1, 0, 0],
    [0, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
    [0, 1, 1],
  ]);
});

describe('IFD sizes', () => {
  test.each([
    [15, false, 2 + 15 * 12 + 4],
    [15, true, 8 + 15 * 20 + 8],
    [0, false, 6],
  ])('%i entries, BigTIFF %s → %i bytes', (n, big, bytes) => {
    expect(ifdTableSize(n, big)).toBe(bytes);
  });

  test.each<[TagShape, boolean, boolean]>([
    [{ type: 'SHORT', count: 2 }, false, true],
    [{ type: 'SHORT', count: 3 }, false, false],
    [{ type: 'SHORT', count: 4 }, true, true],
    [{ type: 'LONG', count: 1 }, false, true],
    [{ type: 'LONG', count: 2 }, false, false],
    [{ type: 'LONG', count: 2 }, true, true],
    [{ type: 'DOUBLE', count: 1 }, false, false],
    [{ type: 'DOUBLE', count: 1 }, true, true],
    [{ type: 'ASCII', count: 4 }, false, true],
    [{ type: 'RATIONAL', count: 6 }, true, false],
  ])('%j inline (BigTIFF %s): %s', (shape, big, inline) => {
    expect(isInline(shape, big)).toBe(inline);
  });
});

describe('planHeader: header, ghost area, then each IFD followed by its out-of-line values, 8-byte aligned', () => {
  const ifds: TagShape[][] = [
    [
      { type: 'LONG', count: 1 },
      { type: 'DOUBLE', count: 3 },
    ],
    [{ type: 'SHORT', count: 1 }],
  ];
  test.each([
    // classic: IFD0 at align(8 + 10) = 24, table 30 → value at align(54) = 56 (24 bytes), IFD1 at 80, table 18 → 98
    [
      false,
      {
        ghostOffset: 8,
        ifds: [
          { offset: 24, valueOffsets: [null, 56] },
          { offset: 80, valueOffsets: [null] },
        ],
      },
      104,
    ],
    // BigTIFF: IFD0 at align(16 + 10) = 32, table 56 → value at 88, IFD1 at 112, table 36 → 148
    [
      true,
      {
        ghostOffset: 16,
        ifds: [
          { offset: 32, valueOffsets: [null, 88] },
          { offset: 112, valueOffsets: [null] },
        ],
      },
      152,
    ],
  ])('BigTIFF %s', (bigTiff, placed, dataStart) => {
    expect(planHeader(ifds, 10, bigTiff)).toEqual({ bigTiff, ...placed, dataStart });
  });
});

describe('BigTIFF only when the file could pass 4 GiB', () => {
  test.each([
    ['jpeg', 256 * 256 * 3, 256 * 256 * 3 + 2048 + 8],
    ['deflate', 256 * 256 * 3, 256 * 256 * 3 + 12 * 5 + 64 + 8],
    ['deflate', 1, 1 + 5 + 64 + 8],
  ] as const)('worst-case %s tile of %i raw bytes, with its 8-byte frame: %i', (c, raw, max) => {
    expect(maxTileBytes(c, raw)).toBe(max);
  });

  test.each([
    [2 ** 32 - 1, false],
    [2 ** 32, true],
  ])('%i bytes → %s', (bytes, big) => {
    expect(needsBigTiff(bytes)).toBe(big);
  });

  const worstCase = (side: number, tile: number) =>
    cogLevels(side, side, tile).reduce((n, l) => n + l.tilesAcross * l.tilesDown, 0) *
    maxTileBytes('jpeg', tile * tile * 3);
  test.each([
    [20000, 512, false],
    [20000, 256, false],
    [40000, 512, true],
  ])('%i² RGB JPEG in %i px tiles: BigTIFF %s', (side, tile, big) => {
    expect(needsBigTiff(worstCase(side, tile))).toBe(big);
  });
});

test('the ghost area declares its own size as GDAL does (body after the first line, padding space included)', () => {
  const [first, ...rest] = GHOST_AREA.split('\n');
  expect(first).toMatch(/^GDAL_STRUCTURAL_METADATA_SIZE=\d{6} bytes$/);
  expect(Number(/=(\d+)/.exec(first!)![1])).toBe(rest.join('\n').length);
  expect(rest).toEqual([
    'LAYOUT=IFDS_BEFORE_DATA',
    'BLOCK_ORDER=ROW_MAJOR',
    'BLOCK_LEADER=SIZE_AS_UINT4',
    'BLOCK_TRAILER=LAST_4_BYTES_REPEATED',
    'KNOWN_INCOMPATIBLE_EDITION=NO',
    ' ',
  ]);
});
