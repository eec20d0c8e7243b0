import type { Role } from '@geoshare/shared';
import type { Queryable } from '../../platform/db/db.port.js';

export interface NotificationRow {
  id: string;
  title: string;
  body: string;
  link: string | null;
  created_at: Date;
  read_at: Date | null;
}

/** Who receives a notice: named users, every active user holding a role, or a unit's active users. */
export type Recipients = { userIds: readonly string[] } | { role: Role } | { orgId: string };

export const notificationRepository = {
  async insert(
    q: Queryable,
    to: Recipients,
    n: { title: string; body: string; link: string | null },
    now: Date,
  ): Promise<number> {
    const params: unknown[] = [n.title, n.body, n.link, now];
    let who: string;
    if ('userIds' in to) {
      params.push(to.userIds);
      who = 'id = ANY($5::uuid[])';
    } else if ('role' in to) {
      params.push(to.role);
      who = '$5 = ANY(roles)';
    } else {
      params.push(to.orgId);
      who = 'org_id = $5';
    }
    const { rowCount } = await q.query(
      `INSERT INTO notification (user_id, title, body, link, created_at)
       SELECT id, $1, $2, $3, $4 FROM app_user WHERE NOT disabled AND ${who}`,
      params,
    );
    return rowCount;
  },

  async list(q: Queryable, userId: string, unreadOnly: boolean): Promise<NotificationRow[]> {
    const { rows } = await q.query<NotificationRow>(
      `SELECT id, title, body, link, created_at, read_at FROM notification
       WHERE user_id = $1 AND (NOT $2 OR read_at IS NULL) ORDER BY created_at DESC LIMIT 100`,
      [userId, unreadOnly],
    );
    return rows;
  },

  async unreadCount(q: Queryable, userId: string): Promise<number> {
    const { rows } = await q.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM notification WHERE user_id = $1 AND read_at IS NULL',
      [userId],
    );
    return rows[0]!.n;
  },

  async markRead(q: Queryable, userId: string, id: string | null, now: Date): Promise<void> {
    await q.query(
      'UPDATE notification SET read_at = $3 WHERE user_id = $1 AND read_at IS NULL AND ($2::uuid IS NULL OR id = $2)',
      [userId, id, now],
    );
  },
};
