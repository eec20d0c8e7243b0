import type { Clearance, Role, User } from '@geoshare/shared';
import type { Queryable } from '../../platform/db/db.port.js';

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  org_id: string;
  org_name: string;
  person_id: string | null;
  roles: Role[];
  clearance: Clearance;
  password_hash: string;
  disabled: boolean;
  failed_logins: number;
  locked_until: Date | null;
  last_login_at: Date | null;
  created_at: Date;
  phone: string | null;
  id_number_masked: string | null;
}

const SELECT = `SELECT u.*, o.name AS org_name, p.phone, p.id_number_masked
  FROM app_user u JOIN org o ON o.id = u.org_id LEFT JOIN person p ON p.id = u.person_id`;

export const toUser = (r: UserRow, now: Date): User => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  orgId: r.org_id,
  orgName: r.org_name,
  roles: r.roles,
  clearance: r.clearance,
  status: r.disabled ? 'disabled' : r.locked_until && r.locked_until > now ? 'locked' : 'active',
  phone: r.phone,
  idNumberMasked: r.id_number_masked,
  lastLoginAt: r.last_login_at?.toISOString() ?? null,
  createdAt: r.created_at.toISOString(),
});

export interface PersonFields {
  name: string;
  orgId: string;
  idNumberEnc: string | null;
  idNumberHmac: string | null;
  idNumberMasked: string | null;
  phone: string | null;
}

export const userRepository = {
  async list(q: Queryable, f: { orgId?: string; q?: string }): Promise<UserRow[]> {
    const { rows } = await q.query<UserRow>(
      `${SELECT} WHERE ($1::uuid IS NULL OR u.org_id = $1)
         AND ($2::text IS NULL OR u.username ILIKE '%' || $2 || '%' OR u.display_name ILIKE '%' || $2 || '%')
       ORDER BY u.username`,
      [f.orgId ?? null, f.q ?? null],
    );
    return rows;
  },

  async get(q: Queryable, id: string, forUpdate = false): Promise<UserRow | null> {
    const { rows } = await q.query<UserRow>(`${SELECT} WHERE u.id = $1${forUpdate ? ' FOR UPDATE OF u' : ''}`, [id]);
    return rows[0] ?? null;
  },

  async byUsername(q: Queryable, username: string, forUpdate = false): Promise<UserRow | null> {
    const { rows } = await q.query<UserRow>(
      `${SELECT} WHERE lower(u.username) = lower($1)${forUpdate ? ' FOR UPDATE OF u' : ''}`,
      [username],
    );
    return rows[0] ?? null;
  },

  async usernameTaken(q: Queryable, username: string): Promise<boolean> {
    const { rows } = await q.query('SELECT 1 FROM app_user WHERE lower(username) = lower($1)', [username]);
    return rows.length > 0;
  },

  async insertPerson(q: Queryable, p: PersonFields, at: Date): Promise<string> {
    const { rows } = await q.query<{ id: string }>(
      `INSERT INTO person (name, org_id, id_number_enc, id_number_hmac, id_number_masked, phone, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`,
      [p.name, p.orgId, p.idNumberEnc, p.idNumberHmac, p.idNumberMasked, p.phone, at],
    );
    return rows[0]!.id;
  },

  async updatePerson(q: Queryable, id: string, p: PersonFields, at: Date): Promise<void> {
    await q.query(
      `UPDATE person SET name = $2, org_id = $3, id_number_enc = $4, id_number_hmac = $5, id_number_masked = $6,
         phone = $7, updated_at = $8 WHERE id = $1`,
      [id, p.name, p.orgId, p.idNumberEnc, p.idNumberHmac, p.idNumberMasked, p.phone, at],
    );
  },

  async personFields(q: Queryable, id: string): Promise<PersonFields | null> {
    const { rows } = await q.query<{
      name: string;
      org_id: string;
      id_number_enc: string | null;
      id_number_hmac: string | null;
      id_number_masked: string | null;
      phone: string | null;
    }>('SELECT * FROM person WHERE id = $1', [id]);
    const r = rows[0];
    return r
      ? {
          name: r.name,
          orgId: r.org_id,
          idNumberEnc: r.id_number_enc,
          idNumberHmac: r.id_number_hmac,
          idNumberMasked: r.id_number_masked,
          phone: r.phone,
        }
      : null;
  },

  async insert(
    q: Queryable,
    u: {
      username: string;
      displayName: string;
      orgId: string;
      personId: string | null;
      roles: Role[];
      clearance: Clearance;
      passwordHash: string;
    },
    at: Date,
  ): Promise<string> {
    const { rows } = await q.query<{ id: string }>(
      `INSERT INTO app_user (username, display_name, org_id, person_id, roles, clearance, password_hash, password_changed_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $8) RETURNING id`,
      [u.username, u.displayName, u.orgId, u.personId, u.roles, u.clearance, u.passwordHash, at],
    );
    return rows[0]!.id;
  },

  async update(
    q: Queryable,
    id: string,
    u: {
      displayName: string;
      orgId: string;
      personId: string | null;
      roles: Role[];
      clearance: Clearance;
      disabled: boolean;
    },
    at: Date,
  ): Promise<void> {
    await q.query(
      `UPDATE app_user SET display_name = $2, org_id = $3, person_id = $4, roles = $5, clearance = $6, disabled = $7,
         updated_at = $8 WHERE id = $1`,
      [id, u.displayName, u.orgId, u.personId, u.roles, u.clearance, u.disabled, at],
    );
  },

  async setPassword(q: Queryable, id: string, hash: string, at: Date): Promise<void> {
    await q.query('UPDATE app_user SET password_hash = $2, password_changed_at = $3, updated_at = $3 WHERE id = $1', [
      id,
      hash,
      at,
    ]);
  },

  async recordLoginFailure(q: Queryable, id: string, failedLogins: number, lockedUntil: Date | null): Promise<void> {
    await q.query('UPDATE app_user SET failed_logins = $2, locked_until = $3 WHERE id = $1', [
      id,
      failedLogins,
      lockedUntil,
    ]);
  },

  async recordLoginSuccess(q: Queryable, id: string, at: Date): Promise<void> {
    await q.query('UPDATE app_user SET failed_logins = 0, locked_until = NULL, last_login_at = $2 WHERE id = $1', [
      id,
      at,
    ]);
  },

  async unlock(q: Queryable, id: string): Promise<void> {
    await q.query('UPDATE app_user SET failed_logins = 0, locked_until = NULL WHERE id = $1', [id]);
  },
};
