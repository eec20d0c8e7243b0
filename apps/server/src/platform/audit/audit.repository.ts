import type { Queryable } from '../db/db.port.js';
import type { StoredAuditEvent } from './audit.rules.js';

interface Row {
  id: number;
  at: Date;
  actor_id: string | null;
  actor_name: string | null;
  org_id: string | null;
  action: string;
  object_type: string;
  object_id: string | null;
  summary: unknown;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

const toEvent = (r: Row): StoredAuditEvent => ({
  id: r.id,
  at: r.at,
  actorId: r.actor_id,
  actorName: r.actor_name,
  orgId: r.org_id,
  action: r.action,
  objectType: r.object_type,
  objectId: r.object_id,
  summary: r.summary,
  ip: r.ip,
  prevHash: r.prev_hash,
  hash: r.hash,
});

async function head(q: Queryable, lock: '' | ' FOR UPDATE'): Promise<{ lastId: number; lastHash: string }> {
  const { rows } = await q.query<{ last_id: number; last_hash: string }>(
    `SELECT last_id, last_hash FROM audit_head${lock}`,
  );
  const h = rows[0];
  if (!h) throw new Error('audit_head row missing');
  return { lastId: h.last_id, lastHash: h.last_hash };
}

export const auditRepository = {
  /** Locks the chain head for the rest of the transaction: writers queue here, so ids are gap-free. */
  lockHead: (q: Queryable) => head(q, ' FOR UPDATE'),

  /** The chain head as committed (verification reads it without locking out writers). */
  head: (q: Queryable) => head(q, ''),

  async append(q: Queryable, e: StoredAuditEvent): Promise<void> {
    await q.query(
      `INSERT INTO audit_event (id, at, actor_id, actor_name, org_id, action, object_type, object_id, summary, ip, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12)`,
      [
        e.id,
        e.at,
        e.actorId,
        e.actorName,
        e.orgId,
        e.action,
        e.objectType,
        e.objectId,
        JSON.stringify(e.summary),
        e.ip,
        e.prevHash,
        e.hash,
      ],
    );
    await q.query('UPDATE audit_head SET last_id = $1, last_hash = $2', [e.id, e.hash]);
  },

  async page(q: Queryable, afterId: number, limit: number): Promise<StoredAuditEvent[]> {
    const { rows } = await q.query<Row>('SELECT * FROM audit_event WHERE id > $1 ORDER BY id LIMIT $2', [
      afterId,
      limit,
    ]);
    return rows.map(toEvent);
  },

  async list(
    q: Queryable,
    f: { beforeId?: number; action?: string; objectType?: string; objectId?: string; limit: number },
  ): Promise<StoredAuditEvent[]> {
    const { rows } = await q.query<Row>(
      `SELECT * FROM audit_event
       WHERE ($1::bigint IS NULL OR id < $1)
         AND ($2::text IS NULL OR action ILIKE '%' || $2 || '%')
         AND ($3::text IS NULL OR object_type = $3)
         AND ($4::text IS NULL OR object_id = $4)
       ORDER BY id DESC LIMIT $5`,
      [f.beforeId ?? null, f.action ?? null, f.objectType ?? null, f.objectId ?? null, f.limit],
    );
    return rows.map(toEvent);
  },
};
