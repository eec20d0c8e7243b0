import { type Static, Type } from 'typebox';

/**
 * Sealed documents (ZS-14): the official forms of BX-22 issued as PDFs with an SM2 electronic seal, and their public
 * verification. Server routes validate with these schemas; the web verification page types its calls with them.
 */

/** Kinds of sealed documents; a new kind is one more entry here (the database accepts any snake_case kind). */
export const DOCUMENT_KINDS = ['application_letter', 'application_form', 'order', 'agreement', 'handover'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const DocumentKindSchema = Type.Enum(DOCUMENT_KINDS);

export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  application_letter: '遥感影像数据申请函',
  application_form: '遥感影像数据申请表',
  order: '遥感影像数据订单',
  agreement: '遥感影像数据使用保密协议',
  handover: '遥感影像数据移交单',
};

/** Why a verification failed: the file differs from the one issued, or the stored signature does not verify. */
export const VERIFICATION_REASONS = ['OK', 'ALTERED', 'SIGNATURE_INVALID'] as const;
export type VerificationReason = (typeof VERIFICATION_REASONS)[number];

/** What the public may learn about a sealed document: enough to recognise it, nothing of its content. */
export const SealedDocumentPublic = Type.Object({
  id: Type.String(),
  kind: DocumentKindSchema,
  number: Type.String(),
  /** the issuing unit, as named on the seal */
  orgName: Type.String(),
  createdAt: Type.String(),
  /** SM3 of the PDF as issued (hex) */
  sm3: Type.String(),
});
export type SealedDocumentPublic = Static<typeof SealedDocumentPublic>;

/** GET / POST /api/documents/{id}/verification */
export const DocumentVerification = Type.Object({
  valid: Type.Boolean(),
  reason: Type.Enum(VERIFICATION_REASONS),
  document: SealedDocumentPublic,
});
export type DocumentVerification = Static<typeof DocumentVerification>;

/** GET /api/documents?subjectType=…&subjectId=… — the documents issued for one subject (e.g. an application). */
export const SealedDocumentView = Type.Object({
  ...SealedDocumentPublic.properties,
  subjectType: Type.String(),
  subjectId: Type.String(),
  size: Type.Integer(),
});
export type SealedDocumentView = Static<typeof SealedDocumentView>;
