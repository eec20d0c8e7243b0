import {
  type ConfirmFeedbackBody,
  type CreateFeedbackBody,
  type DismissFeedbackBody,
  FEEDBACK_CATEGORY_LABELS,
  FEEDBACK_SEVERITY_LABELS,
  FEEDBACK_STATE_LABELS,
  type Feedback,
  type FeedbackDetail,
  type FeedbackEvent,
  type FeedbackList,
  type FeedbackQuery,
  type FeedbackState,
  type FeedbackSummary,
  type FeedbackSummaryQuery,
  type ResolveFeedbackBody,
} from '@geoshare/shared';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { Actor, RequestContext } from '../../platform/auth/actor.js';
import { addDays, parseIsoDate } from '../../platform/calendar/calendar.rules.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Queryable } from '../../platform/db/db.port.js';
import { DomainError } from '../../platform/errors/domain-error.js';
import { applyTransition, availableEvents } from '../../platform/workflow/transition.rules.js';
import { viewerOf } from '../catalog/catalog.service.js';
import type { NotificationService } from '../notifications/notification.service.js';
import { feedbackWorkbook } from './feedback.export.js';
import { FEEDBACK_MACHINE, type FeedbackParty } from './feedback.machine.js';
import {
  type FeedbackRow,
  type FeedbackScope,
  type Period,
  feedbackRepository as repo,
} from './feedback.repository.js';

/** Roles that see every report and the summary (MNR-19: the custodian summarises, the leaders oversee). */
const OVERSIGHT_ROLES = ['custodian', 'leader', 'admin'] as const;
/** A problem location may sit this far (metres, geodesic) off the item's footprint: a click on its edge. */
const LOCATION_TOLERANCE_M = 50;
/** A summary covers at most a year of reports. */
const MAX_SUMMARY_DAYS = 366;
const TOP_ITEMS = 10;
const HISTORY_LIMIT = 200;

const iso = (d: Date | null) => (d ? d.toISOString() : null);
/** Where a notice about a report leads in the web UI. */
const linkTo = (id: string) => `/feedback?id=${id}`;

function requireActor(ctx: RequestContext): Actor {
  if (!ctx.actor) throw new DomainError('AUTH_REQUIRED');
  return ctx.actor;
}

const oversees = (a: Actor) => a.roles.some((r) => (OVERSIGHT_ROLES as readonly string[]).includes(r));
const scopeOf = (a: Actor): FeedbackScope => (oversees(a) ? { kind: 'all' } : { kind: 'org', orgId: a.orgId });

/** MNR-19: the custodian role, or a member of the unit that keeps the item, handles a report. */
const partiesOf = (a: Actor, row: FeedbackRow): FeedbackParty[] =>
  a.roles.includes('custodian') || (row.custodian_org_id !== null && row.custodian_org_id === a.orgId)
    ? ['handler']
    : [];

function toView(row: FeedbackRow, a: Actor): Feedback {
  return {
    id: row.id,
    collectionId: row.collection_id,
    itemId: row.item_id,
    itemTitle: row.item_title,
    catalogueNo: row.catalogue_no,
    custodianName: row.custodian_name,
    applicationId: row.application_id,
    category: row.category,
    severity: row.severity,
    description: row.description,
    location: row.location ? JSON.parse(row.location) : null,
    state: row.state,
    reporterName: row.reporter_name,
    reporterOrgId: row.reporter_org_id,
    reporterOrgName: row.reporter_org_name,
    response: row.response,
    respondedByName: row.responded_by_name,
    respondedAt: iso(row.responded_at),
    escalated: row.escalated_at !== null,
    escalatedByName: row.escalated_by_name,
    escalatedAt: iso(row.escalated_at),
    resolution: row.resolution,
    resolvedByName: row.resolved_by_name,
    resolvedAt: iso(row.resolved_at),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    actions: availableEvents(FEEDBACK_MACHINE, row.state, partiesOf(a, row)),
  };
}

/** Report times of the China-time days `from`..`to` (inclusive) as a half-open interval. */
function periodOf(q: FeedbackSummaryQuery): Period {
  const span = (parseIsoDate(q.to) - parseIsoDate(q.from)) / 86_400_000;
  if (span < 0 || span >= MAX_SUMMARY_DAYS) throw new DomainError('FEEDBACK_RANGE_INVALID', q);
  return { from: new Date(`${q.from}T00:00:00+08:00`), before: new Date(`${addDays(q.to, 1)}T00:00:00+08:00`) };
}

/**
 * Feedback on catalogue items (MNR-19, ZS-24). Every use case is one transaction with one audit row; the audit trail
 * is the report's history.
 */
export class FeedbackService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly notifications: NotificationService,
  ) {}

  /** A user reports a problem with an item they can see (ZS-24: doubtful or wrong data is reported). */
  async create(ctx: RequestContext, body: CreateFeedbackBody): Promise<Feedback> {
    const actor = requireActor(ctx);
    const created = await this.db.transaction(async (tx) => {
      if (!(await repo.itemVisible(tx, viewerOf(ctx), body.collectionId, body.itemId)))
        throw new DomainError('CATALOG_ITEM_NOT_FOUND', { collectionId: body.collectionId, id: body.itemId });
      const location = body.location ? body.location.coordinates : null;
      if (location && !(await repo.pointOnItem(tx, body.collectionId, body.itemId, location, LOCATION_TOLERANCE_M)))
        throw new DomainError('FEEDBACK_LOCATION_OUTSIDE_ITEM', { location });
      const id = await repo.insert(
        tx,
        {
          collectionId: body.collectionId,
          itemId: body.itemId,
          applicationId: body.applicationId ?? null,
          category: body.category,
          severity: body.severity,
          description: body.description.trim(),
          location,
          reporterId: actor.userId,
          reporterOrgId: actor.orgId,
        },
        this.clock.now(),
      );
      const row = (await repo.get(tx, id, { kind: 'all' }))!;
      // MNR-19: the unit keeping the item hears of it; without one, the custodians do.
      await this.notifications.notify(
        tx,
        row.custodian_org_id ? { orgId: row.custodian_org_id } : { role: 'custodian' },
        {
          title: `新的问题反馈：${row.item_title}`,
          body: `${actor.orgName} 反馈${FEEDBACK_SEVERITY_LABELS[body.severity]}问题（${FEEDBACK_CATEGORY_LABELS[body.category]}）：${row.description}`,
          link: linkTo(id),
        },
      );
      await this.audit.record(tx, ctx, {
        action: 'feedback.create',
        objectType: 'feedback',
        objectId: id,
        summary: {
          item: `${body.collectionId}/${body.itemId}`,
          category: body.category,
          severity: body.severity,
          state: 'open',
          applicationId: body.applicationId ?? null,
        },
      });
      return row;
    });
    return toView(created, actor);
  }

  /** Reporters see their own unit's reports (and those about items their unit keeps); oversight roles see all. */
  async list(ctx: RequestContext, q: FeedbackQuery): Promise<FeedbackList> {
    const actor = requireActor(ctx);
    const { rows, total } = await repo.list(
      this.db,
      scopeOf(actor),
      {
        ...(q.mine ? { reporterId: actor.userId } : {}),
        ...(q.state ? { state: q.state } : {}),
        ...(q.collectionId ? { collectionId: q.collectionId } : {}),
        ...(q.escalated === undefined ? {} : { escalated: q.escalated }),
      },
      { limit: q.limit, offset: q.offset },
    );
    return { items: rows.map((r) => toView(r, actor)), total };
  }

  async get(ctx: RequestContext, id: string): Promise<FeedbackDetail> {
    const actor = requireActor(ctx);
    const row = await repo.get(this.db, id, scopeOf(actor));
    if (!row) throw new DomainError('FEEDBACK_NOT_FOUND', { id });
    const events = await this.audit.list({ objectType: 'feedback', objectId: id, limit: HISTORY_LIMIT });
    const history = events
      .reverse()
      .map((e) => ({ at: e.at.toISOString(), actorName: e.actorName, action: e.action, summary: e.summary }));
    return { ...toView(row, actor), history };
  }

  /** MNR-19: the custodian confirms; a confirmed major problem is escalated to the leaders at once. */
  confirm(ctx: RequestContext, id: string, body: ConfirmFeedbackBody): Promise<Feedback> {
    return this.fire(ctx, id, 'confirm', (row) => {
      const severity = body.severity ?? row.severity;
      return { severity, response: body.response.trim(), escalate: severity === 'major' };
    });
  }

  /** The custodian finds nothing wrong; the answer tells the reporter why. */
  dismiss(ctx: RequestContext, id: string, body: DismissFeedbackBody): Promise<Feedback> {
    return this.fire(ctx, id, 'dismiss', () => ({ response: body.response.trim() }));
  }

  /** The custodian has fixed a confirmed problem (e.g. re-processed and replaced the item). */
  resolve(ctx: RequestContext, id: string, body: ResolveFeedbackBody): Promise<Feedback> {
    return this.fire(ctx, id, 'resolve', () => ({ resolution: body.resolution.trim() }));
  }

  /** One transition: lock the report, ask the machine, write the new state and its audit row together. */
  private async fire(
    ctx: RequestContext,
    id: string,
    event: FeedbackEvent,
    effect: (row: FeedbackRow) => {
      severity?: Feedback['severity'];
      response?: string;
      escalate?: boolean;
      resolution?: string;
    },
  ): Promise<Feedback> {
    const actor = requireActor(ctx);
    await this.db.transaction(async (tx) => {
      const row = await repo.get(tx, id, scopeOf(actor), true);
      if (!row) throw new DomainError('FEEDBACK_NOT_FOUND', { id });
      const to = applyTransition(FEEDBACK_MACHINE, row.state, event, partiesOf(actor, row));
      const change = effect(row);
      await repo.transition(tx, id, { ...change, state: to, now: this.clock.now(), actorId: actor.userId });
      await this.notifyTransition(tx, row, to, change);
      await this.audit.record(tx, ctx, {
        action: `feedback.${event}`,
        objectType: 'feedback',
        objectId: id,
        summary: { from: row.state, to, ...change },
      });
    });
    return toView((await repo.get(this.db, id, { kind: 'all' }))!, actor);
  }

  /** The reporter hears the answer; a major problem confirmed goes to the leaders (MNR-19). */
  private async notifyTransition(
    tx: Queryable,
    row: FeedbackRow,
    to: FeedbackState,
    change: { response?: string; escalate?: boolean; resolution?: string },
  ): Promise<void> {
    const link = linkTo(row.id);
    await this.notifications.notify(
      tx,
      { userIds: [row.reporter_id] },
      {
        title: `问题反馈${FEEDBACK_STATE_LABELS[to]}：${row.item_title}`,
        body: change.response ?? change.resolution ?? '',
        link,
      },
    );
    if (change.escalate)
      await this.notifications.notify(
        tx,
        { role: 'leader' },
        {
          title: `重大问题上报：${row.item_title}（${row.catalogue_no}）`,
          body: `${row.reporter_org_name} 反馈的${FEEDBACK_CATEGORY_LABELS[row.category]}问题经保管单位确认：${change.response ?? ''}`,
          link,
        },
      );
  }

  /** MNR-19 periodic summary for the custodian and the leaders. */
  async summary(ctx: RequestContext, q: FeedbackSummaryQuery): Promise<FeedbackSummary> {
    const actor = requireActor(ctx);
    const period = periodOf(q);
    const [cells, top, major] = await Promise.all([
      repo.summaryCells(this.db, period),
      repo.topItems(this.db, period, TOP_ITEMS),
      repo.list(
        this.db,
        { kind: 'all' },
        { severity: 'major', states: ['open', 'confirmed'], createdBefore: period.before },
        { limit: 500, offset: 0 },
      ),
    ]);
    return {
      from: q.from,
      to: q.to,
      total: cells.reduce((n, c) => n + c.count, 0),
      cells: cells.map((c) => ({
        collectionId: c.collection_id,
        collectionTitle: c.collection_title,
        category: c.category,
        state: c.state,
        count: c.count,
      })),
      topItems: top.map((t) => ({
        collectionId: t.collection_id,
        itemId: t.item_id,
        title: t.title,
        catalogueNo: t.catalogue_no,
        count: t.count,
        majorCount: t.major_count,
      })),
      majorOpen: major.rows.map((r) => toView(r, actor)),
    };
  }

  /** The summary as an .xlsx workbook; the export is recorded like any data export. */
  async summaryWorkbook(ctx: RequestContext, q: FeedbackSummaryQuery): Promise<Buffer> {
    const s = await this.summary(ctx, q);
    await this.audit.recordAlone(ctx, {
      action: 'feedback.summary_export',
      objectType: 'feedback_summary',
      objectId: `${q.from}/${q.to}`,
      summary: { total: s.total },
    });
    return feedbackWorkbook(s, this.clock.now());
  }
}
