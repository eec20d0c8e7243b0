import {
  AnswerNegotiationBody,
  CreateNegotiationBody,
  EscalateNegotiationBody,
  Negotiation,
  NegotiationDetail,
  NegotiationList,
  NegotiationQuery,
  Uuid,
} from '@geoshare/shared';
import { Type } from 'typebox';
import type { App } from '../../platform/http/app-types.js';
import { requireUser } from '../../platform/http/request-context.js';
import { transitionRoute } from '../../platform/http/transition-route.js';

const IdParams = Type.Object({ id: Uuid });

/** Sharing negotiation on items marked 不予共享 (ZS-12, ZS-21). Every handler is one line into the service. */
export async function negotiationRoutes(app: App): Promise<void> {
  const { negotiation } = app.services;
  const tags = ['共享协商'];
  const transition = transitionRoute(tags, Negotiation);

  /** POST /api/negotiations {"collectionId":"dom-2024","itemId":"a","reason":"…"} */
  app.post(
    '/api/negotiations',
    { schema: { tags, body: CreateNegotiationBody, response: { 201: Negotiation } }, preHandler: requireUser },
    async (req, reply) => reply.status(201).send(await negotiation.create(req.ctx, req.body)),
  );

  /** GET /api/negotiations?mine=true&state=open */
  app.get(
    '/api/negotiations',
    { schema: { tags, querystring: NegotiationQuery, response: { 200: NegotiationList } }, preHandler: requireUser },
    (req) => negotiation.list(req.ctx, req.query),
  );

  app.get(
    '/api/negotiations/:id',
    { schema: { tags, params: IdParams, response: { 200: NegotiationDetail } }, preHandler: requireUser },
    (req) => negotiation.get(req.ctx, req.params.id),
  );

  app.post('/api/negotiations/:id/agree', transition(AnswerNegotiationBody), (req) =>
    negotiation.agree(req.ctx, req.params.id, req.body),
  );
  app.post('/api/negotiations/:id/decline', transition(AnswerNegotiationBody), (req) =>
    negotiation.decline(req.ctx, req.params.id, req.body),
  );
  app.post('/api/negotiations/:id/escalate', transition(EscalateNegotiationBody), (req) =>
    negotiation.escalate(req.ctx, req.params.id, req.body),
  );
}
