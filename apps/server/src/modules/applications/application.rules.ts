import type { ApplicationState, LineDecision, SharingType, UsageLogInput } from '@geoshare/shared';

/** Pure rules of the application workflow; the service supplies the facts (dates as China-time YYYY-MM-DD). */

export const NUMBER_PREFIX = {
  application: 'SQB',
  order: 'DD',
  handover: 'YJD',
  agreement: 'BMXY',
} as const;

export type LineRefusal = { code: 'APPLICATION_ITEM_NOT_SHAREABLE'; basis: string | null };

/**
 * ZS-12 / ZS-21: unconditional items need no review, conditional items go to the provider's reviewer, items not shared
 * cannot be ordered (the legal basis is shown; the unit may ask for negotiation instead).
 */
export function initialDecision(sharingType: SharingType, basis: string | null): LineDecision | LineRefusal {
  if (sharingType === 'none') return { code: 'APPLICATION_ITEM_NOT_SHAREABLE', basis };
  return sharingType === 'unconditional' ? 'auto' : 'pending';
}

/** submit → inReview when any line waits for review, else straight to approved. */
export const submitOutcome = (decisions: readonly LineDecision[]): ApplicationState =>
  decisions.includes('pending') ? 'inReview' : 'approved';

export type ReviewProblem =
  | { code: 'APPLICATION_REVIEW_INCOMPLETE'; missing: string[] }
  | { code: 'APPLICATION_REVIEW_UNKNOWN_LINE'; lineId: string }
  | { code: 'APPLICATION_REJECT_REASON_REQUIRED'; lineId: string };

/**
 * MNR-15/16: every pending line gets a decision; a rejection states its reason. The outcome is approved when anything
 * is provided (approved lines, or unconditional lines that came along), rejected when nothing is.
 */
export function reviewOutcome(
  lines: readonly { id: string; decision: LineDecision }[],
  decisions: readonly { lineId: string; approved: boolean; reason?: string | undefined }[],
): { outcome: ApplicationState; decided: Map<string, { approved: boolean; reason: string | null }> } | ReviewProblem {
  const pending = new Set(lines.filter((l) => l.decision === 'pending').map((l) => l.id));
  const decided = new Map<string, { approved: boolean; reason: string | null }>();
  for (const d of decisions) {
    if (!pending.has(d.lineId)) return { code: 'APPLICATION_REVIEW_UNKNOWN_LINE', lineId: d.lineId };
    const reason = d.reason?.trim() || null;
    if (!d.approved && !reason) return { code: 'APPLICATION_REJECT_REASON_REQUIRED', lineId: d.lineId };
    decided.set(d.lineId, { approved: d.approved, reason });
  }
  const missing = [...pending].filter((id) => !decided.has(id));
  if (missing.length > 0) return { code: 'APPLICATION_REVIEW_INCOMPLETE', missing };
  const provided = lines.some((l) => l.decision === 'auto') || [...decided.values()].some((d) => d.approved);
  return { outcome: provided ? 'approved' : 'rejected', decided };
}

/** BX-F4: the agreement is valid three years from signing (the last valid day is the day before the anniversary). */
export function agreementValidUntil(signedOn: string): string {
  const [y, m, d] = signedOn.split('-').map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y + 3, m - 1, d));
  // 29 Feb + 3 years rolls to 1 Mar in Date.UTC; either way, the day before is the last valid day.
  end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}

export const agreementInForce = (a: { signedOn: string; validUntil: string }, today: string): boolean =>
  a.signedOn <= today && today <= a.validUntil;

/**
 * BX-F3 / BX-F5: the person picking up must be one of the form's handlers (matched by the keyed digest of the ID
 * number); anyone else needs the unit's introduction letter.
 */
export function handoverIdentity(
  receiverDigest: string,
  handlerDigests: readonly string[],
  introductionLetter: string | undefined,
): 'handler' | 'introduced' | 'refused' {
  if (handlerDigests.includes(receiverDigest)) return 'handler';
  return introductionLetter?.trim() ? 'introduced' : 'refused';
}

export type UsageLogProblem =
  | 'USAGE_LOG_COPIES_REQUIRED'
  | 'USAGE_LOG_THIRD_PARTY_AGREEMENT_REQUIRED'
  | 'USAGE_LOG_FOREIGN_APPROVAL_REQUIRED'
  | 'USAGE_LOG_WITNESS_REQUIRED'
  | 'USAGE_LOG_DATE_INVALID';

/**
 * BX-23 / BX-F4 / MNR-18: a copy states how many; delegation to a third party needs its own confidentiality
 * agreement, and a foreign party the competent department's approval; destruction names its witness. Entries are
 * dated between the hand-over and today.
 */
export function usageLogProblem(e: UsageLogInput, handedOverOn: string, today: string): UsageLogProblem | null {
  if (e.occurredOn < handedOverOn || e.occurredOn > today) return 'USAGE_LOG_DATE_INVALID';
  if (e.kind === 'copy' && !e.copies) return 'USAGE_LOG_COPIES_REQUIRED';
  if (e.kind === 'delegation') {
    if (!e.thirdPartyName?.trim() || !e.thirdPartyAgreementNo?.trim())
      return 'USAGE_LOG_THIRD_PARTY_AGREEMENT_REQUIRED';
    if (e.thirdPartyForeign && !e.approvalNo?.trim()) return 'USAGE_LOG_FOREIGN_APPROVAL_REQUIRED';
  }
  if (e.kind === 'destruction' && !e.witness?.trim()) return 'USAGE_LOG_WITNESS_REQUIRED';
  return null;
}

/** Deadline state of a pending review: remind on the last working day, escalate once it has passed (ZS-21). */
export function deadlineAction(
  workingDaysLeft: number,
  already: { reminded: boolean; escalated: boolean },
): 'remind' | 'escalate' | null {
  if (workingDaysLeft < 0) return already.escalated ? null : 'escalate';
  if (workingDaysLeft <= 1) return already.reminded ? null : 'remind';
  return null;
}
