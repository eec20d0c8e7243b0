import { COPY_MEDIUM_LABELS, SECRECY_LABELS } from '@geoshare/shared';
import type { RequestContext } from '../../platform/auth/actor.js';
import { chinaDate } from '../../platform/clock.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { Queryable } from '../../platform/db/db.port.js';
import { renderAgreementPdf } from '../../platform/documents/agreement.pdf.js';
import { renderApplicationFormPdf } from '../../platform/documents/application-form.pdf.js';
import { renderApplicationLetterPdf } from '../../platform/documents/application-letter.pdf.js';
import type { SceneRow } from '../../platform/documents/forms.types.js';
import { renderHandoverPdf } from '../../platform/documents/handover.pdf.js';
import { renderOrderPdf } from '../../platform/documents/order.pdf.js';
import type { DocumentService } from '../documents/document.service.js';
import type { AgreementRow, ApplicationRow, HandlerRow, LineRow } from './application.repository.js';

export const APPLICATION_SUBJECT = 'application';
export const AGREEMENT_SUBJECT = 'confidentiality_agreement';

const GB = 1024 ** 3;
const scene = (l: LineRow): SceneRow => ({
  itemId: l.item_id,
  title: l.title,
  datetime: l.datetime.toISOString(),
  gsd: l.gsd,
  secrecyLabel: SECRECY_LABELS[l.secrecy],
  sizeBytes: l.size_bytes,
});
const provided = (lines: readonly LineRow[]) => lines.filter((l) => l.decision === 'auto' || l.decision === 'approved');

/**
 * The sealed forms of an application (ZS-14, BX-F2..F5): the applicant unit seals its letter, form and order when it
 * submits; the provider seals the confidentiality agreement and the hand-over form. Issued inside the use case's
 * transaction, so a form exists exactly when the step it records does.
 */
export class ApplicationDocuments {
  constructor(
    private readonly documents: DocumentService,
    private readonly cipher: FieldCipher,
  ) {}

  async list(applicationId: string) {
    return (await this.documents.list(APPLICATION_SUBJECT, applicationId)).map((d) => ({
      id: d.id,
      kind: d.kind,
      number: d.number,
      createdAt: d.createdAt,
    }));
  }

  /** 附件1–3 at submission, sealed by the applicant unit. */
  async issueApplicationSet(
    tx: Queryable,
    ctx: RequestContext,
    a: ApplicationRow,
    lines: readonly LineRow[],
    handlers: readonly HandlerRow[],
    baseUrl: string,
  ): Promise<void> {
    const date = chinaDate(a.submitted_at!);
    const people = handlers.map((h) => ({
      name: h.name,
      idNumber: this.cipher.decrypt(h.id_number_enc),
      phone: h.phone,
    }));
    const common = {
      orgId: a.org_id,
      orgName: a.org_name,
      subjectType: APPLICATION_SUBJECT,
      subjectId: a.id,
      baseUrl,
    };
    await this.documents.issue(tx, ctx, {
      ...common,
      kind: 'application_letter',
      number: a.number!,
      render: (stamp) =>
        renderApplicationLetterPdf(
          {
            providerName: a.provider_org_name,
            orgName: a.org_name,
            regionName: a.letter.regionName,
            areaDescription: a.letter.areaDescription,
            precision: a.letter.precision,
            imagingTime: a.letter.imagingTime,
            dataType: a.letter.dataType,
            purpose: a.letter.purpose,
            date,
          },
          stamp,
        ),
    });
    await this.documents.issue(tx, ctx, {
      ...common,
      kind: 'application_form',
      number: a.number!,
      render: (stamp) =>
        renderApplicationFormPdf(
          {
            number: a.number!,
            date,
            orgName: a.org_name,
            purpose: a.purpose,
            projects: a.projects,
            handlers: people,
            legalRepresentative: a.legal_representative,
          },
          stamp,
        ),
    });
    const bytes = lines.reduce((s, l) => s + (l.size_bytes ?? 0), 0);
    await this.documents.issue(tx, ctx, {
      ...common,
      kind: 'order',
      number: a.order_number!,
      render: (stamp) =>
        renderOrderPdf(
          {
            orgName: a.org_name,
            applicationNumber: a.number!,
            orderNumber: a.order_number!,
            orderTime: a.submitted_at!.toISOString(),
            projectName: a.order_project,
            scenes: lines.map(scene),
            volumeGb: Math.round((bytes / GB) * 100) / 100,
            medium: COPY_MEDIUM_LABELS[a.medium],
            handler: people[0]!,
            provider: { handler: null, supervisor: null, leader: null },
          },
          stamp,
        ),
    });
  }

  /** 附件5 at hand-over, sealed by the provider (BX-F5). */
  async issueHandover(
    tx: Queryable,
    ctx: RequestContext,
    a: ApplicationRow,
    lines: readonly LineRow[],
    baseUrl: string,
  ) {
    const scenes = provided(lines).map((l) => ({ ...scene(l), classified: l.secrecy !== 'public' }));
    const day = chinaDate(a.handed_over_at!);
    const provider = ctx.actor!;
    await this.documents.issue(tx, ctx, {
      orgId: provider.orgId,
      orgName: provider.orgName,
      subjectType: APPLICATION_SUBJECT,
      subjectId: a.id,
      baseUrl,
      kind: 'handover',
      number: a.handover_number!,
      render: (stamp) =>
        renderHandoverPdf(
          {
            number: a.handover_number!,
            orgName: a.org_name,
            applicationNumber: a.number!,
            projectName: a.order_project,
            scenes,
            sizeGb: a.size_gb ?? 0,
            medium: COPY_MEDIUM_LABELS[a.medium],
            classified: scenes.some((s) => s.classified),
            provider: provider.displayName,
            receiver: a.receiver_name,
            providedOn: day,
            receivedOn: day,
            remarks: a.remarks ?? '',
            ...(a.introduction_letter ? { introductionLetter: a.introduction_letter } : {}),
          },
          stamp,
        ),
    });
  }

  /** 附件4, sealed by the provider bureau; returns the document id. */
  async issueAgreement(tx: Queryable, ctx: RequestContext, ag: AgreementRow, baseUrl: string) {
    const doc = await this.documents.issue(tx, ctx, {
      orgId: ag.provider_org_id,
      orgName: ag.provider_name,
      subjectType: AGREEMENT_SUBJECT,
      subjectId: ag.id,
      baseUrl,
      kind: 'agreement',
      number: ag.number,
      render: (stamp) =>
        renderAgreementPdf(
          {
            number: ag.number,
            providerName: ag.provider_name,
            userName: ag.org_name,
            signedOn: ag.signed_on,
            validUntil: ag.valid_until,
            providerRepresentative: null,
            userRepresentative: ag.user_representative,
          },
          stamp,
        ),
    });
    return doc.id;
  }
}
