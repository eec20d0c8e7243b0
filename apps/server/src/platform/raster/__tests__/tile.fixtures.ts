import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Storage } from '../../storage/storage.port.js';
import { type CogFormat, type CogGeoreference, writeCog } from '../cog-writer.js';

export type Colour = (x: number, y: number) => readonly [number, number, number];

/** Four flat quadrants (JPEG keeps flat colours): NW red, NE green, SW blue, SE yellow. */
export const QUADRANT_COLOURS = {
  nw: [200, 40, 40],
  ne: [40, 180, 60],
  sw: [40, 60, 200],
  se: [230, 210, 50],
} as const;

export const quadrants =
  (width: number, height: number): Colour =>
  (x, y) =>
    QUADRANT_COLOURS[`${y < height / 2 ? 'n' : 's'}${x < width / 2 ? 'w' : 'e'}` as keyof typeof QUADRANT_COLOURS];

/** A deterministic texture: 32 px cells of varied colour with a diagonal gradient (shows any misplaced pixel). */
export const cells: Colour = (x, y) => {
  const cx = Math.floor(x / 32);
  const cy = Math.floor(y / 32);
  return [(cx * 53 + cy * 17) % 256, (cy * 61 + 40) % 256, Math.floor((x + y) / 8) % 256];
};

/**
 * Writes a COG into `storage` under `key`; every level is drawn from `colour` at its pixel centres in level-0
 * coordinates (the texture rendered at each scale, as the demo catalogue does).
 */
export async function writeTestCog(
  storage: Storage,
  key: string,
  format: CogFormat,
  geo: CogGeoreference,
  colour: Colour,
): Promise<void> {
  const path = storage.localPath(key)!;
  mkdirSync(dirname(path), { recursive: true });
  const tileSize = format.tileSize ?? 512;
  await writeCog(path, format, geo, (level, col, row) => {
    const raw = Buffer.alloc(tileSize * tileSize * 3);
    const scale = 2 ** level;
    for (let y = 0; y < tileSize; y++) {
      for (let x = 0; x < tileSize; x++) {
        const px = Math.min(col * tileSize + x, Math.ceil(format.width / scale) - 1);
        const py = Math.min(row * tileSize + y, Math.ceil(format.height / scale) - 1);
        raw.set(colour((px + 0.5) * scale, (py + 0.5) * scale), (y * tileSize + x) * 3);
      }
    }
    return raw;
  });
}

/** The XYZ tile containing (lon, lat) at zoom z. */
export const tileAt = (lon: number, lat: number, z: number) => ({
  z,
  x: Math.floor(((lon + 180) / 360) * 2 ** z),
  y: Math.floor(((1 - Math.asinh(Math.tan((lat * Math.PI) / 180)) / Math.PI) / 2) * 2 ** z),
});
