import { basename } from 'node:path';
import multipart from '@fastify/multipart';
import {
  ApprovePublicationBody,
  PUBLICATION_MAX_FILE_BYTES,
  PUBLICATION_MAX_FILES,
  PublicationReasonBody,
  PublicationResubmitInput,
  PublicationReview,
  PublicationReviewDetail,
  PublicationReviewInput,
  PublicationReviewList,
  PublicationReviewQuery,
  Uuid,
} from '@geoshare/shared';
import type { FastifyRequest } from 'fastify';
import { type Static, type TSchema, Type } from 'typebox';
import { DomainError } from '../../platform/errors/domain-error.js';
import type { App } from '../../platform/http/app-types.js';
import { requireUser } from '../../platform/http/request-context.js';
import { transitionRoute } from '../../platform/http/transition-route.js';
import type { UploadedFile } from './publication.service.js';

const IdParams = Type.Object({ id: Uuid });
const MULTIPART_LIMITS = { fileSize: PUBLICATION_MAX_FILE_BYTES, files: PUBLICATION_MAX_FILES, fields: 5 };

/** The multipart plugin's limit errors, said with the module's own codes. */
const LIMIT_CODES = {
  FST_REQ_FILE_TOO_LARGE: 'PUBLICATION_ATTACHMENT_TOO_LARGE',
  FST_FILES_LIMIT: 'PUBLICATION_ATTACHMENT_TOO_MANY',
} as const;

/**
 * Reads a multipart submission: the JSON field `data` (validated against `schema` like any route body) and the
 * file parts (`attachments`), each at most 20 MB, buffered in memory.
 */
async function readSubmission<S extends TSchema>(
  req: FastifyRequest,
  schema: S,
): Promise<{ input: Static<S>; files: UploadedFile[] }> {
  if (!req.isMultipart())
    throw new DomainError(
      'VALIDATION_FAILED',
      { contentType: req.headers['content-type'] },
      '请以 multipart/form-data 提交申请',
    );
  let data: string | undefined;
  const files: UploadedFile[] = [];
  try {
    for await (const part of req.parts()) {
      if (part.type === 'field') {
        if (part.fieldname === 'data') data = String(part.value);
      } else {
        files.push({ name: basename(part.filename || `附件${files.length + 1}`), data: await part.toBuffer() });
      }
    }
  } catch (e) {
    const code = LIMIT_CODES[(e as { code?: string }).code as keyof typeof LIMIT_CODES];
    if (code) throw new DomainError(code);
    throw e;
  }
  let input: unknown;
  try {
    input = JSON.parse(data ?? '');
  } catch {
    throw new DomainError('VALIDATION_FAILED', { field: 'data' }, '请求参数不合法：data 应为申请内容的 JSON');
  }
  const validate = req.compileValidationSchema(schema);
  if (!validate(input))
    throw new DomainError('VALIDATION_FAILED', validate.errors, '请求参数不合法：申请内容不完整或格式不正确');
  return { input: input as Static<S>, files };
}

/** Publication review (BX-18, MNR-12, MNR-18, ZS-23). Handlers are one line into the service (uploads read first). */
export async function publicationRoutes(app: App): Promise<void> {
  await app.register(multipart, { limits: MULTIPART_LIMITS });
  const { publication } = app.services;
  const tags = ['发布审核'];
  const transition = transitionRoute(tags, PublicationReview);

  /** POST /api/publication-reviews (multipart: data = PublicationReviewInput as JSON, attachments = PNG/JPEG/PDF files) */
  app.post(
    '/api/publication-reviews',
    {
      schema: { tags, consumes: ['multipart/form-data'], response: { 201: PublicationReview } },
      preHandler: requireUser,
    },
    async (req, reply) => {
      const { input, files } = await readSubmission(req, PublicationReviewInput);
      return reply.status(201).send(await publication.create(req.ctx, input, files));
    },
  );

  /** GET /api/publication-reviews?mine=true&state=submitted — pending ones first, by deadline */
  app.get(
    '/api/publication-reviews',
    {
      schema: { tags, querystring: PublicationReviewQuery, response: { 200: PublicationReviewList } },
      preHandler: requireUser,
    },
    async (req) => ({ items: await publication.list(req.ctx, req.query) }),
  );

  app.get(
    '/api/publication-reviews/:id',
    { schema: { tags, params: IdParams, response: { 200: PublicationReviewDetail } }, preHandler: requireUser },
    (req) => publication.get(req.ctx, req.params.id),
  );

  /** GET /api/publication-reviews/{id}/attachments/{attachmentId}: the file as uploaded */
  app.get(
    '/api/publication-reviews/:id/attachments/:attachmentId',
    { schema: { tags, params: Type.Object({ id: Uuid, attachmentId: Uuid }) }, preHandler: requireUser },
    async (req, reply) => {
      const a = await publication.openAttachment(req.ctx, req.params.id, req.params.attachmentId);
      reply.type(a.mediaType).header('content-length', a.size);
      reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(a.name)}`);
      return reply.send(a.stream);
    },
  );

  app.post('/api/publication-reviews/:id/approve', transition(ApprovePublicationBody), (req) =>
    publication.approve(req.ctx, req.params.id, req.body),
  );
  app.post('/api/publication-reviews/:id/reject', transition(PublicationReasonBody), (req) =>
    publication.reject(req.ctx, req.params.id, req.body),
  );
  app.post('/api/publication-reviews/:id/request-changes', transition(PublicationReasonBody), (req) =>
    publication.requestChanges(req.ctx, req.params.id, req.body),
  );

  /** POST /api/publication-reviews/{id}/resubmit (multipart: data = PublicationResubmitInput as JSON, attachments = new files) */
  app.post(
    '/api/publication-reviews/:id/resubmit',
    {
      schema: { tags, params: IdParams, consumes: ['multipart/form-data'], response: { 200: PublicationReview } },
      preHandler: requireUser,
    },
    async (req) => {
      const { input, files } = await readSubmission(req, PublicationResubmitInput);
      return publication.resubmit(req.ctx, req.params.id, input, files);
    },
  );
}
