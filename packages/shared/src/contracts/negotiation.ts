import { type Static, Type } from 'typebox';
import { WorkflowEvent } from './workflow.js';

/**
 * Sharing negotiation (ZS-12, ZS-21): an item marked 不予共享 cannot be applied for; the requesting unit asks the
 * provider instead, who agrees (with the conditions) or declines (with the legal basis); if the unit disagrees or
 * hears nothing within 5 working days it escalates to the leaders, who decide.
 */
export const NEGOTIATION_STATES = ['open', 'agreed', 'declined', 'escalated'] as const;
export type NegotiationState = (typeof NEGOTIATION_STATES)[number];
export const NEGOTIATION_STATE_LABELS: Record<NegotiationState, string> = {
  open: '待答复',
  agreed: '同意提供',
  declined: '不同意提供',
  escalated: '已提请协调',
};

export const NEGOTIATION_EVENTS = ['agree', 'decline', 'escalate'] as const;
export type NegotiationEvent = (typeof NEGOTIATION_EVENTS)[number];

/** POST /api/negotiations */
export const CreateNegotiationBody = Type.Object({
  collectionId: Type.String({ minLength: 1, maxLength: 64 }),
  itemId: Type.String({ minLength: 1, maxLength: 128 }),
  /** the purpose and why the unit needs the data */
  reason: Type.String({ minLength: 10, maxLength: 2000 }),
});
export type CreateNegotiationBody = Static<typeof CreateNegotiationBody>;

/** POST /api/negotiations/:id/agree|decline — agree: the conditions; decline: the legal basis. */
export const AnswerNegotiationBody = Type.Object({ answer: Type.String({ minLength: 1, maxLength: 2000 }) });
export type AnswerNegotiationBody = Static<typeof AnswerNegotiationBody>;

/** POST /api/negotiations/:id/escalate — why the unit disagrees (optional). */
export const EscalateNegotiationBody = Type.Object({ note: Type.Optional(Type.String({ maxLength: 2000 })) });
export type EscalateNegotiationBody = Static<typeof EscalateNegotiationBody>;

const OptionalText = Type.Union([Type.String(), Type.Null()]);

export const Negotiation = Type.Object({
  id: Type.String(),
  collectionId: Type.String(),
  itemId: Type.String(),
  itemTitle: Type.String(),
  catalogueNo: Type.String(),
  /** ZS-12: the legal basis the item is not shared on */
  sharingBasis: OptionalText,
  orgId: Type.String(),
  orgName: Type.String(),
  createdByName: Type.String(),
  reason: Type.String(),
  state: Type.Enum(NEGOTIATION_STATES),
  answer: OptionalText,
  answeredByName: OptionalText,
  answeredAt: OptionalText,
  escalatedByName: OptionalText,
  escalatedAt: OptionalText,
  createdAt: Type.String(),
  /** what the caller may do with it now */
  actions: Type.Array(Type.Enum(NEGOTIATION_EVENTS)),
});
export type Negotiation = Static<typeof Negotiation>;

export const NegotiationDetail = Type.Intersect([Negotiation, Type.Object({ history: Type.Array(WorkflowEvent) })]);
export type NegotiationDetail = Static<typeof NegotiationDetail>;

/** GET /api/negotiations */
export const NegotiationQuery = Type.Object({
  /** only the cases the caller opened */
  mine: Type.Optional(Type.Boolean()),
  state: Type.Optional(Type.Enum(NEGOTIATION_STATES)),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
});
export type NegotiationQuery = Static<typeof NegotiationQuery>;

export const NegotiationList = Type.Object({ items: Type.Array(Negotiation), total: Type.Integer() });
export type NegotiationList = Static<typeof NegotiationList>;
