import { randomBytes } from 'node:crypto';
import type { LoginBody, SessionInfo } from '@geoshare/shared';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { Actor, RequestContext } from '../../platform/auth/actor.js';
import { isStrongPassword } from '../../platform/auth/password.rules.js';
import type { Clock } from '../../platform/clock.js';
import { hashPassword, verifyPassword } from '../../platform/crypto/password.js';
import { sm3Hex } from '../../platform/crypto/sm3.js';
import type { Db } from '../../platform/db/db.port.js';
import { DomainError } from '../../platform/errors/domain-error.js';
import type { SecurityPolicy } from './security.policy.js';
import { type SessionRow, sessionRepository } from './session.repository.js';
import { userRepository } from './user.repository.js';

const MINUTE = 60_000;
/** Persist last-seen at most once a minute: a page load fires many requests. */
const TOUCH_EVERY_MS = MINUTE;

export interface ResolvedSession {
  actor: Actor;
  csrfToken: string;
  expiresAt: Date;
  tokenHash: string;
}

const toActor = (r: SessionRow): Actor => ({
  userId: r.user_id,
  username: r.username,
  displayName: r.display_name,
  orgId: r.org_id,
  orgName: r.org_name,
  roles: r.roles,
  clearance: r.clearance,
});

const token = () => randomBytes(32).toString('base64url');

export class SessionService {
  /** A real argon2id hash of a random password, verified against when the username is unknown (equal timing). */
  private dummyHash: Promise<string>;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly policy: SecurityPolicy,
  ) {
    this.dummyHash = hashPassword(token(), policy.passwordCost);
  }

  private expiry(createdAt: Date, now: Date): Date {
    const idle = now.getTime() + this.policy.sessionIdleMinutes * MINUTE;
    const absolute = createdAt.getTime() + this.policy.sessionAbsoluteHours * 60 * MINUTE;
    return new Date(Math.min(idle, absolute));
  }

  /**
   * ZS-25 identity authentication: argon2id check, lock-out after `maxFailedLogins` consecutive failures,
   * every outcome audited. Returns the cookie token and the session info for the client.
   */
  async login(
    body: LoginBody,
    meta: { ip: string | null; userAgent: string | null },
  ): Promise<{ token: string; info: SessionInfo }> {
    const anon: RequestContext = { actor: null, ip: meta.ip };
    const user = await userRepository.byUsername(this.db, body.username);
    const ok = await verifyPassword(body.password, user?.password_hash ?? (await this.dummyHash));
    const now = this.clock.now();
    if (!user) {
      await this.audit.recordAlone(anon, {
        action: 'auth.login_failed',
        objectType: 'user',
        summary: { username: body.username, reason: 'unknown_user' },
      });
      throw new DomainError('AUTH_INVALID_CREDENTIALS');
    }
    if (user.disabled) {
      await this.audit.recordAlone(anon, {
        action: 'auth.login_failed',
        objectType: 'user',
        objectId: user.id,
        summary: { reason: 'disabled' },
      });
      throw new DomainError('AUTH_ACCOUNT_DISABLED');
    }
    if (user.locked_until && user.locked_until > now) {
      await this.audit.recordAlone(anon, {
        action: 'auth.login_failed',
        objectType: 'user',
        objectId: user.id,
        summary: { reason: 'locked' },
      });
      throw new DomainError('AUTH_ACCOUNT_LOCKED', { lockedUntil: user.locked_until.toISOString() });
    }
    if (!ok) {
      const locked = await this.db.transaction(async (tx) => {
        const fresh = (await userRepository.get(tx, user.id, true))!;
        const failures = fresh.failed_logins + 1;
        const lock = failures >= this.policy.maxFailedLogins;
        await userRepository.recordLoginFailure(
          tx,
          user.id,
          lock ? 0 : failures,
          lock ? new Date(now.getTime() + this.policy.lockMinutes * MINUTE) : null,
        );
        await this.audit.record(tx, anon, {
          action: lock ? 'auth.locked' : 'auth.login_failed',
          objectType: 'user',
          objectId: user.id,
          summary: { reason: 'bad_password', failures },
        });
        return lock;
      });
      throw new DomainError(locked ? 'AUTH_ACCOUNT_LOCKED' : 'AUTH_INVALID_CREDENTIALS');
    }
    const t = token();
    const csrfToken = token();
    const expiresAt = this.expiry(now, now);
    await this.db.transaction(async (tx) => {
      await userRepository.recordLoginSuccess(tx, user.id, now);
      await sessionRepository.insert(tx, {
        tokenHash: sm3Hex(t),
        userId: user.id,
        csrfToken,
        ip: meta.ip,
        userAgent: meta.userAgent,
        at: now,
        expiresAt,
      });
      await sessionRepository.deleteExpired(tx, now);
      await this.audit.record(
        tx,
        { actor: null, ip: meta.ip },
        { action: 'auth.login', objectType: 'user', objectId: user.id, summary: { username: user.username } },
      );
    });
    const actor: Actor = {
      userId: user.id,
      username: user.username,
      displayName: user.display_name,
      orgId: user.org_id,
      orgName: user.org_name,
      roles: user.roles,
      clearance: user.clearance,
    };
    return { token: t, info: { user: actor2me(actor), csrfToken, expiresAt: expiresAt.toISOString() } };
  }

  /** The live session for a cookie token, or null when unknown, expired or the user is disabled. */
  async resolve(cookieToken: string): Promise<ResolvedSession | null> {
    const tokenHash = sm3Hex(cookieToken);
    const row = await sessionRepository.find(this.db, tokenHash);
    const now = this.clock.now();
    if (!row || row.disabled || row.expires_at <= now) return null;
    let expiresAt = row.expires_at;
    if (now.getTime() - row.last_seen_at.getTime() >= TOUCH_EVERY_MS) {
      expiresAt = this.expiry(row.created_at, now);
      await sessionRepository.touch(this.db, tokenHash, now, expiresAt);
    }
    return { actor: toActor(row), csrfToken: row.csrf_token, expiresAt, tokenHash };
  }

  async logout(ctx: RequestContext, tokenHash: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await sessionRepository.delete(tx, tokenHash);
      await this.audit.record(tx, ctx, {
        action: 'auth.logout',
        objectType: 'user',
        objectId: ctx.actor?.userId ?? null,
      });
    });
  }

  /** Changing one's own password ends the user's other sessions. */
  async changePassword(
    ctx: RequestContext & { actor: Actor },
    tokenHash: string,
    current: string,
    next: string,
  ): Promise<void> {
    const user = await userRepository.get(this.db, ctx.actor.userId);
    if (!user || !(await verifyPassword(current, user.password_hash))) throw new DomainError('AUTH_PASSWORD_WRONG');
    if (!isStrongPassword(next)) throw new DomainError('AUTH_PASSWORD_WEAK');
    const hash = await hashPassword(next, this.policy.passwordCost);
    await this.db.transaction(async (tx) => {
      await userRepository.setPassword(tx, user.id, hash, this.clock.now());
      await sessionRepository.deleteForUser(tx, user.id, tokenHash);
      await this.audit.record(tx, ctx, { action: 'auth.change_password', objectType: 'user', objectId: user.id });
    });
  }
}

export const actor2me = (a: Actor): SessionInfo['user'] => ({
  id: a.userId,
  username: a.username,
  displayName: a.displayName,
  orgId: a.orgId,
  orgName: a.orgName,
  roles: a.roles,
  clearance: a.clearance,
});
