import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { App } from '../../platform/http/app-types.js';
import { ITEM_QUERYABLES } from './catalog.queryables.js';
import { parseBbox, parseDatetime, parseQ } from './stac.search.rules.js';
import { STAC_VERSION, type Urls } from './stac.serialize.js';

/** STAC API conformance classes implemented here. */
export const CONFORMS_TO = [
  'https://api.stacspec.org/v1.0.0/core',
  'https://api.stacspec.org/v1.0.0/collections',
  'https://api.stacspec.org/v1.0.0/ogcapi-features',
  'https://api.stacspec.org/v1.0.0/item-search',
  'https://api.stacspec.org/v1.0.0/item-search#sort',
  'https://api.stacspec.org/v1.0.0/item-search#fields',
  'https://api.stacspec.org/v1.0.0-rc.1/item-search#filter',
  'https://api.stacspec.org/v1.0.0-rc.1/item-search#free-text',
  'https://api.stacspec.org/v1.0.0-rc.1/collection-search',
  'https://api.stacspec.org/v1.0.0-rc.1/collection-search#free-text',
  'https://api.stacspec.org/v0.3.0/aggregation',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter',
  'http://www.opengis.net/spec/cql2/1.0/conf/cql2-text',
  'http://www.opengis.net/spec/cql2/1.0/conf/cql2-json',
  'http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2',
  'http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators',
  'http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions',
  'http://www.opengis.net/spec/cql2/1.0/conf/spatial-functions',
  'http://www.opengis.net/spec/cql2/1.0/conf/temporal-functions',
  'http://www.opengis.net/spec/cql2/1.0/conf/array-functions',
  'http://www.opengis.net/spec/cql2/1.0/conf/case-insensitive-comparison',
];

export const urlsOf = (req: FastifyRequest): Urls => ({ api: `${req.protocol}://${req.host}/api` });

const AGGREGATIONS = [
  'total_count',
  'datetime_min',
  'datetime_max',
  'datetime_frequency',
  'collection_frequency',
  'platform_frequency',
  'cloud_cover_frequency',
  'geoshare:district_frequency',
];

const SearchQuery = Type.Object(
  {
    bbox: Type.Optional(Type.String()),
    intersects: Type.Optional(Type.String()),
    datetime: Type.Optional(Type.String()),
    ids: Type.Optional(Type.String()),
    collections: Type.Optional(Type.String()),
    filter: Type.Optional(Type.String()),
    'filter-lang': Type.Optional(Type.String()),
    q: Type.Optional(Type.String()),
    sortby: Type.Optional(Type.String()),
    fields: Type.Optional(Type.String()),
    limit: Type.Optional(Type.Integer({ minimum: 1 })),
    token: Type.Optional(Type.String()),
    aggregations: Type.Optional(Type.String()),
  },
  { additionalProperties: true },
);
const SearchBody = Type.Object({}, { additionalProperties: true });

/**
 * The STAC API at /api/stac (core, collections, features, item-search with filter/sort/fields/free-text,
 * collection search, aggregation). Anonymous callers see only published, non-classified, unconditional items.
 */
export async function stacRoutes(app: App): Promise<void> {
  const { catalog } = app.services;
  const tags = ['STAC 目录'];
  const geojson = 'application/geo+json';

  /** GET /api/stac → landing page with conformsTo and links */
  app.get('/api/stac', { schema: { tags } }, async (req) => {
    const u = urlsOf(req);
    const root = `${u.api}/stac`;
    const collections = await catalog.collections(req.ctx, {}, u);
    return {
      type: 'Catalog',
      stac_version: STAC_VERSION,
      id: 'geoshare',
      title: 'GeoShare 遥感影像资源目录',
      description: '遥感影像与调查监测成果资源目录（STAC API）。非涉密、主动公开的数据无需登录即可检索。',
      conformsTo: CONFORMS_TO,
      links: [
        { rel: 'self', href: root, type: 'application/json' },
        { rel: 'root', href: root, type: 'application/json' },
        { rel: 'conformance', href: `${root}/conformance`, type: 'application/json' },
        { rel: 'data', href: `${root}/collections`, type: 'application/json' },
        { rel: 'search', href: `${root}/search`, type: geojson, method: 'GET' },
        { rel: 'search', href: `${root}/search`, type: geojson, method: 'POST' },
        {
          rel: 'http://www.opengis.net/def/rel/ogc/1.0/queryables',
          href: `${root}/queryables`,
          type: 'application/schema+json',
        },
        { rel: 'aggregate', href: `${root}/aggregate`, type: 'application/json', method: 'GET' },
        { rel: 'aggregations', href: `${root}/aggregations`, type: 'application/json' },
        { rel: 'service-desc', href: `${u.api}/docs/json`, type: 'application/vnd.oai.openapi+json;version=3.0' },
        { rel: 'service-doc', href: `${u.api}/docs`, type: 'text/html' },
        ...collections.map((c) => ({
          rel: 'child',
          href: `${root}/collections/${encodeURIComponent(String(c.id))}`,
          type: 'application/json',
          title: c.title,
        })),
      ],
    };
  });

  app.get('/api/stac/conformance', { schema: { tags } }, async () => ({ conformsTo: CONFORMS_TO }));

  app.get(
    '/api/stac/collections',
    {
      schema: {
        tags,
        querystring: Type.Object({
          q: Type.Optional(Type.String()),
          bbox: Type.Optional(Type.String()),
          datetime: Type.Optional(Type.String()),
          limit: Type.Optional(Type.Integer({ minimum: 1 })),
        }),
      },
    },
    async (req) => {
      const u = urlsOf(req);
      const f = {
        ...(req.query.q ? { q: parseQ(req.query.q) } : {}),
        ...(req.query.bbox ? { bbox: parseBbox(req.query.bbox) } : {}),
        ...(req.query.datetime ? { datetime: parseDatetime(req.query.datetime) } : {}),
      };
      const collections = (await catalog.collections(req.ctx, f, u)).slice(0, req.query.limit ?? 1000);
      return {
        collections,
        numberMatched: collections.length,
        numberReturned: collections.length,
        links: [
          { rel: 'self', href: `${u.api}/stac/collections`, type: 'application/json' },
          { rel: 'root', href: `${u.api}/stac`, type: 'application/json' },
        ],
      };
    },
  );

  app.get(
    '/api/stac/collections/:collectionId',
    { schema: { tags, params: Type.Object({ collectionId: Type.String() }) } },
    (req) => catalog.collection(req.ctx, req.params.collectionId, urlsOf(req)),
  );

  const queryables = (u: Urls, collectionId?: string) => ({
    $schema: 'https://json-schema.org/draft/2019-09/schema',
    $id: `${u.api}/stac${collectionId ? `/collections/${collectionId}` : ''}/queryables`,
    type: 'object',
    title: 'GeoShare 可查询字段',
    properties: Object.fromEntries(
      Object.entries(ITEM_QUERYABLES).map(([k, q]) => [k, { title: q.title, ...q.schema }]),
    ),
    additionalProperties: false,
  });
  app.get('/api/stac/queryables', { schema: { tags } }, async (req, reply) =>
    reply.type('application/schema+json').send(queryables(urlsOf(req))),
  );
  app.get(
    '/api/stac/collections/:collectionId/queryables',
    { schema: { tags, params: Type.Object({ collectionId: Type.String() }) } },
    async (req, reply) => {
      await catalog.collection(req.ctx, req.params.collectionId, urlsOf(req));
      return reply.type('application/schema+json').send(queryables(urlsOf(req), req.params.collectionId));
    },
  );

  /** Builds the URL of another page of the same GET search. */
  const pageUrl = (req: FastifyRequest, path: string, query: Record<string, unknown>) => (token: string | null) => {
    const qs = new URLSearchParams(
      Object.entries(query)
        .filter(([k, v]) => k !== 'token' && v !== undefined)
        .map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
    );
    if (token) qs.set('token', token);
    return `${urlsOf(req).api}${path}?${qs}`;
  };
  const send = (reply: { type(t: string): unknown }, body: Record<string, unknown>) => {
    reply.type(geojson);
    const { request: _request, ...rest } = body;
    return rest;
  };

  /** GET /api/stac/search?bbox=114,27,115,28&datetime=2024-01-01/..&filter=eo:cloud_cover<20&sortby=-datetime */
  app.get('/api/stac/search', { schema: { tags, querystring: SearchQuery } }, async (req, reply) =>
    send(reply, await catalog.search(req.ctx, req.query, urlsOf(req), pageUrl(req, '/stac/search', req.query))),
  );
  app.post('/api/stac/search', { schema: { tags, body: SearchBody } }, async (req, reply) => {
    const body = req.body as Record<string, unknown>;
    // A POST search pages with links that repeat the body plus the token (STAC API: method POST, merge).
    const r = await catalog.search(
      req.ctx,
      body,
      urlsOf(req),
      (token) => `${urlsOf(req).api}/stac/search?token=${token}`,
    );
    r.links = r.links.map((l) =>
      l.rel === 'next' || l.rel === 'prev'
        ? {
            ...l,
            method: 'POST',
            body: { ...body, token: new URL(String(l.href)).searchParams.get('token') },
            merge: false,
            href: `${urlsOf(req).api}/stac/search`,
          }
        : l,
    );
    return send(reply, r);
  });

  app.get(
    '/api/stac/collections/:collectionId/items',
    { schema: { tags, params: Type.Object({ collectionId: Type.String() }), querystring: SearchQuery } },
    async (req, reply) => {
      await catalog.collection(req.ctx, req.params.collectionId, urlsOf(req));
      const q = { ...req.query, collections: req.params.collectionId };
      return send(
        reply,
        await catalog.search(
          req.ctx,
          q,
          urlsOf(req),
          pageUrl(req, `/stac/collections/${encodeURIComponent(req.params.collectionId)}/items`, req.query),
        ),
      );
    },
  );

  app.get(
    '/api/stac/collections/:collectionId/items/:itemId',
    { schema: { tags, params: Type.Object({ collectionId: Type.String(), itemId: Type.String() }) } },
    async (req, reply) => {
      reply.type(geojson);
      return catalog.item(req.ctx, req.params.collectionId, req.params.itemId, urlsOf(req));
    },
  );

  app.get('/api/stac/aggregations', { schema: { tags } }, async (req) => ({
    aggregations: AGGREGATIONS.map((name) => ({
      name,
      data_type: name.endsWith('frequency')
        ? 'frequency_distribution'
        : name === 'total_count'
          ? 'integer'
          : 'datetime',
    })),
    links: [{ rel: 'root', href: `${urlsOf(req).api}/stac`, type: 'application/json' }],
  }));

  /** GET /api/stac/aggregate?aggregations=total_count,collection_frequency&bbox=… (STAC aggregation extension) */
  const aggregate = async (req: FastifyRequest, raw: Record<string, unknown>) => {
    const wanted = String(raw.aggregations ?? AGGREGATIONS.join(','))
      .split(',')
      .map((s) => s.trim());
    const { aggregations: _a, ...search } = raw;
    const a = await catalog.aggregate(req.ctx, search);
    const freq = (name: string, buckets: { key: string | null; frequency: number }[]) => ({
      name,
      data_type: 'frequency_distribution',
      buckets: buckets.map((b) => ({ key: b.key ?? '未知', data_type: 'string', frequency: b.frequency })),
    });
    const all: Record<string, unknown> = {
      total_count: { name: 'total_count', data_type: 'integer', value: a.total },
      datetime_min: { name: 'datetime_min', data_type: 'datetime', value: a.datetimeMin?.toISOString() ?? null },
      datetime_max: { name: 'datetime_max', data_type: 'datetime', value: a.datetimeMax?.toISOString() ?? null },
      datetime_frequency: freq('datetime_frequency', a.datetime),
      collection_frequency: freq('collection_frequency', a.collection),
      platform_frequency: freq('platform_frequency', a.platform),
      cloud_cover_frequency: freq('cloud_cover_frequency', a.cloudCover),
      'geoshare:district_frequency': freq('geoshare:district_frequency', a.district),
    };
    return {
      type: 'AggregationCollection',
      aggregations: wanted.filter((w) => w in all).map((w) => all[w]),
      links: [{ rel: 'root', href: `${urlsOf(req).api}/stac`, type: 'application/json' }],
    };
  };
  app.get('/api/stac/aggregate', { schema: { tags, querystring: SearchQuery } }, (req) => aggregate(req, req.query));
  app.post('/api/stac/aggregate', { schema: { tags, body: SearchBody } }, (req) =>
    aggregate(req, req.body as Record<string, unknown>),
  );
}
