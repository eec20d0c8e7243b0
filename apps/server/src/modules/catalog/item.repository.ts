import type { Queryable } from '../../platform/db/db.port.js';

/** A new catalogue entry as written by ingest or by hand (geometry is GeoJSON in EPSG:4490). */
export interface ItemDraft {
  collectionId: string;
  id: string;
  catalogueNo: string;
  title: string;
  description: string | null;
  datetime: string;
  geometry: unknown;
  gsd: number | null;
  platform: string | null;
  instruments: string[];
  cloudCover: number | null;
  productType: string;
  format: string | null;
  dataVolume: number | null;
  secrecy: string;
  secrecyTerm: string | null;
  sharingType: string;
  sharingBasis: string | null;
  sharingMethod: string;
  fundingSource: string | null;
  custodianOrgId: string | null;
  providerOrgId: string | null;
  updateFrequency: string | null;
  usageRequirements: string | null;
  properties: Record<string, unknown>;
  checksumSm3: string | null;
  published: boolean;
}

export interface AssetDraft {
  key: string;
  storageKey: string;
  mediaType: string;
  title: string | null;
  roles: string[];
  size: number | null;
  checksumSm3: string | null;
}

/** An asset together with the entry it belongs to. */
export type ItemAssetDraft = AssetDraft & { collectionId: string; itemId: string };

/** Columns an edit may change, with their SQL names (the service decides which are allowed). */
export const ITEM_EDITABLE = {
  title: 'title',
  description: 'description',
  secrecy: 'secrecy',
  secrecyTerm: 'secrecy_term',
  sharingType: 'sharing_type',
  sharingBasis: 'sharing_basis',
  sharingMethod: 'sharing_method',
  fundingSource: 'funding_source',
  custodianOrgId: 'custodian_org_id',
  providerOrgId: 'provider_org_id',
  updateFrequency: 'update_frequency',
  usageRequirements: 'usage_requirements',
  cloudCover: 'cloud_cover',
  platform: 'platform',
} as const;

export const itemRepository = {
  async exists(q: Queryable, collectionId: string, id: string): Promise<boolean> {
    return (
      (await q.query('SELECT 1 FROM catalog_item WHERE collection_id = $1 AND id = $2', [collectionId, id])).rows
        .length > 0
    );
  },

  async byChecksum(q: Queryable, checksum: string): Promise<{ collection_id: string; id: string } | null> {
    const { rows } = await q.query<{ collection_id: string; id: string }>(
      'SELECT collection_id, id FROM catalog_item WHERE checksum_sm3 = $1',
      [checksum],
    );
    return rows[0] ?? null;
  },

  /**
   * Inserts many entries in one statement (bulk ingest: thousands per second). Districts the footprint touches and
   * the lower-cased free-text words (title, numbers, platform, product type label, year in China time, district and
   * city names) are derived in the same statement.
   */
  async insertMany(q: Queryable, drafts: (ItemDraft & { productTypeLabel: string })[], at: Date): Promise<void> {
    if (!drafts.length) return;
    const rows = drafts.map((d) => ({ ...d, geometry: d.geometry, at: at.toISOString() }));
    await q.query(
      `INSERT INTO catalog_item (collection_id, id, catalogue_no, title, description, datetime, geom, gsd, platform, instruments,
         cloud_cover, product_type, format, data_volume, secrecy, secrecy_term, sharing_type, sharing_basis, sharing_method,
         funding_source, custodian_org_id, provider_org_id, update_frequency, usage_requirements, properties, checksum_sm3,
         published, published_at, created_at, updated_at, district_codes, search_text)
       SELECT r."collectionId", r.id, r."catalogueNo", r.title, r.description, r.datetime, g.geom, r.gsd, r.platform,
         coalesce(r.instruments, '{}'), r."cloudCover", r."productType", r.format, r."dataVolume", r.secrecy, r."secrecyTerm",
         r."sharingType", r."sharingBasis", r."sharingMethod", r."fundingSource", r."custodianOrgId", r."providerOrgId",
         r."updateFrequency", r."usageRequirements", coalesce(r.properties, '{}'), r."checksumSm3", r.published,
         CASE WHEN r.published THEN r.at END, r.at, r.at, d.codes,
         lower(concat_ws(' ', r.title, r."catalogueNo", r.id, r."collectionId", c.title, r.platform, array_to_string(r.instruments, ' '),
           r."productTypeLabel", to_char(r.datetime AT TIME ZONE 'Asia/Shanghai', 'YYYY'), r.description, d.names))
       FROM jsonb_to_recordset($1::jsonb) AS r("collectionId" text, id text, "catalogueNo" text, title text, description text,
         datetime timestamptz, geometry jsonb, gsd float8, platform text, instruments text[], "cloudCover" float8, "productType" text,
         format text, "dataVolume" bigint, secrecy text, "secrecyTerm" text, "sharingType" text, "sharingBasis" text,
         "sharingMethod" text, "fundingSource" text, "custodianOrgId" uuid, "providerOrgId" uuid, "updateFrequency" text,
         "usageRequirements" text, properties jsonb, "checksumSm3" text, published boolean, at timestamptz, "productTypeLabel" text)
       JOIN catalog_collection c ON c.id = r."collectionId"
       CROSS JOIN LATERAL (SELECT ST_SetSRID(ST_GeomFromGeoJSON(r.geometry::text), 4490) AS geom) g
       CROSS JOIN LATERAL (
         SELECT coalesce(array_agg(a.code ORDER BY a.code), '{}') AS codes, coalesce(string_agg(a.name || ' ' || coalesce(p.name, ''), ' '), '') AS names
         FROM admin_area a LEFT JOIN admin_area p ON p.code = a.parent_code
         WHERE a.level = 'district' AND ST_Intersects(a.geom, g.geom)) d`,
      [JSON.stringify(rows)],
    );
  },

  /** Inserts the assets of one or many entries in one statement (bulk ingest registers hundreds at once). */
  async insertAssets(q: Queryable, assets: ItemAssetDraft[]): Promise<void> {
    if (!assets.length) return;
    await q.query(
      `INSERT INTO catalog_asset (collection_id, item_id, key, storage_key, media_type, title, roles, size, checksum_sm3)
       SELECT a."collectionId", a."itemId", a.key, a."storageKey", a."mediaType", a.title, a.roles, a.size, a."checksumSm3"
       FROM jsonb_to_recordset($1::jsonb) AS a("collectionId" text, "itemId" text, key text, "storageKey" text,
         "mediaType" text, title text, roles text[], size bigint, "checksumSm3" text)`,
      [JSON.stringify(assets)],
    );
  },

  /**
   * Districts the footprint touches and the free-text words (lower-cased: title, numbers, platform, product type
   * label, year, district and city names) — refreshed after every write of an item.
   */
  async refreshDerived(q: Queryable, collectionId: string, id: string, productTypeLabel: string): Promise<void> {
    await q.query(
      `UPDATE catalog_item i SET district_codes = d.codes,
         search_text = lower(concat_ws(' ', i.title, i.catalogue_no, i.id, i.collection_id, c.title, i.platform,
           array_to_string(i.instruments, ' '), $3::text, to_char(i.datetime AT TIME ZONE 'Asia/Shanghai', 'YYYY'), i.description, d.names))
       FROM catalog_collection c,
         (SELECT coalesce(array_agg(a.code ORDER BY a.code), '{}') AS codes, coalesce(string_agg(a.name || ' ' || coalesce(p.name, ''), ' '), '') AS names
          FROM admin_area a LEFT JOIN admin_area p ON p.code = a.parent_code
          WHERE a.level = 'district' AND ST_Intersects(a.geom, (SELECT geom FROM catalog_item WHERE collection_id = $1 AND id = $2))) d
       WHERE i.collection_id = $1 AND i.id = $2 AND c.id = i.collection_id`,
      [collectionId, id, productTypeLabel],
    );
  },

  async facts(q: Queryable, collectionId: string, id: string, forUpdate = false) {
    const { rows } = await q.query<
      Record<string, unknown> & {
        secrecy: string;
        published: boolean;
        product_type: string;
        sharing_type: string;
        sharing_basis: string | null;
      }
    >(
      `SELECT collection_id, id, title, description, secrecy, secrecy_term, sharing_type, sharing_basis, sharing_method, funding_source,
         custodian_org_id, provider_org_id, update_frequency, usage_requirements, cloud_cover, platform, published, product_type
       FROM catalog_item WHERE collection_id = $1 AND id = $2${forUpdate ? ' FOR UPDATE' : ''}`,
      [collectionId, id],
    );
    return rows[0] ?? null;
  },

  async update(q: Queryable, collectionId: string, id: string, set: Record<string, unknown>, at: Date): Promise<void> {
    const cols = Object.keys(set);
    if (!cols.length) return;
    const assignments = cols.map((c, i) => `${c} = $${i + 3}`).join(', ');
    await q.query(
      `UPDATE catalog_item SET ${assignments}, updated_at = $${cols.length + 3} WHERE collection_id = $1 AND id = $2`,
      [collectionId, id, ...Object.values(set), at],
    );
  },

  async setPublished(q: Queryable, collectionId: string, id: string, published: boolean, at: Date): Promise<void> {
    await q.query(
      `UPDATE catalog_item SET published = $3, published_at = CASE WHEN $3 THEN $4::timestamptz END, updated_at = $4
       WHERE collection_id = $1 AND id = $2`,
      [collectionId, id, published, at],
    );
  },

  async asset(q: Queryable, collectionId: string, itemId: string, key: string) {
    const { rows } = await q.query<{
      storage_key: string;
      media_type: string;
      size: number | null;
      roles: string[];
      checksum_sm3: string | null;
    }>(
      `SELECT storage_key, media_type, size, roles, checksum_sm3 FROM catalog_asset
       WHERE collection_id = $1 AND item_id = $2 AND key = $3`,
      [collectionId, itemId, key],
    );
    return rows[0] ?? null;
  },
};
