import { describe, expect, test } from 'vitest';
import { colormapTable } from '../colormap.js';
import {
  displayBands,
  parseStyle,
  resolveStyle,
  type SourceBands,
  stretchFromGdalMetadata,
  styleKey,
  styleQueryString,
} from '../render-style.js';

const rgb: SourceBands = { samplesPerPixel: 3, eightBit: true, photometric: 2, alphaBand: null, nodata: null };
const rgbn16: SourceBands = { samplesPerPixel: 4, eightBit: false, photometric: 1, alphaBand: null, nodata: 0 };

describe('tile rendering parameters (BX-16)', () => {
  test.each([
    [{}, {}],
    [{ bands: '3,2,1' }, { bands: [3, 2, 1] }],
    [{ bands: ' 4 ' }, { bands: [4] }],
    [{ rescale: ['0,3000'] }, { rescale: [[0, 3000]] }],
    [
      { rescale: ['0,1', '-5,5', '1e3,2e3'] },
      {
        rescale: [
          [0, 1],
          [-5, 5],
          [1000, 2000],
        ],
      },
    ],
    [
      { colormap: 'ndvi', bands: '1' },
      { colormap: 'ndvi', bands: [1] },
    ],
    [{ nodata: '-9999' }, { nodata: -9999 }],
    [{ nodata: 'NaN' }, { nodata: Number.NaN }],
  ])('%j parses to %j', (q, want) => expect(parseStyle(q)).toEqual(want));

  test.each([
    [{ bands: '1,2' }, 'bands'],
    [{ bands: '0' }, 'bands'],
    [{ bands: '1.5' }, 'bands'],
    [{ bands: '' }, 'bands'],
    [{ rescale: ['5,1'] }, 'rescale'],
    [{ rescale: ['0'] }, 'rescale'],
    [{ rescale: ['0,1', '0,1'] }, 'rescale'],
    [{ rescale: ['0,1', '0,1', '0,1'], bands: '1' }, 'rescale'],
    [{ colormap: 'jet' }, 'colormap'],
    [{ colormap: 'viridis', bands: '3,2,1' }, 'colormap'],
    [{ nodata: 'none' }, 'nodata'],
    [{ nodata: '' }, 'nodata'],
  ])('%j is TILE_PARAM_INVALID on %s', (q, param) =>
    expect(() => parseStyle(q)).toThrow(expect.objectContaining({ code: 'TILE_PARAM_INVALID', details: { param } })),
  );

  test('a canonical key and query string; both empty for the defaults', () => {
    const r = parseStyle({ bands: '1', rescale: ['0,1'], colormap: 'terrain', nodata: '0' });
    expect(styleKey(r)).toBe('b1~r0_1~cterrain~n0');
    expect(styleQueryString(r)).toBe('bands=1&rescale=0%2C1&colormap=terrain&nodata=0');
    expect([styleKey({}), styleQueryString({})]).toEqual(['', '']);
  });

  test.each([
    [rgb, [0, 1, 2]],
    [{ ...rgb, samplesPerPixel: 4, alphaBand: 3 }, [0, 1, 2]],
    [{ ...rgb, samplesPerPixel: 1, photometric: 1 }, [0]],
    [{ ...rgb, samplesPerPixel: 2, photometric: 1, alphaBand: 1 }, [0]],
    [rgbn16, [2, 1, 0]],
    [{ ...rgbn16, samplesPerPixel: 8 }, [2, 1, 0]],
    [{ ...rgbn16, samplesPerPixel: 3 }, [0, 1, 2]],
  ])('default bands of %j: %j', (s, want) => expect(displayBands({}, s)).toEqual(want));

  test('resolved style: 8-bit as stored, other data stretched per band, colour maps as tables', () => {
    expect(resolveStyle({}, rgb, null)).toEqual({
      bands: [0, 1, 2],
      alphaBand: null,
      nodata: null,
      scale: [
        [0, 255],
        [0, 255],
        [0, 255],
      ],
      colormap: null,
    });
    const stretch: [number, number][] = [
      [10, 20],
      [30, 40],
      [50, 60],
      [70, 70],
    ];
    expect(resolveStyle({}, rgbn16, stretch).scale).toEqual([
      [50, 60],
      [30, 40],
      [10, 20],
    ]);
    // a flat band gets a range of 1, not a division by zero
    expect(resolveStyle({ bands: [4] }, rgbn16, stretch).scale).toEqual([[70, 71]]);
    const mapped = resolveStyle({ bands: [4], rescale: [[0, 1]], colormap: 'viridis', nodata: 5 }, rgbn16, null);
    expect(mapped).toMatchObject({ bands: [3], scale: [[0, 1]], nodata: 5, colormap: colormapTable('viridis') });
    expect(() => resolveStyle({ colormap: 'viridis' }, rgb, null)).toThrow(
      expect.objectContaining({ code: 'TILE_PARAM_INVALID' }),
    );
    expect(() => resolveStyle({ bands: [4] }, rgb, null)).toThrow(
      expect.objectContaining({ code: 'TILE_PARAM_INVALID' }),
    );
  });

  test('the 2–98 % stretch from GDAL statistics: mean ± 2.054 σ within [min, max]', () => {
    const xml = `<GDALMetadata>
      <Item name="STATISTICS_MAXIMUM" sample="0">1000</Item><Item name="STATISTICS_MEAN" sample="0">500</Item>
      <Item name="STATISTICS_MINIMUM" sample="0">100</Item><Item name="STATISTICS_STDDEV" sample="0">100</Item>
      <Item name="STATISTICS_MAXIMUM" sample="1">600</Item><Item name="STATISTICS_MEAN" sample="1">500</Item>
      <Item name="STATISTICS_MINIMUM" sample="1">450</Item><Item name="STATISTICS_STDDEV" sample="1">100</Item>
      <Item name="STATISTICS_MEAN" sample="2">5</Item></GDALMetadata>`;
    const [a, b, c] = stretchFromGdalMetadata(xml, 3);
    expect(a![0]).toBeCloseTo(294.6, 6);
    expect(a![1]).toBeCloseTo(705.4, 6);
    expect(b).toEqual([450, 600]);
    expect(c).toBeNull();
    expect(stretchFromGdalMetadata(null, 2)).toEqual([null, null]);
  });
});

describe('colour maps', () => {
  test.each([
    ['gray', [0, 0, 0], [255, 255, 255]],
    ['viridis', [68, 1, 84], [253, 231, 37]],
    ['terrain', [51, 51, 153], [255, 255, 255]],
    ['ndvi', [165, 0, 38], [0, 104, 55]],
  ] as const)('%s runs from %j to %j in 256 entries', (name, first, last) => {
    const lut = colormapTable(name);
    expect(lut).toHaveLength(768);
    expect([...lut.subarray(0, 3)]).toEqual(first);
    expect([...lut.subarray(765)]).toEqual(last);
  });
});
