import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import {
  type ApprovePublicationBody,
  PUBLICATION_MAX_FILE_BYTES,
  PUBLICATION_MAX_FILES,
  PUBLICATION_STATE_LABELS,
  type PublicationEvent,
  type PublicationReasonBody,
  type PublicationResubmitInput,
  type PublicationReview,
  type PublicationReviewDetail,
  type PublicationReviewInput,
  type PublicationReviewQuery,
} from '@geoshare/shared';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { Actor, RequestContext } from '../../platform/auth/actor.js';
import type { CalendarService } from '../../platform/calendar/calendar.service.js';
import { type Clock, chinaDate } from '../../platform/clock.js';
import { sm3Hex } from '../../platform/crypto/sm3.js';
import type { Db, Queryable } from '../../platform/db/db.port.js';
import { DomainError } from '../../platform/errors/domain-error.js';
import { nextFormNumber } from '../../platform/numbering/number-sequence.repository.js';
import type { Storage } from '../../platform/storage/storage.port.js';
import { applyTransition, availableEvents } from '../../platform/workflow/transition.rules.js';
import { isClassified } from '../catalog/catalog.access.rules.js';
import { viewerOf } from '../catalog/catalog.service.js';
import type { NotificationService } from '../notifications/notification.service.js';
import { sniffMediaType } from './attachment.rules.js';
import { PUBLICATION_MACHINE, type PublicationParty } from './publication.machine.js';
import {
  type NewAttachment,
  type ReviewFields,
  type ReviewRow,
  type ReviewScope,
  publicationRepository as repo,
} from './publication.repository.js';

/** ZS-21: the reviewing side answers within this many working days of a (re)submission. */
const PUBLICATION_REVIEW_WORKING_DAYS = 5;
/** 审核意见 numbers: GKSH-YYYY-NNN, gap-free per year. */
const NUMBER_PREFIX = 'GKSH';
const OVERSIGHT_ROLES = ['reviewer', 'leader', 'admin'] as const;
const REVIEWER_EVENTS: readonly PublicationEvent[] = ['approve', 'reject', 'requestChanges'];
const HISTORY_LIMIT = 200;
const MAX_NAME = 200;

/** An uploaded file as the HTTP adapter hands it over. */
export interface UploadedFile {
  name: string;
  data: Buffer;
}

type PreparedFile = NewAttachment & { data: Buffer };

const iso = (d: Date | null) => (d ? d.toISOString() : null);
/** Where a notice about a request leads in the web UI. */
const linkTo = (id: string) => `/publication-reviews?id=${id}`;

function requireActor(ctx: RequestContext): Actor {
  if (!ctx.actor) throw new DomainError('AUTH_REQUIRED');
  return ctx.actor;
}

const scopeOf = (a: Actor): ReviewScope =>
  a.roles.some((r) => (OVERSIGHT_ROLES as readonly string[]).includes(r))
    ? { kind: 'all' }
    : { kind: 'org', orgId: a.orgId };

/** A reviewer never decides a request they filed themselves; the applicant side is the requesting unit. */
const partiesOf = (a: Actor, row: ReviewRow): PublicationParty[] => [
  ...(a.roles.includes('reviewer') && row.applicant_id !== a.userId ? (['reviewer'] as const) : []),
  ...(row.org_id === a.orgId ? (['applicant'] as const) : []),
];

/** Attachments: PNG/JPEG/PDF by content, at most 20 MB each (BX-18: the map or image to be published). */
function prepareFiles(files: readonly UploadedFile[], storagePrefix: (id: string) => string): PreparedFile[] {
  return files.map((f) => {
    if (f.data.length > PUBLICATION_MAX_FILE_BYTES)
      throw new DomainError('PUBLICATION_ATTACHMENT_TOO_LARGE', { name: f.name, size: f.data.length });
    const mediaType = sniffMediaType(f.data);
    if (!mediaType) throw new DomainError('PUBLICATION_ATTACHMENT_TYPE', { name: f.name });
    const id = randomUUID();
    return {
      id,
      name: f.name.slice(0, MAX_NAME),
      mediaType,
      size: f.data.length,
      checksumSm3: sm3Hex(f.data),
      storageKey: storagePrefix(id),
      data: f.data,
    };
  });
}

function checkFileCount(count: number): void {
  if (count < 1) throw new DomainError('PUBLICATION_ATTACHMENT_REQUIRED');
  if (count > PUBLICATION_MAX_FILES) throw new DomainError('PUBLICATION_ATTACHMENT_TOO_MANY', { count });
}

const fieldsOf = (i: PublicationReviewInput): ReviewFields => ({
  title: i.title.trim(),
  kind: i.kind,
  medium: i.medium.trim(),
  plannedDate: i.plannedDate,
  description: i.description.trim(),
  citation: i.citation.trim(),
  secrecyReviewConfirmed: i.secrecyReviewConfirmed,
  secrecyReviewNote: i.secrecyReviewNote?.trim() || null,
});

/**
 * Publication review (BX-18, MNR-12, MNR-18, ZS-23). One use case = one transaction with one audit row; the audit
 * trail is the request's history. Attachment files are written inside the transaction and removed again when it
 * fails, so a refused request leaves nothing behind.
 */
export class PublicationService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly calendar: CalendarService,
    private readonly storage: Storage,
    private readonly notifications: NotificationService,
  ) {}

  /** A unit asks to publish or display imagery or a derived product, citing its sources (BX-18, MNR-18). */
  async create(ctx: RequestContext, input: PublicationReviewInput, files: readonly UploadedFile[]) {
    const actor = requireActor(ctx);
    checkFileCount(files.length);
    const reviewId = randomUUID();
    const prepared = prepareFiles(files, (id) => `publication/${reviewId}/${id}`);
    await this.withFiles(prepared, async (tx) => {
      const sources = await this.checkRequest(tx, ctx, input);
      const now = this.clock.now();
      const dueDate = await this.deadline(tx, now);
      const id = await repo.insert(
        tx,
        { ...fieldsOf(input), id: reviewId, orgId: actor.orgId, applicantId: actor.userId, dueDate },
        now,
      );
      await repo.setSources(tx, id, sources);
      await repo.addAttachments(tx, id, prepared, actor.userId, now);
      await this.notifyReviewers(tx, id, `${actor.orgName}：${input.title}`, dueDate);
      await this.audit.record(tx, ctx, {
        action: 'publication.submit',
        objectType: 'publication_review',
        objectId: id,
        summary: {
          to: 'submitted',
          title: input.title,
          sources: sources.map((s) => `${s.collectionId}/${s.itemId}`),
          attachments: prepared.map((f) => ({ name: f.name, sm3: f.checksumSm3 })),
          dueDate,
        },
      });
    });
    return this.view(actor, (await repo.get(this.db, reviewId, { kind: 'all' }))!);
  }

  /** After 退回修改 the applicant's unit sends the request again; the deadline starts over. */
  async resubmit(ctx: RequestContext, id: string, input: PublicationResubmitInput, files: readonly UploadedFile[]) {
    const actor = requireActor(ctx);
    const prepared = prepareFiles(files, (fileId) => `publication/${id}/${fileId}`);
    await this.withFiles(prepared, async (tx) => {
      const row = await this.lockVisible(tx, actor, id);
      applyTransition(PUBLICATION_MACHINE, row.state, 'resubmit', partiesOf(actor, row));
      const current = await repo.attachments(tx, [id]);
      const unknown = input.keepAttachmentIds.filter((k) => !current.some((a) => a.id === k));
      if (unknown.length) throw new DomainError('PUBLICATION_ATTACHMENT_NOT_FOUND', { ids: unknown });
      checkFileCount(input.keepAttachmentIds.length + prepared.length);
      const sources = await this.checkRequest(tx, ctx, input);
      const now = this.clock.now();
      const dueDate = await this.deadline(tx, now);
      await repo.resubmit(tx, id, { ...fieldsOf(input), dueDate }, now);
      await repo.setSources(tx, id, sources);
      await repo.withdrawAttachmentsExcept(tx, id, input.keepAttachmentIds, now);
      await repo.addAttachments(tx, id, prepared, actor.userId, now);
      await this.notifyReviewers(tx, id, `${row.org_name}（修改后重新提交）：${input.title}`, dueDate);
      await this.audit.record(tx, ctx, {
        action: 'publication.resubmit',
        objectType: 'publication_review',
        objectId: id,
        summary: {
          from: row.state,
          to: 'submitted',
          sources: sources.map((s) => `${s.collectionId}/${s.itemId}`),
          kept: input.keepAttachmentIds,
          attachments: prepared.map((f) => ({ name: f.name, sm3: f.checksumSm3 })),
          dueDate,
        },
      });
    });
    return this.view(actor, (await repo.get(this.db, id, { kind: 'all' }))!);
  }

  /** BX-18 / ZS-23: approval is the written consent, numbered GKSH-YYYY-NNN (gap-free: taken in this transaction). */
  approve(ctx: RequestContext, id: string, body: ApprovePublicationBody) {
    return this.decide(ctx, id, 'approve', body.note?.trim() || null, async (tx) => {
      const year = Number(chinaDate(this.clock.now()).slice(0, 4));
      return nextFormNumber(tx, NUMBER_PREFIX, year);
    });
  }

  reject(ctx: RequestContext, id: string, body: PublicationReasonBody) {
    return this.decide(ctx, id, 'reject', body.reason.trim());
  }

  requestChanges(ctx: RequestContext, id: string, body: PublicationReasonBody) {
    return this.decide(ctx, id, 'requestChanges', body.reason.trim());
  }

  async list(ctx: RequestContext, q: PublicationReviewQuery): Promise<PublicationReview[]> {
    const actor = requireActor(ctx);
    const rows = await repo.list(this.db, scopeOf(actor), {
      ...(q.mine ? { orgId: actor.orgId } : {}),
      ...(q.state ? { state: q.state } : {}),
    });
    return this.views(actor, rows);
  }

  async get(ctx: RequestContext, id: string): Promise<PublicationReviewDetail> {
    const actor = requireActor(ctx);
    const row = await repo.get(this.db, id, scopeOf(actor));
    if (!row) throw new DomainError('PUBLICATION_NOT_FOUND', { id });
    const events = await this.audit.list({ objectType: 'publication_review', objectId: id, limit: HISTORY_LIMIT });
    const history = events
      .reverse()
      .map((e) => ({ at: e.at.toISOString(), actorName: e.actorName, action: e.action, summary: e.summary }));
    return { ...(await this.view(actor, row)), history };
  }

  /** An attachment file, for whoever may see the request. */
  async openAttachment(
    ctx: RequestContext,
    id: string,
    attachmentId: string,
  ): Promise<{ stream: Readable; name: string; mediaType: string; size: number }> {
    const actor = requireActor(ctx);
    if (!(await repo.get(this.db, id, scopeOf(actor)))) throw new DomainError('PUBLICATION_NOT_FOUND', { id });
    const a = await repo.attachment(this.db, id, attachmentId);
    if (!a) throw new DomainError('PUBLICATION_ATTACHMENT_NOT_FOUND', { id: attachmentId });
    return { stream: await this.storage.read(a.storage_key), name: a.name, mediaType: a.media_type, size: a.size };
  }

  // ------------------------------------------------------------------------------------------------------------

  /** The reviewer's decision: lock, ask the machine, write state + decision + audit row together. */
  private async decide(
    ctx: RequestContext,
    id: string,
    event: PublicationEvent,
    note: string | null,
    numberOf?: (tx: Queryable) => Promise<string>,
  ): Promise<PublicationReview> {
    const actor = requireActor(ctx);
    await this.db.transaction(async (tx) => {
      const row = await this.lockVisible(tx, actor, id);
      if (REVIEWER_EVENTS.includes(event) && actor.roles.includes('reviewer') && row.applicant_id === actor.userId)
        throw new DomainError('PUBLICATION_SELF_REVIEW');
      const to = applyTransition(PUBLICATION_MACHINE, row.state, event, partiesOf(actor, row));
      const number = numberOf ? await numberOf(tx) : null;
      await repo.decide(tx, id, { state: to, number, by: actor.userId, note }, this.clock.now());
      await this.notifications.notify(
        tx,
        { orgId: row.org_id },
        {
          title: `发布审核${PUBLICATION_STATE_LABELS[to]}：${row.title}`,
          body: [number ? `审核意见编号 ${number}` : null, note].filter(Boolean).join('；'),
          link: linkTo(id),
        },
      );
      await this.audit.record(tx, ctx, {
        action: `publication.${event}`,
        objectType: 'publication_review',
        objectId: id,
        summary: { from: row.state, to, ...(number ? { number } : {}), note },
      });
    });
    return this.view(actor, (await repo.get(this.db, id, { kind: 'all' }))!);
  }

  /** ZS-21: the reviewers hear of a (re)submitted request and its deadline. */
  private notifyReviewers(tx: Queryable, id: string, what: string, dueDate: string) {
    return this.notifications.notify(
      tx,
      { role: 'reviewer' },
      {
        title: `待审核的发布申请：${what}`,
        body: `请于 ${dueDate} 前答复（5 个工作日）`,
        link: linkTo(id),
      },
    );
  }

  private async lockVisible(tx: Queryable, actor: Actor, id: string): Promise<ReviewRow> {
    const row = await repo.get(tx, id, scopeOf(actor), true);
    if (!row) throw new DomainError('PUBLICATION_NOT_FOUND', { id });
    return row;
  }

  /**
   * The request's own rules: a planned date not in the past; every source an item the applicant can see (MNR-18:
   * cite what the product derives from); classified sources only after the unit's secrecy review (MNR-18).
   */
  private async checkRequest(tx: Queryable, ctx: RequestContext, input: PublicationReviewInput) {
    if (input.plannedDate < chinaDate(this.clock.now()))
      throw new DomainError('PUBLICATION_PLANNED_DATE_PAST', { plannedDate: input.plannedDate });
    const found = await repo.visibleSources(tx, viewerOf(ctx), input.sources);
    const secrecyOf = new Map(found.map((f) => [`${f.collection_id}/${f.id}`, f.secrecy]));
    const missing = input.sources.filter((s) => !secrecyOf.has(`${s.collectionId}/${s.itemId}`));
    if (missing.length) throw new DomainError('PUBLICATION_SOURCE_NOT_FOUND', { missing });
    const sources = input.sources.map((s) => ({ ...s, secrecy: secrecyOf.get(`${s.collectionId}/${s.itemId}`)! }));
    if (sources.some((s) => isClassified(s.secrecy)) && !input.secrecyReviewConfirmed)
      throw new DomainError('PUBLICATION_SECRECY_REVIEW_REQUIRED', {
        classified: sources.filter((s) => isClassified(s.secrecy)).map((s) => `${s.collectionId}/${s.itemId}`),
      });
    return sources;
  }

  /** ZS-21: 5 working days from the China date of the (re)submission, on the official calendar. */
  private deadline(tx: Queryable, now: Date): Promise<string> {
    return this.calendar.addWorkingDays(chinaDate(now), PUBLICATION_REVIEW_WORKING_DAYS, tx);
  }

  /** Runs `work` in a transaction that also stores `files`; stored files are removed when the transaction fails. */
  private async withFiles(files: readonly PreparedFile[], work: (tx: Queryable) => Promise<void>): Promise<void> {
    const stored: string[] = [];
    try {
      await this.db.transaction(async (tx) => {
        await work(tx);
        for (const f of files) {
          await this.storage.put(f.storageKey, f.data);
          stored.push(f.storageKey);
        }
      });
    } catch (e) {
      await Promise.allSettled(stored.map((k) => this.storage.remove(k)));
      throw e;
    }
  }

  private async view(actor: Actor, row: ReviewRow): Promise<PublicationReview> {
    return (await this.views(actor, [row]))[0]!;
  }

  private async views(actor: Actor, rows: readonly ReviewRow[]): Promise<PublicationReview[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const [sources, attachments, calendar] = await Promise.all([
      repo.sources(this.db, ids),
      repo.attachments(this.db, ids),
      this.calendar.calendar(),
    ]);
    const today = chinaDate(this.clock.now());
    return rows.map((r) => {
      const mine = sources.filter((s) => s.review_id === r.id);
      const left = r.state === 'submitted' ? calendar.workingDaysBetween(today, r.due_date) : null;
      return {
        id: r.id,
        number: r.number,
        orgId: r.org_id,
        orgName: r.org_name,
        applicantName: r.applicant_name,
        title: r.title,
        kind: r.kind,
        medium: r.medium,
        plannedDate: r.planned_date,
        description: r.description,
        citation: r.citation,
        secrecyReviewConfirmed: r.secrecy_review_confirmed,
        secrecyReviewNote: r.secrecy_review_note,
        classified: mine.some((s) => isClassified(s.secrecy)),
        sources: mine.map((s) => ({
          collectionId: s.collection_id,
          itemId: s.item_id,
          title: s.title,
          catalogueNo: s.catalogue_no,
          secrecy: s.secrecy,
          custodianName: s.custodian_name,
        })),
        attachments: attachments
          .filter((a) => a.review_id === r.id)
          .map((a) => ({
            id: a.id,
            name: a.name,
            mediaType: a.media_type,
            size: a.size,
            uploadedAt: a.uploaded_at.toISOString(),
          })),
        state: r.state,
        submittedAt: r.submitted_at.toISOString(),
        dueDate: r.due_date,
        workingDaysLeft: left,
        overdue: left !== null && left < 0,
        decidedByName: r.decided_by_name,
        decidedAt: iso(r.decided_at),
        decisionNote: r.decision_note,
        createdAt: r.created_at.toISOString(),
        updatedAt: r.updated_at.toISOString(),
        actions: availableEvents(PUBLICATION_MACHINE, r.state, partiesOf(actor, r)),
      };
    });
  }
}
