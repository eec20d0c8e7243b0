/**
 * Colour maps for single-band tiles (pure): 256-entry RGB lookup tables, interpolated linearly between a few stops.
 * The stops approximate the matplotlib maps of the same name (viridis, terrain) and ColorBrewer RdYlGn for NDVI; the
 * tables are what the renderer uses, so golden tiles pin them.
 */

export const COLORMAP_NAMES = ['gray', 'viridis', 'terrain', 'ndvi'] as const;
export type ColormapName = (typeof COLORMAP_NAMES)[number];

type Stop = readonly [position: number, r: number, g: number, b: number];

const STOPS: Record<ColormapName, readonly Stop[]> = {
  gray: [
    [0, 0, 0, 0],
    [1, 255, 255, 255],
  ],
  // perceptually uniform dark blue → green → yellow
  viridis: [
    [0, 68, 1, 84],
    [0.125, 71, 45, 123],
    [0.25, 59, 82, 139],
    [0.375, 44, 114, 142],
    [0.5, 33, 145, 140],
    [0.625, 40, 174, 128],
    [0.75, 94, 201, 98],
    [0.875, 173, 220, 48],
    [1, 253, 231, 37],
  ],
  // elevation: sea blue → lowland green → yellow → brown → snow
  terrain: [
    [0, 51, 51, 153],
    [0.15, 0, 153, 255],
    [0.25, 0, 204, 102],
    [0.5, 255, 255, 153],
    [0.75, 128, 92, 84],
    [1, 255, 255, 255],
  ],
  // vegetation index (rescale to -1,1): bare / water red → yellow → dense vegetation green
  ndvi: [
    [0, 165, 0, 38],
    [0.25, 244, 109, 67],
    [0.5, 254, 224, 139],
    [0.75, 166, 217, 106],
    [1, 0, 104, 55],
  ],
};

const cache = new Map<ColormapName, Uint8Array>();

/** The 256 × RGB table of a colour map: entry i at [3i, 3i + 2]. */
export function colormapTable(name: ColormapName): Uint8Array {
  const hit = cache.get(name);
  if (hit) return hit;
  const stops = STOPS[name];
  const lut = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) {
    const t = i / 255;
    let k = 1;
    while (k < stops.length - 1 && stops[k]![0] < t) k++;
    const [p0, ...c0] = stops[k - 1]!;
    const [p1, ...c1] = stops[k]!;
    const w = p1 === p0 ? 0 : (t - p0) / (p1 - p0);
    for (let c = 0; c < 3; c++) lut[i * 3 + c] = Math.round(c0[c]! + (c1[c]! - c0[c]!) * w);
  }
  cache.set(name, lut);
  return lut;
}
