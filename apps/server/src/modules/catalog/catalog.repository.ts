import type { Queryable as Db } from '../../platform/db/db.port.js';
import { APPROVED_LINE_SQL, onlineAccessSql, type Viewer, visibilitySql } from './catalog.access.rules.js';
import { ITEM_QUERYABLES } from './catalog.queryables.js';
import type { SearchRequest } from './stac.search.rules.js';

/** An item row as the serialiser needs it (columns plus joined names, GeoJSON and assets). */
export interface ItemRow {
  collection_id: string;
  id: string;
  catalogue_no: string;
  title: string;
  description: string | null;
  datetime: Date;
  geojson: string;
  bbox: [number, number, number, number];
  gsd: number | null;
  platform: string | null;
  instruments: string[];
  cloud_cover: number | null;
  product_type: string;
  format: string | null;
  data_volume: number | null;
  secrecy: 'public' | 'secret' | 'confidential' | 'undetermined';
  secrecy_term: string | null;
  sharing_type: 'unconditional' | 'conditional' | 'none';
  sharing_basis: string | null;
  sharing_method: 'online' | 'offline';
  funding_source: string | null;
  custodian_org_id: string | null;
  custodian_name: string | null;
  provider_org_id: string | null;
  provider_name: string | null;
  update_frequency: string | null;
  usage_requirements: string | null;
  district_codes: string[];
  properties: Record<string, unknown>;
  checksum_sm3: string | null;
  published: boolean;
  published_at: Date | null;
  created_at: Date;
  updated_at: Date;
  assets: {
    key: string;
    media_type: string;
    title: string | null;
    roles: string[];
    size: number | null;
    checksum_sm3: string | null;
  }[];
}

/** The columns the serialiser needs (GeoJSON, bbox, org names, assets as JSON). */
const ITEM_COLUMNS = `
  i.collection_id, i.id, i.catalogue_no, i.title, i.description, i.datetime, ST_AsGeoJSON(i.geom, 7) AS geojson,
    ARRAY[ST_XMin(i.geom), ST_YMin(i.geom), ST_XMax(i.geom), ST_YMax(i.geom)] AS bbox,
    i.gsd, i.platform, i.instruments, i.cloud_cover, i.product_type, i.format, i.data_volume, i.secrecy, i.secrecy_term,
    i.sharing_type, i.sharing_basis, i.sharing_method, i.funding_source, i.custodian_org_id, cu.name AS custodian_name,
    i.provider_org_id, pv.name AS provider_name, i.update_frequency, i.usage_requirements, i.district_codes, i.properties,
    i.checksum_sm3, i.published, i.published_at, i.created_at, i.updated_at,
    coalesce((SELECT json_agg(json_build_object('key', a.key, 'media_type', a.media_type, 'title', a.title, 'roles', a.roles,
      'size', a.size, 'checksum_sm3', a.checksum_sm3) ORDER BY a.key)
      FROM catalog_asset a WHERE a.collection_id = i.collection_id AND a.item_id = i.id), '[]'::json) AS assets`;

const ITEM_FROM = `  FROM catalog_item i
  JOIN catalog_collection c ON c.id = i.collection_id
  LEFT JOIN org cu ON cu.id = i.custodian_org_id
  LEFT JOIN org pv ON pv.id = i.provider_org_id`;

const ITEM_SELECT = `SELECT ${ITEM_COLUMNS} ${ITEM_FROM}`;

/** Escapes LIKE wildcards so a user's `%` or `_` is matched literally. */
const likeLiteral = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The WHERE clause of a search: visibility first (the data-layer secrecy rule), then each STAC parameter.
 * `filterSql` is the already-translated CQL2 filter (it shares `params`).
 */
export function searchWhere(viewer: Viewer, r: SearchRequest, params: unknown[], filterSql: string | null): string {
  const where = [visibilitySql(viewer, params)];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (r.collections?.length) where.push(`i.collection_id = ANY(${p(r.collections)}::text[])`);
  if (r.ids?.length) where.push(`i.id = ANY(${p(r.ids)}::text[])`);
  if (r.bbox) {
    const env = `ST_MakeEnvelope(${p(r.bbox[0])}::float8, ${p(r.bbox[1])}::float8, ${p(r.bbox[2])}::float8, ${p(r.bbox[3])}::float8, 4490)`;
    where.push(`ST_Intersects(i.geom, ${env})`);
  }
  if (r.intersects)
    where.push(`ST_Intersects(i.geom, ST_SetSRID(ST_GeomFromGeoJSON(${p(JSON.stringify(r.intersects))}), 4490))`);
  if (r.datetime?.start) where.push(`i.datetime >= ${p(r.datetime.start)}::timestamptz`);
  if (r.datetime?.end) where.push(`i.datetime <= ${p(r.datetime.end)}::timestamptz`);
  for (const term of r.q ?? []) where.push(`i.search_text LIKE '%' || ${p(likeLiteral(term))} || '%'`);
  if (filterSql) where.push(`(${filterSql})`);
  return where.join(' AND ');
}

function orderBy(r: SearchRequest): string {
  const keys = r.sortby.length ? r.sortby : [{ field: 'datetime', direction: 'desc' as const }];
  const parts = keys.map((s) => {
    const q = ITEM_QUERYABLES[s.field]!;
    return `${q.sql} ${s.direction === 'desc' ? 'DESC' : 'ASC'}${q.required ? '' : ' NULLS LAST'}`;
  });
  return [...parts, 'i.collection_id', 'i.id'].join(', ');
}

/** Counting stops here: beyond it `numberMatched` is reported as this cap (the UI shows “10000+”). */
export const COUNT_CAP = 10_000;

export const catalogRepository = {
  async search(q: Db, viewer: Viewer, r: SearchRequest, filter: (params: unknown[]) => string | null) {
    const params: unknown[] = [];
    const where = searchWhere(viewer, r, params, filter(params));
    const n = params.length;
    const pageParams = [...params, r.limit, r.offset];
    const page = `ORDER BY ${orderBy(r)} LIMIT $${n + 1} OFFSET $${n + 2}`;
    // One scan for the usual, selective search: the keys of up to COUNT_CAP + 1 matches are collected once, counted,
    // and the page is cut from them. Only when there are more matches than that does the ordered page need its own
    // query (an index walk), and numberMatched is then reported as the cap.
    const { rows } = await q.query<ItemRow & { total: number }>(
      `WITH m AS MATERIALIZED (
         SELECT i.collection_id, i.id FROM catalog_item i JOIN catalog_collection c ON c.id = i.collection_id
         WHERE ${where} LIMIT ${COUNT_CAP + 1})
       SELECT ${ITEM_COLUMNS}, (SELECT count(*)::int FROM m) AS total ${ITEM_FROM}
       WHERE (i.collection_id, i.id) IN (SELECT collection_id, id FROM m) ${page}`,
      pageParams,
    );
    const total = rows[0]?.total ?? (r.offset === 0 ? 0 : null);
    if (total !== null && total <= COUNT_CAP) return { rows, matched: total };
    const ordered = await q.query<ItemRow>(`${ITEM_SELECT} WHERE ${where} ${page}`, pageParams);
    return { rows: ordered.rows, matched: total === null ? await this.count(q, where, params) : COUNT_CAP };
  },

  async count(q: Db, where: string, params: unknown[]): Promise<number> {
    const { rows } = await q.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM catalog_item i JOIN catalog_collection c ON c.id = i.collection_id WHERE ${where} LIMIT ${COUNT_CAP}) s`,
      params,
    );
    return rows[0]!.n;
  },

  /** Whether an application of `orgId` naming the entry was approved for it (the data applications' order lines). */
  async approvedForOrg(q: Db, orgId: string, collectionId: string, id: string): Promise<boolean> {
    const { rows } = await q.query<{ ok: boolean }>(
      `SELECT EXISTS (${APPROVED_LINE_SQL} AND a.org_id = $1 AND l.collection_id = $2 AND l.item_id = $3) AS ok`,
      [orgId, collectionId, id],
    );
    return rows[0]?.ok === true;
  },

  async item(q: Db, viewer: Viewer, collectionId: string, id: string): Promise<ItemRow | null> {
    const params: unknown[] = [collectionId, id];
    const { rows } = await q.query<ItemRow>(
      `${ITEM_SELECT} WHERE i.collection_id = $1 AND i.id = $2 AND ${visibilitySql(viewer, params)}`,
      params,
    );
    return rows[0] ?? null;
  },

  /** Aggregations over the same WHERE as a search (STAC aggregation extension). */
  async aggregate(q: Db, viewer: Viewer, r: SearchRequest, filter: (params: unknown[]) => string | null) {
    const params: unknown[] = [];
    const where = searchWhere(viewer, r, params, filter(params));
    const base = `FROM catalog_item i JOIN catalog_collection c ON c.id = i.collection_id WHERE ${where}`;
    const freq = async (keySql: string, from = base) =>
      (
        await q.query<{ key: string | null; frequency: number }>(
          `SELECT ${keySql} AS key, count(*)::int AS frequency ${from} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 100`,
          params,
        )
      ).rows;
    const totals = (
      await q.query<{ n: number; min: Date | null; max: Date | null }>(
        `SELECT count(*)::int AS n, min(i.datetime) AS min, max(i.datetime) AS max ${base}`,
        params,
      )
    ).rows[0]!;
    return {
      total: totals.n,
      datetimeMin: totals.min,
      datetimeMax: totals.max,
      datetime: await freq(`to_char(date_trunc('month', i.datetime AT TIME ZONE 'UTC'), 'YYYY-MM')`),
      collection: await freq('i.collection_id'),
      platform: await freq(`coalesce(i.platform, '未知')`),
      cloudCover: await freq(
        `CASE WHEN i.cloud_cover IS NULL THEN '未知' ELSE (least(floor(i.cloud_cover / 10), 9) * 10)::int || '-' || (least(floor(i.cloud_cover / 10), 9) * 10 + 10)::int END`,
      ),
      district: await freq(
        'd.code',
        `FROM catalog_item i JOIN catalog_collection c ON c.id = i.collection_id CROSS JOIN LATERAL unnest(i.district_codes) AS d(code) WHERE ${where}`,
      ),
    };
  },
};

/**
 * Coverage (BX-8): the share of a district covered by visible items of a resolution class newer than a date, with
 * the covered area as a union. Areas are ellipsoidal (geography on CGCS2000), km².
 */
export async function coverageQuery(
  q: Db,
  viewer: Viewer,
  f: { districtCode: string; maxGsd: number | null; since: string },
) {
  const params: unknown[] = [f.districtCode, f.maxGsd, f.since];
  const visible = visibilitySql(viewer, params);
  const { rows } = await q.query<{
    name: string;
    district_km2: number;
    covered_km2: number | null;
    geojson: string | null;
    n: number;
  }>(
    `WITH d AS (SELECT name, geom FROM admin_area WHERE code = $1),
          hit AS (
            SELECT ST_Intersection(i.geom, d.geom) AS g
            FROM catalog_item i JOIN catalog_collection c ON c.id = i.collection_id, d
            WHERE ST_Intersects(i.geom, d.geom) AND ($2::float8 IS NULL OR i.gsd <= $2) AND i.datetime >= $3::timestamptz
              AND ${visible}),
          u AS (SELECT ST_Union(g) AS g, count(*)::int AS n FROM hit)
     SELECT d.name, ST_Area(d.geom::geography) / 1e6 AS district_km2, ST_Area(u.g::geography) / 1e6 AS covered_km2,
            ST_AsGeoJSON(u.g, 6) AS geojson, u.n
     FROM d, u`,
    params,
  );
  return rows[0] ?? null;
}

/** Every visible entry with the catalogue fields of MNR-9 and ZS-9, for the xlsx exports. */
export async function exportRows(q: Db, viewer: Viewer, collections: string[] | null) {
  const params: unknown[] = [collections];
  const visible = visibilitySql(viewer, params);
  const { rows } = await q.query<{
    catalogue_no: string;
    title: string;
    description: string | null;
    format: string | null;
    extent: string;
    districts: string | null;
    datetime: Date;
    secrecy: string;
    secrecy_term: string | null;
    sharing_type: string;
    sharing_basis: string | null;
    sharing_method: string;
    custodian: string | null;
    provider: string | null;
    product_type: string;
    update_frequency: string | null;
    usage_requirements: string | null;
    gsd: number | null;
    platform: string | null;
    collection_title: string;
    published: boolean;
  }>(
    `SELECT i.catalogue_no, i.title, i.description, i.format,
       round(ST_XMin(i.geom)::numeric, 4) || ',' || round(ST_YMin(i.geom)::numeric, 4) || ' ~ ' || round(ST_XMax(i.geom)::numeric, 4) || ',' || round(ST_YMax(i.geom)::numeric, 4) AS extent,
       (SELECT string_agg(a.name, '、' ORDER BY a.code) FROM admin_area a WHERE a.code = ANY(i.district_codes)) AS districts,
       i.datetime, i.secrecy, i.secrecy_term, i.sharing_type, i.sharing_basis, i.sharing_method, cu.name AS custodian, pv.name AS provider,
       i.product_type, i.update_frequency, i.usage_requirements, i.gsd, i.platform, c.title AS collection_title, i.published
     FROM catalog_item i JOIN catalog_collection c ON c.id = i.collection_id
     LEFT JOIN org cu ON cu.id = i.custodian_org_id LEFT JOIN org pv ON pv.id = i.provider_org_id
     WHERE ($1::text[] IS NULL OR i.collection_id = ANY($1)) AND ${visible}
     ORDER BY i.catalogue_no`,
    params,
  );
  return rows;
}

/** An entry's data COG as online tiles use it: its first GeoTIFF data asset by key (what `tileSource` picks). */
const DATA_COG = `JOIN LATERAL (
    SELECT a.storage_key, a.checksum_sm3 FROM catalog_asset a
    WHERE a.collection_id = i.collection_id AND a.item_id = i.id AND 'data' = ANY(a.roles) AND a.media_type LIKE 'image/tiff%'
    ORDER BY a.key LIMIT 1) d ON TRUE`;

export interface MosaicItemRow {
  collection_id: string;
  id: string;
  storage_key: string;
  /** the same cache version `tileSource` gives the entry */
  version: string;
  bbox: [number, number, number, number];
}

/**
 * Mosaics (BX-16): entries of a search that the viewer may see online (visibility and online-access rules in the
 * query), with a data COG. The spatial test uses the footprint index.
 */
export const mosaicRepository = {
  /** Entries touching `bbox` (lon/lat, EPSG:4490), newest first, at most `limit`. */
  async items(
    q: Db,
    viewer: Viewer,
    r: SearchRequest,
    filter: (params: unknown[]) => string | null,
    bbox: readonly [number, number, number, number],
    limit: number,
  ): Promise<MosaicItemRow[]> {
    const params: unknown[] = [];
    const where = `${searchWhere(viewer, r, params, filter(params))} AND ${onlineAccessSql(viewer, params)}`;
    const n = params.length;
    const { rows } = await q.query<MosaicItemRow>(
      `SELECT i.collection_id, i.id, d.storage_key,
              coalesce(i.checksum_sm3, d.checksum_sm3, 't' || floor(extract(epoch FROM i.updated_at) * 1000)::bigint) AS version,
              ARRAY[ST_XMin(i.geom), ST_YMin(i.geom), ST_XMax(i.geom), ST_YMax(i.geom)] AS bbox
       FROM catalog_item i JOIN catalog_collection c ON c.id = i.collection_id ${DATA_COG}
       WHERE ${where}
         AND ST_Intersects(i.geom, ST_MakeEnvelope($${n + 1}::float8, $${n + 2}::float8, $${n + 3}::float8, $${n + 4}::float8, 4490))
       ORDER BY i.datetime DESC, i.collection_id, i.id LIMIT $${n + 5}`,
      [...params, ...bbox, limit],
    );
    return rows;
  },

  /** Extent (lon/lat), finest GSD (metres) and count of the entries a mosaic can show. */
  async extent(q: Db, viewer: Viewer, r: SearchRequest, filter: (params: unknown[]) => string | null) {
    const params: unknown[] = [];
    const where = `${searchWhere(viewer, r, params, filter(params))} AND ${onlineAccessSql(viewer, params)}`;
    const { rows } = await q.query<{
      bbox: [number, number, number, number] | [null, null, null, null];
      gsd: number | null;
      n: number;
    }>(
      `SELECT ARRAY[ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)] AS bbox, gsd, n
       FROM (SELECT ST_Extent(i.geom) AS e, min(i.gsd) AS gsd, count(*)::int AS n
             FROM catalog_item i JOIN catalog_collection c ON c.id = i.collection_id ${DATA_COG} WHERE ${where}) s`,
      params,
    );
    return rows[0]!;
  },

  /** Collections with at least one entry the viewer may see online: one mosaic layer each (WMTS). */
  async collections(q: Db, viewer: Viewer) {
    const params: unknown[] = [];
    const where = `${visibilitySql(viewer, params)} AND ${onlineAccessSql(viewer, params)}`;
    const { rows } = await q.query<{ id: string; title: string; bbox: [number, number, number, number] }>(
      `SELECT c.id, c.title, ARRAY[ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)] AS bbox
       FROM (SELECT c.id, c.title, ST_Extent(i.geom) AS e
             FROM catalog_item i JOIN catalog_collection c ON c.id = i.collection_id ${DATA_COG}
             WHERE ${where} GROUP BY c.id, c.title) c
       ORDER BY c.id`,
      params,
    );
    return rows;
  },
};
