import type { CollectionInput } from '@geoshare/shared';
import type { Queryable } from '../../platform/db/db.port.js';

export interface CollectionRow {
  id: string;
  title: string;
  description: string;
  product_type: string;
  keywords: string[];
  license: string;
  custodian_org_id: string | null;
  custodian_name: string | null;
  provider_org_id: string | null;
  provider_name: string | null;
  update_frequency: string;
  sharing_type: 'unconditional' | 'conditional' | 'none';
  sharing_basis: string | null;
  sharing_method: 'online' | 'offline';
  usage_requirements: string | null;
  published: boolean;
  created_at: Date;
  updated_at: Date;
  item_count: number;
  extent_bbox: [number, number, number, number] | null;
  extent_start: Date | null;
  extent_end: Date | null;
}

export type CollectionSettings = Omit<
  CollectionRow,
  'custodian_name' | 'provider_name' | 'item_count' | 'extent_bbox' | 'extent_start' | 'extent_end'
>;

/** Collections with their extent from their items (bbox in EPSG:4490 degrees, temporal from datetimes). */
const SELECT = `
  SELECT c.*, cu.name AS custodian_name, pv.name AS provider_name, x.n::int AS item_count,
    CASE WHEN x.n > 0 THEN ARRAY[ST_XMin(x.b), ST_YMin(x.b), ST_XMax(x.b), ST_YMax(x.b)] END AS extent_bbox,
    x.start AS extent_start, x.stop AS extent_end
  FROM catalog_collection c
  LEFT JOIN org cu ON cu.id = c.custodian_org_id
  LEFT JOIN org pv ON pv.id = c.provider_org_id
  LEFT JOIN LATERAL (
    SELECT count(*) AS n, min(i.datetime) AS start, max(i.datetime) AS stop, ST_Extent(i.geom)::geometry AS b
    FROM catalog_item i WHERE i.collection_id = c.id
  ) x ON true`;

/** The editable columns in the order both INSERT ($2–$13) and UPDATE use them. */
const fieldParams = (c: Omit<CollectionInput, 'id'>) => [
  c.title,
  c.description,
  c.productType,
  c.keywords ?? [],
  c.license ?? 'proprietary',
  c.custodianOrgId ?? null,
  c.providerOrgId ?? null,
  c.updateFrequency ?? 'irregular',
  c.sharingType,
  c.sharingBasis ?? null,
  c.sharingMethod,
  c.usageRequirements ?? null,
];

export const collectionRepository = {
  async list(
    q: Queryable,
    f: {
      includeUnpublished: boolean;
      q?: string[];
      bbox?: number[];
      datetime?: { start: string | null; end: string | null };
    },
  ) {
    const params: unknown[] = [];
    const where = [f.includeUnpublished ? 'TRUE' : 'c.published'];
    for (const term of f.q ?? []) {
      params.push(term);
      where.push(
        `lower(c.title || ' ' || c.description || ' ' || array_to_string(c.keywords, ' ')) LIKE '%' || $${params.length} || '%'`,
      );
    }
    const outer: string[] = [];
    if (f.bbox) {
      params.push(...f.bbox);
      const n = params.length;
      outer.push(
        `extent_bbox IS NOT NULL AND ST_Intersects(ST_MakeEnvelope(extent_bbox[1], extent_bbox[2], extent_bbox[3], extent_bbox[4], 4490), ST_MakeEnvelope($${n - 3}, $${n - 2}, $${n - 1}, $${n}, 4490))`,
      );
    }
    if (f.datetime?.start) {
      params.push(f.datetime.start);
      outer.push(`extent_end >= $${params.length}::timestamptz`);
    }
    if (f.datetime?.end) {
      params.push(f.datetime.end);
      outer.push(`extent_start <= $${params.length}::timestamptz`);
    }
    const { rows } = await q.query<CollectionRow>(
      `SELECT * FROM (${SELECT} WHERE ${where.join(' AND ')}) s ${outer.length ? `WHERE ${outer.join(' AND ')}` : ''} ORDER BY id`,
      params,
    );
    return rows;
  },

  /** The collection's own row, without the extent aggregate over its items: for checks and defaults on writes. */
  async settings(q: Queryable, id: string): Promise<CollectionSettings | null> {
    const { rows } = await q.query<CollectionSettings>('SELECT * FROM catalog_collection WHERE id = $1', [id]);
    return rows[0] ?? null;
  },

  async get(q: Queryable, id: string): Promise<CollectionRow | null> {
    const { rows } = await q.query<CollectionRow>(`${SELECT} WHERE c.id = $1`, [id]);
    return rows[0] ?? null;
  },

  async insert(q: Queryable, c: CollectionInput, at: Date): Promise<void> {
    await q.query(
      `INSERT INTO catalog_collection (id, title, description, product_type, keywords, license, custodian_org_id, provider_org_id,
         update_frequency, sharing_type, sharing_basis, sharing_method, usage_requirements, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)`,
      [c.id, ...fieldParams(c), at],
    );
  },

  async update(q: Queryable, id: string, c: Omit<CollectionInput, 'id'>, at: Date): Promise<void> {
    await q.query(
      `UPDATE catalog_collection SET title = $2, description = $3, product_type = $4, keywords = $5, license = $6,
         custodian_org_id = $7, provider_org_id = $8, update_frequency = $9, sharing_type = $10, sharing_basis = $11,
         sharing_method = $12, usage_requirements = $13, updated_at = $14 WHERE id = $1`,
      [id, ...fieldParams(c), at],
    );
  },

  async setPublished(q: Queryable, id: string, published: boolean, at: Date): Promise<void> {
    await q.query('UPDATE catalog_collection SET published = $2, updated_at = $3 WHERE id = $1', [id, published, at]);
  },
};
