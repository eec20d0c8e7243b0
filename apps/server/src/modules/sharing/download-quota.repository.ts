import type { Queryable } from '../../platform/db/db.port.js';
import type { QuotaUse } from './download.rules.js';

export interface QuotaSettingRow {
  /** null: the default row */
  org_id: string | null;
  org_name: string | null;
  count_limit: number;
  byte_limit: number;
  updated_at: Date;
  updated_by_name: string | null;
}

const SETTING_SELECT = `SELECT q.org_id, o.name AS org_name, q.count_limit, q.byte_limit, q.updated_at,
         u.display_name AS updated_by_name
       FROM download_quota q LEFT JOIN org o ON o.id = q.org_id LEFT JOIN app_user u ON u.id = q.updated_by`;

export const downloadQuotaRepository = {
  /** The default row first, then the unit overrides by unit name. */
  async list(q: Queryable): Promise<QuotaSettingRow[]> {
    const { rows } = await q.query<QuotaSettingRow>(`${SETTING_SELECT} ORDER BY q.org_id IS NOT NULL, o.name`);
    return rows;
  },

  /** One setting: the default (`orgId` null) or a unit's override; null when there is none. */
  async find(q: Queryable, orgId: string | null): Promise<QuotaSettingRow | null> {
    const { rows } = await q.query<QuotaSettingRow>(
      `${SETTING_SELECT} WHERE ${orgId === null ? 'q.org_id IS NULL' : 'q.org_id = $1'}`,
      orgId === null ? [] : [orgId],
    );
    return rows[0] ?? null;
  },

  /** The limits that apply to users of `orgId`: the unit's override, else the default; null when neither exists. */
  async limitFor(q: Queryable, orgId: string): Promise<(QuotaUse & { unit: boolean }) | null> {
    const { rows } = await q.query<QuotaUse & { unit: boolean }>(
      `SELECT count_limit AS count, byte_limit AS bytes, org_id IS NOT NULL AS unit FROM download_quota
       WHERE org_id = $1 OR org_id IS NULL ORDER BY org_id IS NULL LIMIT 1`,
      [orgId],
    );
    return rows[0] ?? null;
  },

  /** Whether the default row was there to update. */
  async updateDefault(q: Queryable, limits: QuotaUse, by: string, at: Date): Promise<boolean> {
    const { rows } = await q.query(
      `UPDATE download_quota SET count_limit = $1, byte_limit = $2, updated_by = $3, updated_at = $4
       WHERE org_id IS NULL RETURNING 1`,
      [limits.count, limits.bytes, by, at],
    );
    return rows.length > 0;
  },

  /** Sets or replaces a unit's override; false when the unit does not exist. */
  async upsertOrg(q: Queryable, orgId: string, limits: QuotaUse, by: string, at: Date): Promise<boolean> {
    const { rows } = await q.query(
      `INSERT INTO download_quota (org_id, count_limit, byte_limit, updated_by, updated_at)
       SELECT id, $2, $3, $4, $5 FROM org WHERE id = $1
       ON CONFLICT (org_id) DO UPDATE SET count_limit = excluded.count_limit, byte_limit = excluded.byte_limit,
         updated_by = excluded.updated_by, updated_at = excluded.updated_at
       RETURNING 1`,
      [orgId, limits.count, limits.bytes, by, at],
    );
    return rows.length > 0;
  },

  /** Removes a unit's override; false when it had none. */
  async deleteOrg(q: Queryable, orgId: string): Promise<boolean> {
    const { rows } = await q.query('DELETE FROM download_quota WHERE org_id = $1 RETURNING 1', [orgId]);
    return rows.length > 0;
  },
};
