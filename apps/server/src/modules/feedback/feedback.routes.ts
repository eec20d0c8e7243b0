import {
  ConfirmFeedbackBody,
  CreateFeedbackBody,
  DismissFeedbackBody,
  Feedback,
  FeedbackDetail,
  FeedbackList,
  FeedbackQuery,
  FeedbackSummary,
  FeedbackSummaryQuery,
  ResolveFeedbackBody,
  Uuid,
} from '@geoshare/shared';
import { Type } from 'typebox';
import type { App } from '../../platform/http/app-types.js';
import { requireRoles, requireUser } from '../../platform/http/request-context.js';
import { transitionRoute } from '../../platform/http/transition-route.js';

const IdParams = Type.Object({ id: Uuid });

/** Feedback on catalogue items (MNR-19, ZS-24). Every handler is one line into the service. */
export async function feedbackRoutes(app: App): Promise<void> {
  const { feedback } = app.services;
  const tags = ['问题反馈'];
  const oversight = requireRoles('custodian', 'leader', 'admin');
  const transition = transitionRoute(tags, Feedback);

  /** POST /api/feedback {"collectionId":"dom-2024","itemId":"a","category":"cloudCover","severity":"normal","description":"…"} */
  app.post(
    '/api/feedback',
    { schema: { tags, body: CreateFeedbackBody, response: { 201: Feedback } }, preHandler: requireUser },
    async (req, reply) => reply.status(201).send(await feedback.create(req.ctx, req.body)),
  );

  /** GET /api/feedback?mine=true&state=open&collectionId=dom-2024&escalated=true */
  app.get(
    '/api/feedback',
    { schema: { tags, querystring: FeedbackQuery, response: { 200: FeedbackList } }, preHandler: requireUser },
    (req) => feedback.list(req.ctx, req.query),
  );

  /** GET /api/feedback/summary?from=2026-11-01&to=2026-11-30 (MNR-19 periodic summary) */
  app.get(
    '/api/feedback/summary',
    { schema: { tags, querystring: FeedbackSummaryQuery, response: { 200: FeedbackSummary } }, preHandler: oversight },
    (req) => feedback.summary(req.ctx, req.query),
  );

  /** GET /api/feedback/summary.xlsx?from=2026-11-01&to=2026-11-30 */
  app.get(
    '/api/feedback/summary.xlsx',
    { schema: { tags, querystring: FeedbackSummaryQuery }, preHandler: oversight },
    async (req, reply) => {
      const xlsx = await feedback.summaryWorkbook(req.ctx, req.query);
      const name = `问题反馈汇总-${req.query.from}-${req.query.to}.xlsx`;
      reply.header(
        'content-disposition',
        `attachment; filename="feedback-summary.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
      );
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(xlsx);
    },
  );

  app.get(
    '/api/feedback/:id',
    { schema: { tags, params: IdParams, response: { 200: FeedbackDetail } }, preHandler: requireUser },
    (req) => feedback.get(req.ctx, req.params.id),
  );

  app.post('/api/feedback/:id/confirm', transition(ConfirmFeedbackBody), (req) =>
    feedback.confirm(req.ctx, req.params.id, req.body),
  );
  app.post('/api/feedback/:id/dismiss', transition(DismissFeedbackBody), (req) =>
    feedback.dismiss(req.ctx, req.params.id, req.body),
  );
  app.post('/api/feedback/:id/resolve', transition(ResolveFeedbackBody), (req) =>
    feedback.resolve(req.ctx, req.params.id, req.body),
  );
}
