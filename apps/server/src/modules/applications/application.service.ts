import type {
  ApplicationDetail,
  ApplicationInput,
  ApplicationState,
  ApplicationSummary,
  ConfidentialityAgreement,
  HandoverBody,
  ProvisionRecord,
  ReadyBody,
  ReviewBody,
  SubmissionHold,
  SubmissionHoldInput,
  UsageLogEntry,
  UsageLogInput,
} from '@geoshare/shared';
import { maskIdNumber } from '@geoshare/shared';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { Actor, RequestContext } from '../../platform/auth/actor.js';
import type { CalendarService } from '../../platform/calendar/calendar.service.js';
import { type Clock, chinaDate } from '../../platform/clock.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { Db, Queryable } from '../../platform/db/db.port.js';
import { DomainError } from '../../platform/errors/domain-error.js';
import { nextFormNumber } from '../../platform/numbering/number-sequence.repository.js';
import { applyTransition, availableEvents } from '../../platform/workflow/transition.rules.js';
import { viewerOf } from '../catalog/catalog.service.js';
import { requireValidIdNumber } from '../identity/person.rules.js';
import type { NotificationService } from '../notifications/notification.service.js';
import type { ApplicationDocuments } from './application.documents.js';
import { APPLICATION_MACHINE, type ApplicationEventName, partiesOf } from './application.machine.js';
import { type ApplicationRow, type ApplicationScope, applicationRepository as repo } from './application.repository.js';
import {
  agreementInForce,
  agreementValidUntil,
  deadlineAction,
  handoverIdentity,
  initialDecision,
  NUMBER_PREFIX,
  reviewOutcome,
  submitOutcome,
  usageLogProblem,
} from './application.rules.js';

/** ZS-21: the provider answers a conditional request within this many working days. */
export const REVIEW_WORKING_DAYS = 5;

const OVERSIGHT_ROLES = ['admin', 'leader', 'reviewer', 'custodian'] as const;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * The data-application use cases (BX-22, MNR-15..18, ZS-21, BX-11, BX-21, BX-23). One use case = one transaction:
 * the state change, its timeline event, its audit row, its notices and its sealed documents commit together.
 */
export class ApplicationService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly calendar: CalendarService,
    private readonly cipher: FieldCipher,
    private readonly notifications: NotificationService,
    private readonly documents: ApplicationDocuments,
  ) {}

  private today(): string {
    return chinaDate(this.clock.now());
  }

  // ------------------------------------------------------------------------------------------------------------
  // Reading

  async list(ctx: RequestContext, scope: 'mine' | 'review' | 'provision' | 'all', state: ApplicationState | null) {
    const actor = requireActor(ctx);
    const s = scopeFor(actor, scope);
    const rows = await repo.list(this.db, s, state);
    const calendar = await this.calendar.calendar();
    const today = this.today();
    return rows.map((r) => this.summary(r, today, calendar));
  }

  async detail(ctx: RequestContext, id: string): Promise<ApplicationDetail> {
    const actor = requireActor(ctx);
    const row = await this.visible(this.db, actor, id);
    const [lines, handlers, events, documents, calendar] = await Promise.all([
      repo.lines(this.db, id),
      repo.handlers(this.db, id),
      repo.events(this.db, id),
      this.documents.list(id),
      this.calendar.calendar(),
    ]);
    const isApplicant = actor.orgId === row.org_id;
    return {
      ...this.summary(row, this.today(), calendar),
      letter: row.letter,
      purpose: row.purpose,
      projects: row.projects,
      handlers: handlers.map((h) => ({ name: h.name, idNumberMasked: h.id_number_masked, phone: h.phone })),
      legalRepresentative: row.legal_representative,
      orderProject: row.order_project,
      medium: row.medium,
      agreementId: row.agreement_id,
      agreementNumber: row.agreement_number,
      agreementValidUntil: row.agreement_valid_until,
      rejectReason: row.reject_reason,
      sizeGb: row.size_gb,
      pickupNote: row.pickup_note,
      receiverName: row.receiver_name,
      introductionLetter: row.introduction_letter,
      handedOverAt: iso(row.handed_over_at),
      lines: lines.map((l) => ({
        id: l.id,
        collectionId: l.collection_id,
        itemId: l.item_id,
        title: l.title,
        catalogueNo: l.catalogue_no,
        datetime: l.datetime.toISOString(),
        gsd: l.gsd,
        secrecy: l.secrecy,
        sharingType: l.sharing_type,
        sizeBytes: l.size_bytes,
        decision: l.decision,
        reason: l.reason,
        decidedAt: iso(l.decided_at),
      })),
      events: events.map((e) => ({
        at: e.at.toISOString(),
        actorName: e.actor_name,
        action: e.action,
        fromState: e.from_state,
        toState: e.to_state,
        note: e.note,
      })),
      documents,
      actions: [
        ...availableEvents(APPLICATION_MACHINE, row.state, partiesOf({ isApplicant, roles: actor.roles })),
        ...(isApplicant && row.state === 'handedOver' ? ['logUsage'] : []),
      ],
    };
  }

  private summary(
    r: ApplicationRow,
    today: string,
    cal: Awaited<ReturnType<CalendarService['calendar']>>,
  ): ApplicationSummary {
    const pending = r.state === 'inReview' && r.review_due !== null;
    let left: number | null = null;
    if (pending) {
      const due = r.review_due!;
      left = today <= due ? cal.workingDaysBetween(today, due) : -Math.max(1, cal.workingDaysBetween(due, today));
    }
    return {
      id: r.id,
      number: r.number,
      orderNumber: r.order_number,
      handoverNumber: r.handover_number,
      state: r.state,
      orgId: r.org_id,
      orgName: r.org_name,
      title: applicationTitle(r.letter.regionName),
      createdByName: r.created_by_name,
      createdAt: r.created_at.toISOString(),
      submittedAt: iso(r.submitted_at),
      reviewDue: r.review_due,
      workingDaysLeft: left,
      overdue: left !== null && left < 0,
      escalated: r.escalated_at !== null,
      lineCount: r.line_count,
      classified: r.classified,
    };
  }

  /** Sealed documents of an application are for whoever may see the application (ZS-14 downloads). */
  async maySee(ctx: RequestContext, id: string): Promise<boolean> {
    if (!ctx.actor) return false;
    return this.visible(this.db, ctx.actor, id).then(
      () => true,
      () => false,
    );
  }

  /** A confidentiality agreement is for its unit and the provider side. */
  async maySeeAgreement(ctx: RequestContext, id: string): Promise<boolean> {
    const actor = ctx.actor;
    if (!actor) return false;
    if (actor.roles.some((r) => (OVERSIGHT_ROLES as readonly string[]).includes(r))) return true;
    return (await repo.agreements(this.db, actor.orgId)).some((a) => a.id === id);
  }

  /** The application if the caller may see it: its own unit, or the provider side's reviewers, custodians, leaders. */
  private async visible(q: Queryable, actor: Actor, id: string, forUpdate = false): Promise<ApplicationRow> {
    const row = await repo.get(q, id, forUpdate);
    const oversight = actor.roles.some((r) => (OVERSIGHT_ROLES as readonly string[]).includes(r));
    if (!row || (row.org_id !== actor.orgId && !(oversight && row.state !== 'draft'))) {
      throw new DomainError('APPLICATION_NOT_FOUND', { id });
    }
    return row;
  }

  // ------------------------------------------------------------------------------------------------------------
  // Applying (BX-22 steps 1–2)

  /** Creates the application from the request basket; with `submit` it is submitted in the same transaction. */
  create(
    ctx: RequestContext,
    input: ApplicationInput,
    opts: { submit: boolean; baseUrl: string },
  ): Promise<{ id: string }> {
    const actor = requireActor(ctx);
    return this.db.transaction(async (tx) => {
      const refs = dedupe(input.items);
      const items = await repo.orderableItems(tx, viewerOf(ctx), refs);
      const found = new Set(items.map((i) => `${i.collection_id}/${i.id}`));
      const missing = refs.filter((r) => !found.has(`${r.collectionId}/${r.itemId}`));
      if (missing.length > 0) throw new DomainError('APPLICATION_ITEM_UNKNOWN', { missing });
      // The order lists the entries as the unit picked them.
      const rank = new Map(refs.map((r, k) => [`${r.collectionId}/${r.itemId}`, k]));
      items.sort((a, b) => rank.get(`${a.collection_id}/${a.id}`)! - rank.get(`${b.collection_id}/${b.id}`)!);
      const lines = items.map((i) => {
        const d = initialDecision(i.sharing_type, i.sharing_basis);
        if (typeof d !== 'string') {
          throw new DomainError(
            d.code,
            { collectionId: i.collection_id, itemId: i.id, basis: d.basis },
            `“${i.title}”不予共享，不能申请（依据：${d.basis ?? '未注明'}）；如确有需要，请与提供方协商或报请上级协调`,
          );
        }
        return { ...i, decision: d };
      });
      const handlers = input.handlers.map((h) => {
        const idNumber = requireValidIdNumber(h.idNumber);
        return {
          name: h.name.trim(),
          id_number_enc: this.cipher.encrypt(idNumber),
          id_number_hmac: this.cipher.lookupHash(idNumber),
          id_number_masked: maskIdNumber(idNumber),
          phone: h.phone.trim(),
        };
      });
      const provider = await providerOrg(tx);
      const now = this.clock.now();
      const id = await repo.insert(
        tx,
        {
          orgId: actor.orgId,
          providerOrgId: provider,
          createdBy: actor.userId,
          letter: input.letter,
          purpose: input.purpose.trim(),
          projects: input.projects,
          legalRepresentative: input.legalRepresentative.trim(),
          orderProject: input.orderProject.trim(),
          medium: input.medium,
        },
        now,
      );
      await repo.insertHandlers(tx, id, handlers);
      await repo.insertLines(tx, id, lines);
      await repo.addEvent(tx, {
        applicationId: id,
        at: now,
        actorId: actor.userId,
        action: 'create',
        from: null,
        to: 'draft',
        note: null,
      });
      await this.audit.record(tx, ctx, {
        action: 'application.create',
        objectType: 'application',
        objectId: id,
        summary: { items: lines.length, classified: lines.filter((l) => l.secrecy !== 'public').length },
      });
      if (opts.submit) await this.submitIn(tx, ctx, id, opts.baseUrl);
      return { id };
    });
  }

  submit(ctx: RequestContext, id: string, baseUrl: string): Promise<void> {
    return this.db.transaction((tx) => this.submitIn(tx, ctx, id, baseUrl));
  }

  /**
   * BX-22 (2): numbers the form (SQB-YYYY-NNN) and the order, binds the unit's confidentiality agreement in force
   * (BX-F4), and routes by sharing type (ZS-21): conditional items wait for review within 5 working days; an
   * all-unconditional order is approved at once — after the BX-11 check, since nothing else stops it.
   */
  private async submitIn(tx: Queryable, ctx: RequestContext, id: string, baseUrl: string): Promise<void> {
    const actor = requireActor(ctx);
    const row = await this.visible(tx, actor, id, true);
    const lines = await repo.lines(tx, id);
    const outcome = submitOutcome(lines.map((l) => l.decision));
    const to = this.allowed(row, actor, 'submit', outcome);
    const today = this.today();
    const agreement = await repo.agreementInForce(tx, row.org_id, today);
    if (!agreement) {
      const last = (await repo.agreements(tx, row.org_id))[0];
      if (last) {
        throw new DomainError(
          'APPLICATION_AGREEMENT_EXPIRED',
          { number: last.number, validUntil: last.valid_until },
          `本单位的保密协议（${last.number}）已于 ${last.valid_until} 到期，请先续签《遥感影像数据使用保密协议》`,
        );
      }
      throw new DomainError('APPLICATION_AGREEMENT_REQUIRED', { orgId: row.org_id });
    }
    if (to === 'approved') await this.assertNoHold(tx, row);
    const year = Number(today.slice(0, 4));
    const number = await nextFormNumber(tx, NUMBER_PREFIX.application, year);
    const orderNumber = await nextFormNumber(tx, NUMBER_PREFIX.order, year);
    const now = this.clock.now();
    const reviewDue = to === 'inReview' ? await this.calendar.addWorkingDays(today, REVIEW_WORKING_DAYS, tx) : null;
    await repo.update(
      tx,
      id,
      to,
      {
        number,
        order_number: orderNumber,
        agreement_id: agreement.id,
        submitted_at: now,
        review_due: reviewDue,
        ...(to === 'approved' ? { decided_at: now } : {}),
      },
      now,
    );
    // The forms are rendered before this use case's own audit row, so the audit chain is not held while rendering.
    const submitted = (await repo.get(tx, id))!;
    await this.documents.issueApplicationSet(tx, ctx, submitted, lines, await repo.handlers(tx, id), baseUrl);
    await this.event(
      tx,
      ctx,
      row,
      'submit',
      to,
      reviewDue ? `审核期限 ${reviewDue}（${REVIEW_WORKING_DAYS} 个工作日）` : '均为无条件共享数据，无需审核',
      { number, orderNumber, reviewDue },
    );
    const link = `/applications/${id}`;
    if (to === 'inReview') {
      await this.notifications.notify(
        tx,
        { role: 'reviewer' },
        {
          title: `待审核：${number}`,
          body: `${row.org_name}申请遥感影像数据，请于 ${reviewDue} 前完成审核。`,
          link,
        },
      );
    } else await this.notifyProvision(tx, row, number, link);
  }

  withdraw(ctx: RequestContext, id: string, reason: string | undefined): Promise<void> {
    const actor = requireActor(ctx);
    return this.db.transaction(async (tx) => {
      const row = await this.visible(tx, actor, id, true);
      const to = this.allowed(row, actor, 'withdraw');
      await repo.update(tx, id, to, {}, this.clock.now());
      await this.event(tx, ctx, row, 'withdraw', to, reason?.trim() || null, {});
    });
  }

  // ------------------------------------------------------------------------------------------------------------
  // Review (MNR-15, MNR-16, ZS-21, BX-11)

  review(ctx: RequestContext, id: string, body: ReviewBody): Promise<void> {
    const actor = requireActor(ctx);
    return this.db.transaction(async (tx) => {
      const row = await this.visible(tx, actor, id, true);
      this.allowed(row, actor, 'review');
      const lines = await repo.lines(tx, id);
      const r = reviewOutcome(lines, body.decisions);
      if ('code' in r) throw new DomainError(r.code, r);
      const to = this.allowed(row, actor, 'review', r.outcome);
      // BX-11: a unit that has not submitted what it must gets nothing until it has.
      if (to === 'approved') await this.assertNoHold(tx, row);
      const now = this.clock.now();
      for (const [lineId, d] of r.decided) {
        await repo.decideLine(tx, lineId, { ...d, by: actor.userId, at: now });
      }
      const rejected = [...r.decided.entries()].filter(([, d]) => !d.approved);
      const rejectReason =
        rejected.length > 0
          ? rejected.map(([lineId, d]) => `${lines.find((l) => l.id === lineId)!.title}：${d.reason}`).join('；')
          : null;
      await repo.update(tx, id, to, { decided_at: now, decided_by: actor.userId, reject_reason: rejectReason }, now);
      await this.event(tx, ctx, row, 'review', to, body.note?.trim() || rejectReason, {
        approved: [...r.decided.values()].filter((d) => d.approved).length,
        rejected: rejected.length,
      });
      const link = `/applications/${id}`;
      await this.notifications.notify(
        tx,
        { orgId: row.org_id },
        {
          title: to === 'approved' ? `申请已批准：${row.number}` : `申请未通过：${row.number}`,
          body: to === 'approved' ? '服务中心将准备数据并通知领取。' : `原因：${rejectReason}`,
          link,
        },
      );
      if (to === 'approved') await this.notifyProvision(tx, row, row.number!, link);
    });
  }

  private async assertNoHold(tx: Queryable, row: ApplicationRow): Promise<void> {
    const holds = await repo.openHolds(tx, row.org_id);
    const h = holds[0];
    if (h) {
      throw new DomainError(
        'APPLICATION_BLOCKED_BX11',
        { holds: holds.map((x) => ({ id: x.id, title: x.title, dueDate: x.due_date })) },
        `${row.org_name}未按规定汇交“${h.title}”（应于 ${h.due_date} 前汇交；${h.reason}），在完成汇交前暂停向其提供遥感影像数据（BX-11）`,
      );
    }
  }

  private notifyProvision(tx: Queryable, row: ApplicationRow, number: string, link: string) {
    return this.notifications.notify(
      tx,
      { role: 'custodian' },
      {
        title: `待提供：${number}`,
        body: `${row.org_name}的数据申请已批准，请准备数据并通知领取。`,
        link,
      },
    );
  }

  /**
   * Deadline watch (ZS-21): on the last working day the reviewers are reminded; once the deadline has passed the
   * application is escalated to the leaders. Runs periodically; each application is handled in its own transaction.
   */
  async sweepDeadlines(): Promise<{ reminded: number; escalated: number }> {
    const pending = await repo.pendingReviews(this.db);
    const cal = await this.calendar.calendar();
    const today = this.today();
    let reminded = 0;
    let escalated = 0;
    for (const p of pending) {
      const left =
        today <= p.review_due
          ? cal.workingDaysBetween(today, p.review_due)
          : -Math.max(1, cal.workingDaysBetween(p.review_due, today));
      const action = deadlineAction(left, { reminded: p.reminded_at !== null, escalated: p.escalated_at !== null });
      if (!action) continue;
      await this.db.transaction(async (tx) => {
        const now = this.clock.now();
        const link = `/applications/${p.id}`;
        if (action === 'remind') {
          await tx.query('UPDATE data_application SET reminded_at = $2 WHERE id = $1', [p.id, now]);
          await this.notifications.notify(
            tx,
            { role: 'reviewer' },
            {
              title: `审核即将到期：${p.number}`,
              body: `${p.org_name}的申请须于 ${p.review_due} 前答复（ZS-21，5 个工作日）。`,
              link,
            },
          );
          reminded += 1;
        } else {
          await tx.query('UPDATE data_application SET escalated_at = $2 WHERE id = $1', [p.id, now]);
          await this.notifications.notify(
            tx,
            { role: 'leader' },
            {
              title: `审核逾期：${p.number}`,
              body: `${p.org_name}的申请已超过审核期限 ${p.review_due}，请督办。`,
              link,
            },
          );
          escalated += 1;
        }
        await this.audit.record(
          tx,
          { actor: null, ip: null },
          {
            action: action === 'remind' ? 'application.review_reminded' : 'application.review_escalated',
            objectType: 'application',
            objectId: p.id,
            summary: { number: p.number, reviewDue: p.review_due },
          },
        );
      });
    }
    return { reminded, escalated };
  }

  // ------------------------------------------------------------------------------------------------------------
  // Provision (BX-21, BX-22 step 3, MNR-17)

  prepare(ctx: RequestContext, id: string): Promise<void> {
    const actor = requireActor(ctx);
    return this.db.transaction(async (tx) => {
      const row = await this.visible(tx, actor, id, true);
      const to = this.allowed(row, actor, 'prepare');
      await repo.update(tx, id, to, {}, this.clock.now());
      await this.event(tx, ctx, row, 'prepare', to, '已建立数据导出任务', {});
    });
  }

  notifyPickup(ctx: RequestContext, id: string, body: ReadyBody): Promise<void> {
    const actor = requireActor(ctx);
    return this.db.transaction(async (tx) => {
      const row = await this.visible(tx, actor, id, true);
      const to = this.allowed(row, actor, 'notifyPickup');
      const pickupNote = body.pickupNote.trim();
      await repo.update(
        tx,
        id,
        to,
        { size_gb: body.sizeGb, pickup_note: pickupNote, ...(body.medium ? { medium: body.medium } : {}) },
        this.clock.now(),
      );
      await this.event(tx, ctx, row, 'notifyPickup', to, pickupNote, { sizeGb: body.sizeGb });
      await this.notifications.notify(
        tx,
        { orgId: row.org_id },
        {
          title: `请领取数据：${row.number}`,
          body: `${pickupNote}。经办人须持身份证原件及复印件领取（BX-22）。`,
          link: `/applications/${id}`,
        },
      );
    });
  }

  /**
   * BX-22 (3), BX-F3/F5, MNR-17: the receiver's ID number must match a handler of the form (keyed digest), or the unit's
   * introduction letter is recorded; the hand-over form YJD-YYYY-NNN is numbered, sealed by the provider and kept.
   */
  handOver(ctx: RequestContext, id: string, body: HandoverBody, baseUrl: string): Promise<{ handoverNumber: string }> {
    const actor = requireActor(ctx);
    return this.db.transaction(async (tx) => {
      const row = await this.visible(tx, actor, id, true);
      const to = this.allowed(row, actor, 'handOver');
      const idNumber = requireValidIdNumber(body.receiverIdNumber);
      const digest = this.cipher.lookupHash(idNumber);
      const handlers = await repo.handlers(tx, id);
      const identity = handoverIdentity(
        digest,
        handlers.map((h) => h.id_number_hmac),
        body.introductionLetter,
      );
      if (identity === 'refused') {
        throw new DomainError('HANDOVER_ID_MISMATCH', { handlers: handlers.map((h) => h.name) });
      }
      const handler = handlers.find((h) => h.id_number_hmac === digest);
      if (handler && handler.name !== body.receiverName.trim()) {
        throw new DomainError('HANDOVER_NAME_MISMATCH', { expected: handler.name });
      }
      const year = Number(this.today().slice(0, 4));
      const handoverNumber = await nextFormNumber(tx, NUMBER_PREFIX.handover, year);
      const now = this.clock.now();
      await repo.update(
        tx,
        id,
        to,
        {
          handover_number: handoverNumber,
          receiver_name: body.receiverName.trim(),
          receiver_id_hmac: digest,
          receiver_id_masked: maskIdNumber(idNumber),
          introduction_letter: identity === 'introduced' ? body.introductionLetter!.trim() : null,
          handed_over_at: now,
          handed_over_by: actor.userId,
          remarks: body.remarks?.trim() || null,
        },
        now,
      );
      const after = (await repo.get(tx, id))!;
      await this.documents.issueHandover(tx, ctx, after, await repo.lines(tx, id), baseUrl);
      await this.event(
        tx,
        ctx,
        row,
        'handOver',
        to,
        identity === 'introduced'
          ? `接收人非申请表经办人，凭介绍信领取：${body.introductionLetter!.trim()}`
          : '经办人身份核验一致',
        { handoverNumber, identity },
      );
      return { handoverNumber };
    });
  }

  /** The machine's verdict for `event` fired by this caller (403 / 409 with stable codes). */
  private allowed(
    row: ApplicationRow,
    actor: Actor,
    event: ApplicationEventName,
    outcome?: ApplicationState,
  ): ApplicationState {
    const parties = partiesOf({ isApplicant: actor.orgId === row.org_id, roles: actor.roles });
    return applyTransition(APPLICATION_MACHINE, row.state, event, parties, outcome);
  }

  private async event(
    tx: Queryable,
    ctx: RequestContext,
    row: ApplicationRow,
    action: ApplicationEventName,
    to: ApplicationState,
    note: string | null,
    summary: Record<string, unknown>,
  ): Promise<void> {
    await repo.addEvent(tx, {
      applicationId: row.id,
      at: this.clock.now(),
      actorId: ctx.actor?.userId ?? null,
      action,
      from: row.state,
      to,
      note,
    });
    await this.audit.record(tx, ctx, {
      action: `application.${action}`,
      objectType: 'application',
      objectId: row.id,
      summary: { from: row.state, to, ...summary },
    });
  }

  // ------------------------------------------------------------------------------------------------------------
  // Confidentiality agreements (附件4, BX-F4)

  async agreements(ctx: RequestContext): Promise<ConfidentialityAgreement[]> {
    const actor = requireActor(ctx);
    const all = actor.roles.some((r) => (OVERSIGHT_ROLES as readonly string[]).includes(r));
    const today = this.today();
    return (await repo.agreements(this.db, all ? null : actor.orgId)).map((a) => ({
      id: a.id,
      number: a.number,
      orgId: a.org_id,
      orgName: a.org_name,
      userRepresentative: a.user_representative,
      signedOn: a.signed_on,
      validUntil: a.valid_until,
      inForce: agreementInForce({ signedOn: a.signed_on, validUntil: a.valid_until }, today),
      documentId: a.document_id,
    }));
  }

  /** Signs (or renews) the unit's agreement: valid 3 years; refused while one is still in force (it is reused). */
  signAgreement(ctx: RequestContext, userRepresentative: string, baseUrl: string): Promise<{ id: string }> {
    const actor = requireActor(ctx);
    return this.db.transaction(async (tx) => {
      const today = this.today();
      const current = await repo.agreementInForce(tx, actor.orgId, today);
      if (current)
        throw new DomainError('AGREEMENT_IN_FORCE', { number: current.number, validUntil: current.valid_until });
      const year = Number(today.slice(0, 4));
      const number = await nextFormNumber(tx, NUMBER_PREFIX.agreement, year);
      const provider = await providerOrg(tx);
      const validUntil = agreementValidUntil(today);
      const id = await repo.insertAgreement(
        tx,
        {
          number,
          orgId: actor.orgId,
          providerOrgId: provider,
          userRepresentative: userRepresentative.trim(),
          signedOn: today,
          validUntil,
          createdBy: actor.userId,
        },
        this.clock.now(),
      );
      await this.audit.record(tx, ctx, {
        action: 'agreement.sign',
        objectType: 'confidentiality_agreement',
        objectId: id,
        summary: { number, validUntil },
      });
      const agreement = (await repo.agreements(tx, actor.orgId)).find((a) => a.id === id)!;
      const documentId = await this.documents.issueAgreement(tx, ctx, agreement, baseUrl);
      await repo.setAgreementDocument(tx, id, documentId);
      return { id };
    });
  }

  // ------------------------------------------------------------------------------------------------------------
  // Usage log (BX-23, MNR-18) and traceability (BX-21)

  addUsageLog(ctx: RequestContext, id: string, entry: UsageLogInput): Promise<{ id: string }> {
    const actor = requireActor(ctx);
    return this.db.transaction(async (tx) => {
      const row = await this.visible(tx, actor, id, true);
      if (row.org_id !== actor.orgId) throw new DomainError('AUTH_FORBIDDEN', { reason: 'not the holder' });
      if (row.state !== 'handedOver' || !row.handed_over_at) {
        throw new DomainError('APPLICATION_TRANSITION_INVALID', { state: row.state, event: 'logUsage' });
      }
      const problem = usageLogProblem(entry, chinaDate(row.handed_over_at), this.today());
      if (problem) throw new DomainError(problem, { kind: entry.kind });
      const entryId = await repo.insertUsageLog(tx, id, entry, actor.userId, this.clock.now());
      await this.audit.record(tx, ctx, {
        action: 'application.usage_log',
        objectType: 'application',
        objectId: id,
        summary: { kind: entry.kind, occurredOn: entry.occurredOn, entryId },
      });
      return { id: entryId };
    });
  }

  async usageLog(ctx: RequestContext, id: string): Promise<UsageLogEntry[]> {
    await this.visible(this.db, requireActor(ctx), id);
    return (await repo.usageLog(this.db, id)).map((e) => ({
      id: e.id,
      applicationId: e.application_id,
      kind: e.kind,
      occurredOn: e.occurred_on,
      description: e.description,
      ...(e.copies !== null ? { copies: e.copies } : {}),
      ...(e.third_party_name !== null ? { thirdPartyName: e.third_party_name } : {}),
      ...(e.third_party_foreign !== null ? { thirdPartyForeign: e.third_party_foreign } : {}),
      ...(e.third_party_agreement_no !== null ? { thirdPartyAgreementNo: e.third_party_agreement_no } : {}),
      ...(e.approval_no !== null ? { approvalNo: e.approval_no } : {}),
      ...(e.witness !== null ? { witness: e.witness } : {}),
      createdByName: e.created_by_name,
      createdAt: e.created_at.toISOString(),
    }));
  }

  /** BX-21: every provision, permanently; trace a dataset to every unit that holds it. */
  async provisions(
    ctx: RequestContext,
    f: { collectionId?: string; itemId?: string; orgId?: string },
  ): Promise<ProvisionRecord[]> {
    requireRole(requireActor(ctx), ['custodian', 'leader', 'admin', 'reviewer']);
    const rows = await repo.provisions(this.db, {
      collectionId: f.collectionId ?? null,
      itemId: f.itemId ?? null,
      orgId: f.orgId ?? null,
    });
    return rows.map((r) => ({
      applicationId: r.application_id,
      applicationNumber: r.application_number,
      handoverNumber: r.handover_number,
      orgName: r.org_name,
      receiverName: r.receiver_name,
      handedOverAt: r.handed_over_at.toISOString(),
      collectionId: r.collection_id,
      itemId: r.item_id,
      itemTitle: r.item_title,
      secrecy: r.secrecy,
      destroyed: r.destroyed,
      usageLogCount: r.usage_log_count,
    }));
  }

  // ------------------------------------------------------------------------------------------------------------
  // BX-11 submission holds

  async holds(ctx: RequestContext, openOnly: boolean): Promise<SubmissionHold[]> {
    requireRole(requireActor(ctx), OVERSIGHT_ROLES);
    return (await repo.holds(this.db, openOnly)).map((h) => ({
      id: h.id,
      orgId: h.org_id,
      orgName: h.org_name,
      title: h.title,
      dueDate: h.due_date,
      reason: h.reason,
      createdAt: h.created_at.toISOString(),
      clearedAt: iso(h.cleared_at),
    }));
  }

  createHold(ctx: RequestContext, input: SubmissionHoldInput): Promise<{ id: string }> {
    const actor = requireActor(ctx);
    requireRole(actor, ['admin', 'custodian']);
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query('SELECT 1 FROM org WHERE id = $1', [input.orgId]);
      if (rows.length === 0) throw new DomainError('ORG_NOT_FOUND', { id: input.orgId });
      const id = await repo.insertHold(
        tx,
        {
          orgId: input.orgId,
          title: input.title.trim(),
          dueDate: input.dueDate,
          reason: input.reason.trim(),
          by: actor.userId,
        },
        this.clock.now(),
      );
      await this.audit.record(tx, ctx, {
        action: 'submission_hold.create',
        objectType: 'submission_hold',
        objectId: id,
        summary: { orgId: input.orgId, title: input.title },
      });
      return { id };
    });
  }

  clearHold(ctx: RequestContext, id: string): Promise<void> {
    const actor = requireActor(ctx);
    requireRole(actor, ['admin', 'custodian']);
    return this.db.transaction(async (tx) => {
      if (!(await repo.clearHold(tx, id, actor.userId, this.clock.now())))
        throw new DomainError('SUBMISSION_HOLD_NOT_FOUND', { id });
      await this.audit.record(tx, ctx, {
        action: 'submission_hold.clear',
        objectType: 'submission_hold',
        objectId: id,
      });
    });
  }
}

function requireActor(ctx: RequestContext): Actor {
  if (!ctx.actor) throw new DomainError('AUTH_REQUIRED');
  return ctx.actor;
}

/** AUTH_FORBIDDEN unless the actor holds one of `roles`. */
function requireRole(actor: Actor, roles: readonly string[]): void {
  if (!actor.roles.some((r) => roles.includes(r))) throw new DomainError('AUTH_FORBIDDEN', { required: roles });
}

/** Which applications a list shows: the caller's own unit's, or a provider-side worklist for the roles that work it. */
function scopeFor(actor: Actor, scope: 'mine' | 'review' | 'provision' | 'all'): ApplicationScope {
  if (scope === 'mine') return { kind: 'org', orgId: actor.orgId };
  if (scope === 'review') requireRole(actor, ['reviewer', 'leader', 'admin']);
  else if (scope === 'provision') requireRole(actor, ['custodian', 'leader', 'admin']);
  else requireRole(actor, OVERSIGHT_ROLES);
  return { kind: scope };
}

const applicationTitle = (region: string) => `关于${region}遥感影像数据的申请`;

function dedupe(refs: readonly { collectionId: string; itemId: string }[]) {
  const seen = new Map(refs.map((r) => [`${r.collectionId}/${r.itemId}`, r]));
  return [...seen.values()];
}

/** The bureau that provides the data (附件1 is addressed to it): the top-level bureau organisation. */
async function providerOrg(tx: Queryable): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    "SELECT id FROM org WHERE kind = 'bureau' AND parent_id IS NULL ORDER BY created_at LIMIT 1",
  );
  if (!rows[0]) throw new DomainError('APPLICATION_PROVIDER_MISSING');
  return rows[0].id;
}
