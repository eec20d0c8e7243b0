import { type Static, Type } from 'typebox';
import { SECRECY_LEVELS, SHARING_TYPES } from '../catalog/labels.js';

/**
 * Data applications (BX-22, MNR-15..18, ZS-21): application letter, form SQB-YYYY-NNN, order, confidentiality
 * agreement; review; provision; hand-over YJD-YYYY-NNN; usage log.
 */

export const APPLICATION_STATES = [
  'draft',
  'inReview',
  'approved',
  'rejected',
  'preparing',
  'ready',
  'handedOver',
  'withdrawn',
] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];
export const APPLICATION_STATE_LABELS: Record<ApplicationState, string> = {
  draft: '草稿',
  inReview: '待审核',
  approved: '已批准，待提供',
  rejected: '未通过',
  preparing: '数据准备中',
  ready: '待领取',
  handedOver: '已移交',
  withdrawn: '已撤回',
};

/** Per ordered item: `auto` = unconditional, no review needed (ZS-21). */
export const LINE_DECISIONS = ['auto', 'pending', 'approved', 'rejected'] as const;
export type LineDecision = (typeof LINE_DECISIONS)[number];
export const LINE_DECISION_LABELS: Record<LineDecision, string> = {
  auto: '无条件共享',
  pending: '待审核',
  approved: '同意',
  rejected: '不同意',
};

export const COPY_MEDIA = ['disc', 'usb', 'hdd', 'network'] as const;
export type CopyMedium = (typeof COPY_MEDIA)[number];
export const COPY_MEDIUM_LABELS: Record<CopyMedium, string> = {
  disc: '光盘',
  usb: 'U 盘',
  hdd: '移动硬盘',
  network: '政务内网传输',
};

export const ApplicationProject = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  dataType: Type.String({ minLength: 1, maxLength: 100 }),
  resolution: Type.String({ minLength: 1, maxLength: 50 }),
  imagingTime: Type.String({ minLength: 1, maxLength: 100 }),
  coverage: Type.String({ minLength: 1, maxLength: 200 }),
});
export type ApplicationProject = Static<typeof ApplicationProject>;

export const HandlerInput = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 50 }),
  idNumber: Type.String({ minLength: 15, maxLength: 18 }),
  phone: Type.String({ pattern: '^[0-9+\\- ]{7,20}$' }),
});
export type HandlerInput = Static<typeof HandlerInput>;

/** 附件1 申请函: what the letter must state (area, precision, imaging time, data type, purpose). */
export const ApplicationLetter = Type.Object({
  regionName: Type.String({ minLength: 1, maxLength: 100, description: '地域范围，如“示范市中心城区”' }),
  areaDescription: Type.String({ minLength: 1, maxLength: 300, description: '申请范围，如“中心城区约 120 平方千米”' }),
  precision: Type.String({ minLength: 1, maxLength: 100 }),
  imagingTime: Type.String({ minLength: 1, maxLength: 100 }),
  dataType: Type.String({ minLength: 1, maxLength: 100 }),
  purpose: Type.String({ minLength: 1, maxLength: 500 }),
});
export type ApplicationLetter = Static<typeof ApplicationLetter>;

export const ApplicationInput = Type.Object({
  letter: ApplicationLetter,
  /** 附件2 使用目的 */
  purpose: Type.String({ minLength: 1, maxLength: 1000 }),
  projects: Type.Array(ApplicationProject, { minItems: 1, maxItems: 20 }),
  handlers: Type.Array(HandlerInput, { minItems: 1, maxItems: 5 }),
  legalRepresentative: Type.String({ minLength: 1, maxLength: 50 }),
  /** 附件3 订单: the project the order is for and the copy medium */
  orderProject: Type.String({ minLength: 1, maxLength: 200 }),
  medium: Type.Enum(COPY_MEDIA),
  items: Type.Array(Type.Object({ collectionId: Type.String(), itemId: Type.String() }), {
    minItems: 1,
    maxItems: 500,
  }),
});
export type ApplicationInput = Static<typeof ApplicationInput>;

export const ApplicationLine = Type.Object({
  id: Type.String(),
  collectionId: Type.String(),
  itemId: Type.String(),
  title: Type.String(),
  catalogueNo: Type.String(),
  datetime: Type.String(),
  gsd: Type.Union([Type.Number(), Type.Null()]),
  secrecy: Type.Enum(SECRECY_LEVELS),
  sharingType: Type.Enum(SHARING_TYPES),
  sizeBytes: Type.Union([Type.Integer(), Type.Null()]),
  decision: Type.Enum(LINE_DECISIONS),
  reason: Type.Union([Type.String(), Type.Null()]),
  decidedAt: Type.Union([Type.String(), Type.Null()]),
});
export type ApplicationLine = Static<typeof ApplicationLine>;

export const ApplicationEvent = Type.Object({
  at: Type.String(),
  actorName: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  fromState: Type.Union([Type.Enum(APPLICATION_STATES), Type.Null()]),
  toState: Type.Enum(APPLICATION_STATES),
  note: Type.Union([Type.String(), Type.Null()]),
});
export type ApplicationEvent = Static<typeof ApplicationEvent>;

export const ApplicationDocument = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  number: Type.String(),
  createdAt: Type.String(),
});
export type ApplicationDocument = Static<typeof ApplicationDocument>;

export const ApplicationSummary = Type.Object({
  id: Type.String(),
  number: Type.Union([Type.String(), Type.Null()]),
  orderNumber: Type.Union([Type.String(), Type.Null()]),
  handoverNumber: Type.Union([Type.String(), Type.Null()]),
  state: Type.Enum(APPLICATION_STATES),
  orgId: Type.String(),
  orgName: Type.String(),
  title: Type.String(),
  createdByName: Type.String(),
  createdAt: Type.String(),
  submittedAt: Type.Union([Type.String(), Type.Null()]),
  /** review deadline (5 working days, ZS-21), China date */
  reviewDue: Type.Union([Type.String(), Type.Null()]),
  /** working days left until the deadline (negative when overdue); null when no review is pending */
  workingDaysLeft: Type.Union([Type.Integer(), Type.Null()]),
  overdue: Type.Boolean(),
  escalated: Type.Boolean(),
  lineCount: Type.Integer(),
  classified: Type.Boolean(),
});
export type ApplicationSummary = Static<typeof ApplicationSummary>;

export const ApplicationDetail = Type.Intersect([
  ApplicationSummary,
  Type.Object({
    letter: ApplicationLetter,
    purpose: Type.String(),
    projects: Type.Array(ApplicationProject),
    handlers: Type.Array(Type.Object({ name: Type.String(), idNumberMasked: Type.String(), phone: Type.String() })),
    legalRepresentative: Type.String(),
    orderProject: Type.String(),
    medium: Type.Enum(COPY_MEDIA),
    agreementId: Type.Union([Type.String(), Type.Null()]),
    agreementNumber: Type.Union([Type.String(), Type.Null()]),
    agreementValidUntil: Type.Union([Type.String(), Type.Null()]),
    rejectReason: Type.Union([Type.String(), Type.Null()]),
    sizeGb: Type.Union([Type.Number(), Type.Null()]),
    pickupNote: Type.Union([Type.String(), Type.Null()]),
    receiverName: Type.Union([Type.String(), Type.Null()]),
    introductionLetter: Type.Union([Type.String(), Type.Null()]),
    handedOverAt: Type.Union([Type.String(), Type.Null()]),
    lines: Type.Array(ApplicationLine),
    events: Type.Array(ApplicationEvent),
    documents: Type.Array(ApplicationDocument),
    /** what the caller may do next, e.g. ['submit', 'withdraw'] */
    actions: Type.Array(Type.String()),
  }),
]);
export type ApplicationDetail = Static<typeof ApplicationDetail>;

export const ReviewBody = Type.Object({
  decisions: Type.Array(
    Type.Object({
      lineId: Type.String(),
      approved: Type.Boolean(),
      reason: Type.Optional(Type.String({ maxLength: 500 })),
    }),
    { minItems: 1 },
  ),
  note: Type.Optional(Type.String({ maxLength: 500 })),
});
export type ReviewBody = Static<typeof ReviewBody>;

export const ReadyBody = Type.Object({
  sizeGb: Type.Number({ exclusiveMinimum: 0, maximum: 100000 }),
  medium: Type.Optional(Type.Enum(COPY_MEDIA)),
  pickupNote: Type.String({ minLength: 1, maxLength: 500, description: '领取地点、时间等' }),
});
export type ReadyBody = Static<typeof ReadyBody>;

export const HandoverBody = Type.Object({
  receiverName: Type.String({ minLength: 1, maxLength: 50 }),
  receiverIdNumber: Type.String({ minLength: 15, maxLength: 18 }),
  /** required when the receiver is not one of the form's handlers (BX-F3, BX-F5) */
  introductionLetter: Type.Optional(Type.String({ maxLength: 200 })),
  remarks: Type.Optional(Type.String({ maxLength: 500 })),
});
export type HandoverBody = Static<typeof HandoverBody>;

export const ConfidentialityAgreement = Type.Object({
  id: Type.String(),
  number: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  userRepresentative: Type.String(),
  signedOn: Type.String(),
  validUntil: Type.String(),
  inForce: Type.Boolean(),
  documentId: Type.Union([Type.String(), Type.Null()]),
});
export type ConfidentialityAgreement = Static<typeof ConfidentialityAgreement>;

export const USAGE_LOG_KINDS = ['custody', 'use', 'copy', 'delegation', 'destruction'] as const;
export type UsageLogKind = (typeof USAGE_LOG_KINDS)[number];
export const USAGE_LOG_KIND_LABELS: Record<UsageLogKind, string> = {
  custody: '保管',
  use: '使用',
  copy: '复制',
  delegation: '委托第三方',
  destruction: '销毁',
};

export const UsageLogInput = Type.Object({
  kind: Type.Enum(USAGE_LOG_KINDS),
  occurredOn: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
  description: Type.String({ minLength: 1, maxLength: 1000 }),
  /** copy: number of copies made */
  copies: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  /** delegation */
  thirdPartyName: Type.Optional(Type.String({ maxLength: 200 })),
  thirdPartyForeign: Type.Optional(Type.Boolean()),
  thirdPartyAgreementNo: Type.Optional(Type.String({ maxLength: 100 })),
  approvalNo: Type.Optional(Type.String({ maxLength: 100 })),
  /** destruction */
  witness: Type.Optional(Type.String({ maxLength: 50 })),
});
export type UsageLogInput = Static<typeof UsageLogInput>;

export const UsageLogEntry = Type.Intersect([
  UsageLogInput,
  Type.Object({
    id: Type.String(),
    applicationId: Type.String(),
    createdByName: Type.String(),
    createdAt: Type.String(),
  }),
]);
export type UsageLogEntry = Static<typeof UsageLogEntry>;

/** BX-11: a unit that has not submitted (汇交) what it must is refused further imagery until it has. */
export const SubmissionHold = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  title: Type.String(),
  dueDate: Type.String(),
  reason: Type.String(),
  createdAt: Type.String(),
  clearedAt: Type.Union([Type.String(), Type.Null()]),
});
export type SubmissionHold = Static<typeof SubmissionHold>;

export const SubmissionHoldInput = Type.Object({
  orgId: Type.String({ format: 'uuid' }),
  title: Type.String({ minLength: 1, maxLength: 200 }),
  dueDate: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
  reason: Type.String({ minLength: 1, maxLength: 500 }),
});
export type SubmissionHoldInput = Static<typeof SubmissionHoldInput>;

/** A dataset's holders (BX-21 traceability): every hand-over of an item. */
export const ProvisionRecord = Type.Object({
  applicationId: Type.String(),
  applicationNumber: Type.String(),
  handoverNumber: Type.String(),
  orgName: Type.String(),
  receiverName: Type.String(),
  handedOverAt: Type.String(),
  collectionId: Type.String(),
  itemId: Type.String(),
  itemTitle: Type.String(),
  secrecy: Type.Enum(SECRECY_LEVELS),
  destroyed: Type.Boolean(),
  usageLogCount: Type.Integer(),
});
export type ProvisionRecord = Static<typeof ProvisionRecord>;
