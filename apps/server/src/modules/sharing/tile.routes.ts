import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { App } from '../../platform/http/app-types.js';
import type { TileAddress } from '../../platform/raster/tile.plan.js';
import type { TileFormat } from '../../platform/raster/tile.render.js';
import { urlsOf } from '../catalog/stac.routes.js';

const ItemParams = { collectionId: Type.String(), itemId: Type.String() };
const Format = Type.Union([Type.Literal('png'), Type.Literal('webp'), Type.Literal('jpg')]);

/** Online browsing of catalogue imagery as Web Mercator tiles (BX-16). Anonymous callers allowed: the service decides. */
export async function tileRoutes(app: App): Promise<void> {
  const { tiles } = app.services;
  const tags = ['在线浏览'];

  /** GET /api/tiles/dom-2024/pub/15/26865/13737.png (also .webp, .jpg); 204 where the image has no pixels */
  app.get(
    '/api/tiles/:collectionId/:itemId/:z/:x/:y.:format',
    {
      schema: {
        tags,
        params: Type.Object({
          ...ItemParams,
          z: Type.Integer({ minimum: 0, maximum: 24 }),
          x: Type.Integer({ minimum: 0 }),
          y: Type.Integer({ minimum: 0 }),
          format: Format,
        }),
      },
    },
    (req, reply) => {
      const { collectionId, itemId, z, x, y, format } = req.params;
      return sendTile(tiles, req, reply, { collectionId, itemId, tile: { z, x, y }, format });
    },
  );

  /** GET /api/tiles/dom-2024/pub/tilejson.json */
  app.get(
    '/api/tiles/:collectionId/:itemId/tilejson.json',
    { schema: { tags, params: Type.Object(ItemParams) } },
    (req) => tiles.tileJson(req.ctx, req.params.collectionId, req.params.itemId, urlsOf(req)),
  );
}

/** One tile as the reply (XYZ and WMTS answer identically): ETag, Cache-Control, 200 / 204 / 304. */
export async function sendTile(
  tiles: App['services']['tiles'],
  req: FastifyRequest,
  reply: FastifyReply,
  t: { collectionId: string; itemId: string; tile: TileAddress; format: TileFormat },
) {
  const res = await tiles.tile(req.ctx, t.collectionId, t.itemId, t.tile, t.format, req.headers['if-none-match']);
  reply.header('etag', res.etag).header('cache-control', res.cacheControl);
  if (res.status !== 200) return reply.status(res.status).send();
  return reply.type(res.mediaType).send(res.body);
}
