import {
  ChangePasswordBody,
  LoginBody,
  Org,
  OrgInput,
  OrgKindSchema,
  OrgPatch,
  SessionInfo,
  User,
  UserInput,
  UserPatch,
  Uuid,
} from '@geoshare/shared';
import { Type } from 'typebox';
import type { App } from '../../platform/http/app-types.js';
import { authed, requireRoles, requireUser, SESSION_COOKIE } from '../../platform/http/request-context.js';
import { actor2me } from './session.service.js';

const IdParams = Type.Object({ id: Uuid });
const tags = (t: string) => ({ tags: [t] });

/** Auth, organisations and users. Every handler is one line into a service. */
export async function identityRoutes(app: App): Promise<void> {
  const { sessions, orgs, users } = app.services;
  const cookie = { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: app.config.cookieSecure };

  /** POST /api/auth/login {"username":"admin","password":"…"} → session cookie + CSRF token */
  app.post(
    '/api/auth/login',
    { schema: { ...tags('认证'), body: LoginBody, response: { 200: SessionInfo } } },
    async (req, reply) => {
      const { token, info } = await sessions.login(req.body, {
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? null,
      });
      reply.setCookie(SESSION_COOKIE, token, { ...cookie, expires: new Date(info.expiresAt) });
      return info;
    },
  );

  /** POST /api/auth/logout → 204, cookie cleared (idempotent: no session is fine). */
  app.post('/api/auth/logout', { schema: { ...tags('认证') } }, async (req, reply) => {
    if (req.session) await sessions.logout(req.ctx, req.session.tokenHash);
    reply.clearCookie(SESSION_COOKIE, cookie);
    return reply.status(204).send();
  });

  app.get(
    '/api/auth/me',
    { schema: { ...tags('认证'), response: { 200: SessionInfo } }, preHandler: requireUser },
    async (req) => {
      const s = authed(req).session;
      return { user: actor2me(s.actor), csrfToken: s.csrfToken, expiresAt: s.expiresAt.toISOString() };
    },
  );

  app.post(
    '/api/auth/password',
    { schema: { ...tags('认证'), body: ChangePasswordBody }, preHandler: requireUser },
    async (req, reply) => {
      const r = authed(req);
      await sessions.changePassword(r.ctx, r.session.tokenHash, req.body.currentPassword, req.body.newPassword);
      return reply.status(204).send();
    },
  );

  const OrgQuery = Type.Object({
    kind: Type.Optional(OrgKindSchema),
    q: Type.Optional(Type.String({ maxLength: 50 })),
  });
  app.get(
    '/api/orgs',
    {
      schema: { ...tags('机构'), querystring: OrgQuery, response: { 200: Type.Object({ items: Type.Array(Org) }) } },
      preHandler: requireUser,
    },
    async (req) => ({
      items: await orgs.list(req.query),
    }),
  );
  app.get(
    '/api/orgs/:id',
    { schema: { ...tags('机构'), params: IdParams, response: { 200: Org } }, preHandler: requireUser },
    (req) => orgs.get(req.params.id),
  );
  app.post(
    '/api/orgs',
    { schema: { ...tags('机构'), body: OrgInput, response: { 201: Org } }, preHandler: requireRoles('admin') },
    async (req, reply) => reply.status(201).send(await orgs.create(req.ctx, req.body)),
  );
  app.patch(
    '/api/orgs/:id',
    {
      schema: { ...tags('机构'), params: IdParams, body: OrgPatch, response: { 200: Org } },
      preHandler: requireRoles('admin'),
    },
    (req) => orgs.update(req.ctx, req.params.id, req.body),
  );

  const UserQuery = Type.Object({ orgId: Type.Optional(Uuid), q: Type.Optional(Type.String({ maxLength: 50 })) });
  app.get(
    '/api/users',
    {
      schema: { ...tags('用户'), querystring: UserQuery, response: { 200: Type.Object({ items: Type.Array(User) }) } },
      preHandler: requireRoles('admin'),
    },
    async (req) => ({
      items: await users.list(req.query),
    }),
  );
  app.get(
    '/api/users/:id',
    { schema: { ...tags('用户'), params: IdParams, response: { 200: User } }, preHandler: requireRoles('admin') },
    (req) => users.get(req.params.id),
  );
  app.post(
    '/api/users',
    { schema: { ...tags('用户'), body: UserInput, response: { 201: User } }, preHandler: requireRoles('admin') },
    async (req, reply) => reply.status(201).send(await users.create(req.ctx, req.body)),
  );
  app.patch(
    '/api/users/:id',
    {
      schema: { ...tags('用户'), params: IdParams, body: UserPatch, response: { 200: User } },
      preHandler: requireRoles('admin'),
    },
    (req) => users.update(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/users/:id/unlock',
    { schema: { ...tags('用户'), params: IdParams, response: { 200: User } }, preHandler: requireRoles('admin') },
    (req) => users.unlock(req.ctx, req.params.id),
  );
}
