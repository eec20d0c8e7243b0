import { type Static, Type } from 'typebox';
import { SECRECY_LEVELS } from '../catalog/labels.js';
import { IsoDate } from './platform.js';
import { WorkflowEvent } from './workflow.js';

/**
 * Publication review (BX-18, MNR-12, MNR-18, ZS-23): before a unit publishes or displays imagery or results derived
 * from it, the bureau reviews the request with the sources cited; approval is the written consent, numbered
 * GKSH-YYYY-NNN.
 */

export const PUBLICATION_KINDS = ['print', 'display', 'online', 'media'] as const;
export type PublicationKind = (typeof PUBLICATION_KINDS)[number];
export const PUBLICATION_KIND_LABELS: Record<PublicationKind, string> = {
  print: '出版',
  display: '展示',
  online: '网络登载',
  media: '媒体发布',
};

export const PUBLICATION_STATES = ['submitted', 'approved', 'rejected', 'changesRequested'] as const;
export type PublicationState = (typeof PUBLICATION_STATES)[number];
export const PUBLICATION_STATE_LABELS: Record<PublicationState, string> = {
  submitted: '待审核',
  approved: '审核通过',
  rejected: '不予通过',
  changesRequested: '退回修改',
};

export const PUBLICATION_EVENTS = ['approve', 'reject', 'requestChanges', 'resubmit'] as const;
export type PublicationEvent = (typeof PUBLICATION_EVENTS)[number];

/** Attachments (the map or image to be published): PNG, JPEG or PDF, recognised by their first bytes. */
export const PUBLICATION_MEDIA_TYPES = ['image/png', 'image/jpeg', 'application/pdf'] as const;
export type PublicationMediaType = (typeof PUBLICATION_MEDIA_TYPES)[number];
/** 20 MB (20 × 1024² bytes) per file. */
export const PUBLICATION_MAX_FILE_BYTES = 20 * 1024 * 1024;
export const PUBLICATION_MAX_FILES = 10;

export const PublicationSourceRef = Type.Object({
  collectionId: Type.String({ minLength: 1, maxLength: 64 }),
  itemId: Type.String({ minLength: 1, maxLength: 128 }),
});
export type PublicationSourceRef = Static<typeof PublicationSourceRef>;

/**
 * The request. Sent as the JSON field `data` of a multipart/form-data body whose file parts (`attachments`) are the
 * maps or images to publish.
 */
export const PublicationReviewInput = Type.Object({
  title: Type.String({ minLength: 2, maxLength: 200 }),
  kind: Type.Enum(PUBLICATION_KINDS),
  /** the publication, exhibition, website or outlet, e.g. 《本溪日报》 */
  medium: Type.String({ minLength: 1, maxLength: 200 }),
  plannedDate: IsoDate,
  description: Type.String({ minLength: 1, maxLength: 4000 }),
  /** MNR-18: the catalogue items the product derives from */
  sources: Type.Array(PublicationSourceRef, { minItems: 1, maxItems: 50, uniqueItems: true }),
  /** 「数据来源：…」 as printed with the product */
  citation: Type.String({ minLength: 1, maxLength: 2000 }),
  /** MNR-18: the unit's own secrecy review (保密审查) is done — required when a source is classified */
  secrecyReviewConfirmed: Type.Boolean(),
  secrecyReviewNote: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
});
export type PublicationReviewInput = Static<typeof PublicationReviewInput>;

/** A resubmission after 退回修改: the whole request again, plus which of the earlier attachments stay. */
export const PublicationResubmitInput = Type.Intersect([
  PublicationReviewInput,
  Type.Object({ keepAttachmentIds: Type.Array(Type.String({ format: 'uuid' }), { maxItems: 10, uniqueItems: true }) }),
]);
export type PublicationResubmitInput = Static<typeof PublicationResubmitInput>;

/** POST /api/publication-reviews/:id/approve — the 审核意见 text is optional. */
export const ApprovePublicationBody = Type.Object({
  note: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
});
export type ApprovePublicationBody = Static<typeof ApprovePublicationBody>;

/** POST /api/publication-reviews/:id/reject | request-changes — a reason is required. */
export const PublicationReasonBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }) });
export type PublicationReasonBody = Static<typeof PublicationReasonBody>;

const OptionalText = Type.Union([Type.String(), Type.Null()]);

export const PublicationReview = Type.Object({
  id: Type.String(),
  /** 审核意见 number GKSH-YYYY-NNN, once approved */
  number: OptionalText,
  orgId: Type.String(),
  orgName: Type.String(),
  applicantName: Type.String(),
  title: Type.String(),
  kind: Type.Enum(PUBLICATION_KINDS),
  medium: Type.String(),
  plannedDate: IsoDate,
  description: Type.String(),
  citation: Type.String(),
  secrecyReviewConfirmed: Type.Boolean(),
  secrecyReviewNote: OptionalText,
  /** some source is classified (or 待定密) */
  classified: Type.Boolean(),
  sources: Type.Array(
    Type.Object({
      collectionId: Type.String(),
      itemId: Type.String(),
      title: Type.String(),
      catalogueNo: Type.String(),
      secrecy: Type.Enum(SECRECY_LEVELS),
      custodianName: OptionalText,
    }),
  ),
  attachments: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      mediaType: Type.Enum(PUBLICATION_MEDIA_TYPES),
      size: Type.Integer(),
      uploadedAt: Type.String(),
    }),
  ),
  state: Type.Enum(PUBLICATION_STATES),
  submittedAt: Type.String(),
  /** the reviewer answers within 5 working days of (re)submission (ZS-21) */
  dueDate: IsoDate,
  /** working days left until the deadline (negative when overdue); null when no answer is pending */
  workingDaysLeft: Type.Union([Type.Integer(), Type.Null()]),
  overdue: Type.Boolean(),
  decidedByName: OptionalText,
  decidedAt: OptionalText,
  /** the 审核意见, or the reason of a rejection or a request for changes */
  decisionNote: OptionalText,
  createdAt: Type.String(),
  updatedAt: Type.String(),
  /** what the caller may do with it now */
  actions: Type.Array(Type.Enum(PUBLICATION_EVENTS)),
});
export type PublicationReview = Static<typeof PublicationReview>;

export const PublicationReviewDetail = Type.Intersect([
  PublicationReview,
  Type.Object({ history: Type.Array(WorkflowEvent) }),
]);
export type PublicationReviewDetail = Static<typeof PublicationReviewDetail>;

/** GET /api/publication-reviews */
export const PublicationReviewQuery = Type.Object({
  /** only the caller's unit's requests */
  mine: Type.Optional(Type.Boolean()),
  state: Type.Optional(Type.Enum(PUBLICATION_STATES)),
});
export type PublicationReviewQuery = Static<typeof PublicationReviewQuery>;

export const PublicationReviewList = Type.Object({ items: Type.Array(PublicationReview) });
export type PublicationReviewList = Static<typeof PublicationReviewList>;

/** What a citation names of one source. */
export interface CitedSource {
  title: string;
  catalogueNo: string;
  custodianName?: string | null;
}

/**
 * MNR-18: the source line printed with a derived product, e.g.
 * 「数据来源：市自然资源局《2024 年 DOM》（DOM-2024-000001）；《GF-2 影像》（CJ-2024-000007）。」
 */
export function citationOf(sources: readonly CitedSource[]): string {
  const named = sources.map((s) => `${s.custodianName ?? ''}《${s.title}》（${s.catalogueNo}）`);
  return `数据来源：${named.join('；')}。`;
}
