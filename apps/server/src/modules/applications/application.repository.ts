import type {
  ApplicationLetter,
  ApplicationProject,
  ApplicationState,
  CopyMedium,
  LineDecision,
  Secrecy,
  SharingType,
  UsageLogInput,
} from '@geoshare/shared';
import type { Queryable } from '../../platform/db/db.port.js';
import { type Viewer, visibilitySql } from '../catalog/catalog.access.rules.js';

export interface ApplicationRow {
  id: string;
  number: string | null;
  order_number: string | null;
  handover_number: string | null;
  state: ApplicationState;
  org_id: string;
  org_name: string;
  provider_org_id: string;
  provider_org_name: string;
  created_by: string;
  created_by_name: string;
  letter: ApplicationLetter;
  purpose: string;
  projects: ApplicationProject[];
  legal_representative: string;
  order_project: string;
  medium: CopyMedium;
  agreement_id: string | null;
  agreement_number: string | null;
  agreement_valid_until: string | null;
  submitted_at: Date | null;
  review_due: string | null;
  reminded_at: Date | null;
  escalated_at: Date | null;
  decided_at: Date | null;
  reject_reason: string | null;
  size_gb: number | null;
  pickup_note: string | null;
  receiver_name: string | null;
  receiver_id_masked: string | null;
  introduction_letter: string | null;
  handed_over_at: Date | null;
  remarks: string | null;
  created_at: Date;
  line_count: number;
  classified: boolean;
}

export interface LineRow {
  id: string;
  seq: number;
  collection_id: string;
  item_id: string;
  title: string;
  catalogue_no: string;
  datetime: Date;
  gsd: number | null;
  secrecy: Secrecy;
  sharing_type: SharingType;
  size_bytes: number | null;
  decision: LineDecision;
  reason: string | null;
  decided_at: Date | null;
}

export interface HandlerRow {
  seq: number;
  name: string;
  id_number_enc: string;
  id_number_hmac: string;
  id_number_masked: string;
  phone: string;
}

/** An orderable catalogue entry as the applicant may see it, with what the order snapshots. */
export interface OrderableItem {
  collection_id: string;
  id: string;
  title: string;
  catalogue_no: string;
  datetime: Date;
  gsd: number | null;
  secrecy: Secrecy;
  sharing_type: SharingType;
  sharing_basis: string | null;
  custodian_org_id: string | null;
  data_volume: number | null;
}

export interface AgreementRow {
  id: string;
  number: string;
  org_id: string;
  org_name: string;
  provider_org_id: string;
  provider_name: string;
  user_representative: string;
  signed_on: string;
  valid_until: string;
  document_id: string | null;
}

const APPLICATION_SELECT = `
  SELECT a.*, o.name AS org_name, p.name AS provider_org_name, u.display_name AS created_by_name,
         ag.number AS agreement_number, ag.valid_until AS agreement_valid_until,
         (SELECT count(*)::int FROM application_line l WHERE l.application_id = a.id) AS line_count,
         EXISTS (SELECT 1 FROM application_line l WHERE l.application_id = a.id AND l.secrecy <> 'public') AS classified
  FROM data_application a
  JOIN org o ON o.id = a.org_id
  JOIN org p ON p.id = a.provider_org_id
  JOIN app_user u ON u.id = a.created_by
  LEFT JOIN confidentiality_agreement ag ON ag.id = a.agreement_id`;

export type ApplicationScope =
  | { kind: 'org'; orgId: string }
  | { kind: 'review' }
  | { kind: 'provision' }
  | { kind: 'all' };

export const applicationRepository = {
  async orderableItems(q: Queryable, viewer: Viewer, refs: readonly { collectionId: string; itemId: string }[]) {
    const params: unknown[] = [refs.map((r) => r.collectionId), refs.map((r) => r.itemId)];
    const { rows } = await q.query<OrderableItem>(
      `SELECT i.collection_id, i.id, i.title, i.catalogue_no, i.datetime, i.gsd, i.secrecy, i.sharing_type,
              i.sharing_basis, i.custodian_org_id, i.data_volume
       FROM unnest($1::text[], $2::text[]) AS r(collection_id, id)
       JOIN catalog_item i ON i.collection_id = r.collection_id AND i.id = r.id
       JOIN catalog_collection c ON c.id = i.collection_id
       WHERE ${visibilitySql(viewer, params)}`,
      params,
    );
    return rows;
  },

  async insert(
    q: Queryable,
    a: {
      orgId: string;
      providerOrgId: string;
      createdBy: string;
      letter: ApplicationLetter;
      purpose: string;
      projects: ApplicationProject[];
      legalRepresentative: string;
      orderProject: string;
      medium: CopyMedium;
    },
    now: Date,
  ): Promise<string> {
    const { rows } = await q.query<{ id: string }>(
      `INSERT INTO data_application (state, org_id, provider_org_id, created_by, letter, purpose, projects,
         legal_representative, order_project, medium, created_at, updated_at)
       VALUES ('draft', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id`,
      [
        a.orgId,
        a.providerOrgId,
        a.createdBy,
        JSON.stringify(a.letter),
        a.purpose,
        JSON.stringify(a.projects),
        a.legalRepresentative,
        a.orderProject,
        a.medium,
        now,
      ],
    );
    return rows[0]!.id;
  },

  async insertHandlers(q: Queryable, applicationId: string, handlers: Omit<HandlerRow, 'seq'>[]) {
    await q.query(
      `INSERT INTO application_handler (application_id, seq, name, id_number_enc, id_number_hmac, id_number_masked, phone)
       SELECT $1, s, n, e, h, m, p FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
         WITH ORDINALITY AS t(n, e, h, m, p, s)`,
      [
        applicationId,
        handlers.map((h) => h.name),
        handlers.map((h) => h.id_number_enc),
        handlers.map((h) => h.id_number_hmac),
        handlers.map((h) => h.id_number_masked),
        handlers.map((h) => h.phone),
      ],
    );
  },

  async insertLines(q: Queryable, applicationId: string, items: (OrderableItem & { decision: LineDecision })[]) {
    await q.query(
      `INSERT INTO application_line (application_id, seq, collection_id, item_id, title, catalogue_no, datetime, gsd,
         secrecy, sharing_type, custodian_org_id, size_bytes, decision)
       SELECT $1, s, c, i, t, n, d, g, sec, st, cu, sz, dec
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::float8[], $8::text[],
                   $9::text[], $10::uuid[], $11::int8[], $12::text[])
         WITH ORDINALITY AS x(c, i, t, n, d, g, sec, st, cu, sz, dec, s)`,
      [
        applicationId,
        items.map((i) => i.collection_id),
        items.map((i) => i.id),
        items.map((i) => i.title),
        items.map((i) => i.catalogue_no),
        items.map((i) => i.datetime),
        items.map((i) => i.gsd),
        items.map((i) => i.secrecy),
        items.map((i) => i.sharing_type),
        items.map((i) => i.custodian_org_id),
        items.map((i) => i.data_volume),
        items.map((i) => i.decision),
      ],
    );
  },

  async get(q: Queryable, id: string, forUpdate = false): Promise<ApplicationRow | null> {
    if (forUpdate) await q.query('SELECT 1 FROM data_application WHERE id = $1 FOR UPDATE', [id]);
    const { rows } = await q.query<ApplicationRow>(`${APPLICATION_SELECT} WHERE a.id = $1`, [id]);
    return rows[0] ?? null;
  },

  async list(q: Queryable, scope: ApplicationScope, state: ApplicationState | null): Promise<ApplicationRow[]> {
    const params: unknown[] = [state];
    let where = '($1::text IS NULL OR a.state = $1)';
    if (scope.kind === 'org') {
      params.push(scope.orgId);
      where += ' AND a.org_id = $2';
    } else if (scope.kind === 'review') where += " AND a.state <> 'draft'";
    else if (scope.kind === 'provision') where += " AND a.state IN ('approved', 'preparing', 'ready', 'handedOver')";
    else where += " AND a.state <> 'draft'";
    // Pending reviews first by deadline (the reviewer's worklist), then the newest.
    const { rows } = await q.query<ApplicationRow>(
      `${APPLICATION_SELECT} WHERE ${where}
       ORDER BY (a.state = 'inReview') DESC, a.review_due NULLS LAST, a.created_at DESC LIMIT 500`,
      params,
    );
    return rows;
  },

  async lines(q: Queryable, applicationId: string): Promise<LineRow[]> {
    const { rows } = await q.query<LineRow>(
      `SELECT id, seq, collection_id, item_id, title, catalogue_no, datetime, gsd, secrecy, sharing_type, size_bytes,
              decision, reason, decided_at
       FROM application_line WHERE application_id = $1 ORDER BY seq`,
      [applicationId],
    );
    return rows;
  },

  async handlers(q: Queryable, applicationId: string): Promise<HandlerRow[]> {
    const { rows } = await q.query<HandlerRow>(
      'SELECT seq, name, id_number_enc, id_number_hmac, id_number_masked, phone FROM application_handler WHERE application_id = $1 ORDER BY seq',
      [applicationId],
    );
    return rows;
  },

  async decideLine(
    q: Queryable,
    lineId: string,
    d: { approved: boolean; reason: string | null; by: string; at: Date },
  ): Promise<void> {
    await q.query(
      'UPDATE application_line SET decision = $2, reason = $3, decided_by = $4, decided_at = $5 WHERE id = $1',
      [lineId, d.approved ? 'approved' : 'rejected', d.reason, d.by, d.at],
    );
  },

  /** Sets the state and any other columns of the application (names are code constants, never user input). */
  async update(q: Queryable, id: string, state: ApplicationState, fields: Record<string, unknown>, now: Date) {
    const cols = Object.keys(fields);
    await q.query(
      `UPDATE data_application SET state = $2, updated_at = $3${cols.map((c, i) => `, ${c} = $${i + 4}`).join('')}
       WHERE id = $1`,
      [id, state, now, ...cols.map((c) => fields[c])],
    );
  },

  async addEvent(
    q: Queryable,
    e: {
      applicationId: string;
      at: Date;
      actorId: string | null;
      action: string;
      from: ApplicationState | null;
      to: ApplicationState;
      note: string | null;
    },
  ): Promise<void> {
    await q.query(
      `INSERT INTO application_event (application_id, at, actor_id, action, from_state, to_state, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [e.applicationId, e.at, e.actorId, e.action, e.from, e.to, e.note],
    );
  },

  async events(q: Queryable, applicationId: string) {
    const { rows } = await q.query<{
      at: Date;
      actor_name: string | null;
      action: string;
      from_state: ApplicationState | null;
      to_state: ApplicationState;
      note: string | null;
    }>(
      `SELECT e.at, u.display_name AS actor_name, e.action, e.from_state, e.to_state, e.note
       FROM application_event e LEFT JOIN app_user u ON u.id = e.actor_id
       WHERE e.application_id = $1 ORDER BY e.id`,
      [applicationId],
    );
    return rows;
  },

  /** Pending reviews whose deadline state may need a reminder or an escalation. */
  async pendingReviews(q: Queryable) {
    const { rows } = await q.query<{
      id: string;
      number: string;
      org_name: string;
      review_due: string;
      reminded_at: Date | null;
      escalated_at: Date | null;
    }>(
      `SELECT a.id, a.number, o.name AS org_name, a.review_due, a.reminded_at, a.escalated_at
       FROM data_application a JOIN org o ON o.id = a.org_id
       WHERE a.state = 'inReview' AND a.escalated_at IS NULL ORDER BY a.review_due`,
    );
    return rows;
  },

  async openHolds(q: Queryable, orgId: string) {
    const { rows } = await q.query<{ id: string; title: string; due_date: string; reason: string }>(
      'SELECT id, title, due_date, reason FROM submission_hold WHERE org_id = $1 AND cleared_at IS NULL ORDER BY due_date',
      [orgId],
    );
    return rows;
  },

  // ------------------------------------------------------------------------------------------------------------
  // Confidentiality agreements (附件4)

  async agreementInForce(q: Queryable, orgId: string, today: string): Promise<AgreementRow | null> {
    const { rows } = await q.query<AgreementRow>(
      `SELECT ag.*, o.name AS org_name, p.name AS provider_name
       FROM confidentiality_agreement ag JOIN org o ON o.id = ag.org_id JOIN org p ON p.id = ag.provider_org_id
       WHERE ag.org_id = $1 AND ag.signed_on <= $2::date AND ag.valid_until >= $2::date
       ORDER BY ag.valid_until DESC LIMIT 1`,
      [orgId, today],
    );
    return rows[0] ?? null;
  },

  async agreements(q: Queryable, orgId: string | null): Promise<AgreementRow[]> {
    const { rows } = await q.query<AgreementRow>(
      `SELECT ag.*, o.name AS org_name, p.name AS provider_name
       FROM confidentiality_agreement ag JOIN org o ON o.id = ag.org_id JOIN org p ON p.id = ag.provider_org_id
       WHERE ($1::uuid IS NULL OR ag.org_id = $1) ORDER BY ag.signed_on DESC, ag.number DESC`,
      [orgId],
    );
    return rows;
  },

  async insertAgreement(
    q: Queryable,
    a: {
      number: string;
      orgId: string;
      providerOrgId: string;
      userRepresentative: string;
      signedOn: string;
      validUntil: string;
      createdBy: string;
    },
    now: Date,
  ): Promise<string> {
    const { rows } = await q.query<{ id: string }>(
      `INSERT INTO confidentiality_agreement (number, org_id, provider_org_id, user_representative, signed_on,
         valid_until, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [a.number, a.orgId, a.providerOrgId, a.userRepresentative, a.signedOn, a.validUntil, a.createdBy, now],
    );
    return rows[0]!.id;
  },

  async setAgreementDocument(q: Queryable, id: string, documentId: string): Promise<void> {
    await q.query('UPDATE confidentiality_agreement SET document_id = $2 WHERE id = $1', [id, documentId]);
  },

  // ------------------------------------------------------------------------------------------------------------
  // Usage log (BX-23) and provision records (BX-21)

  async insertUsageLog(q: Queryable, applicationId: string, e: UsageLogInput, by: string, now: Date): Promise<string> {
    const { rows } = await q.query<{ id: string }>(
      `INSERT INTO usage_log_entry (application_id, kind, occurred_on, description, copies, third_party_name,
         third_party_foreign, third_party_agreement_no, approval_no, witness, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [
        applicationId,
        e.kind,
        e.occurredOn,
        e.description.trim(),
        e.copies ?? null,
        e.thirdPartyName?.trim() || null,
        e.kind === 'delegation' ? e.thirdPartyForeign === true : null,
        e.thirdPartyAgreementNo?.trim() || null,
        e.approvalNo?.trim() || null,
        e.witness?.trim() || null,
        by,
        now,
      ],
    );
    return rows[0]!.id;
  },

  async usageLog(q: Queryable, applicationId: string) {
    const { rows } = await q.query<{
      id: string;
      application_id: string;
      kind: UsageLogInput['kind'];
      occurred_on: string;
      description: string;
      copies: number | null;
      third_party_name: string | null;
      third_party_foreign: boolean | null;
      third_party_agreement_no: string | null;
      approval_no: string | null;
      witness: string | null;
      created_by_name: string;
      created_at: Date;
    }>(
      `SELECT e.*, u.display_name AS created_by_name FROM usage_log_entry e JOIN app_user u ON u.id = e.created_by
       WHERE e.application_id = $1 ORDER BY e.occurred_on, e.created_at`,
      [applicationId],
    );
    return rows;
  },

  async provisions(q: Queryable, f: { collectionId: string | null; itemId: string | null; orgId: string | null }) {
    const { rows } = await q.query<{
      application_id: string;
      application_number: string;
      handover_number: string;
      org_name: string;
      receiver_name: string;
      handed_over_at: Date;
      collection_id: string;
      item_id: string;
      item_title: string;
      secrecy: Secrecy;
      destroyed: boolean;
      usage_log_count: number;
    }>(
      `SELECT a.id AS application_id, a.number AS application_number, a.handover_number, o.name AS org_name,
              a.receiver_name, a.handed_over_at, l.collection_id, l.item_id, l.title AS item_title, l.secrecy,
              EXISTS (SELECT 1 FROM usage_log_entry e WHERE e.application_id = a.id AND e.kind = 'destruction') AS destroyed,
              (SELECT count(*)::int FROM usage_log_entry e WHERE e.application_id = a.id) AS usage_log_count
       FROM data_application a
       JOIN org o ON o.id = a.org_id
       JOIN application_line l ON l.application_id = a.id AND l.decision IN ('auto', 'approved')
       WHERE a.state = 'handedOver'
         AND ($1::text IS NULL OR l.collection_id = $1) AND ($2::text IS NULL OR l.item_id = $2)
         AND ($3::uuid IS NULL OR a.org_id = $3)
       ORDER BY a.handed_over_at DESC, l.seq LIMIT 1000`,
      [f.collectionId, f.itemId, f.orgId],
    );
    return rows;
  },

  // ------------------------------------------------------------------------------------------------------------
  // BX-11 holds

  async holds(q: Queryable, openOnly: boolean) {
    const { rows } = await q.query<{
      id: string;
      org_id: string;
      org_name: string;
      title: string;
      due_date: string;
      reason: string;
      created_at: Date;
      cleared_at: Date | null;
    }>(
      `SELECT h.*, o.name AS org_name FROM submission_hold h JOIN org o ON o.id = h.org_id
       WHERE (NOT $1 OR h.cleared_at IS NULL) ORDER BY h.cleared_at NULLS FIRST, h.due_date`,
      [openOnly],
    );
    return rows;
  },

  async insertHold(
    q: Queryable,
    h: { orgId: string; title: string; dueDate: string; reason: string; by: string },
    now: Date,
  ): Promise<string> {
    const { rows } = await q.query<{ id: string }>(
      `INSERT INTO submission_hold (org_id, title, due_date, reason, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [h.orgId, h.title, h.dueDate, h.reason, h.by, now],
    );
    return rows[0]!.id;
  },

  async clearHold(q: Queryable, id: string, by: string, now: Date): Promise<boolean> {
    const { rowCount } = await q.query(
      'UPDATE submission_hold SET cleared_at = $3, cleared_by = $2 WHERE id = $1 AND cleared_at IS NULL',
      [id, by, now],
    );
    return rowCount > 0;
  },
};
