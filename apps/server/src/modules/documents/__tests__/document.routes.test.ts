import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { givenUser, loginAs, resetDb, testApp, testDb, testStorage } from '../../../../test/harness.js';
import { SYSTEM_CONTEXT } from '../../../platform/auth/actor.js';
import { sm3Hex } from '../../../platform/crypto/sm3.js';
import type { Db } from '../../../platform/db/db.port.js';
import { ORDER } from '../../../platform/documents/__tests__/forms.fixtures.js';
import { pdfPages } from '../../../platform/documents/__tests__/pdf-text.js';
import type { SealStamp } from '../../../platform/documents/forms.types.js';
import { renderOrderPdf } from '../../../platform/documents/order.pdf.js';
import type { IssueInput } from '../document.service.js';

let db: Db;
let app: Awaited<ReturnType<typeof testApp>>['app'];
let org: { id: string; name: string };
let clerkOrgId: string;

const BASE_URL = 'https://geoshare.example.gov.cn/';
/** a subject type whose access rule lets the clerk's unit see its documents */
const SUBJECT = 'test_subject';

/** A tiny stand-in for a form: enough bytes to seal, and the stamp visible in them. */
const tinyPdf = async (stamp: SealStamp) =>
  Buffer.from(`%PDF-1.3\n% ${stamp.orgName} ${stamp.documentId} ${stamp.verifyUrl}\n%%EOF\n`);

async function issue(over: Partial<IssueInput> = {}) {
  return app.services.db.transaction((tx) =>
    app.services.documents.issue(tx, SYSTEM_CONTEXT, {
      kind: 'application_form',
      number: 'SQB-2026-001',
      orgId: org.id,
      orgName: org.name,
      subjectType: SUBJECT,
      subjectId: 'app-1',
      baseUrl: BASE_URL,
      render: tinyPdf,
      ...over,
    }),
  );
}

const verifyGet = (id: string) => app.inject({ method: 'GET', url: `/api/documents/${id}/verification` });
const verifyPost = (id: string, body: Buffer, contentType = 'application/pdf') =>
  app.inject({
    method: 'POST',
    url: `/api/documents/${id}/verification`,
    headers: { 'content-type': contentType },
    body,
  });

beforeAll(async () => {
  db = await testDb();
  ({ app } = await testApp(db));
  app.services.documents.registerAccess(SUBJECT, async (ctx) => ctx.actor?.orgId === clerkOrgId);
});
afterAll(() => app.close());
beforeEach(async () => {
  await resetDb(db);
  ({ org } = await givenUser(app.services, { username: 'admin', roles: ['admin'], orgName: '示例市自然资源局' }));
  clerkOrgId = (
    await givenUser(app.services, { username: 'clerk', roles: ['departmentClerk'], orgName: '示例市住建局' })
  ).org.id;
  await givenUser(app.services, { username: 'other', roles: ['departmentClerk'], orgName: '示例市水务局' });
});

describe('ZS-14 sealed documents can be verified by anyone', () => {
  test('ZS-14 an issued document verifies: metadata, SM3 of the stored file, audit row, key stored encrypted', async () => {
    const issued = await issue();
    const res = await verifyGet(issued.id);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      valid: true,
      reason: 'OK',
      document: {
        id: issued.id,
        kind: 'application_form',
        number: 'SQB-2026-001',
        orgName: '示例市自然资源局',
        createdAt: '2026-11-23T02:00:00.000Z',
        sm3: issued.sm3,
      },
    });
    const stored = await app.services.documents.read(issued.id);
    expect(sm3Hex(stored.body)).toBe(issued.sm3);
    expect(stored.body.length).toBe(issued.size);
    expect(stored.body.toString()).toContain(`https://geoshare.example.gov.cn/verify/${issued.id}`);

    const audit = await db.query<{ action: string; object_id: string }>(
      "SELECT action, object_id FROM audit_event WHERE object_type = 'sealed_document'",
    );
    expect(audit.rows).toEqual([{ action: 'document.issue', object_id: issued.id }]);

    // one key per unit, made on first use, the private half SM4-encrypted
    await issue({ kind: 'order', number: 'DD-2026-0001' });
    const keys = await db.query<{ public_key: string; private_key_enc: string }>('SELECT * FROM org_signing_key');
    expect(keys.rows).toHaveLength(1);
    expect(keys.rows[0]!.private_key_enc).toMatch(/^v1:/);
    const docs = await db.query<{ public_key: string }>('SELECT DISTINCT public_key FROM sealed_document');
    expect(docs.rows).toEqual([{ public_key: keys.rows[0]!.public_key }]);
  });

  test('ZS-14 the file a person holds: the original verifies, ONE changed byte → ALTERED', async () => {
    const issued = await issue();
    const { body } = await app.services.documents.read(issued.id);
    expect((await verifyPost(issued.id, body)).json()).toMatchObject({ valid: true, reason: 'OK' });

    const altered = Buffer.from(body);
    altered[12] = (altered[12] ?? 0) ^ 0x01;
    const res = await verifyPost(issued.id, altered);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ valid: false, reason: 'ALTERED', document: { id: issued.id, sm3: issued.sm3 } });
    // the archived file is untouched by an upload
    expect((await verifyGet(issued.id)).json()).toMatchObject({ valid: true });
  });

  test('ZS-14 a real sealed form (附件3 order) verifies, and one changed byte in it does not', async () => {
    const issued = await issue({ kind: 'order', number: ORDER.orderNumber, render: (s) => renderOrderPdf(ORDER, s) });
    const { body } = await app.services.documents.read(issued.id);
    const text = pdfPages(body).join('').replace(/\n/g, '');
    expect(text).toContain('扫码核验电子印章');
    expect(text).toContain(`核验网址：https://geoshare.example.gov.cn/verify/${issued.id}`);
    expect((await verifyGet(issued.id)).json()).toMatchObject({
      valid: true,
      reason: 'OK',
      document: { kind: 'order' },
    });

    const altered = Buffer.from(body);
    const at = body.indexOf('/MediaBox [0 0 595.28');
    altered[at + 14] = '6'.charCodeAt(0); // 595.28 → 596.28: one byte, same length
    expect((await verifyPost(issued.id, altered)).json()).toMatchObject({ valid: false, reason: 'ALTERED' });
  });

  test('ZS-14 a tampered stored signature → SIGNATURE_INVALID, for the archive and for an uploaded original', async () => {
    const issued = await issue();
    const { body } = await app.services.documents.read(issued.id);
    await db.query(
      `UPDATE sealed_document SET signature = overlay(signature placing
         (CASE substr(signature, 10, 1) WHEN '0' THEN '1' ELSE '0' END) from 10 for 1) WHERE id = $1`,
      [issued.id],
    );
    expect((await verifyGet(issued.id)).json()).toMatchObject({ valid: false, reason: 'SIGNATURE_INVALID' });
    expect((await verifyPost(issued.id, body)).json()).toMatchObject({ valid: false, reason: 'SIGNATURE_INVALID' });
  });

  test('ZS-14 a digest rewritten to match a forged file does not verify either', async () => {
    const issued = await issue();
    const forged = Buffer.from('%PDF-1.3\n% forged\n%%EOF\n');
    await db.query('UPDATE sealed_document SET sm3 = $2 WHERE id = $1', [issued.id, sm3Hex(forged)]);
    expect((await verifyPost(issued.id, forged)).json()).toMatchObject({ valid: false, reason: 'SIGNATURE_INVALID' });
  });

  test('ZS-14 unknown or malformed id → 404 DOCUMENT_NOT_FOUND', async () => {
    for (const id of ['5f0c9a0e-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const get = await verifyGet(id);
      expect(get.statusCode).toBe(404);
      expect(get.json()).toMatchObject({
        code: 'DOCUMENT_NOT_FOUND',
        message: expect.stringMatching(/电子文件不存在/),
      });
      expect((await verifyPost(id, Buffer.from('%PDF'))).json()).toMatchObject({ code: 'DOCUMENT_NOT_FOUND' });
    }
  });

  test('ZS-14 an upload must be a non-empty PDF body', async () => {
    const issued = await issue();
    const empty = await verifyPost(issued.id, Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ code: 'DOCUMENT_PDF_REQUIRED' });
    const text = await verifyPost(issued.id, Buffer.from('x'), 'text/plain');
    expect(text.statusCode).toBe(400);
    expect(text.json()).toMatchObject({ code: 'DOCUMENT_PDF_REQUIRED' });
  });

  test('ZS-14 issuing inside a use case that rolls back leaves no document', async () => {
    let id = '';
    await expect(
      app.services.db.transaction(async (tx) => {
        id = (
          await app.services.documents.issue(tx, SYSTEM_CONTEXT, {
            kind: 'handover',
            number: 'YJD-2026-001',
            orgId: org.id,
            orgName: org.name,
            subjectType: SUBJECT,
            subjectId: 'app-1',
            baseUrl: BASE_URL,
            render: tinyPdf,
          })
        ).id;
        throw new Error('the use case failed after issuing');
      }),
    ).rejects.toThrow(/use case failed/);
    expect((await verifyGet(id)).statusCode).toBe(404);
    expect((await db.query('SELECT 1 FROM org_signing_key')).rows).toHaveLength(0);
  });

  test('ZS-14 a missing archive file is reported, not judged', async () => {
    const issued = await issue();
    const { rows } = await db.query<{ storage_key: string }>('SELECT storage_key FROM sealed_document');
    await testStorage().remove(rows[0]!.storage_key);
    const res = await verifyGet(issued.id);
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ code: 'DOCUMENT_FILE_MISSING' });
  });
});

describe('ZS-25 sealed PDFs are downloaded only by those who may see their subject', () => {
  test('ZS-25 the registered rule decides; anonymous → 401; download audited', async () => {
    const issued = await issue();
    const url = `/api/documents/${issued.id}.pdf`;
    expect((await app.inject({ method: 'GET', url })).statusCode).toBe(401);

    const other = await loginAs(app, 'other');
    const denied = await other.request('GET', url);
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toMatchObject({ code: 'DOCUMENT_FORBIDDEN' });

    const clerk = await loginAs(app, 'clerk');
    const res = await clerk.request('GET', url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('遥感影像数据申请表-SQB-2026-001.pdf')}`,
    );
    expect(sm3Hex(res.rawPayload)).toBe(issued.sm3);
    const { rows } = await db.query("SELECT object_id FROM audit_event WHERE action = 'document.download'");
    expect(rows).toEqual([{ object_id: issued.id }]);
  });

  test('ZS-25 without a rule for the subject type only admins may download or list', async () => {
    const issued = await issue({ subjectType: 'unruled' });
    const clerk = await loginAs(app, 'clerk');
    expect((await clerk.request('GET', `/api/documents/${issued.id}.pdf`)).statusCode).toBe(403);
    expect((await clerk.request('GET', '/api/documents?subjectType=unruled&subjectId=app-1')).statusCode).toBe(403);
    const admin = await loginAs(app, 'admin');
    expect((await admin.request('GET', `/api/documents/${issued.id}.pdf`)).statusCode).toBe(200);
  });

  test('ZS-14 the documents of a subject are listed in issue order', async () => {
    const a = await issue({ kind: 'application_letter' });
    const b = await issue({ kind: 'application_form' });
    const c = await issue({ kind: 'order', number: 'DD-2026-0001' });
    await issue({ subjectId: 'app-2' });
    const clerk = await loginAs(app, 'clerk');
    const res = await clerk.request('GET', `/api/documents?subjectType=${SUBJECT}&subjectId=app-1`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((d: { id: string; kind: string }) => [d.id, d.kind])).toEqual([
      [a.id, 'application_letter'],
      [b.id, 'application_form'],
      [c.id, 'order'],
    ]);
    expect(res.json().items[2]).toMatchObject({ subjectType: SUBJECT, subjectId: 'app-1', number: 'DD-2026-0001' });
  });
});
