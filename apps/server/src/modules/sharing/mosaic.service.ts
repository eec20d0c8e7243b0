import type { RequestContext } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/db.port.js';
import { DomainError } from '../../platform/errors/domain-error.js';
import { parseStyle } from '../../platform/raster/render-style.js';
import { zoomRange } from '../../platform/raster/tile.plan.js';
import type { TileFormat, TileRenderer } from '../../platform/raster/tile.render.js';
import { TILE_MATRIX_SETS, type TileAddress, tileLonLatBounds } from '../../platform/raster/tile-matrix-set.js';
import type { CatalogService, MosaicCriteria } from '../catalog/catalog.service.js';
import type { Urls } from '../catalog/stac.serialize.js';
import type { AgreementService } from './agreement.service.js';
import { mosaicSearchRepository } from './mosaic.repository.js';
import { canonicalCriteria, drawnInEtag, mosaicDigest, mosaicEtag, mosaicId } from './mosaic.rules.js';
import {
  assertTile,
  extentPixels,
  MEDIA_TYPES,
  matrixSetOf,
  type StyleQuery,
  type TileResponse,
  tileJsonDoc,
} from './tile.rules.js';
import { SignedAgreementCache } from './tile-access.cache.js';
import type { UsageService } from './usage.service.js';

/** A mosaic: every online entry of a collection, or of a registered search. */
export type MosaicScope = { collectionId: string } | { searchId: string };

/** Entries composed into one tile at most, newest first (a tile is usually opaque after one or two). */
export const MOSAIC_MAX_ITEMS = 20;
/** Registered searches kept in memory; their criteria never change (the id is their digest). */
const CRITERIA_CACHE_SIZE = 512;
/** Mosaics change when entries are added or withdrawn: clients revalidate after an hour (ETag, cheap 304s). */
const MAX_AGE = 3600;
const WORLD: [number, number, number, number] = [-180, -85.0511287798066, 180, 85.0511287798066];

/**
 * Mosaic layers (BX-16, MNR-16): a tile shows the entries of a collection or a STAC search that the caller may see
 * online — classified, not-shared and offline-only entries never contribute a pixel — chosen by a PostGIS query on the
 * tile's footprint and drawn newest on top, nodata and masks letting older entries show through.
 *
 * Usage (MNR-16): a tile counts once for every entry that drew pixels in it, the tile's bytes shared among them;
 * a revalidated tile (304) counts for the entries its ETag says it shows. Registering a search writes no audit row:
 * it stores a query, not data, and who sees what is decided per tile.
 */
export class MosaicService {
  private readonly criteriaCache = new Map<string, MosaicCriteria>();
  /** MNR-16 checks of the tiles' collections, a signature found reused for a few seconds (tile-access.cache.ts). */
  private readonly agreements: SignedAgreementCache;

  constructor(
    private readonly db: Db,
    private readonly catalog: CatalogService,
    private readonly renderer: TileRenderer,
    private readonly usage: UsageService,
    private readonly clock: Clock,
    agreements: AgreementService,
  ) {
    this.agreements = new SignedAgreementCache(agreements);
  }

  /** Registers a STAC search (collections, bbox, datetime, filter, ids, q, intersects) as a mosaic; idempotent. */
  async register(raw: Record<string, unknown>, u: Urls) {
    const criteria = canonicalCriteria(this.catalog.mosaicCriteria(raw));
    const id = mosaicId(criteria);
    await mosaicSearchRepository.save(this.db, id, criteria, this.clock.now());
    this.remember(id, criteria);
    const tilejsons = Object.fromEntries(
      TILE_MATRIX_SETS.map((t) => [t.id, `${u.api}/mosaics/searches/${id}/${t.id}/tilejson.json`]),
    ) as Record<(typeof TILE_MATRIX_SETS)[number]['id'], string>;
    return { id, criteria, tilejson: tilejsons.WebMercatorQuad, tilejsons };
  }

  private remember(id: string, criteria: MosaicCriteria): void {
    this.criteriaCache.delete(id);
    this.criteriaCache.set(id, criteria);
    while (this.criteriaCache.size > CRITERIA_CACHE_SIZE)
      this.criteriaCache.delete(this.criteriaCache.keys().next().value!);
  }

  /** The criteria and display name of a scope: a collection the caller can see, or a registered search. */
  private async scope(
    ctx: RequestContext,
    scope: MosaicScope,
    u: Urls,
  ): Promise<{ criteria: MosaicCriteria; name: string }> {
    if ('collectionId' in scope) {
      const c = await this.catalog.collection(ctx, scope.collectionId, u);
      return { criteria: { collections: [scope.collectionId] }, name: `${c.title}（镶嵌）` };
    }
    let criteria = this.criteriaCache.get(scope.searchId);
    if (!criteria) {
      const stored = await mosaicSearchRepository.criteria(this.db, scope.searchId);
      if (!stored) throw new DomainError('MOSAIC_NOT_FOUND', { searchId: scope.searchId });
      criteria = stored;
    }
    this.remember(scope.searchId, criteria);
    return { criteria, name: `检索镶嵌 ${scope.searchId.slice(0, 8)}` };
  }

  async tile(
    ctx: RequestContext,
    scope: MosaicScope,
    tileMatrixSetId: string,
    tile: TileAddress,
    format: TileFormat,
    query: StyleQuery,
    ifNoneMatch: string | undefined,
    u: Urls,
  ): Promise<TileResponse> {
    const tms = matrixSetOf(tileMatrixSetId);
    assertTile(tms, tile);
    const style = parseStyle(query);
    const { criteria } = await this.scope(ctx, scope, u);
    const sources = await this.catalog.mosaicSources(ctx, criteria, tileLonLatBounds(tms, tile), MOSAIC_MAX_ITEMS);
    // MNR-16: every collection the tile draws from needs the caller's signed online agreement.
    for (const c of new Set(sources.map((s) => s.collectionId))) await this.agreements.assertSigned(ctx, c);
    const digest = mosaicDigest(sources, tms, tile, format, style);
    const cacheControl = `${ctx.actor ? 'private' : 'public'}, max-age=${MAX_AGE}`;
    const count = (drawn: readonly number[], bytes: number) => {
      for (const i of drawn) {
        const s = sources[i];
        if (s) this.usage.count(ctx, s.collectionId, s.itemId, 'tile', Math.round(bytes / drawn.length));
      }
    };
    const cached = drawnInEtag(ifNoneMatch, digest);
    if (cached) {
      count(cached, 0);
      return { status: 304, etag: ifNoneMatch!, cacheControl };
    }
    const r = sources.length ? await this.renderer.renderMosaic(sources, tms, tile, format, style) : null;
    if (!r) return { status: 204, etag: mosaicEtag(digest, []), cacheControl };
    count(r.drawn, r.body.length);
    return {
      status: 200,
      etag: mosaicEtag(digest, r.drawn),
      cacheControl,
      mediaType: MEDIA_TYPES[format],
      body: r.body,
    };
  }

  /** TileJSON 3.0.0 of a mosaic: bounds and zooms from the entries the caller can see (finest GSD). */
  async tileJson(ctx: RequestContext, scope: MosaicScope, tileMatrixSetId: string, query: StyleQuery, u: Urls) {
    const tms = matrixSetOf(tileMatrixSetId);
    const style = parseStyle(query);
    const { criteria, name } = await this.scope(ctx, scope, u);
    for (const c of criteria.collections ?? []) await this.agreements.assertSigned(ctx, c);
    const extent = await this.catalog.mosaicExtent(ctx, criteria);
    const bounds = extent.bbox ?? criteria.bbox ?? WORLD;
    const lat = (bounds[1] + bounds[3]) / 2;
    const zooms = extent.gsd
      ? zoomRange(tms, extent.gsd, lat, extentPixels(bounds, extent.gsd))
      : { minzoom: tms.minZoom, maxzoom: Math.min(tms.maxZoom, 18) };
    const base =
      'collectionId' in scope
        ? `${u.api}/mosaics/${encodeURIComponent(scope.collectionId)}/${tms.id}`
        : `${u.api}/mosaics/searches/${scope.searchId}/${tms.id}`;
    return { ...tileJsonDoc({ name, base, tms, style, bounds, zooms }), items: extent.count };
  }
}
