import { sm3Hex } from '../../platform/crypto/sm3.js';
import { type StyleRequest, styleKey } from '../../platform/raster/render-style.js';
import type { TileFormat } from '../../platform/raster/tile.render.js';
import type { TileAddress, TileMatrixSet } from '../../platform/raster/tile-matrix-set.js';
import type { MosaicCriteria } from '../catalog/catalog.service.js';

/**
 * Mosaic identities (pure): the id of a registered search and the ETag of a mosaic tile.
 */

/** JSON with object keys sorted at every level, so equal criteria always give equal text. */
function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** Criteria in canonical form: collection and item lists sorted and without repeats (their order means nothing). */
export function canonicalCriteria(c: MosaicCriteria): MosaicCriteria {
  const set = (l: string[] | undefined) => (l ? [...new Set(l)].sort() : undefined);
  return JSON.parse(canonicalJson({ ...c, collections: set(c.collections), ids: set(c.ids) })) as MosaicCriteria;
}

/** The id of a search mosaic: the first 128 bits of the SM3 digest of its canonical criteria, hex. */
export const mosaicId = (c: MosaicCriteria): string => sm3Hex(canonicalJson(canonicalCriteria(c))).slice(0, 32);

/**
 * What decides a mosaic tile's pixels: the candidate sources in order with their file versions, the tile, the format
 * and the style. A new, withdrawn or re-classified entry changes the candidates, hence the digest.
 */
export function mosaicDigest(
  sources: readonly { collectionId: string; itemId: string; version: string }[],
  tms: TileMatrixSet,
  t: TileAddress,
  format: TileFormat,
  style: StyleRequest,
): string {
  const parts = [
    sources.map((s) => [s.collectionId, s.itemId, s.version]),
    tms.id,
    t.z,
    t.x,
    t.y,
    format,
    styleKey(style),
  ];
  return sm3Hex(canonicalJson(parts)).slice(0, 32);
}

/**
 * ETag of a mosaic tile: `"m<digest>.<drawn>"`, `drawn` being which candidates drew pixels as a base-36 bit mask. A
 * revalidation then knows which entries the cached tile shows (usage is counted per contributing entry) without
 * rendering it again.
 */
export const mosaicEtag = (digest: string, drawn: readonly number[]): string =>
  `"m${digest}.${drawn.reduce((m, i) => m + 2 ** i, 0).toString(36)}"`;

/** The candidates a client's cached tile shows, when its ETag is current for `digest`; null otherwise. */
export function drawnInEtag(etag: string | undefined, digest: string): number[] | null {
  const m = etag ? /^"m([0-9a-f]{32})\.([0-9a-z]+)"$/.exec(etag) : null;
  if (!m || m[1] !== digest) return null;
  const mask = Number.parseInt(m[2]!, 36);
  const drawn: number[] = [];
  for (let i = 0; 2 ** i <= mask; i++) if (Math.floor(mask / 2 ** i) % 2 === 1) drawn.push(i);
  return drawn;
}
