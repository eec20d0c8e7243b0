import { hkdfSync, randomBytes } from 'node:crypto';
import type { ApiTokenView, CreateApiTokenBody, CreatedApiToken, TokenScope } from '@geoshare/shared';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { Actor, RequestContext } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import { hmacSm3Hex } from '../../platform/crypto/sm3.js';
import type { Db } from '../../platform/db/db.port.js';
import { DomainError } from '../../platform/errors/domain-error.js';
import { actorOf, type TokenRow, tokenRepository } from './token.repository.js';
import { displayPrefix, isTokenSecret, newTokenSecret, requiredScope } from './token.rules.js';
import type { UsageService } from './usage.service.js';

const DAY_MS = 86_400_000;
/** `last_used_at` is written at most once a minute per token: a map view fires hundreds of tile requests. */
const TOUCH_EVERY_MS = 60_000;

/** The token behind a Bearer request: its user as of now and what it may do. */
export interface ResolvedApiToken {
  id: string;
  scopes: TokenScope[];
  actor: Actor;
}

const toView = (r: TokenRow): ApiTokenView => ({
  id: r.id,
  name: r.name,
  scopes: r.scopes,
  prefix: r.prefix,
  createdAt: r.created_at.toISOString(),
  expiresAt: r.expires_at?.toISOString() ?? null,
  lastUsedAt: r.last_used_at?.toISOString() ?? null,
  revokedAt: r.revoked_at?.toISOString() ?? null,
});

/**
 * Personal API tokens for other systems (STAC search, tiles, downloads): hashed at rest (HMAC-SM3 under a key derived
 * from the platform secret, so a database dump alone cannot confirm a guessed secret), scoped, revocable, optionally
 * expiring. A token acts as its user with the user's current roles, organisation and clearance; a disabled user's
 * tokens stop working at once. Every call made with a token is counted in usage (MNR-16, BX-21).
 */
export class TokenService {
  private readonly hashKey: Buffer;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    secret: Uint8Array,
    private readonly usage: UsageService,
  ) {
    this.hashKey = Buffer.from(hkdfSync('sm3', secret, Buffer.alloc(0), 'geoshare api token', 32));
  }

  private hash(secret: string): string {
    return hmacSm3Hex(this.hashKey, secret);
  }

  async list(ctx: RequestContext & { actor: Actor }): Promise<ApiTokenView[]> {
    return (await tokenRepository.list(this.db, ctx.actor.userId)).map(toView);
  }

  /** Creates a token; the secret is in the answer and nowhere else, ever. */
  create(ctx: RequestContext & { actor: Actor }, body: CreateApiTokenBody): Promise<CreatedApiToken> {
    const name = body.name.trim();
    if (!name) throw new DomainError('VALIDATION_FAILED', { name: body.name }, '令牌名称不能为空');
    const secret = newTokenSecret(randomBytes);
    const at = this.clock.now();
    const expiresAt = body.expiresInDays ? new Date(at.getTime() + body.expiresInDays * DAY_MS) : null;
    return this.db.transaction(async (tx) => {
      const row = await tokenRepository.insert(tx, {
        userId: ctx.actor.userId,
        name,
        scopes: body.scopes,
        prefix: displayPrefix(secret),
        tokenHash: this.hash(secret),
        at,
        expiresAt,
      });
      await this.audit.record(tx, ctx, {
        action: 'token.create',
        objectType: 'api_token',
        objectId: row.id,
        summary: {
          name: row.name,
          scopes: row.scopes,
          prefix: row.prefix,
          expiresAt: expiresAt?.toISOString() ?? null,
        },
      });
      return { token: toView(row), secret };
    });
  }

  /** Revokes one of the caller's tokens (idempotent); another user's token is TOKEN_NOT_FOUND. */
  revoke(ctx: RequestContext & { actor: Actor }, id: string): Promise<void> {
    return this.db.transaction(async (tx) => {
      const row = await tokenRepository.ownForUpdate(tx, id, ctx.actor.userId);
      if (!row) throw new DomainError('TOKEN_NOT_FOUND', { id });
      if (row.revoked_at) return;
      await tokenRepository.revoke(tx, id, this.clock.now());
      await this.audit.record(tx, ctx, {
        action: 'token.revoke',
        objectType: 'api_token',
        objectId: id,
        summary: { name: row.name, prefix: row.prefix },
      });
    });
  }

  /** The live token for a Bearer secret; unknown, revoked, expired or of a disabled user → TOKEN_INVALID. */
  async resolve(secret: string): Promise<ResolvedApiToken> {
    if (!isTokenSecret(secret)) throw new DomainError('TOKEN_INVALID');
    const row = await tokenRepository.byHash(this.db, this.hash(secret));
    const now = this.clock.now();
    if (!row || row.revoked_at || (row.expires_at && row.expires_at <= now) || row.disabled) {
      throw new DomainError('TOKEN_INVALID');
    }
    if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() >= TOUCH_EVERY_MS) {
      await tokenRepository.touch(this.db, row.id, now);
    }
    return { id: row.id, scopes: row.scopes, actor: actorOf(row) };
  }

  /** Scope check for the matched route; anything no scope of the token opens is TOKEN_SCOPE_DENIED. */
  authorise(token: ResolvedApiToken, method: string, route: string | undefined): void {
    const scope = requiredScope(method, route);
    if (!scope || !token.scopes.includes(scope)) {
      throw new DomainError('TOKEN_SCOPE_DENIED', { scopes: token.scopes, required: scope, method, route });
    }
  }

  /**
   * Counts one API call made with a token (MNR-16, BX-21), per user / item / day like tiles. Calls about one entry
   * (tiles, STAC items, downloads of an item) carry its ids; searches and capabilities count under empty ids.
   */
  countCall(ctx: RequestContext, target: { collectionId?: string; itemId?: string }, bytes: number): void {
    this.usage.count(ctx, target.collectionId ?? '', target.itemId ?? '', 'api', bytes);
  }
}
