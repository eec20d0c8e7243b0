import type { Role } from '@geoshare/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ResolvedSession, SessionService } from '../../modules/identity/session.service.js';
import { bearerSecret } from '../../modules/sharing/token.rules.js';
import type { ResolvedApiToken, TokenService } from '../../modules/sharing/token.service.js';
import type { Actor, RequestContext } from '../auth/actor.js';
import { DomainError } from '../errors/domain-error.js';

export const SESSION_COOKIE = 'geoshare_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    /** caller identity for use cases: resolved once per request from the session cookie or a Bearer API token */
    ctx: RequestContext;
    session: ResolvedSession | null;
    /** the personal API token of a `Authorization: Bearer` request (then `session` is null) */
    apiToken: ResolvedApiToken | null;
  }
}

/**
 * Resolves the caller of every /api request into `req.ctx` (null actor when anonymous):
 * - `Authorization: Bearer <token>`: a personal API token acts as its user for its scopes only. Unknown, revoked or
 *   expired → 401 TOKEN_INVALID; a route no scope of the token opens → 403 TOKEN_SCOPE_DENIED (checked here, before
 *   any handler, against the matched route pattern). No CSRF check: a Bearer header is not sent by browsers on their
 *   own. Every call made with a token is counted in usage when the response is sent (MNR-16, BX-21).
 * - otherwise the session cookie.
 */
export function registerRequestContext(app: FastifyInstance, sessions: SessionService, tokens: TokenService): void {
  app.decorateRequest('ctx', null as unknown as RequestContext);
  app.decorateRequest('session', null);
  app.decorateRequest('apiToken', null);
  app.addHook('onRequest', async (req) => {
    req.ctx = { actor: null, ip: req.ip };
    if (!req.url.startsWith('/api/')) return;
    const bearer = bearerSecret(req.headers.authorization);
    if (bearer !== undefined) {
      const token = await tokens.resolve(bearer);
      tokens.authorise(token, req.method, req.routeOptions.url);
      req.apiToken = token;
      req.ctx = { actor: token.actor, ip: req.ip };
      return;
    }
    const cookie = req.cookies[SESSION_COOKIE];
    req.session = cookie ? await sessions.resolve(cookie) : null;
    req.ctx = { actor: req.session?.actor ?? null, ip: req.ip };
  });
  app.addHook('onResponse', async (req, reply) => {
    if (!req.apiToken) return;
    const params = (req.params ?? {}) as { collectionId?: unknown; itemId?: unknown };
    const length = Number(reply.getHeader('content-length'));
    tokens.countCall(
      req.ctx,
      {
        collectionId: typeof params.collectionId === 'string' ? params.collectionId : undefined,
        itemId: typeof params.itemId === 'string' ? params.itemId : undefined,
      },
      Number.isSafeInteger(length) && length > 0 ? length : 0,
    );
  });
}

/** A request whose caller is a signed-in user, by session or by API token. */
export type UserRequest = FastifyRequest & { ctx: RequestContext & { actor: Actor } };
export type AuthedRequest = UserRequest & { session: ResolvedSession };

/**
 * ZS-25 access control. A signed-in user is required (session or API token); session writes must echo the session's
 * CSRF token in `X-CSRF-Token` (the cookie is SameSite=Strict as well: two independent defences).
 */
export function assertUser(req: FastifyRequest): asserts req is UserRequest {
  if (req.apiToken) return;
  if (!req.session) throw new DomainError('AUTH_REQUIRED');
  if (!SAFE_METHODS.has(req.method) && req.headers[CSRF_HEADER] !== req.session.csrfToken) {
    throw new DomainError('AUTH_CSRF_INVALID');
  }
}

/** preHandler: any signed-in user. */
export const requireUser = async (req: FastifyRequest): Promise<void> => assertUser(req);

/** preHandler: a signed-in user holding at least one of `roles`. */
export const requireRoles =
  (...roles: Role[]) =>
  async (req: FastifyRequest): Promise<void> => {
    assertUser(req);
    if (!roles.some((r) => req.ctx.actor.roles.includes(r)))
      throw new DomainError('AUTH_FORBIDDEN', { required: roles });
  };

/** The caller of a guarded route (the guard already ran), by session or API token. */
export function userCtx(req: FastifyRequest): RequestContext & { actor: Actor } {
  assertUser(req);
  return req.ctx;
}

/** The session caller of a guarded route: session-only routes (account, password); tokens never reach them. */
export function authed(req: FastifyRequest): AuthedRequest {
  assertUser(req);
  if (!req.session) throw new DomainError('AUTH_REQUIRED');
  return req as AuthedRequest;
}
