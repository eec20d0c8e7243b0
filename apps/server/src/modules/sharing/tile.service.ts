import type { RequestContext } from '../../platform/auth/actor.js';
import { DomainError } from '../../platform/errors/domain-error.js';
import { isValidTile, type TileAddress, zoomRange } from '../../platform/raster/tile.plan.js';
import type { TileFormat, TileRenderer } from '../../platform/raster/tile.render.js';
import type { CatalogService } from '../catalog/catalog.service.js';
import type { Urls } from '../catalog/stac.serialize.js';
import type { UsageService } from './usage.service.js';

const MEDIA_TYPES: Record<TileFormat, string> = { png: 'image/png', webp: 'image/webp', jpg: 'image/jpeg' };

/** Zoom range when an entry has neither a GSD nor a pixel size to derive one from. */
const FALLBACK_ZOOMS = { minzoom: 0, maxzoom: 18 };
const METRES_PER_DEGREE = 111_320;

export type TileResponse =
  | { status: 304 | 204; etag: string; cacheControl: string }
  | { status: 200; etag: string; cacheControl: string; mediaType: string; body: Buffer };

/**
 * Online browsing of one entry's imagery as Web Mercator tiles (BX-16: non-classified, shareable, online entries the
 * caller can see). Access is checked on every request, before the ETag comparison, so revoked access never 304s.
 *
 * Usage accounting (MNR-16): tile requests are not written to the audit trail one by one; every tile served (or
 * revalidated) counts in the per user / item / day usage aggregate right after the access check.
 */
export class TileService {
  constructor(
    private readonly catalog: CatalogService,
    private readonly renderer: TileRenderer,
    private readonly usage: UsageService,
  ) {}

  async tile(
    ctx: RequestContext,
    collectionId: string,
    itemId: string,
    tile: TileAddress,
    format: TileFormat,
    ifNoneMatch: string | undefined,
  ): Promise<TileResponse> {
    if (!isValidTile(tile)) throw new DomainError('VALIDATION_FAILED', tile, '瓦片行列号超出该缩放级别的范围');
    const src = await this.catalog.tileSource(ctx, collectionId, itemId);
    const etag = `"${src.version}-${tile.z}-${tile.x}-${tile.y}-${format}"`;
    const cacheControl = src.public ? 'public, max-age=86400' : 'private, max-age=86400';
    if (ifNoneMatch === etag) {
      this.usage.count(ctx, collectionId, itemId, 'tile');
      return { status: 304, etag, cacheControl };
    }
    const body = await this.renderer.render(src, tile, format);
    // Outside the image: 204 No Content (MapLibre and Leaflet draw nothing), cheaper than encoding a transparent tile.
    if (!body) return { status: 204, etag, cacheControl };
    this.usage.count(ctx, collectionId, itemId, 'tile', body.length);
    return { status: 200, etag, cacheControl, mediaType: MEDIA_TYPES[format], body };
  }

  /** TileJSON 3.0.0: URL template, bounds from the entry's bbox, zoom range from its GSD. */
  async tileJson(ctx: RequestContext, collectionId: string, itemId: string, u: Urls) {
    const src = await this.catalog.tileSource(ctx, collectionId, itemId);
    const [w, s, e, n] = src.bbox;
    const lat = (s + n) / 2;
    const gsd =
      src.gsd ?? (src.shape ? ((e - w) * METRES_PER_DEGREE * Math.cos((lat * Math.PI) / 180)) / src.shape.width : null);
    const { minzoom, maxzoom } = gsd ? zoomRange(gsd, lat, src.shape) : FALLBACK_ZOOMS;
    const base = `${u.api}/tiles/${encodeURIComponent(collectionId)}/${encodeURIComponent(itemId)}`;
    return {
      tilejson: '3.0.0',
      name: src.title,
      scheme: 'xyz',
      tiles: [`${base}/{z}/{x}/{y}.png`],
      bounds: [w, s, e, n],
      center: [(w + e) / 2, lat, maxzoom === minzoom ? minzoom : Math.min(maxzoom, minzoom + 1)],
      minzoom,
      maxzoom,
    };
  }
}
