import type {
  PublicationKind,
  PublicationMediaType,
  PublicationSourceRef,
  PublicationState,
  Secrecy,
} from '@geoshare/shared';
import type { Queryable } from '../../platform/db/db.port.js';
import { type Viewer, visibilitySql } from '../catalog/catalog.access.rules.js';

export interface ReviewRow {
  id: string;
  number: string | null;
  org_id: string;
  org_name: string;
  applicant_id: string;
  applicant_name: string;
  title: string;
  kind: PublicationKind;
  medium: string;
  planned_date: string;
  description: string;
  citation: string;
  secrecy_review_confirmed: boolean;
  secrecy_review_note: string | null;
  state: PublicationState;
  submitted_at: Date;
  due_date: string;
  decided_by_name: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface SourceRow {
  review_id: string;
  collection_id: string;
  item_id: string;
  title: string;
  catalogue_no: string;
  secrecy: Secrecy;
  custodian_name: string | null;
}

export interface AttachmentRow {
  id: string;
  review_id: string;
  name: string;
  media_type: PublicationMediaType;
  size: number;
  storage_key: string;
  uploaded_at: Date;
}

/** Reviewers, leaders and admins see every request; anyone else their own unit's. */
export type ReviewScope = { kind: 'all' } | { kind: 'org'; orgId: string };

/** The request fields an applicant fills in (at submission and again at resubmission). */
export interface ReviewFields {
  title: string;
  kind: PublicationKind;
  medium: string;
  plannedDate: string;
  description: string;
  citation: string;
  secrecyReviewConfirmed: boolean;
  secrecyReviewNote: string | null;
}

export interface NewAttachment {
  id: string;
  name: string;
  mediaType: PublicationMediaType;
  size: number;
  checksumSm3: string;
  storageKey: string;
}

const SELECT = `
  SELECT r.id, r.number, r.org_id, o.name AS org_name, r.applicant_id, u.display_name AS applicant_name, r.title, r.kind,
         r.medium, r.planned_date, r.description, r.citation, r.secrecy_review_confirmed, r.secrecy_review_note, r.state,
         r.submitted_at, r.due_date, d.display_name AS decided_by_name, r.decided_at, r.decision_note, r.created_at,
         r.updated_at
  FROM publication_review r
  JOIN org o ON o.id = r.org_id
  JOIN app_user u ON u.id = r.applicant_id
  LEFT JOIN app_user d ON d.id = r.decided_by`;

function scopeWhere(scope: ReviewScope, params: unknown[]): string {
  if (scope.kind === 'all') return 'TRUE';
  params.push(scope.orgId);
  return `r.org_id = $${params.length}::uuid`;
}

export const publicationRepository = {
  /** The cited items that exist and `viewer` may see, with their secrecy level now. */
  async visibleSources(
    q: Queryable,
    viewer: Viewer,
    refs: readonly PublicationSourceRef[],
  ): Promise<{ collection_id: string; id: string; secrecy: Secrecy }[]> {
    const params: unknown[] = [refs.map((r) => r.collectionId), refs.map((r) => r.itemId)];
    const { rows } = await q.query<{ collection_id: string; id: string; secrecy: Secrecy }>(
      `SELECT i.collection_id, i.id, i.secrecy
       FROM unnest($1::text[], $2::text[]) AS ref(collection_id, id)
       JOIN catalog_item i ON i.collection_id = ref.collection_id AND i.id = ref.id
       JOIN catalog_collection c ON c.id = i.collection_id
       WHERE ${visibilitySql(viewer, params)}`,
      params,
    );
    return rows;
  },

  async insert(
    q: Queryable,
    r: ReviewFields & { id: string; orgId: string; applicantId: string; dueDate: string },
    now: Date,
  ): Promise<string> {
    const { rows } = await q.query<{ id: string }>(
      `INSERT INTO publication_review (id, org_id, applicant_id, title, kind, medium, planned_date, description,
         citation, secrecy_review_confirmed, secrecy_review_note, state, submitted_at, due_date, created_at, updated_at)
       VALUES ($13, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'submitted', $11, $12, $11, $11) RETURNING id`,
      [
        r.orgId,
        r.applicantId,
        r.title,
        r.kind,
        r.medium,
        r.plannedDate,
        r.description,
        r.citation,
        r.secrecyReviewConfirmed,
        r.secrecyReviewNote,
        now,
        r.dueDate,
        r.id,
      ],
    );
    return rows[0]!.id;
  },

  /** A resubmission: the applicant's new fields, back to `submitted` with a new deadline; the last decision is cleared. */
  async resubmit(q: Queryable, id: string, r: ReviewFields & { dueDate: string }, now: Date): Promise<void> {
    await q.query(
      `UPDATE publication_review SET title = $2, kind = $3, medium = $4, planned_date = $5, description = $6,
         citation = $7, secrecy_review_confirmed = $8, secrecy_review_note = $9, state = 'submitted', submitted_at = $10,
         due_date = $11, decided_by = NULL, decided_at = NULL, decision_note = NULL, updated_at = $10
       WHERE id = $1`,
      [
        id,
        r.title,
        r.kind,
        r.medium,
        r.plannedDate,
        r.description,
        r.citation,
        r.secrecyReviewConfirmed,
        r.secrecyReviewNote,
        now,
        r.dueDate,
      ],
    );
  },

  /** The reviewer's decision (approve with its number, reject, request changes). */
  async decide(
    q: Queryable,
    id: string,
    d: { state: PublicationState; number: string | null; by: string; note: string | null },
    now: Date,
  ): Promise<void> {
    await q.query(
      `UPDATE publication_review SET state = $2, number = $3, decided_by = $4, decided_at = $5, decision_note = $6,
         updated_at = $5
       WHERE id = $1`,
      [id, d.state, d.number, d.by, now, d.note],
    );
  },

  /** Replaces the cited sources with `sources` (in order), each with its secrecy level when cited. */
  async setSources(
    q: Queryable,
    reviewId: string,
    sources: readonly { collectionId: string; itemId: string; secrecy: Secrecy }[],
  ): Promise<void> {
    await q.query('DELETE FROM publication_source WHERE review_id = $1', [reviewId]);
    await q.query(
      `INSERT INTO publication_source (review_id, position, collection_id, item_id, secrecy)
       SELECT $1::uuid, s.position, s.collection_id, s.item_id, s.secrecy
       FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS s(collection_id, item_id, secrecy, position)`,
      [reviewId, sources.map((s) => s.collectionId), sources.map((s) => s.itemId), sources.map((s) => s.secrecy)],
    );
  },

  async addAttachments(
    q: Queryable,
    reviewId: string,
    files: readonly NewAttachment[],
    uploadedBy: string,
    now: Date,
  ): Promise<void> {
    if (!files.length) return;
    await q.query(
      `INSERT INTO publication_attachment (id, review_id, name, media_type, size, checksum_sm3, storage_key, uploaded_by,
         uploaded_at)
       SELECT f.id, $1::uuid, f.name, f.media_type, f.size, f.checksum, f.storage_key, $8::uuid, $9::timestamptz
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::bigint[], $6::text[], $7::text[])
         AS f(id, name, media_type, size, checksum, storage_key)`,
      [
        reviewId,
        files.map((f) => f.id),
        files.map((f) => f.name),
        files.map((f) => f.mediaType),
        files.map((f) => f.size),
        files.map((f) => f.checksumSm3),
        files.map((f) => f.storageKey),
        uploadedBy,
        now,
      ],
    );
  },

  /** Withdraws the current attachments not in `keep` (the files stay in storage: what was reviewed stays traceable). */
  async withdrawAttachmentsExcept(q: Queryable, reviewId: string, keep: readonly string[], now: Date): Promise<void> {
    await q.query(
      `UPDATE publication_attachment SET withdrawn_at = $3
       WHERE review_id = $1 AND withdrawn_at IS NULL AND NOT (id = ANY($2::uuid[]))`,
      [reviewId, keep, now],
    );
  },

  /** One request in `scope`; `lock` holds its row until the transaction ends (one decision at a time). */
  async get(q: Queryable, id: string, scope: ReviewScope, lock = false): Promise<ReviewRow | null> {
    const params: unknown[] = [id];
    const where = scopeWhere(scope, params);
    const { rows } = await q.query<ReviewRow>(
      `${SELECT} WHERE r.id = $1 AND ${where}${lock ? ' FOR UPDATE OF r' : ''}`,
      params,
    );
    return rows[0] ?? null;
  },

  /** Requests in `scope`: pending ones by deadline first, then the rest newest first. */
  async list(q: Queryable, scope: ReviewScope, f: { orgId?: string; state?: PublicationState }): Promise<ReviewRow[]> {
    const params: unknown[] = [];
    const where = [scopeWhere(scope, params)];
    if (f.orgId) {
      params.push(f.orgId);
      where.push(`r.org_id = $${params.length}::uuid`);
    }
    if (f.state) {
      params.push(f.state);
      where.push(`r.state = $${params.length}`);
    }
    const { rows } = await q.query<ReviewRow>(
      `${SELECT} WHERE ${where.join(' AND ')}
       ORDER BY (r.state = 'submitted') DESC, CASE WHEN r.state = 'submitted' THEN r.due_date END, r.created_at DESC
       LIMIT 500`,
      params,
    );
    return rows;
  },

  async sources(q: Queryable, reviewIds: readonly string[]): Promise<SourceRow[]> {
    const { rows } = await q.query<SourceRow>(
      `SELECT s.review_id, s.collection_id, s.item_id, i.title, i.catalogue_no, s.secrecy, cu.name AS custodian_name
       FROM publication_source s
       JOIN catalog_item i ON i.collection_id = s.collection_id AND i.id = s.item_id
       LEFT JOIN org cu ON cu.id = i.custodian_org_id
       WHERE s.review_id = ANY($1::uuid[])
       ORDER BY s.review_id, s.position`,
      [reviewIds],
    );
    return rows;
  },

  /** The current (not withdrawn) attachments of the requests. */
  async attachments(q: Queryable, reviewIds: readonly string[]): Promise<AttachmentRow[]> {
    const { rows } = await q.query<AttachmentRow>(
      `SELECT id, review_id, name, media_type, size, storage_key, uploaded_at FROM publication_attachment
       WHERE review_id = ANY($1::uuid[]) AND withdrawn_at IS NULL
       ORDER BY review_id, uploaded_at, name`,
      [reviewIds],
    );
    return rows;
  },

  /** One attachment of a request, withdrawn or not (earlier versions stay readable for the record). */
  async attachment(q: Queryable, reviewId: string, id: string): Promise<AttachmentRow | null> {
    const { rows } = await q.query<AttachmentRow>(
      `SELECT id, review_id, name, media_type, size, storage_key, uploaded_at FROM publication_attachment
       WHERE review_id = $1 AND id = $2`,
      [reviewId, id],
    );
    return rows[0] ?? null;
  },
};
