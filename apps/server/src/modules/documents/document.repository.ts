import type { DocumentKind } from '@geoshare/shared';
import type { Queryable } from '../../platform/db/db.port.js';

export interface SealedDocumentRecord {
  id: string;
  kind: DocumentKind;
  number: string;
  orgId: string;
  orgName: string;
  subjectType: string;
  subjectId: string;
  storageKey: string;
  size: number;
  sm3: string;
  signature: string;
  publicKey: string;
  createdAt: Date;
  createdBy: string | null;
}

interface Row {
  id: string;
  kind: DocumentKind;
  number: string;
  org_id: string;
  org_name: string;
  subject_type: string;
  subject_id: string;
  storage_key: string;
  size: number;
  sm3: string;
  signature: string;
  public_key: string;
  created_at: Date;
  created_by: string | null;
}

const toRecord = (r: Row): SealedDocumentRecord => ({
  id: r.id,
  kind: r.kind,
  number: r.number,
  orgId: r.org_id,
  orgName: r.org_name,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  storageKey: r.storage_key,
  size: r.size,
  sm3: r.sm3,
  signature: r.signature,
  publicKey: r.public_key,
  createdAt: r.created_at,
  createdBy: r.created_by,
});

const COLUMNS = `id, kind, number, org_id, org_name, subject_type, subject_id, storage_key, size, sm3, signature,
  public_key, created_at, created_by`;

export const documentRepository = {
  async signingKey(q: Queryable, orgId: string): Promise<{ publicKey: string; privateKeyEnc: string } | null> {
    const { rows } = await q.query<{ public_key: string; private_key_enc: string }>(
      'SELECT public_key, private_key_enc FROM org_signing_key WHERE org_id = $1',
      [orgId],
    );
    const r = rows[0];
    return r ? { publicKey: r.public_key, privateKeyEnc: r.private_key_enc } : null;
  },

  /** Inserts unless the organisation already has a key (a concurrent first use); the caller re-reads either way. */
  async insertSigningKey(
    q: Queryable,
    k: { orgId: string; publicKey: string; privateKeyEnc: string; createdAt: Date },
  ): Promise<void> {
    await q.query(
      `INSERT INTO org_signing_key (org_id, public_key, private_key_enc, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (org_id) DO NOTHING`,
      [k.orgId, k.publicKey, k.privateKeyEnc, k.createdAt],
    );
  },

  async orgExists(q: Queryable, orgId: string): Promise<boolean> {
    const { rows } = await q.query('SELECT 1 FROM org WHERE id = $1', [orgId]);
    return rows.length > 0;
  },

  async insert(q: Queryable, d: SealedDocumentRecord): Promise<void> {
    await q.query(
      `INSERT INTO sealed_document (id, kind, number, org_id, org_name, subject_type, subject_id, storage_key, size, sm3,
         signature, public_key, created_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        d.id,
        d.kind,
        d.number,
        d.orgId,
        d.orgName,
        d.subjectType,
        d.subjectId,
        d.storageKey,
        d.size,
        d.sm3,
        d.signature,
        d.publicKey,
        d.createdAt,
        d.createdBy,
      ],
    );
  },

  async get(q: Queryable, id: string): Promise<SealedDocumentRecord | null> {
    const { rows } = await q.query<Row>(`SELECT ${COLUMNS} FROM sealed_document WHERE id = $1`, [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  },

  /** Oldest first: the order in which the forms were issued. */
  async listBySubject(q: Queryable, subjectType: string, subjectId: string): Promise<SealedDocumentRecord[]> {
    const { rows } = await q.query<Row>(
      `SELECT ${COLUMNS} FROM sealed_document WHERE subject_type = $1 AND subject_id = $2 ORDER BY seq`,
      [subjectType, subjectId],
    );
    return rows.map(toRecord);
  },
};
