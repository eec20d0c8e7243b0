import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { App } from '../../platform/http/app-types.js';
import type { TileFormat } from '../../platform/raster/tile.render.js';
import type { TileAddress } from '../../platform/raster/tile-matrix-set.js';
import { urlsOf } from '../catalog/stac.routes.js';
import type { MosaicScope } from './mosaic.service.js';
import { StyleQuerystring, sendTile, TileIndexParams, TileMatrixSetParam } from './tile.routes.js';
import type { StyleQuery } from './tile.rules.js';

const SearchId = Type.String({ pattern: '^[0-9a-f]{32}$', description: 'id returned by POST /api/mosaics' });
const Tms = { tileMatrixSetId: TileMatrixSetParam };

/**
 * Mosaic layers (BX-16): all online entries of a collection, or of a registered STAC search, composed per tile
 * (newest on top). Anonymous callers allowed: they see public entries only.
 */
export async function mosaicRoutes(app: App): Promise<void> {
  const { mosaics } = app.services;
  const tags = ['在线浏览'];

  /**
   * POST /api/mosaics {"collections":["dom-2024"],"bbox":[114,27,115,28],"datetime":"2024-01-01/..","filter":…}
   * → {id, criteria, tilejson, tilejsons: {WebMercatorQuad, CGCS2000Quad}}; the same search always gets the same id.
   */
  app.post(
    '/api/mosaics',
    {
      schema: {
        tags,
        body: Type.Object(
          {
            collections: Type.Optional(Type.Array(Type.String())),
            ids: Type.Optional(Type.Array(Type.String())),
            bbox: Type.Optional(Type.Array(Type.Number())),
            intersects: Type.Optional(Type.Object({}, { additionalProperties: true })),
            datetime: Type.Optional(Type.String()),
            filter: Type.Optional(Type.Unknown()),
            'filter-lang': Type.Optional(Type.String()),
            q: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())])),
          },
          { additionalProperties: true },
        ),
      },
    },
    (req) => mosaics.register(req.body, urlsOf(req)),
  );

  /** One mosaic tile of `scope` as the reply (the tile routes of a collection and of a search alike). */
  const sendMosaicTile = async (
    req: FastifyRequest & { params: TileAddress & { tileMatrixSetId: string; format: TileFormat }; query: StyleQuery },
    reply: FastifyReply,
    scope: MosaicScope,
  ) => {
    const { tileMatrixSetId, z, x, y, format } = req.params;
    const h = req.headers['if-none-match'];
    return sendTile(
      reply,
      await mosaics.tile(req.ctx, scope, tileMatrixSetId, { z, x, y }, format, req.query, h, urlsOf(req)),
    );
  };

  /** GET /api/mosaics/dom-2024/WebMercatorQuad/15/26865/13737.png (204 where no entry has pixels) */
  app.get(
    '/api/mosaics/:collectionId/:tileMatrixSetId/:z/:x/:y.:format',
    {
      schema: {
        tags,
        params: Type.Object({ collectionId: Type.String(), ...Tms, ...TileIndexParams }),
        querystring: StyleQuerystring,
      },
    },
    (req, reply) => sendMosaicTile(req, reply, { collectionId: req.params.collectionId }),
  );

  /** GET /api/mosaics/dom-2024/CGCS2000Quad/tilejson.json */
  app.get(
    '/api/mosaics/:collectionId/:tileMatrixSetId/tilejson.json',
    { schema: { tags, params: Type.Object({ collectionId: Type.String(), ...Tms }), querystring: StyleQuerystring } },
    (req) =>
      mosaics.tileJson(
        req.ctx,
        { collectionId: req.params.collectionId },
        req.params.tileMatrixSetId,
        req.query,
        urlsOf(req),
      ),
  );

  /** GET /api/mosaics/searches/0f3c…/WebMercatorQuad/15/26865/13737.png */
  app.get(
    '/api/mosaics/searches/:searchId/:tileMatrixSetId/:z/:x/:y.:format',
    {
      schema: {
        tags,
        params: Type.Object({ searchId: SearchId, ...Tms, ...TileIndexParams }),
        querystring: StyleQuerystring,
      },
    },
    (req, reply) => sendMosaicTile(req, reply, { searchId: req.params.searchId }),
  );

  /** GET /api/mosaics/searches/0f3c…/WebMercatorQuad/tilejson.json */
  app.get(
    '/api/mosaics/searches/:searchId/:tileMatrixSetId/tilejson.json',
    { schema: { tags, params: Type.Object({ searchId: SearchId, ...Tms }), querystring: StyleQuerystring } },
    (req) =>
      mosaics.tileJson(req.ctx, { searchId: req.params.searchId }, req.params.tileMatrixSetId, req.query, urlsOf(req)),
  );
}
