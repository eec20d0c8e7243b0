import type { Role } from '@geoshare/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ResolvedSession, SessionService } from '../../modules/identity/session.service.js';
import type { Actor, RequestContext } from '../auth/actor.js';
import { DomainError } from '../errors/domain-error.js';

export const SESSION_COOKIE = 'geoshare_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    /** caller identity for use cases: resolved once per request from the session cookie */
    ctx: RequestContext;
    session: ResolvedSession | null;
  }
}

/** Resolves the session cookie of every /api request into `req.ctx` (null actor when anonymous). */
export function registerRequestContext(app: FastifyInstance, sessions: SessionService): void {
  app.decorateRequest('ctx', null as unknown as RequestContext);
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (req) => {
    const token = req.url.startsWith('/api/') ? req.cookies[SESSION_COOKIE] : undefined;
    req.session = token ? await sessions.resolve(token) : null;
    req.ctx = { actor: req.session?.actor ?? null, ip: req.ip };
  });
}

export type AuthedRequest = FastifyRequest & { ctx: RequestContext & { actor: Actor }; session: ResolvedSession };

/**
 * ZS-25 access control. A signed-in user is required; writes must echo the session's CSRF token in
 * `X-CSRF-Token` (the cookie is SameSite=Strict as well: two independent defences).
 */
export function assertUser(req: FastifyRequest): asserts req is AuthedRequest {
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

/** The caller of a guarded route (the guard already ran). */
export function authed(req: FastifyRequest): AuthedRequest {
  assertUser(req);
  return req;
}
