import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { App } from '../../platform/http/app-types.js';
import { urlsOf } from '../catalog/stac.routes.js';
import type { TileResponse } from './tile.rules.js';

const ItemParams = { collectionId: Type.String(), itemId: Type.String() };
export const TileFormatParam = Type.Union([Type.Literal('png'), Type.Literal('webp'), Type.Literal('jpg')]);
export const TileIndexParams = {
  z: Type.Integer({ minimum: 0, maximum: 24 }),
  x: Type.Integer({ minimum: 0 }),
  y: Type.Integer({ minimum: 0 }),
  format: TileFormatParam,
};
/** Tile matrix set: WebMercatorQuad (EPSG:3857) or CGCS2000Quad (EPSG:4490, 天地图 `c` levels from 1). */
export const TileMatrixSetParam = Type.String({ description: 'WebMercatorQuad | CGCS2000Quad' });

/** Rendering parameters of item and mosaic tiles (and their TileJSON, whose tile template carries them). */
export const StyleQuerystring = Type.Object({
  bands: Type.Optional(Type.String({ description: '1-based source bands, one (grey / colour map) or three: 3,2,1' })),
  rescale: Type.Optional(
    Type.Array(Type.String(), {
      description: 'min,max mapped to 0–255: once for all output bands or repeated once per output band',
    }),
  ),
  colormap: Type.Optional(Type.String({ description: 'single-band output: gray | viridis | terrain | ndvi' })),
  nodata: Type.Optional(Type.String({ description: 'overrides the source nodata value (a number or nan)' })),
});

/**
 * Online browsing of catalogue imagery as tiles (BX-16). Anonymous callers allowed: the service decides.
 * The original XYZ URLs are Web Mercator; `…/{tileMatrixSet}/{z}/{x}/{y}` addresses either tile matrix set.
 */
export async function tileRoutes(app: App): Promise<void> {
  const { tiles } = app.services;
  const tags = ['在线浏览'];

  /** GET /api/tiles/dom-2024/pub/15/26865/13737.png?bands=3,2,1&rescale=0,3000 (also .webp, .jpg); 204 without pixels */
  app.get(
    '/api/tiles/:collectionId/:itemId/:z/:x/:y.:format',
    { schema: { tags, params: Type.Object({ ...ItemParams, ...TileIndexParams }), querystring: StyleQuerystring } },
    async (req, reply) => {
      const { collectionId, itemId, z, x, y, format } = req.params;
      const h = req.headers['if-none-match'];
      const res = await tiles.tile(req.ctx, collectionId, itemId, 'WebMercatorQuad', { z, x, y }, format, req.query, h);
      return sendTile(reply, res);
    },
  );

  /** GET /api/tiles/dom-2024/pub/CGCS2000Quad/15/53730/9241.png (天地图 `c` numbering: z from 1, y from 90°N) */
  app.get(
    '/api/tiles/:collectionId/:itemId/:tileMatrixSetId/:z/:x/:y.:format',
    {
      schema: {
        tags,
        params: Type.Object({ ...ItemParams, tileMatrixSetId: TileMatrixSetParam, ...TileIndexParams }),
        querystring: StyleQuerystring,
      },
    },
    async (req, reply) => {
      const { collectionId, itemId, tileMatrixSetId, z, x, y, format } = req.params;
      const h = req.headers['if-none-match'];
      return sendTile(
        reply,
        await tiles.tile(req.ctx, collectionId, itemId, tileMatrixSetId, { z, x, y }, format, req.query, h),
      );
    },
  );

  /** GET /api/tiles/dom-2024/pub/tilejson.json (Web Mercator, template without the set) */
  app.get(
    '/api/tiles/:collectionId/:itemId/tilejson.json',
    { schema: { tags, params: Type.Object(ItemParams), querystring: StyleQuerystring } },
    (req) =>
      tiles.tileJson(
        req.ctx,
        req.params.collectionId,
        req.params.itemId,
        'WebMercatorQuad',
        false,
        req.query,
        urlsOf(req),
      ),
  );

  /** GET /api/tiles/dom-2024/pub/CGCS2000Quad/tilejson.json?bands=1&colormap=viridis&rescale=0,1000 */
  app.get(
    '/api/tiles/:collectionId/:itemId/:tileMatrixSetId/tilejson.json',
    {
      schema: {
        tags,
        params: Type.Object({ ...ItemParams, tileMatrixSetId: TileMatrixSetParam }),
        querystring: StyleQuerystring,
      },
    },
    (req) => {
      const { collectionId, itemId, tileMatrixSetId } = req.params;
      return tiles.tileJson(req.ctx, collectionId, itemId, tileMatrixSetId, true, req.query, urlsOf(req));
    },
  );
}

/** One tile as the reply (item, mosaic, XYZ and WMTS tiles alike): ETag, Cache-Control, 200 / 204 / 304. */
export function sendTile(reply: FastifyReply, res: TileResponse) {
  reply.header('etag', res.etag).header('cache-control', res.cacheControl);
  if (res.status !== 200) return reply.status(res.status).send();
  return reply.type(res.mediaType).send(res.body);
}
