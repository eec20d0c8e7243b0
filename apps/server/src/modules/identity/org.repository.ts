import type { Org, OrgKind } from '@geoshare/shared';
import type { Queryable } from '../../platform/db/db.port.js';

interface Row {
  id: string;
  name: string;
  short_name: string | null;
  kind: OrgKind;
  credit_code: string | null;
  credit_code_status: 'valid' | 'override' | null;
  parent_id: string | null;
  district_code: string | null;
  created_at: Date;
  updated_at: Date;
}

const toOrg = (r: Row): Org => ({
  id: r.id,
  name: r.name,
  shortName: r.short_name,
  kind: r.kind,
  creditCode: r.credit_code,
  creditCodeStatus: r.credit_code_status,
  parentId: r.parent_id,
  districtCode: r.district_code,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

export type OrgRecord = Omit<Org, 'id' | 'createdAt' | 'updatedAt'>;

export const orgRepository = {
  async list(q: Queryable, f: { kind?: OrgKind; q?: string }): Promise<Org[]> {
    const { rows } = await q.query<Row>(
      `SELECT * FROM org
       WHERE ($1::text IS NULL OR kind = $1)
         AND ($2::text IS NULL OR name ILIKE '%' || $2 || '%' OR short_name ILIKE '%' || $2 || '%' OR credit_code ILIKE $2 || '%')
       ORDER BY kind, name`,
      [f.kind ?? null, f.q ?? null],
    );
    return rows.map(toOrg);
  },

  async get(q: Queryable, id: string, forUpdate = false): Promise<Org | null> {
    const { rows } = await q.query<Row>(`SELECT * FROM org WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
    return rows[0] ? toOrg(rows[0]) : null;
  },

  async conflicts(q: Queryable, o: { name: string; creditCode: string | null }, exceptId: string | null) {
    const { rows } = await q.query<{ name_taken: boolean; code_taken: boolean }>(
      `SELECT bool_or(name = $1) AS name_taken, bool_or(credit_code = $2) AS code_taken
       FROM org WHERE (name = $1 OR credit_code = $2) AND ($3::uuid IS NULL OR id <> $3)`,
      [o.name, o.creditCode, exceptId],
    );
    return { nameTaken: rows[0]?.name_taken === true, codeTaken: rows[0]?.code_taken === true };
  },

  /** Ancestors of `id` (inclusive), to refuse a parent that would make a cycle. */
  async ancestorIds(q: Queryable, id: string): Promise<string[]> {
    const { rows } = await q.query<{ id: string }>(
      `WITH RECURSIVE up AS (SELECT id, parent_id FROM org WHERE id = $1
         UNION SELECT o.id, o.parent_id FROM org o JOIN up ON o.id = up.parent_id)
       SELECT id FROM up`,
      [id],
    );
    return rows.map((r) => r.id);
  },

  async insert(q: Queryable, o: OrgRecord, at: Date): Promise<Org> {
    const { rows } = await q.query<Row>(
      `INSERT INTO org (name, short_name, kind, credit_code, credit_code_status, parent_id, district_code, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING *`,
      [o.name, o.shortName, o.kind, o.creditCode, o.creditCodeStatus, o.parentId, o.districtCode, at],
    );
    return toOrg(rows[0]!);
  },

  async update(q: Queryable, id: string, o: OrgRecord, at: Date): Promise<Org> {
    const { rows } = await q.query<Row>(
      `UPDATE org SET name = $2, short_name = $3, kind = $4, credit_code = $5, credit_code_status = $6, parent_id = $7,
         district_code = $8, updated_at = $9 WHERE id = $1 RETURNING *`,
      [id, o.name, o.shortName, o.kind, o.creditCode, o.creditCodeStatus, o.parentId, o.districtCode, at],
    );
    return toOrg(rows[0]!);
  },
};
