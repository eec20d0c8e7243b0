import { Type } from 'typebox';
import type { App } from '../../platform/http/app-types.js';
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
    async (req, reply) => {
      const { collectionId, itemId, z, x, y, format } = req.params;
      const t = await tiles.tile(req.ctx, collectionId, itemId, { z, x, y }, format, req.headers['if-none-match']);
      reply.header('etag', t.etag).header('cache-control', t.cacheControl);
      if (t.status !== 200) return reply.status(t.status).send();
      return reply.type(t.mediaType).send(t.body);
    },
  );

  /** GET /api/tiles/dom-2024/pub/tilejson.json */
  app.get(
    '/api/tiles/:collectionId/:itemId/tilejson.json',
    { schema: { tags, params: Type.Object(ItemParams) } },
    (req) => tiles.tileJson(req.ctx, req.params.collectionId, req.params.itemId, urlsOf(req)),
  );
}
