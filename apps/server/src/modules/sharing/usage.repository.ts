import type { Queryable } from '../../platform/db/db.port.js';

export interface UsageCount {
  day: string;
  userId: string | null;
  orgId: string | null;
  collectionId: string;
  itemId: string;
  kind: 'tile' | 'download' | 'api';
  count: number;
  bytes: number;
}

export const usageRepository = {
  /** Adds counts in one statement (upsert on the aggregate key). */
  async add(q: Queryable, counts: UsageCount[]): Promise<void> {
    if (!counts.length) return;
    await q.query(
      `INSERT INTO usage_daily (day, user_id, org_id, collection_id, item_id, kind, count, bytes)
       SELECT r.day, r."userId", r."orgId", r."collectionId", r."itemId", r.kind, r.count, r.bytes
       FROM jsonb_to_recordset($1::jsonb) AS r(day date, "userId" uuid, "orgId" uuid, "collectionId" text, "itemId" text,
         kind text, count bigint, bytes bigint)
       ON CONFLICT (day, (coalesce(user_id, '00000000-0000-0000-0000-000000000000'::uuid)), collection_id, item_id, kind)
       DO UPDATE SET count = usage_daily.count + excluded.count, bytes = usage_daily.bytes + excluded.bytes`,
      [JSON.stringify(counts)],
    );
  },

  /** Totals between two days (inclusive) grouped by organisation, collection, item or month. */
  async stats(q: Queryable, f: { from: string; to: string; groupBy: 'org' | 'collection' | 'item' | 'month' }) {
    const key = {
      org: `coalesce(o.name, '匿名访问')`,
      collection: 'u.collection_id',
      item: `u.collection_id || '/' || u.item_id`,
      month: `to_char(u.day, 'YYYY-MM')`,
    }[f.groupBy];
    const { rows } = await q.query<{ key: string; kind: string; count: number; bytes: number; users: number }>(
      `SELECT ${key} AS key, u.kind, sum(u.count)::bigint AS count, sum(u.bytes)::bigint AS bytes,
              count(DISTINCT u.user_id)::int AS users
       FROM usage_daily u LEFT JOIN org o ON o.id = u.org_id
       WHERE u.day BETWEEN $1::date AND $2::date
       GROUP BY 1, 2 ORDER BY 1, 2`,
      [f.from, f.to],
    );
    return rows;
  },
};
