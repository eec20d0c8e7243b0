import type { FeedbackCategory, FeedbackSeverity, FeedbackState } from '@geoshare/shared';
import type { Queryable } from '../../platform/db/db.port.js';
import { type Viewer, visibilitySql } from '../catalog/catalog.access.rules.js';

export interface FeedbackRow {
  id: string;
  collection_id: string;
  item_id: string;
  item_title: string;
  catalogue_no: string;
  custodian_org_id: string | null;
  custodian_name: string | null;
  application_id: string | null;
  category: FeedbackCategory;
  severity: FeedbackSeverity;
  description: string;
  location: string | null;
  state: FeedbackState;
  reporter_id: string;
  reporter_name: string;
  reporter_org_id: string;
  reporter_org_name: string;
  response: string | null;
  responded_by_name: string | null;
  responded_at: Date | null;
  escalated_by_name: string | null;
  escalated_at: Date | null;
  resolution: string | null;
  resolved_by_name: string | null;
  resolved_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** Which reports a caller sees: all (custodians, leaders, admins), or those of one unit — reported by it or about items it keeps. */
export type FeedbackScope = { kind: 'all' } | { kind: 'org'; orgId: string };

export interface FeedbackFilter {
  reporterId?: string;
  state?: FeedbackState;
  collectionId?: string;
  escalated?: boolean;
  severity?: FeedbackSeverity;
  states?: readonly FeedbackState[];
  createdFrom?: Date;
  createdBefore?: Date;
}

const SELECT = `
  SELECT f.id, f.collection_id, f.item_id, i.title AS item_title, i.catalogue_no, i.custodian_org_id,
         cu.name AS custodian_name, f.application_id, f.category, f.severity, f.description,
         ST_AsGeoJSON(f.location, 7) AS location, f.state, f.reporter_id, ru.display_name AS reporter_name,
         f.reporter_org_id, ro.name AS reporter_org_name, f.response, rb.display_name AS responded_by_name,
         f.responded_at, eb.display_name AS escalated_by_name, f.escalated_at, f.resolution,
         sb.display_name AS resolved_by_name, f.resolved_at, f.created_at, f.updated_at
  FROM feedback f
  JOIN catalog_item i ON i.collection_id = f.collection_id AND i.id = f.item_id
  LEFT JOIN org cu ON cu.id = i.custodian_org_id
  JOIN app_user ru ON ru.id = f.reporter_id
  JOIN org ro ON ro.id = f.reporter_org_id
  LEFT JOIN app_user rb ON rb.id = f.responded_by
  LEFT JOIN app_user eb ON eb.id = f.escalated_by
  LEFT JOIN app_user sb ON sb.id = f.resolved_by`;

function whereOf(scope: FeedbackScope, f: FeedbackFilter, params: unknown[]): string {
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where: string[] = [];
  if (scope.kind === 'org') {
    const org = p(scope.orgId);
    where.push(`(f.reporter_org_id = ${org}::uuid OR i.custodian_org_id = ${org}::uuid)`);
  }
  if (f.reporterId) where.push(`f.reporter_id = ${p(f.reporterId)}::uuid`);
  if (f.state) where.push(`f.state = ${p(f.state)}`);
  if (f.states) where.push(`f.state = ANY(${p(f.states)}::text[])`);
  if (f.collectionId) where.push(`f.collection_id = ${p(f.collectionId)}`);
  if (f.severity) where.push(`f.severity = ${p(f.severity)}`);
  if (f.escalated !== undefined) where.push(f.escalated ? 'f.escalated_at IS NOT NULL' : 'f.escalated_at IS NULL');
  if (f.createdFrom) where.push(`f.created_at >= ${p(f.createdFrom)}`);
  if (f.createdBefore) where.push(`f.created_at < ${p(f.createdBefore)}`);
  return where.length ? `WHERE ${where.join(' AND ')}` : '';
}

/** Half-open interval of report times [from, before). */
export interface Period {
  from: Date;
  before: Date;
}

export const feedbackRepository = {
  /** Whether the item exists and `viewer` may see it (the catalogue's own visibility rule). */
  async itemVisible(q: Queryable, viewer: Viewer, collectionId: string, itemId: string): Promise<boolean> {
    const params: unknown[] = [collectionId, itemId];
    const { rows } = await q.query(
      `SELECT 1 FROM catalog_item i JOIN catalog_collection c ON c.id = i.collection_id
       WHERE i.collection_id = $1 AND i.id = $2 AND ${visibilitySql(viewer, params)}`,
      params,
    );
    return rows.length > 0;
  },

  /** Whether a lon/lat point (EPSG:4490) lies on the item's footprint, allowing `toleranceM` metres (geodesic) for a click on the edge. */
  async pointOnItem(
    q: Queryable,
    collectionId: string,
    itemId: string,
    [lon, lat]: [number, number],
    toleranceM: number,
  ): Promise<boolean> {
    const { rows } = await q.query<{ on: boolean }>(
      `SELECT ST_DWithin(i.geom::geography, ST_SetSRID(ST_MakePoint($3, $4), 4490)::geography, $5) AS on
       FROM catalog_item i WHERE i.collection_id = $1 AND i.id = $2`,
      [collectionId, itemId, lon, lat, toleranceM],
    );
    return rows[0]?.on === true;
  },

  async insert(
    q: Queryable,
    f: {
      collectionId: string;
      itemId: string;
      applicationId: string | null;
      category: FeedbackCategory;
      severity: FeedbackSeverity;
      description: string;
      location: [number, number] | null;
      reporterId: string;
      reporterOrgId: string;
    },
    now: Date,
  ): Promise<string> {
    const { rows } = await q.query<{ id: string }>(
      `INSERT INTO feedback (collection_id, item_id, application_id, category, severity, description, location, state,
                             reporter_id, reporter_org_id, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6,
               CASE WHEN $7::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint($7, $8), 4490) END,
               'open', $9, $10, $11, $11)
       RETURNING id`,
      [
        f.collectionId,
        f.itemId,
        f.applicationId,
        f.category,
        f.severity,
        f.description,
        f.location?.[0] ?? null,
        f.location?.[1] ?? null,
        f.reporterId,
        f.reporterOrgId,
        now,
      ],
    );
    return rows[0]!.id;
  },

  /** One report in `scope`; `lock` holds its row until the transaction ends (one transition at a time). */
  async get(q: Queryable, id: string, scope: FeedbackScope, lock = false): Promise<FeedbackRow | null> {
    const params: unknown[] = [id];
    const where = whereOf(scope, {}, params);
    const { rows } = await q.query<FeedbackRow>(
      `${SELECT} ${where ? `${where} AND` : 'WHERE'} f.id = $1${lock ? ' FOR UPDATE OF f' : ''}`,
      params,
    );
    return rows[0] ?? null;
  },

  async list(
    q: Queryable,
    scope: FeedbackScope,
    f: FeedbackFilter,
    page: { limit: number; offset: number },
  ): Promise<{ rows: FeedbackRow[]; total: number }> {
    const params: unknown[] = [];
    const where = whereOf(scope, f, params);
    const n = params.length;
    const { rows } = await q.query<FeedbackRow & { total: number }>(
      `SELECT *, count(*) OVER ()::int AS total FROM (${SELECT} ${where}) s
       ORDER BY s.created_at DESC, s.id LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...params, page.limit, page.offset],
    );
    // A page past the end has no row to carry the count: count separately then.
    const total =
      rows[0]?.total ??
      (page.offset === 0
        ? 0
        : (
            await q.query<{ n: number }>(
              `SELECT count(*)::int AS n FROM feedback f
               JOIN catalog_item i ON i.collection_id = f.collection_id AND i.id = f.item_id ${where}`,
              params,
            )
          ).rows[0]!.n);
    return { rows: rows.map(({ total: _t, ...r }) => r), total };
  },

  /** Writes a transition: the new state and the columns the event sets (COALESCE keeps what it does not set). */
  async transition(
    q: Queryable,
    id: string,
    t: {
      state: FeedbackState;
      now: Date;
      actorId: string;
      severity?: FeedbackSeverity;
      response?: string;
      escalate?: boolean;
      resolution?: string;
    },
  ): Promise<void> {
    const responds = t.response !== undefined;
    await q.query(
      `UPDATE feedback SET state = $2, updated_at = $3,
         severity = coalesce($4, severity),
         response = CASE WHEN $5 THEN $6 ELSE response END,
         responded_by = CASE WHEN $5 THEN $7::uuid ELSE responded_by END,
         responded_at = CASE WHEN $5 THEN $3 ELSE responded_at END,
         escalated_by = CASE WHEN $8 THEN $7::uuid ELSE escalated_by END,
         escalated_at = CASE WHEN $8 THEN $3 ELSE escalated_at END,
         resolution = coalesce($9, resolution),
         resolved_by = CASE WHEN $9::text IS NULL THEN resolved_by ELSE $7::uuid END,
         resolved_at = CASE WHEN $9::text IS NULL THEN resolved_at ELSE $3 END
       WHERE id = $1`,
      [
        id,
        t.state,
        t.now,
        t.severity ?? null,
        responds,
        t.response ?? null,
        t.actorId,
        t.escalate === true,
        t.resolution ?? null,
      ],
    );
  },

  /** MNR-19 periodic summary: counts by collection × category × state of the reports made in `period`. */
  async summaryCells(q: Queryable, period: Period) {
    const { rows } = await q.query<{
      collection_id: string;
      collection_title: string;
      category: FeedbackCategory;
      state: FeedbackState;
      count: number;
    }>(
      `SELECT f.collection_id, c.title AS collection_title, f.category, f.state, count(*)::int AS count
       FROM feedback f JOIN catalog_collection c ON c.id = f.collection_id
       WHERE f.created_at >= $1 AND f.created_at < $2
       GROUP BY f.collection_id, c.title, f.category, f.state
       ORDER BY f.collection_id, f.category, f.state`,
      [period.from, period.before],
    );
    return rows;
  },

  /** The items reported most often in `period`. */
  async topItems(q: Queryable, period: Period, limit: number) {
    const { rows } = await q.query<{
      collection_id: string;
      item_id: string;
      title: string;
      catalogue_no: string;
      count: number;
      major_count: number;
    }>(
      `SELECT f.collection_id, f.item_id, i.title, i.catalogue_no, count(*)::int AS count,
              (count(*) FILTER (WHERE f.severity = 'major'))::int AS major_count
       FROM feedback f JOIN catalog_item i ON i.collection_id = f.collection_id AND i.id = f.item_id
       WHERE f.created_at >= $1 AND f.created_at < $2
       GROUP BY f.collection_id, f.item_id, i.title, i.catalogue_no
       ORDER BY count DESC, major_count DESC, f.collection_id, f.item_id
       LIMIT $3`,
      [period.from, period.before, limit],
    );
    return rows;
  },
};
