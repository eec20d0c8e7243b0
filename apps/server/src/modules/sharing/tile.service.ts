import type { RequestContext } from '../../platform/auth/actor.js';
import { parseStyle } from '../../platform/raster/render-style.js';
import { zoomRange } from '../../platform/raster/tile.plan.js';
import type { TileFormat, TileRenderer } from '../../platform/raster/tile.render.js';
import type { TileAddress } from '../../platform/raster/tile-matrix-set.js';
import type { CatalogService } from '../catalog/catalog.service.js';
import type { Urls } from '../catalog/stac.serialize.js';
import type { AgreementService } from './agreement.service.js';
import {
  assertTile,
  gsdFromShape,
  MEDIA_TYPES,
  matrixSetOf,
  type StyleQuery,
  type TileResponse,
  tileEtag,
  tileJsonDoc,
} from './tile.rules.js';
import { SignedAgreementCache, TileAccessCache, viewerKey } from './tile-access.cache.js';
import type { UsageService } from './usage.service.js';

type TileSource = Awaited<ReturnType<CatalogService['tileSource']>>;

/** Zoom range when an entry has neither a GSD nor a pixel size to derive one from. */
const FALLBACK_MAXZOOM = 18;

/**
 * Online browsing of one entry's imagery as tiles of a tile matrix set (BX-16: non-classified, shareable, online entries
 * the caller can see), with optional band selection, rescaling and colour maps. Access is checked on every request,
 * before the ETag comparison, so revoked access never 304s (a grant is reused for at most a few seconds and dropped
 * at once when the catalogue changes the entry: see tile-access.cache.ts). Parameters are checked before the catalogue is asked.
 *
 * Usage accounting (MNR-16): tile requests are not written to the audit trail one by one; every tile served (or
 * revalidated) counts in the per user / item / day usage aggregate right after the access check.
 */
export class TileService {
  /** Granted tile sources per viewer and entry, and signed agreements per user and collection (a few seconds). */
  private readonly sources = new TileAccessCache<TileSource>();
  private readonly signed: SignedAgreementCache;

  constructor(
    private readonly catalog: CatalogService,
    private readonly renderer: TileRenderer,
    private readonly usage: UsageService,
    agreements: AgreementService,
  ) {
    catalog.onAccessChange((collectionId, itemId) => this.sources.invalidate(collectionId, itemId));
    this.signed = new SignedAgreementCache(agreements);
  }

  /**
   * The entry's tile source if the caller may browse it (BX-16) and has signed the agreement for its collection
   * (MNR-16; after the access check, so nobody is asked to sign for data they cannot have). Grants are reused for a
   * few seconds (tile-access.cache.ts), denials never.
   */
  private async access(ctx: RequestContext, collectionId: string, itemId: string): Promise<TileSource> {
    const viewer = viewerKey(ctx);
    const src = await this.sources.get(`${viewer}|${collectionId}|${itemId}`, collectionId, itemId, () =>
      this.catalog.tileSource(ctx, collectionId, itemId),
    );
    await this.signed.assertSigned(ctx, collectionId);
    return src;
  }

  async tile(
    ctx: RequestContext,
    collectionId: string,
    itemId: string,
    tileMatrixSetId: string,
    tile: TileAddress,
    format: TileFormat,
    query: StyleQuery,
    ifNoneMatch: string | undefined,
  ): Promise<TileResponse> {
    const tms = matrixSetOf(tileMatrixSetId);
    assertTile(tms, tile);
    const style = parseStyle(query);
    const src = await this.access(ctx, collectionId, itemId);
    const etag = tileEtag(src.version, tms, tile, format, style);
    const cacheControl = src.public ? 'public, max-age=86400' : 'private, max-age=86400';
    if (ifNoneMatch === etag) {
      this.usage.count(ctx, collectionId, itemId, 'tile');
      return { status: 304, etag, cacheControl };
    }
    const body = await this.renderer.render(src, tms, tile, format, style);
    // No pixels here: 204 No Content (MapLibre and Leaflet draw nothing), cheaper than encoding a transparent tile.
    if (!body) return { status: 204, etag, cacheControl };
    this.usage.count(ctx, collectionId, itemId, 'tile', body.length);
    return { status: 200, etag, cacheControl, mediaType: MEDIA_TYPES[format], body };
  }

  /**
   * TileJSON 3.0.0: URL template (with the style's parameters), bounds from the entry's bbox, zoom range from its GSD.
   * `setInPath`: the template names the tile matrix set (`…/{set}/{z}/{x}/{y}`); the original Web Mercator URLs
   * (`…/{z}/{x}/{y}`) do not.
   */
  async tileJson(
    ctx: RequestContext,
    collectionId: string,
    itemId: string,
    tileMatrixSetId: string,
    setInPath: boolean,
    query: StyleQuery,
    u: Urls,
  ) {
    const tms = matrixSetOf(tileMatrixSetId);
    const style = parseStyle(query);
    const src = await this.access(ctx, collectionId, itemId);
    const lat = (src.bbox[1] + src.bbox[3]) / 2;
    const gsd = src.gsd ?? (src.shape ? gsdFromShape(src.bbox, src.shape.width) : null);
    const zooms = gsd
      ? zoomRange(tms, gsd, lat, src.shape, src.overviews)
      : { minzoom: tms.minZoom, maxzoom: Math.min(tms.maxZoom, FALLBACK_MAXZOOM) };
    const item = `${u.api}/tiles/${encodeURIComponent(collectionId)}/${encodeURIComponent(itemId)}`;
    return tileJsonDoc({
      name: src.title,
      base: setInPath ? `${item}/${tms.id}` : item,
      tms,
      style,
      bounds: src.bbox,
      zooms,
    });
  }
}
