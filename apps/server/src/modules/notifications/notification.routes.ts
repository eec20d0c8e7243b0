import { Type } from 'typebox';
import type { App } from '../../platform/http/app-types.js';
import { authed, requireUser } from '../../platform/http/request-context.js';

const Notification = Type.Object({
  id: Type.String(),
  title: Type.String(),
  body: Type.String(),
  link: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  read: Type.Boolean(),
});

/** The signed-in user's notices: GET /api/me/notifications, POST /api/me/notifications/read. */
export async function notificationRoutes(app: App): Promise<void> {
  const { notifications } = app.services;
  const tags = ['消息通知'];
  app.get(
    '/api/me/notifications',
    {
      schema: {
        tags,
        querystring: Type.Object({ unread: Type.Optional(Type.Boolean()) }),
        response: { 200: Type.Object({ unread: Type.Integer(), items: Type.Array(Notification) }) },
      },
      preHandler: requireUser,
    },
    (req) => notifications.mine(authed(req).ctx.actor.userId, req.query.unread === true),
  );
  app.post(
    '/api/me/notifications/read',
    {
      schema: { tags, body: Type.Object({ id: Type.Optional(Type.String({ format: 'uuid' })) }) },
      preHandler: requireUser,
    },
    async (req, reply) => {
      await notifications.markRead(authed(req).ctx.actor.userId, req.body.id ?? null);
      return reply.status(204).send();
    },
  );
}
