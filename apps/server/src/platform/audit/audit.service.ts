import type { RequestContext } from '../auth/actor.js';
import type { Clock } from '../clock.js';
import { sm3Hex } from '../crypto/sm3.js';
import type { Db, Queryable } from '../db/db.port.js';
import { auditRepository } from './audit.repository.js';
import { type ChainCheck, chainHash, GENESIS_HASH, verifyChain } from './audit.rules.js';

export interface AuditEntry {
  /** dotted verb, e.g. `org.create`, `auth.login`, `auth.login_failed` */
  action: string;
  objectType: string;
  objectId?: string | null;
  /** before/after summary: what changed, never secrets (no passwords, no full ID numbers) */
  summary?: Record<string, unknown>;
}

const VERIFY_PAGE = 5000;

export class AuditService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /**
   * Appends one event inside the caller's transaction (ZS-25): the state change and its audit row commit together
   * or not at all.
   */
  async record(tx: Queryable, ctx: RequestContext, entry: AuditEntry): Promise<void> {
    const head = await auditRepository.lockHead(tx);
    const fields = {
      id: head.lastId + 1,
      at: this.clock.now(),
      actorId: ctx.actor?.userId ?? null,
      actorName: ctx.actor ? `${ctx.actor.displayName}（${ctx.actor.username}）` : null,
      orgId: ctx.actor?.orgId ?? null,
      action: entry.action,
      objectType: entry.objectType,
      objectId: entry.objectId ?? null,
      summary: entry.summary ?? {},
      ip: ctx.ip,
    };
    await auditRepository.append(tx, {
      ...fields,
      prevHash: head.lastHash,
      hash: chainHash(sm3Hex, head.lastHash, fields),
    });
  }

  /** Records in a transaction of its own: for events with no other write (a login failure, a data read). */
  recordAlone(ctx: RequestContext, entry: AuditEntry): Promise<void> {
    return this.db.transaction((tx) => this.record(tx, ctx, entry));
  }

  list(f: { beforeId?: number; action?: string; objectType?: string; objectId?: string; limit: number }) {
    return auditRepository.list(this.db, f);
  }

  /** Re-computes the whole chain page by page; also checks the head row still points at the last event. */
  async verify(): Promise<ChainCheck> {
    let state = { prevHash: GENESIS_HASH, expectedId: 1 };
    let checked = 0;
    for (;;) {
      const page = await auditRepository.page(this.db, state.expectedId - 1, VERIFY_PAGE);
      const r = verifyChain(sm3Hex, page, state);
      checked += r.checked;
      if (!r.ok) return { ok: false, checked, firstBrokenId: r.firstBrokenId, reason: r.reason };
      state = r;
      if (page.length < VERIFY_PAGE) break;
    }
    const head = await auditRepository.head(this.db);
    if (head.lastId !== state.expectedId - 1 || head.lastHash !== state.prevHash) {
      return { ok: false, checked, firstBrokenId: state.expectedId, reason: '链尾记录缺失（最新的记录被删除）' };
    }
    return { ok: true, checked };
  }
}
