import { CollectionInput, IsoDate, ItemPatch } from '@geoshare/shared';
import { Type } from 'typebox';
import type { App } from '../../platform/http/app-types.js';
import {
  RangeHeaders,
  rangeHeaders,
  rangeRequest,
  withUnsatisfiedRange,
} from '../../platform/http/byte-range.reply.js';
import { requireRoles, requireUser } from '../../platform/http/request-context.js';

const CollectionParams = Type.Object({ collectionId: Type.String() });
const ItemParams = Type.Object({ collectionId: Type.String(), itemId: Type.String() });
const Publish = Type.Object({ published: Type.Boolean() });

/** Catalogue upkeep (BX-13, MNR-9, ZS-11) for catalogue managers, and asset downloads (BX-16, MNR-16). */
export async function catalogRoutes(app: App): Promise<void> {
  const { catalog } = app.services;
  const tags = ['目录管理'];
  const keeper = requireRoles('catalogueManager', 'admin');

  app.post(
    '/api/catalog/collections',
    { schema: { tags, body: CollectionInput }, preHandler: keeper },
    async (req, reply) => {
      await catalog.createCollection(req.ctx, req.body);
      return reply.status(201).send({ id: req.body.id });
    },
  );
  app.put(
    '/api/catalog/collections/:collectionId',
    { schema: { tags, params: CollectionParams, body: Type.Omit(CollectionInput, ['id']) }, preHandler: keeper },
    async (req, reply) => {
      await catalog.updateCollection(req.ctx, req.params.collectionId, req.body);
      return reply.status(204).send();
    },
  );
  app.post(
    '/api/catalog/collections/:collectionId/publish',
    { schema: { tags, params: CollectionParams, body: Publish }, preHandler: keeper },
    async (req, reply) => {
      await catalog.publishCollection(req.ctx, req.params.collectionId, req.body.published);
      return reply.status(204).send();
    },
  );
  app.patch(
    '/api/catalog/collections/:collectionId/items/:itemId',
    { schema: { tags, params: ItemParams, body: ItemPatch }, preHandler: keeper },
    async (req, reply) => {
      await catalog.updateItem(req.ctx, req.params.collectionId, req.params.itemId, req.body);
      return reply.status(204).send();
    },
  );
  app.post(
    '/api/catalog/collections/:collectionId/items/:itemId/publish',
    { schema: { tags, params: ItemParams, body: Publish }, preHandler: keeper },
    async (req, reply) => {
      await catalog.publishItem(req.ctx, req.params.collectionId, req.params.itemId, req.body.published);
      return reply.status(204).send();
    },
  );

  /** GET /api/catalog/coverage?district=990102&resolution=sub1&since=2024-01-01 (BX-8) */
  app.get(
    '/api/catalog/coverage',
    {
      schema: {
        tags,
        querystring: Type.Object({
          district: Type.String({ maxLength: 12 }),
          resolution: Type.String({ maxLength: 10 }),
          since: IsoDate,
        }),
      },
      preHandler: requireUser,
    },
    (req) =>
      catalog.coverage(req.ctx, {
        districtCode: req.query.district,
        resolution: req.query.resolution,
        since: req.query.since,
      }),
  );

  /** GET /api/catalog/export/resource-catalogue.xlsx (MNR-9) or data-resource-catalogue.xlsx (ZS-9), ?collections=a,b */
  app.get(
    '/api/catalog/export/:sheet',
    {
      schema: {
        tags,
        params: Type.Object({
          sheet: Type.Union([Type.Literal('resource-catalogue.xlsx'), Type.Literal('data-resource-catalogue.xlsx')]),
        }),
        querystring: Type.Object({ collections: Type.Optional(Type.String()) }),
      },
      preHandler: keeper,
    },
    async (req, reply) => {
      const kind = req.params.sheet.replace('.xlsx', '') as 'resource-catalogue' | 'data-resource-catalogue';
      const collections = req.query.collections ? req.query.collections.split(',').filter(Boolean) : null;
      const xlsx = await catalog.exportCatalogue(req.ctx, kind, collections);
      const name = kind === 'resource-catalogue' ? '资源目录-MNR9.xlsx' : '政务数据资源目录-ZS9.xlsx';
      reply.header(
        'content-disposition',
        `attachment; filename="${req.params.sheet}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      );
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(xlsx);
    },
  );

  /**
   * GET /api/assets/{collection}/{item}/{key}: the file itself, if the access rules allow it online; audited.
   * `Range: bytes=0-1048575` → 206 with that part (416 past the end), when the asset's size is known.
   */
  app.get(
    '/api/assets/:collectionId/:itemId/:key',
    {
      schema: {
        tags: ['资源文件'],
        params: Type.Object({ collectionId: Type.String(), itemId: Type.String(), key: Type.String() }),
        headers: RangeHeaders,
      },
    },
    async (req, reply) => {
      const { collectionId, itemId, key } = req.params;
      const a = await catalog
        .openAsset(req.ctx, collectionId, itemId, key, rangeRequest(req))
        .catch(withUnsatisfiedRange(reply));
      rangeHeaders(reply, a).type(a.mediaType).header('cache-control', 'private, max-age=300');
      return reply.send(a.stream ?? undefined);
    },
  );
}
