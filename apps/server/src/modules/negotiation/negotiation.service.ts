import {
  type AnswerNegotiationBody,
  type CreateNegotiationBody,
  type EscalateNegotiationBody,
  NEGOTIATION_STATE_LABELS,
  type Negotiation,
  type NegotiationDetail,
  type NegotiationEvent,
  type NegotiationList,
  type NegotiationQuery,
  type NegotiationState,
} from '@geoshare/shared';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { Actor, RequestContext } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Queryable } from '../../platform/db/db.port.js';
import { DomainError } from '../../platform/errors/domain-error.js';
import { applyTransition, availableEvents } from '../../platform/workflow/transition.rules.js';
import { viewerOf } from '../catalog/catalog.service.js';
import type { NotificationService } from '../notifications/notification.service.js';
import { NEGOTIATION_MACHINE, type NegotiationParty } from './negotiation.machine.js';
import { type NegotiationRow, type NegotiationScope, negotiationRepository as repo } from './negotiation.repository.js';

/** ZS-21: who answers for the provider side (the reviewers and catalogue managers). */
const PROVIDER_ROLES = ['reviewer', 'catalogueManager'] as const;
/** Roles that see every case: the provider side, the leaders who coordinate, admins. */
const OVERSIGHT_ROLES = [...PROVIDER_ROLES, 'leader', 'admin'] as const;
const HISTORY_LIMIT = 200;

const iso = (d: Date | null) => (d ? d.toISOString() : null);
/** Where a notice about a case leads in the web UI. */
const linkTo = (id: string) => `/sharing/negotiations?id=${id}`;

function requireActor(ctx: RequestContext): Actor {
  if (!ctx.actor) throw new DomainError('AUTH_REQUIRED');
  return ctx.actor;
}

const hasAny = (a: Actor, roles: readonly string[]) => a.roles.some((r) => roles.includes(r));
const scopeOf = (a: Actor): NegotiationScope =>
  hasAny(a, OVERSIGHT_ROLES) ? { kind: 'all' } : { kind: 'org', orgId: a.orgId };

/**
 * ZS-21: the requesting unit's users, the provider roles, the leaders. A case escalated once was decided by the
 * leaders, so the unit may not escalate it again.
 */
function partiesOf(a: Actor, row: NegotiationRow): NegotiationParty[] {
  const parties: NegotiationParty[] = [];
  if (a.orgId === row.org_id && row.escalated_at === null) parties.push('requester');
  if (hasAny(a, PROVIDER_ROLES)) parties.push('provider');
  if (a.roles.includes('leader')) parties.push('leader');
  return parties;
}

function toView(row: NegotiationRow, a: Actor): Negotiation {
  return {
    id: row.id,
    collectionId: row.collection_id,
    itemId: row.item_id,
    itemTitle: row.item_title,
    catalogueNo: row.catalogue_no,
    sharingBasis: row.sharing_basis,
    orgId: row.org_id,
    orgName: row.org_name,
    createdByName: row.created_by_name,
    reason: row.reason,
    state: row.state,
    answer: row.answer,
    answeredByName: row.answered_by_name,
    answeredAt: iso(row.answered_at),
    escalatedByName: row.escalated_by_name,
    escalatedAt: iso(row.escalated_at),
    createdAt: row.created_at.toISOString(),
    actions: availableEvents(NEGOTIATION_MACHINE, row.state, partiesOf(a, row)),
  };
}

/**
 * Sharing negotiation on items marked 不予共享 (ZS-12, ZS-21). Every use case is one transaction with one audit row;
 * the audit trail is the case's history.
 */
export class NegotiationService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly notifications: NotificationService,
  ) {}

  /** ZS-21: a unit asks for an item it cannot apply for; items that can be applied for are refused. */
  async create(ctx: RequestContext, body: CreateNegotiationBody): Promise<Negotiation> {
    const actor = requireActor(ctx);
    const created = await this.db.transaction(async (tx) => {
      const item = { collectionId: body.collectionId, itemId: body.itemId };
      const sharing = await repo.itemSharingType(tx, viewerOf(ctx), body.collectionId, body.itemId);
      if (!sharing)
        throw new DomainError('CATALOG_ITEM_NOT_FOUND', { collectionId: body.collectionId, id: body.itemId });
      // ZS-12: only 不予共享 needs negotiating; the others are applied for normally.
      if (sharing !== 'none') throw new DomainError('NEGOTIATION_ITEM_SHAREABLE', { ...item, sharingType: sharing });
      // The partial unique index is the guard under concurrency; this check gives the stable code first.
      if (await repo.activeExists(tx, actor.orgId, body.collectionId, body.itemId))
        throw new DomainError('NEGOTIATION_EXISTS', item);
      const id = await repo
        .insert(
          tx,
          { ...item, orgId: actor.orgId, createdBy: actor.userId, reason: body.reason.trim() },
          this.clock.now(),
        )
        .catch((err: unknown) => {
          // A concurrent request of the same unit won the race for the partial unique index (23505 unique_violation).
          if ((err as { code?: unknown }).code === '23505') throw new DomainError('NEGOTIATION_EXISTS', item);
          throw err;
        });
      const row = (await repo.get(tx, id, { kind: 'all' }))!;
      await this.notifications.notify(
        tx,
        { role: 'reviewer' },
        {
          title: `新的共享协商：${row.item_title}（${row.catalogue_no}）`,
          body: `${row.org_name} 申请协商共享不予共享数据：${row.reason}`,
          link: linkTo(id),
        },
      );
      await this.audit.record(tx, ctx, {
        action: 'negotiation.create',
        objectType: 'sharing_negotiation',
        objectId: id,
        summary: { item: `${body.collectionId}/${body.itemId}`, state: 'open', reason: row.reason },
      });
      return row;
    });
    return toView(created, actor);
  }

  /** The unit sees its own cases; the provider roles, leaders and admins see all. */
  async list(ctx: RequestContext, q: NegotiationQuery): Promise<NegotiationList> {
    const actor = requireActor(ctx);
    const { rows, total } = await repo.list(
      this.db,
      scopeOf(actor),
      { ...(q.mine ? { createdBy: actor.userId } : {}), ...(q.state ? { state: q.state } : {}) },
      { limit: q.limit, offset: q.offset },
    );
    return { items: rows.map((r) => toView(r, actor)), total };
  }

  async get(ctx: RequestContext, id: string): Promise<NegotiationDetail> {
    const actor = requireActor(ctx);
    const row = await repo.get(this.db, id, scopeOf(actor));
    if (!row) throw new DomainError('NEGOTIATION_NOT_FOUND', { id });
    const events = await this.audit.list({ objectType: 'sharing_negotiation', objectId: id, limit: HISTORY_LIMIT });
    const history = events
      .reverse()
      .map((e) => ({ at: e.at.toISOString(), actorName: e.actorName, action: e.action, summary: e.summary }));
    return { ...toView(row, actor), history };
  }

  /** ZS-21: the provider (or, escalated, a leader) agrees; the answer states the conditions. */
  agree(ctx: RequestContext, id: string, body: AnswerNegotiationBody): Promise<Negotiation> {
    return this.fire(ctx, id, 'agree', { answer: body.answer.trim() });
  }

  /** ZS-21: the provider (or, escalated, a leader) declines; the answer states the legal basis. */
  decline(ctx: RequestContext, id: string, body: AnswerNegotiationBody): Promise<Negotiation> {
    return this.fire(ctx, id, 'decline', { answer: body.answer.trim() });
  }

  /** ZS-21: the unit disagrees, or has had no answer within 5 working days, and escalates to the leaders. */
  escalate(ctx: RequestContext, id: string, body: EscalateNegotiationBody): Promise<Negotiation> {
    const note = body.note?.trim();
    return this.fire(ctx, id, 'escalate', { escalate: true, ...(note ? { note } : {}) });
  }

  /** One transition: lock the case, ask the machine, write the new state, notices and audit row together. */
  private async fire(
    ctx: RequestContext,
    id: string,
    event: NegotiationEvent,
    change: { answer?: string; escalate?: boolean; note?: string },
  ): Promise<Negotiation> {
    const actor = requireActor(ctx);
    await this.db.transaction(async (tx) => {
      const row = await repo.get(tx, id, scopeOf(actor), true);
      if (!row) throw new DomainError('NEGOTIATION_NOT_FOUND', { id });
      const to = applyTransition(NEGOTIATION_MACHINE, row.state, event, partiesOf(actor, row));
      await repo.transition(tx, id, { ...change, state: to, now: this.clock.now(), actorId: actor.userId });
      await this.notifyTransition(tx, row, to, change);
      await this.audit.record(tx, ctx, {
        action: `negotiation.${event}`,
        objectType: 'sharing_negotiation',
        objectId: id,
        summary: { from: row.state, to, ...change },
      });
    });
    return toView((await repo.get(this.db, id, { kind: 'all' }))!, actor);
  }

  /** An escalation goes to the leaders; an answer goes to the requesting unit (ZS-21). */
  private async notifyTransition(
    tx: Queryable,
    row: NegotiationRow,
    to: NegotiationState,
    change: { answer?: string; escalate?: boolean; note?: string },
  ): Promise<void> {
    const link = linkTo(row.id);
    if (change.escalate)
      await this.notifications.notify(
        tx,
        { role: 'leader' },
        {
          title: `共享协商提请协调：${row.item_title}（${row.catalogue_no}）`,
          body: `${row.org_name} 提请协调：${change.note ?? row.reason}`,
          link,
        },
      );
    else
      await this.notifications.notify(
        tx,
        { orgId: row.org_id },
        { title: `共享协商${NEGOTIATION_STATE_LABELS[to]}：${row.item_title}`, body: change.answer ?? '', link },
      );
  }
}
