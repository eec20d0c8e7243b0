import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { RequestContext } from '../../platform/auth/actor.js';
import type { App } from '../../platform/http/app-types.js';
import type { TileFormat } from '../../platform/raster/tile.render.js';
import type { TileAddress } from '../../platform/raster/tile-matrix-set.js';
import type { CatalogService } from '../catalog/catalog.service.js';
import { urlsOf } from '../catalog/stac.routes.js';
import { encodeToken, MAX_LIMIT } from '../catalog/stac.search.rules.js';
import type { Urls } from '../catalog/stac.serialize.js';
import { sendTile } from './tile.routes.js';
import { parseKvp } from './wmts.kvp.js';
import {
  capabilitiesXml,
  exceptionReportXml,
  OWS_EXCEPTION_STATUS,
  WMTS_MATRIX_SETS,
  WMTS_STYLE,
  WMTS_VERSION,
  type WmtsLayer,
  type WmtsMatrixSet,
} from './wmts.xml.js';

const XML = 'application/xml';

/** The parts of a STAC item (as `catalog.search` serialises it) a layer is made of. */
interface StacFeature {
  id: string;
  collection: string;
  bbox: [number, number, number, number];
  properties: { title: string; 'geoshare:secrecy': string };
  assets: Record<string, { type: string; roles: string[] }>;
}

const PUBLIC_ONLY = { op: '=', args: [{ property: 'geoshare:secrecy' }, 'public'] };

/**
 * The layers the caller may fetch: one per collection with entries it may see online (the mosaic), then one per
 * entry, found by the catalogue's own search (visibility in the query: anonymous callers get published, public,
 * unconditional items only): non-classified, with a GeoTIFF data asset — STAC lists data assets only where the
 * online-access rules allow them (BX-16), which is what the tile services check too.
 */
async function wmtsLayers(catalog: CatalogService, ctx: RequestContext, u: Urls): Promise<WmtsLayer[]> {
  const layers: WmtsLayer[] = (await catalog.mosaicCollections(ctx)).map((c) => ({
    collectionId: c.id,
    itemId: null,
    title: `${c.title}（镶嵌）`,
    bbox: c.bbox,
  }));
  for (let offset = 0; ; offset += MAX_LIMIT) {
    const raw = { limit: MAX_LIMIT, token: encodeToken(offset), sortby: '+collection,+id', filter: PUBLIC_ONLY };
    // Pages are walked here by offset; the page links the search builds are not used.
    const page = await catalog.search(ctx, raw, u, () => '');
    for (const f of page.features as unknown as StacFeature[]) {
      const online = Object.values(f.assets).some((a) => a.roles.includes('data') && a.type.startsWith('image/tiff'));
      if (online && f.properties['geoshare:secrecy'] === 'public')
        layers.push({ collectionId: f.collection, itemId: f.id, title: f.properties.title, bbox: f.bbox });
    }
    if (offset + MAX_LIMIT >= page.numberMatched) return layers;
  }
}

/**
 * OGC WMTS 1.0.0 over the tile services (BX-16, BX-14): GoogleMapsCompatible and CGCS2000Quad (see wmts.xml.ts).
 * GetTile delegates to the item or mosaic tile service exactly as /api/tiles and /api/mosaics do: same access rules,
 * ETag / 304, Cache-Control and bytes.
 */
export async function wmtsRoutes(app: App): Promise<void> {
  const { catalog, tiles, mosaics } = app.services;
  const tags = ['在线浏览'];
  const base = `/api/wmts/${WMTS_VERSION}`;

  const sendCapabilities = async (req: FastifyRequest, reply: FastifyReply) => {
    const u = urlsOf(req);
    return reply.type(XML).send(capabilitiesXml(await wmtsLayers(catalog, req.ctx, u), u));
  };

  const getTile = async (
    req: FastifyRequest,
    reply: FastifyReply,
    t: { collectionId: string; itemId: string | null; set: WmtsMatrixSet; tile: TileAddress; format: TileFormat },
  ) => {
    const h = req.headers['if-none-match'];
    const tmsId = t.set.tms.id;
    const res =
      t.itemId === null
        ? await mosaics.tile(req.ctx, { collectionId: t.collectionId }, tmsId, t.tile, t.format, {}, h, urlsOf(req))
        : await tiles.tile(req.ctx, t.collectionId, t.itemId, tmsId, t.tile, t.format, {}, h);
    return sendTile(reply, res);
  };

  /** GET /api/wmts/1.0.0/WMTSCapabilities.xml (RESTful GetCapabilities) */
  app.get(`${base}/WMTSCapabilities.xml`, { schema: { tags } }, sendCapabilities);

  const TileParams = {
    row: Type.Integer({ minimum: 0 }),
    col: Type.Integer({ minimum: 0 }),
    format: Type.Union([Type.Literal('png'), Type.Literal('jpg')]),
  };
  for (const set of WMTS_MATRIX_SETS) {
    const z = Type.Integer({ minimum: set.tms.minZoom, maximum: set.maxMatrix });
    /** GET /api/wmts/1.0.0/dom-2024/pub/default/GoogleMapsCompatible/15/13737/26865.png (layer `dom-2024/pub`) */
    app.get(
      `${base}/:collectionId/:itemId/${WMTS_STYLE}/${set.id}/:z/:row/:col.:format`,
      {
        schema: { tags, params: Type.Object({ collectionId: Type.String(), itemId: Type.String(), z, ...TileParams }) },
      },
      (req, reply) => {
        const { collectionId, itemId, z, row, col, format } = req.params;
        return getTile(req, reply, { collectionId, itemId, set, tile: { z, x: col, y: row }, format });
      },
    );
    /** GET /api/wmts/1.0.0/dom-2024/default/CGCS2000Quad/15/9241/53730.png (layer `dom-2024`: the mosaic) */
    app.get(
      `${base}/:collectionId/${WMTS_STYLE}/${set.id}/:z/:row/:col.:format`,
      { schema: { tags, params: Type.Object({ collectionId: Type.String(), z, ...TileParams }) } },
      (req, reply) => {
        const { collectionId, z, row, col, format } = req.params;
        return getTile(req, reply, { collectionId, itemId: null, set, tile: { z, x: col, y: row }, format });
      },
    );
  }

  /**
   * GET /api/wmts?SERVICE=WMTS&REQUEST=GetTile&LAYER=dom-2024/pub&STYLE=default&TILEMATRIXSET=CGCS2000Quad
   * &TILEMATRIX=15&TILEROW=9241&TILECOL=53730&FORMAT=image/png (and REQUEST=GetCapabilities).
   *
   * Malformed KVP requests answer with an OWS exception report, not the platform's JSON error body: WMTS clients
   * (QGIS, GDAL, OpenLayers, ArcGIS) only understand ows:ExceptionReport on the KVP binding (OGC 07-057r7 §8.2.1,
   * §7.4.1). The query is therefore parsed here rather than by a route schema, whose failures would be JSON. What the
   * tile services decide (unknown, hidden or classified entries) keeps the platform's body, as on the other tile URLs.
   */
  app.get('/api/wmts', { schema: { tags } }, async (req, reply) => {
    const r = parseKvp(new URL(req.url, 'http://localhost').searchParams);
    if (Array.isArray(r)) return reply.status(OWS_EXCEPTION_STATUS[r[0]!.code]).type(XML).send(exceptionReportXml(r));
    if (r.request === 'GetCapabilities') return sendCapabilities(req, reply);
    return getTile(req, reply, { ...r, set: r.matrixSet });
  });
}
