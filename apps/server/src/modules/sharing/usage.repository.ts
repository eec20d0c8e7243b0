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

export type UsageGroupBy = 'org' | 'collection' | 'item' | 'month';

export interface UsageFilter {
  from: string;
  to: string;
  groupBy: UsageGroupBy;
}

export interface UsageStatsRow {
  key: string;
  label: string;
  kind: UsageCount['kind'];
  count: number;
  bytes: number;
  users: number;
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

  /**
   * Totals between two days (inclusive) grouped by organisation, collection, item or month. `key` identifies the group
   * (org name, collection id, `collection/item`, `YYYY-MM`); `label` names it for people (org name, collection title,
   * item title, `YYYY年MM月`). Calls not about one entry (searches by API token) have empty ids.
   */
  async stats(q: Queryable, f: UsageFilter) {
    const group = {
      org: { key: `coalesce(o.name, '匿名访问')`, label: `coalesce(o.name, '匿名访问')`, join: '' },
      collection: {
        key: 'u.collection_id',
        label: `CASE WHEN u.collection_id = '' THEN '（检索等，不限数据集）' ELSE coalesce(c.title, u.collection_id) END`,
        join: 'LEFT JOIN catalog_collection c ON c.id = u.collection_id',
      },
      item: {
        key: `u.collection_id || '/' || u.item_id`,
        label: `CASE WHEN u.item_id = '' THEN '（检索等，不限数据项）' ELSE coalesce(i.title, u.item_id) END`,
        join: 'LEFT JOIN catalog_item i ON i.collection_id = u.collection_id AND i.id = u.item_id',
      },
      month: { key: `to_char(u.day, 'YYYY-MM')`, label: `to_char(u.day, 'YYYY"年"MM"月"')`, join: '' },
    }[f.groupBy];
    const { rows } = await q.query<UsageStatsRow>(
      `SELECT ${group.key} AS key, ${group.label} AS label, u.kind, sum(u.count)::bigint AS count,
              sum(u.bytes)::bigint AS bytes, count(DISTINCT u.user_id)::int AS users
       FROM usage_daily u LEFT JOIN org o ON o.id = u.org_id ${group.join}
       WHERE u.day BETWEEN $1::date AND $2::date
       GROUP BY 1, 2, 3 ORDER BY 1, 3`,
      [f.from, f.to],
    );
    return rows;
  },

  /** Grand totals of the period: uses, bytes and distinct signed-in users (not the sum of the groups' users). */
  async totals(q: Queryable, f: Pick<UsageFilter, 'from' | 'to'>) {
    const { rows } = await q.query<{ count: number; bytes: number; users: number }>(
      `SELECT coalesce(sum(count), 0)::bigint AS count, coalesce(sum(bytes), 0)::bigint AS bytes,
              count(DISTINCT user_id)::int AS users
       FROM usage_daily WHERE day BETWEEN $1::date AND $2::date`,
      [f.from, f.to],
    );
    return rows[0]!;
  },
};
