import type { Clearance, Role, TokenScope } from '@geoshare/shared';
import type { Actor } from '../../platform/auth/actor.js';
import type { Queryable } from '../../platform/db/db.port.js';

/** A user as of now (roles, org, clearance, status read per request, YQ-23), joined as `u` / `o`. */
export interface ActorRow {
  user_id: string;
  username: string;
  display_name: string;
  org_id: string;
  org_name: string;
  roles: Role[];
  clearance: Clearance;
  disabled: boolean;
}

export const ACTOR_COLUMNS =
  'u.id AS user_id, u.username, u.display_name, u.org_id, o.name AS org_name, u.roles, u.clearance, u.disabled';
export const actorJoin = (userIdColumn: string) =>
  `JOIN app_user u ON u.id = ${userIdColumn} JOIN org o ON o.id = u.org_id`;

export const actorOf = (r: ActorRow): Actor => ({
  userId: r.user_id,
  username: r.username,
  displayName: r.display_name,
  orgId: r.org_id,
  orgName: r.org_name,
  roles: r.roles,
  clearance: r.clearance,
});

export interface TokenRow {
  id: string;
  user_id: string;
  name: string;
  scopes: TokenScope[];
  prefix: string;
  created_at: Date;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const TOKEN_COLUMNS =
  't.id, t.user_id, t.name, t.scopes, t.prefix, t.created_at, t.expires_at, t.last_used_at, t.revoked_at';

export const tokenRepository = {
  async insert(
    q: Queryable,
    t: {
      userId: string;
      name: string;
      scopes: TokenScope[];
      prefix: string;
      tokenHash: string;
      at: Date;
      expiresAt: Date | null;
    },
  ): Promise<TokenRow> {
    const { rows } = await q.query<TokenRow>(
      `INSERT INTO api_token AS t (user_id, name, scopes, prefix, token_hash, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${TOKEN_COLUMNS}`,
      [t.userId, t.name, t.scopes, t.prefix, t.tokenHash, t.at, t.expiresAt],
    );
    return rows[0]!;
  },

  async list(q: Queryable, userId: string): Promise<TokenRow[]> {
    const { rows } = await q.query<TokenRow>(
      `SELECT ${TOKEN_COLUMNS} FROM api_token t WHERE t.user_id = $1 ORDER BY t.created_at DESC, t.id`,
      [userId],
    );
    return rows;
  },

  /** The caller's own token, locked; someone else's is not found. */
  async ownForUpdate(q: Queryable, id: string, userId: string): Promise<TokenRow | null> {
    const { rows } = await q.query<TokenRow>(
      `SELECT ${TOKEN_COLUMNS} FROM api_token t WHERE t.id = $1 AND t.user_id = $2 FOR UPDATE`,
      [id, userId],
    );
    return rows[0] ?? null;
  },

  async revoke(q: Queryable, id: string, at: Date): Promise<void> {
    await q.query('UPDATE api_token SET revoked_at = $2 WHERE id = $1', [id, at]);
  },

  /** A token by the digest of its secret, with its user as of now. */
  async byHash(q: Queryable, tokenHash: string): Promise<(TokenRow & ActorRow) | null> {
    const { rows } = await q.query<TokenRow & ActorRow>(
      `SELECT ${TOKEN_COLUMNS}, ${ACTOR_COLUMNS} FROM api_token t ${actorJoin('t.user_id')} WHERE t.token_hash = $1`,
      [tokenHash],
    );
    return rows[0] ?? null;
  },

  async touch(q: Queryable, id: string, at: Date): Promise<void> {
    await q.query('UPDATE api_token SET last_used_at = $2 WHERE id = $1', [id, at]);
  },
};
