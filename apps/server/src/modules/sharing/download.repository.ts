import type { Queryable } from '../../platform/db/db.port.js';
import { ACTOR_COLUMNS, type ActorRow, actorJoin } from './token.repository.js';

export type DownloadKind = 'asset' | 'clip' | 'preview';

export interface DownloadRow {
  id: string;
  user_id: string;
  collection_id: string;
  item_id: string;
  kind: DownloadKind;
  asset_key: string | null;
  storage_key: string;
  generated: boolean;
  filename: string;
  media_type: string;
  size: number;
  expires_at: Date;
}

export interface ClipCheck {
  valid: boolean;
  reason: string | null;
  /** the clip cut to the item's footprint (MultiPolygon GeoJSON), null when the clip is invalid */
  clipped: string | null;
  /** ellipsoidal area of `clipped`, km² */
  area_km2: number | null;
}

export const downloadRepository = {
  /**
   * Serialises quota checks of one user (a transaction-scoped advisory lock), so parallel requests cannot both pass
   * the last free slot.
   */
  async lockUserQuota(q: Queryable, userId: string): Promise<void> {
    await q.query(`SELECT pg_advisory_xact_lock(hashtext('download_quota:' || $1::text))`, [userId]);
  },

  async usedOn(q: Queryable, userId: string, day: string): Promise<{ count: number; bytes: number }> {
    const { rows } = await q.query<{ count: number; bytes: number }>(
      `SELECT count(*)::int AS count, coalesce(sum(size), 0)::bigint AS bytes
       FROM download_link WHERE user_id = $1 AND quota_day = $2::date`,
      [userId, day],
    );
    return rows[0]!;
  },

  async insert(
    q: Queryable,
    d: Omit<DownloadRow, 'expires_at'> & {
      orgId: string;
      crs: number | null;
      geometry: unknown;
      quotaDay: string;
      at: Date;
      expiresAt: Date;
    },
  ): Promise<void> {
    await q.query(
      `INSERT INTO download_link (id, user_id, org_id, collection_id, item_id, kind, asset_key, storage_key, generated,
         filename, media_type, size, crs, geometry, quota_day, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15::date, $16, $17)`,
      [
        d.id,
        d.user_id,
        d.orgId,
        d.collection_id,
        d.item_id,
        d.kind,
        d.asset_key,
        d.storage_key,
        d.generated,
        d.filename,
        d.media_type,
        d.size,
        d.crs,
        d.geometry === null ? null : JSON.stringify(d.geometry),
        d.quotaDay,
        d.at,
        d.expiresAt,
      ],
    );
  },

  /** A link with its creator as of now (roles, org, clearance, status: access is checked again at download). */
  async find(q: Queryable, id: string): Promise<(DownloadRow & ActorRow) | null> {
    const { rows } = await q.query<DownloadRow & ActorRow>(
      `SELECT d.id, d.user_id, d.collection_id, d.item_id, d.kind, d.asset_key, d.storage_key, d.generated, d.filename,
              d.media_type, d.size, d.expires_at, ${ACTOR_COLUMNS}
       FROM download_link d ${actorJoin('d.user_id')} WHERE d.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  },

  /** PostGIS checks of a drawn clip (EPSG:4490) against an item footprint: validity, the intersection, its area. */
  async clipCheck(q: Queryable, clip: unknown, footprint: string): Promise<ClipCheck> {
    const { rows } = await q.query<ClipCheck>(
      `WITH g AS (
         SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4490) AS clip, ST_SetSRID(ST_GeomFromGeoJSON($2), 4490) AS item
       ), x AS (
         SELECT ST_IsValid(clip) AS valid, ST_IsValidReason(clip) AS reason,
                CASE WHEN ST_IsValid(clip) THEN ST_CollectionExtract(ST_Intersection(clip, item), 3) END AS cut
         FROM g
       )
       SELECT valid, CASE WHEN valid THEN NULL ELSE reason END AS reason,
              CASE WHEN NOT ST_IsEmpty(cut) THEN ST_AsGeoJSON(cut, 9) END AS clipped,
              coalesce(ST_Area(cut::geography) / 1e6, 0) AS area_km2
       FROM x`,
      [JSON.stringify(clip), footprint],
    );
    return rows[0]!;
  },

  /** Generated files (clips, previews) of links expired before `now`, not yet removed. */
  async expiredGenerated(q: Queryable, now: Date, limit: number): Promise<{ id: string; storage_key: string }[]> {
    const { rows } = await q.query<{ id: string; storage_key: string }>(
      `SELECT id, storage_key FROM download_link
       WHERE generated AND cleaned_at IS NULL AND expires_at <= $1 ORDER BY expires_at LIMIT $2`,
      [now, limit],
    );
    return rows;
  },

  async markCleaned(q: Queryable, ids: string[], at: Date): Promise<void> {
    await q.query('UPDATE download_link SET cleaned_at = $2 WHERE id = ANY($1::uuid[])', [ids, at]);
  },
};
