import { type Static, Type } from 'typebox';
import { IsoDate } from './platform.js';
import { PointGeometry, WorkflowEvent } from './workflow.js';

/**
 * Feedback on catalogue items (MNR-19, ZS-24): users report use and quality problems, the custodian confirms or
 * dismisses them with an answer, confirmed major ones are escalated to the leaders, and a periodic summary is drawn.
 */

/** `use` is a 使用问题; the others are kinds of 质量问题. */
export const FEEDBACK_CATEGORIES = [
  'use',
  'cloudCover',
  'geometry',
  'colour',
  'missingData',
  'metadata',
  'other',
] as const;
export type FeedbackCategory = (typeof FEEDBACK_CATEGORIES)[number];
export const FEEDBACK_CATEGORY_LABELS: Record<FeedbackCategory, string> = {
  use: '使用问题',
  cloudCover: '云量超标',
  geometry: '几何偏差',
  colour: '色彩异常',
  missingData: '数据缺失',
  metadata: '元数据错误',
  other: '其他质量问题',
};

export const FEEDBACK_SEVERITIES = ['normal', 'major'] as const;
export type FeedbackSeverity = (typeof FEEDBACK_SEVERITIES)[number];
export const FEEDBACK_SEVERITY_LABELS: Record<FeedbackSeverity, string> = { normal: '一般', major: '重大' };

export const FEEDBACK_STATES = ['open', 'confirmed', 'dismissed', 'resolved'] as const;
export type FeedbackState = (typeof FEEDBACK_STATES)[number];
export const FEEDBACK_STATE_LABELS: Record<FeedbackState, string> = {
  open: '待确认',
  confirmed: '已确认',
  dismissed: '不予采纳',
  resolved: '已解决',
};

export const FEEDBACK_EVENTS = ['confirm', 'dismiss', 'resolve'] as const;
export type FeedbackEvent = (typeof FEEDBACK_EVENTS)[number];

/** POST /api/feedback */
export const CreateFeedbackBody = Type.Object({
  collectionId: Type.String({ minLength: 1, maxLength: 64 }),
  itemId: Type.String({ minLength: 1, maxLength: 128 }),
  /** the data application the problem came up under (informational: not checked against the applications) */
  applicationId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
  category: Type.Enum(FEEDBACK_CATEGORIES),
  severity: Type.Enum(FEEDBACK_SEVERITIES),
  description: Type.String({ minLength: 5, maxLength: 2000 }),
  /** where on the image the problem is (must lie on the item's footprint) */
  location: Type.Optional(Type.Union([PointGeometry, Type.Null()])),
});
export type CreateFeedbackBody = Static<typeof CreateFeedbackBody>;

/** POST /api/feedback/:id/confirm — the custodian may correct the reporter's severity. */
export const ConfirmFeedbackBody = Type.Object({
  response: Type.String({ minLength: 1, maxLength: 2000 }),
  severity: Type.Optional(Type.Enum(FEEDBACK_SEVERITIES)),
});
export type ConfirmFeedbackBody = Static<typeof ConfirmFeedbackBody>;

/** POST /api/feedback/:id/dismiss — the answer says why. */
export const DismissFeedbackBody = Type.Object({ response: Type.String({ minLength: 1, maxLength: 2000 }) });
export type DismissFeedbackBody = Static<typeof DismissFeedbackBody>;

/** POST /api/feedback/:id/resolve — what was done (e.g. the item re-processed and replaced). */
export const ResolveFeedbackBody = Type.Object({ resolution: Type.String({ minLength: 1, maxLength: 2000 }) });
export type ResolveFeedbackBody = Static<typeof ResolveFeedbackBody>;

const OptionalText = Type.Union([Type.String(), Type.Null()]);

export const Feedback = Type.Object({
  id: Type.String(),
  collectionId: Type.String(),
  itemId: Type.String(),
  itemTitle: Type.String(),
  catalogueNo: Type.String(),
  custodianName: OptionalText,
  applicationId: OptionalText,
  category: Type.Enum(FEEDBACK_CATEGORIES),
  severity: Type.Enum(FEEDBACK_SEVERITIES),
  description: Type.String(),
  location: Type.Union([PointGeometry, Type.Null()]),
  state: Type.Enum(FEEDBACK_STATES),
  reporterName: Type.String(),
  reporterOrgId: Type.String(),
  reporterOrgName: Type.String(),
  /** the custodian's answer, seen by the reporter */
  response: OptionalText,
  respondedByName: OptionalText,
  respondedAt: OptionalText,
  /** MNR-19: a confirmed major problem is escalated to the leaders */
  escalated: Type.Boolean(),
  escalatedByName: OptionalText,
  escalatedAt: OptionalText,
  resolution: OptionalText,
  resolvedByName: OptionalText,
  resolvedAt: OptionalText,
  createdAt: Type.String(),
  updatedAt: Type.String(),
  /** what the caller may do with it now */
  actions: Type.Array(Type.Enum(FEEDBACK_EVENTS)),
});
export type Feedback = Static<typeof Feedback>;

export const FeedbackDetail = Type.Intersect([Feedback, Type.Object({ history: Type.Array(WorkflowEvent) })]);
export type FeedbackDetail = Static<typeof FeedbackDetail>;

/** GET /api/feedback */
export const FeedbackQuery = Type.Object({
  /** only the caller's own reports */
  mine: Type.Optional(Type.Boolean()),
  state: Type.Optional(Type.Enum(FEEDBACK_STATES)),
  collectionId: Type.Optional(Type.String({ maxLength: 64 })),
  /** only problems escalated to the leaders */
  escalated: Type.Optional(Type.Boolean()),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
});
export type FeedbackQuery = Static<typeof FeedbackQuery>;

export const FeedbackList = Type.Object({ items: Type.Array(Feedback), total: Type.Integer() });
export type FeedbackList = Static<typeof FeedbackList>;

/** GET /api/feedback/summary(.xlsx)?from=2026-11-01&to=2026-11-30 — reports made on those days (China time). */
export const FeedbackSummaryQuery = Type.Object({ from: IsoDate, to: IsoDate });
export type FeedbackSummaryQuery = Static<typeof FeedbackSummaryQuery>;

export const FeedbackSummary = Type.Object({
  from: IsoDate,
  to: IsoDate,
  total: Type.Integer(),
  /** counts by collection × category × state */
  cells: Type.Array(
    Type.Object({
      collectionId: Type.String(),
      collectionTitle: Type.String(),
      category: Type.Enum(FEEDBACK_CATEGORIES),
      state: Type.Enum(FEEDBACK_STATES),
      count: Type.Integer(),
    }),
  ),
  /** the items reported most often in the period */
  topItems: Type.Array(
    Type.Object({
      collectionId: Type.String(),
      itemId: Type.String(),
      title: Type.String(),
      catalogueNo: Type.String(),
      count: Type.Integer(),
      majorCount: Type.Integer(),
    }),
  ),
  /** major problems reported up to `to` and not yet settled (open or confirmed), whenever reported */
  majorOpen: Type.Array(Feedback),
});
export type FeedbackSummary = Static<typeof FeedbackSummary>;
