import type { Queryable } from '../../platform/db/db.port.js';

export interface AgreementVersionRow {
  version: string;
  title: string;
  paragraphs: string[];
  effective_from: Date;
}

export const agreementRepository = {
  /** The current text: the version published last. */
  async current(q: Queryable): Promise<AgreementVersionRow | null> {
    const { rows } = await q.query<AgreementVersionRow>(
      `SELECT version, title, paragraphs, effective_from FROM sharing_agreement_version
       ORDER BY seq DESC LIMIT 1`,
    );
    return rows[0] ?? null;
  },

  async versionExists(q: Queryable, version: string): Promise<boolean> {
    const { rows } = await q.query('SELECT 1 FROM sharing_agreement_version WHERE version = $1', [version]);
    return rows.length > 0;
  },

  async insertVersion(
    q: Queryable,
    v: { version: string; title: string; paragraphs: string[]; effectiveFrom: Date; publishedBy: string },
  ): Promise<void> {
    await q.query(
      `INSERT INTO sharing_agreement_version (version, title, paragraphs, effective_from, published_by)
       VALUES ($1, $2, $3, $4, $5)`,
      [v.version, v.title, v.paragraphs, v.effectiveFrom, v.publishedBy],
    );
  },

  /** The current version and when `userId` signed it for the collection (null: not signed) — one indexed look-up. */
  async status(
    q: Queryable,
    userId: string,
    collectionId: string,
  ): Promise<{ version: string; signed_at: Date | null } | null> {
    const { rows } = await q.query<{ version: string; signed_at: Date | null }>(
      `SELECT v.version, s.signed_at
       FROM (SELECT version FROM sharing_agreement_version ORDER BY seq DESC LIMIT 1) v
       LEFT JOIN sharing_agreement_signature s ON s.version = v.version AND s.user_id = $1 AND s.collection_id = $2`,
      [userId, collectionId],
    );
    return rows[0] ?? null;
  },

  /** Records a signature; returns false when this user had already signed this version for the collection. */
  async sign(
    q: Queryable,
    s: { userId: string; orgId: string; collectionId: string; version: string; at: Date; ip: string | null },
  ): Promise<boolean> {
    const r = await q.query(
      `INSERT INTO sharing_agreement_signature (user_id, collection_id, version, org_id, signed_at, ip)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [s.userId, s.collectionId, s.version, s.orgId, s.at, s.ip],
    );
    return r.rowCount > 0;
  },
};
