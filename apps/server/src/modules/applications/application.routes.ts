import {
  APPLICATION_STATES,
  ApplicationDetail,
  ApplicationInput,
  ApplicationSummary,
  ConfidentialityAgreement,
  HandoverBody,
  ProvisionRecord,
  ReadyBody,
  ReviewBody,
  SubmissionHold,
  SubmissionHoldInput,
  UsageLogEntry,
  UsageLogInput,
} from '@geoshare/shared';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { App } from '../../platform/http/app-types.js';
import { authed, requireUser } from '../../platform/http/request-context.js';

const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Created = Type.Object({ id: Type.String() });
/** Public origin of the web UI: sealed documents print the verification page's URL as a QR code (ZS-14). */
const webBase = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

/** Data applications (BX-22): apply, review, provide, hand over, log usage; BX-11 holds; provision records. */
export async function applicationRoutes(app: App): Promise<void> {
  const { applications } = app.services;
  const tags = ['数据申请'];
  const ok = { preHandler: requireUser };

  app.get(
    '/api/applications',
    {
      ...ok,
      schema: {
        tags,
        querystring: Type.Object({
          scope: Type.Union(
            [Type.Literal('mine'), Type.Literal('review'), Type.Literal('provision'), Type.Literal('all')],
            { default: 'mine' },
          ),
          state: Type.Optional(Type.Enum(APPLICATION_STATES)),
        }),
        response: { 200: Type.Array(ApplicationSummary) },
      },
    },
    (req) => applications.list(authed(req).ctx, req.query.scope, req.query.state ?? null),
  );

  app.post(
    '/api/applications',
    {
      ...ok,
      schema: {
        tags,
        body: Type.Intersect([ApplicationInput, Type.Object({ submit: Type.Optional(Type.Boolean()) })]),
        response: { 201: Created },
      },
    },
    async (req, reply) => {
      const { submit, ...input } = req.body;
      const r = await applications.create(authed(req).ctx, input, { submit: submit === true, baseUrl: webBase(req) });
      return reply.status(201).send(r);
    },
  );

  app.get(
    '/api/applications/:id',
    { ...ok, schema: { tags, params: Id, response: { 200: ApplicationDetail } } },
    (req) => applications.detail(authed(req).ctx, req.params.id),
  );

  app.post('/api/applications/:id/submit', { ...ok, schema: { tags, params: Id } }, async (req, reply) => {
    await applications.submit(authed(req).ctx, req.params.id, webBase(req));
    return reply.status(204).send();
  });
  app.post(
    '/api/applications/:id/withdraw',
    {
      ...ok,
      schema: { tags, params: Id, body: Type.Object({ reason: Type.Optional(Type.String({ maxLength: 500 })) }) },
    },
    async (req, reply) => {
      await applications.withdraw(authed(req).ctx, req.params.id, req.body.reason);
      return reply.status(204).send();
    },
  );
  app.post(
    '/api/applications/:id/review',
    { ...ok, schema: { tags, params: Id, body: ReviewBody } },
    async (req, reply) => {
      await applications.review(authed(req).ctx, req.params.id, req.body);
      return reply.status(204).send();
    },
  );
  app.post('/api/applications/:id/prepare', { ...ok, schema: { tags, params: Id } }, async (req, reply) => {
    await applications.prepare(authed(req).ctx, req.params.id);
    return reply.status(204).send();
  });
  app.post(
    '/api/applications/:id/ready',
    { ...ok, schema: { tags, params: Id, body: ReadyBody } },
    async (req, reply) => {
      await applications.notifyPickup(authed(req).ctx, req.params.id, req.body);
      return reply.status(204).send();
    },
  );
  app.post(
    '/api/applications/:id/handover',
    {
      ...ok,
      schema: {
        tags,
        params: Id,
        body: HandoverBody,
        response: { 200: Type.Object({ handoverNumber: Type.String() }) },
      },
    },
    (req) => applications.handOver(authed(req).ctx, req.params.id, req.body, webBase(req)),
  );

  app.get(
    '/api/applications/:id/usage-log',
    { ...ok, schema: { tags: ['使用登记'], params: Id, response: { 200: Type.Array(UsageLogEntry) } } },
    (req) => applications.usageLog(authed(req).ctx, req.params.id),
  );
  app.post(
    '/api/applications/:id/usage-log',
    { ...ok, schema: { tags: ['使用登记'], params: Id, body: UsageLogInput, response: { 201: Created } } },
    async (req, reply) =>
      reply.status(201).send(await applications.addUsageLog(authed(req).ctx, req.params.id, req.body)),
  );

  app.get(
    '/api/provisions',
    {
      ...ok,
      schema: {
        tags: ['使用登记'],
        querystring: Type.Object({
          collectionId: Type.Optional(Type.String()),
          itemId: Type.Optional(Type.String()),
          orgId: Type.Optional(Type.String({ format: 'uuid' })),
        }),
        response: { 200: Type.Array(ProvisionRecord) },
      },
    },
    (req) => applications.provisions(authed(req).ctx, req.query),
  );

  app.get(
    '/api/confidentiality-agreements',
    { ...ok, schema: { tags: ['保密协议'], response: { 200: Type.Array(ConfidentialityAgreement) } } },
    (req) => applications.agreements(authed(req).ctx),
  );
  app.post(
    '/api/confidentiality-agreements',
    {
      ...ok,
      schema: {
        tags: ['保密协议'],
        body: Type.Object({ userRepresentative: Type.String({ minLength: 1, maxLength: 50 }) }),
        response: { 201: Created },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await applications.signAgreement(authed(req).ctx, req.body.userRepresentative, webBase(req))),
  );

  app.get(
    '/api/submission-holds',
    {
      ...ok,
      schema: {
        tags: ['汇交'],
        querystring: Type.Object({ open: Type.Optional(Type.Boolean()) }),
        response: { 200: Type.Array(SubmissionHold) },
      },
    },
    (req) => applications.holds(authed(req).ctx, req.query.open === true),
  );
  app.post(
    '/api/submission-holds',
    { ...ok, schema: { tags: ['汇交'], body: SubmissionHoldInput, response: { 201: Created } } },
    async (req, reply) => reply.status(201).send(await applications.createHold(authed(req).ctx, req.body)),
  );
  app.post('/api/submission-holds/:id/clear', { ...ok, schema: { tags: ['汇交'], params: Id } }, async (req, reply) => {
    await applications.clearHold(authed(req).ctx, req.params.id);
    return reply.status(204).send();
  });
}
