import { Type } from 'typebox';
import type { App } from '../../platform/http/app-types.js';
import { urlsOf } from '../catalog/stac.routes.js';
import type { MosaicScope } from './mosaic.service.js';
import { StyleQuerystring, sendTile, TileIndexParams, TileMatrixSetParam } from './tile.routes.js';

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

  const tile = (
    scope: MosaicScope,
    p: { tileMatrixSetId: string; z: number; x: number; y: number; format: 'png' | 'webp' | 'jpg' },
  ) => [scope, p.tileMatrixSetId, { z: p.z, x: p.x, y: p.y }, p.format] as const;

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
    async (req, reply) => {
      const [scope, set, t, format] = tile({ collectionId: req.params.collectionId }, req.params);
      const res = await mosaics.tile(
        req.ctx,
        scope,
        set,
        t,
        format,
        req.query,
        req.headers['if-none-match'],
        urlsOf(req),
      );
      return sendTile(reply, res);
    },
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
    async (req, reply) => {
      const [scope, set, t, format] = tile({ searchId: req.params.searchId }, req.params);
      const res = await mosaics.tile(
        req.ctx,
        scope,
        set,
        t,
        format,
        req.query,
        req.headers['if-none-match'],
        urlsOf(req),
      );
      return sendTile(reply, res);
    },
  );

  /** GET /api/mosaics/searches/0f3c…/WebMercatorQuad/tilejson.json */
  app.get(
    '/api/mosaics/searches/:searchId/:tileMatrixSetId/tilejson.json',
    { schema: { tags, params: Type.Object({ searchId: SearchId, ...Tms }), querystring: StyleQuerystring } },
    (req) =>
      mosaics.tileJson(req.ctx, { searchId: req.params.searchId }, req.params.tileMatrixSetId, req.query, urlsOf(req)),
  );
}
