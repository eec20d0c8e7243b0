import {
  PublishSharingAgreementBody,
  SharingAgreementStatus,
  SharingAgreementText,
  SignSharingAgreementBody,
} from '@geoshare/shared';
import { Type } from 'typebox';
import type { App } from '../../platform/http/app-types.js';
import { requireRoles, requireUser, userCtx } from '../../platform/http/request-context.js';

/** The online results-application agreement (MNR-16): read, check, sign; admins publish new versions. */
export async function agreementRoutes(app: App): Promise<void> {
  const { agreements } = app.services;
  const tags = ['成果应用协议'];

  /** GET /api/sharing/agreement → the current text (public: it can be read before signing in) */
  app.get('/api/sharing/agreement', { schema: { tags, response: { 200: SharingAgreementText } } }, () =>
    agreements.current(),
  );

  /** GET /api/sharing/agreements/mine?collectionId=dom-2024 → has the caller signed the current version? */
  app.get(
    '/api/sharing/agreements/mine',
    {
      schema: {
        tags,
        querystring: Type.Object({ collectionId: Type.String({ minLength: 1 }) }),
        response: { 200: SharingAgreementStatus },
      },
      preHandler: requireUser,
    },
    (req) => agreements.status(userCtx(req), req.query.collectionId),
  );

  /** POST /api/sharing/agreements {"collectionId":"dom-2024","version":"2026-1"} → signed (idempotent; time and IP recorded) */
  app.post(
    '/api/sharing/agreements',
    {
      schema: { tags, body: SignSharingAgreementBody, response: { 200: SharingAgreementStatus } },
      preHandler: requireUser,
    },
    (req) => agreements.sign(userCtx(req), req.body),
  );

  /** POST /api/sharing/agreement/versions {"version":"2027-1","title":"…","paragraphs":["…"]} → 201, current from now on */
  app.post(
    '/api/sharing/agreement/versions',
    {
      schema: { tags, body: PublishSharingAgreementBody, response: { 201: SharingAgreementText } },
      preHandler: requireRoles('admin'),
    },
    async (req, reply) => reply.status(201).send(await agreements.publish(userCtx(req), req.body)),
  );
}
