import type { NegotiationState, SharingType } from '@geoshare/shared';
import type { Queryable } from '../../platform/db/db.port.js';
import { type Viewer, visibilitySql } from '../catalog/catalog.access.rules.js';

export interface NegotiationRow {
  id: string;
  collection_id: string;
  item_id: string;
  item_title: string;
  catalogue_no: string;
  sharing_basis: string | null;
  org_id: string;
  org_name: string;
  created_by: string;
  created_by_name: string;
  reason: string;
  state: NegotiationState;
  answer: string | null;
  answered_by_name: string | null;
  answered_at: Date | null;
  escalated_by_name: string | null;
  escalated_at: Date | null;
  created_at: Date;
}

/** Which cases a caller sees: all (providers, leaders, admins), or those its unit asked for. */
export type NegotiationScope = { kind: 'all' } | { kind: 'org'; orgId: string };

export interface NegotiationFilter {
  createdBy?: string;
  state?: NegotiationState;
}

const SELECT = `
  SELECT n.id, n.collection_id, n.item_id, i.title AS item_title, i.catalogue_no, i.sharing_basis, n.org_id,
         o.name AS org_name, n.created_by, cu.display_name AS created_by_name, n.reason, n.state, n.answer,
         ab.display_name AS answered_by_name, n.answered_at, eb.display_name AS escalated_by_name, n.escalated_at,
         n.created_at
  FROM sharing_negotiation n
  JOIN catalog_item i ON i.collection_id = n.collection_id AND i.id = n.item_id
  JOIN org o ON o.id = n.org_id
  JOIN app_user cu ON cu.id = n.created_by
  LEFT JOIN app_user ab ON ab.id = n.answered_by
  LEFT JOIN app_user eb ON eb.id = n.escalated_by`;

function whereOf(scope: NegotiationScope, f: NegotiationFilter, params: unknown[]): string {
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where: string[] = [];
  if (scope.kind === 'org') where.push(`n.org_id = ${p(scope.orgId)}::uuid`);
  if (f.createdBy) where.push(`n.created_by = ${p(f.createdBy)}::uuid`);
  if (f.state) where.push(`n.state = ${p(f.state)}`);
  return where.length ? `WHERE ${where.join(' AND ')}` : '';
}

export const negotiationRepository = {
  /** The sharing type of an item `viewer` may see (the catalogue's own visibility rule); null if none. */
  async itemSharingType(
    q: Queryable,
    viewer: Viewer,
    collectionId: string,
    itemId: string,
  ): Promise<SharingType | null> {
    const params: unknown[] = [collectionId, itemId];
    const { rows } = await q.query<{ sharing_type: SharingType }>(
      `SELECT i.sharing_type FROM catalog_item i JOIN catalog_collection c ON c.id = i.collection_id
       WHERE i.collection_id = $1 AND i.id = $2 AND ${visibilitySql(viewer, params)}`,
      params,
    );
    return rows[0]?.sharing_type ?? null;
  },

  /** Whether the unit already has a case in progress (open or escalated) on the item. */
  async activeExists(q: Queryable, orgId: string, collectionId: string, itemId: string): Promise<boolean> {
    const { rows } = await q.query(
      `SELECT 1 FROM sharing_negotiation
       WHERE org_id = $1 AND collection_id = $2 AND item_id = $3 AND state IN ('open', 'escalated')`,
      [orgId, collectionId, itemId],
    );
    return rows.length > 0;
  },

  async insert(
    q: Queryable,
    n: { collectionId: string; itemId: string; orgId: string; createdBy: string; reason: string },
    now: Date,
  ): Promise<string> {
    const { rows } = await q.query<{ id: string }>(
      `INSERT INTO sharing_negotiation (collection_id, item_id, org_id, created_by, reason, state, created_at)
       VALUES ($1, $2, $3, $4, $5, 'open', $6) RETURNING id`,
      [n.collectionId, n.itemId, n.orgId, n.createdBy, n.reason, now],
    );
    return rows[0]!.id;
  },

  /** One case in `scope`; `lock` holds its row until the transaction ends (one transition at a time). */
  async get(q: Queryable, id: string, scope: NegotiationScope, lock = false): Promise<NegotiationRow | null> {
    const params: unknown[] = [id];
    const where = whereOf(scope, {}, params);
    const { rows } = await q.query<NegotiationRow>(
      `${SELECT} ${where ? `${where} AND` : 'WHERE'} n.id = $1${lock ? ' FOR UPDATE OF n' : ''}`,
      params,
    );
    return rows[0] ?? null;
  },

  async list(
    q: Queryable,
    scope: NegotiationScope,
    f: NegotiationFilter,
    page: { limit: number; offset: number },
  ): Promise<{ rows: NegotiationRow[]; total: number }> {
    const params: unknown[] = [];
    const where = whereOf(scope, f, params);
    const n = params.length;
    const [{ rows }, count] = await Promise.all([
      q.query<NegotiationRow>(`${SELECT} ${where} ORDER BY n.created_at DESC, n.id LIMIT $${n + 1} OFFSET $${n + 2}`, [
        ...params,
        page.limit,
        page.offset,
      ]),
      q.query<{ n: number }>(`SELECT count(*)::int AS n FROM sharing_negotiation n ${where}`, params),
    ]);
    return { rows, total: count.rows[0]!.n };
  },

  /** Writes a transition: an answer (agree/decline) or an escalation, with who and when. */
  async transition(
    q: Queryable,
    id: string,
    t: { state: NegotiationState; now: Date; actorId: string; answer?: string; escalate?: boolean },
  ): Promise<void> {
    const answers = t.answer !== undefined;
    await q.query(
      `UPDATE sharing_negotiation SET state = $2,
         answer = CASE WHEN $4 THEN $5 ELSE answer END,
         answered_by = CASE WHEN $4 THEN $6::uuid ELSE answered_by END,
         answered_at = CASE WHEN $4 THEN $3 ELSE answered_at END,
         escalated_by = CASE WHEN $7 THEN $6::uuid ELSE escalated_by END,
         escalated_at = CASE WHEN $7 THEN $3 ELSE escalated_at END
       WHERE id = $1`,
      [id, t.state, t.now, answers, t.answer ?? null, t.actorId, t.escalate === true],
    );
  },
};
