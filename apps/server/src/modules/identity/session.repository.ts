import type { Clearance, Role } from '@geoshare/shared';
import type { Queryable } from '../../platform/db/db.port.js';

export interface SessionRow {
  user_id: string;
  csrf_token: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  username: string;
  display_name: string;
  org_id: string;
  org_name: string;
  roles: Role[];
  clearance: Clearance;
  disabled: boolean;
}

export const sessionRepository = {
  async insert(
    q: Queryable,
    s: {
      tokenHash: string;
      userId: string;
      csrfToken: string;
      ip: string | null;
      userAgent: string | null;
      at: Date;
      expiresAt: Date;
    },
  ): Promise<void> {
    await q.query(
      `INSERT INTO user_session (token_hash, user_id, csrf_token, ip, user_agent, created_at, last_seen_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6, $7)`,
      [s.tokenHash, s.userId, s.csrfToken, s.ip, s.userAgent, s.at, s.expiresAt],
    );
  },

  /** The session with its user as of now: roles, org and status are read per request (YQ-23: changes apply at once). */
  async find(q: Queryable, tokenHash: string): Promise<SessionRow | null> {
    const { rows } = await q.query<SessionRow>(
      `SELECT s.user_id, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at,
              u.username, u.display_name, u.org_id, o.name AS org_name, u.roles, u.clearance, u.disabled
       FROM user_session s JOIN app_user u ON u.id = s.user_id JOIN org o ON o.id = u.org_id
       WHERE s.token_hash = $1`,
      [tokenHash],
    );
    return rows[0] ?? null;
  },

  async touch(q: Queryable, tokenHash: string, at: Date, expiresAt: Date): Promise<void> {
    await q.query('UPDATE user_session SET last_seen_at = $2, expires_at = $3 WHERE token_hash = $1', [
      tokenHash,
      at,
      expiresAt,
    ]);
  },

  async delete(q: Queryable, tokenHash: string): Promise<void> {
    await q.query('DELETE FROM user_session WHERE token_hash = $1', [tokenHash]);
  },

  async deleteForUser(q: Queryable, userId: string, exceptTokenHash: string | null = null): Promise<void> {
    await q.query('DELETE FROM user_session WHERE user_id = $1 AND token_hash IS DISTINCT FROM $2', [
      userId,
      exceptTokenHash,
    ]);
  },

  async deleteExpired(q: Queryable, now: Date): Promise<void> {
    await q.query('DELETE FROM user_session WHERE expires_at <= $1', [now]);
  },
};
