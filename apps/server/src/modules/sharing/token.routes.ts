import { ApiTokenView, CreateApiTokenBody, CreatedApiToken, Uuid } from '@geoshare/shared';
import { Type } from 'typebox';
import type { App } from '../../platform/http/app-types.js';
import { requireUser, userCtx } from '../../platform/http/request-context.js';

/** 我的令牌: personal API tokens for other systems (STAC search, tiles, downloads). Session only: a token cannot mint tokens. */
export async function tokenRoutes(app: App): Promise<void> {
  const { tokens } = app.services;
  const tags = ['接口令牌'];

  /** GET /api/me/tokens → {items: [...]}, newest first, revoked ones included */
  app.get(
    '/api/me/tokens',
    { schema: { tags, response: { 200: Type.Object({ items: Type.Array(ApiTokenView) }) } }, preHandler: requireUser },
    async (req) => ({ items: await tokens.list(userCtx(req)) }),
  );

  /** POST /api/me/tokens {"name":"国土空间规划系统","scopes":["stac","tiles"],"expiresInDays":90} → the secret, once */
  app.post(
    '/api/me/tokens',
    { schema: { tags, body: CreateApiTokenBody, response: { 201: CreatedApiToken } }, preHandler: requireUser },
    async (req, reply) => reply.status(201).send(await tokens.create(userCtx(req), req.body)),
  );

  /** DELETE /api/me/tokens/{id} → 204 (revoked at once; another user's token → 404) */
  app.delete(
    '/api/me/tokens/:id',
    { schema: { tags, params: Type.Object({ id: Uuid }) }, preHandler: requireUser },
    async (req, reply) => {
      await tokens.revoke(userCtx(req), req.params.id);
      return reply.status(204).send();
    },
  );
}
