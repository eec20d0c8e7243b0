import { DOCUMENT_KIND_LABELS, DocumentVerification, SealedDocumentView } from '@geoshare/shared';
import { Type } from 'typebox';
import { DomainError } from '../../platform/errors/domain-error.js';
import type { App } from '../../platform/http/app-types.js';
import { requireUser } from '../../platform/http/request-context.js';

const tags = ['电子印章'];
/** Largest PDF accepted for verification: the forms are ~100–300 KB, long scene lists a few MB. */
const MAX_PDF_BYTES = 20 * 1024 * 1024;
const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

/**
 * Sealed documents (ZS-14). Verification is public (the QR code on every sealed PDF leads there); downloading a
 * PDF needs the access rule of the module that owns the document's subject.
 */
export async function documentRoutes(app: App): Promise<void> {
  const { documents } = app.services;
  // raw PDF bodies, for the verification upload only (this plugin's scope)
  app.addContentTypeParser('application/pdf', { parseAs: 'buffer', bodyLimit: MAX_PDF_BYTES }, (_req, body, done) =>
    done(null, body),
  );

  /** GET /api/documents/0b8e…/verification — is the archived file of this document intact and its seal valid? */
  app.get(
    '/api/documents/:id/verification',
    { schema: { tags, security: [], params: IdParams, response: { 200: DocumentVerification } } },
    async (req) => documents.verify(req.params.id),
  );

  /** POST /api/documents/0b8e…/verification (Content-Type: application/pdf, the file as body) — is this file genuine? */
  app.post(
    '/api/documents/:id/verification',
    {
      bodyLimit: MAX_PDF_BYTES,
      schema: {
        tags,
        security: [],
        consumes: ['application/pdf'],
        params: IdParams,
        response: { 200: DocumentVerification },
      },
    },
    async (req) => {
      const body = req.body;
      if (!Buffer.isBuffer(body) || body.length === 0) throw new DomainError('DOCUMENT_PDF_REQUIRED');
      return documents.verify(req.params.id, body);
    },
  );

  /** GET /api/documents?subjectType=application&subjectId=… — the documents of a subject the caller may see. */
  app.get(
    '/api/documents',
    {
      schema: {
        tags,
        querystring: Type.Object({
          subjectType: Type.String({ minLength: 1, maxLength: 64 }),
          subjectId: Type.String({ minLength: 1, maxLength: 64 }),
        }),
        response: { 200: Type.Object({ items: Type.Array(SealedDocumentView) }) },
      },
      preHandler: requireUser,
    },
    async (req) => ({ items: await documents.listFor(req.ctx, req.query.subjectType, req.query.subjectId) }),
  );

  /** GET /api/documents/0b8e….pdf — the sealed PDF itself, for users who may see its subject; audited. */
  app.get(
    '/api/documents/:id.pdf',
    { schema: { tags, params: IdParams }, preHandler: requireUser },
    async (req, reply) => {
      const { meta, body } = await documents.download(req.ctx, req.params.id);
      const name = `${DOCUMENT_KIND_LABELS[meta.kind] ?? meta.kind}-${meta.number}.pdf`;
      reply.header(
        'content-disposition',
        `attachment; filename="${meta.id}.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`,
      );
      reply.header('cache-control', 'private, no-store');
      return reply.type('application/pdf').send(body);
    },
  );
}
