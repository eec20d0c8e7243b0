import { randomUUID } from 'node:crypto';
import type { DocumentKind, DocumentVerification, SealedDocumentPublic, SealedDocumentView } from '@geoshare/shared';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/actor.js';
import { type Clock, chinaDate } from '../../platform/clock.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import { generateSm2KeyPair, sm2PublicKeyOf, sm2Sign } from '../../platform/crypto/sm2.js';
import { sm3Hex } from '../../platform/crypto/sm3.js';
import type { Db, Queryable } from '../../platform/db/db.port.js';
import type { SealStamp } from '../../platform/documents/forms.types.js';
import { DomainError } from '../../platform/errors/domain-error.js';
import type { Storage } from '../../platform/storage/storage.port.js';
import { documentRepository as repo, type SealedDocumentRecord } from './document.repository.js';
import { isDocumentId, judgeSeal, verifyUrl } from './document.rules.js';

/** Decides whether the caller may see the documents of one subject (e.g. an application they may see). */
export type DocumentAccessRule = (ctx: RequestContext, subjectId: string) => Promise<boolean>;

export interface IssueInput {
  kind: DocumentKind;
  number: string;
  /** the sealing unit: its SM2 key signs, its name is on the seal */
  orgId: string;
  orgName: string;
  /** what the document belongs to, e.g. ('application', applicationId) */
  subjectType: string;
  subjectId: string;
  /** public origin of the web UI, e.g. `https://geoshare.example.gov.cn`; the QR code points to `/verify/<id>` */
  baseUrl: string;
  render: (stamp: SealStamp) => Promise<Buffer>;
}

export interface IssuedDocument {
  id: string;
  number: string;
  sm3: string;
  size: number;
}

const publicView = (d: SealedDocumentRecord): SealedDocumentPublic => ({
  id: d.id,
  kind: d.kind,
  number: d.number,
  orgName: d.orgName,
  createdAt: d.createdAt.toISOString(),
  sm3: d.sm3,
});

const view = (d: SealedDocumentRecord): SealedDocumentView => ({
  ...publicView(d),
  subjectType: d.subjectType,
  subjectId: d.subjectId,
  size: d.size,
});

/**
 * Sealed documents (ZS-14): issues PDFs with the unit's SM2 electronic seal inside the caller's transaction, keeps
 * them in asset storage and verifies them for anyone. Each unit's key pair is made on its first document.
 */
export class DocumentService {
  private readonly access = new Map<string, DocumentAccessRule>();

  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly storage: Storage,
    private readonly cipher: FieldCipher,
  ) {}

  /** The module that owns a subject type says who may download its documents; without a rule only admins may. */
  registerAccess(subjectType: string, rule: DocumentAccessRule): void {
    if (this.access.has(subjectType)) throw new Error(`document access rule for ${subjectType} already registered`);
    this.access.set(subjectType, rule);
  }

  /**
   * Renders, seals, stores and records one document as part of the caller's use case (`tx` is its transaction; the
   * audit row is written there too). The PDF is written to storage before the row: if the transaction rolls back,
   * an unreferenced file is left behind, never a row without its file.
   */
  async issue(tx: Queryable, ctx: RequestContext, input: IssueInput): Promise<IssuedDocument> {
    const id = randomUUID();
    const pdf = await input.render({ orgName: input.orgName, verifyUrl: verifyUrl(input.baseUrl, id), documentId: id });
    const sm3 = sm3Hex(pdf);
    const key = await this.signingKey(tx, input.orgId);
    const signature = sm2Sign(key.privateKey, Buffer.from(sm3, 'hex'));
    const createdAt = this.clock.now();
    const storageKey = `documents/${chinaDate(createdAt).slice(0, 4)}/${id}.pdf`;
    await this.storage.put(storageKey, pdf);
    await repo.insert(tx, {
      id,
      kind: input.kind,
      number: input.number,
      orgId: input.orgId,
      orgName: input.orgName,
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      storageKey,
      size: pdf.length,
      sm3,
      signature,
      publicKey: key.publicKey,
      createdAt,
      createdBy: ctx.actor?.userId ?? null,
    });
    await this.audit.record(tx, ctx, {
      action: 'document.issue',
      objectType: 'sealed_document',
      objectId: id,
      summary: {
        kind: input.kind,
        number: input.number,
        orgId: input.orgId,
        subjectType: input.subjectType,
        subjectId: input.subjectId,
        sm3,
        size: pdf.length,
        ...(key.created ? { signingKeyCreated: key.publicKey } : {}),
      },
    });
    return { id, number: input.number, sm3, size: pdf.length };
  }

  /** The stored PDF with its metadata, for the owning module (no access check: the caller has done it). */
  async read(id: string): Promise<{ meta: SealedDocumentView; body: Buffer }> {
    const d = await this.get(id);
    return { meta: view(d), body: await this.file(d) };
  }

  /** The documents of one subject in issue order (no access check: the owning module calls this). */
  async list(subjectType: string, subjectId: string): Promise<SealedDocumentView[]> {
    return (await repo.listBySubject(this.db, subjectType, subjectId)).map(view);
  }

  /** GET /api/documents/{id}.pdf: the file for a user who may see its subject; audited (ZS-25). */
  async download(ctx: RequestContext, id: string): Promise<{ meta: SealedDocumentView; body: Buffer }> {
    const d = await this.get(id);
    await this.assertAccess(ctx, d.subjectType, d.subjectId);
    const body = await this.file(d);
    await this.audit.recordAlone(ctx, {
      action: 'document.download',
      objectType: 'sealed_document',
      objectId: id,
      summary: { kind: d.kind, number: d.number },
    });
    return { meta: view(d), body };
  }

  /** GET /api/documents?subjectType&subjectId: the list for a user who may see the subject. */
  async listFor(ctx: RequestContext, subjectType: string, subjectId: string): Promise<SealedDocumentView[]> {
    await this.assertAccess(ctx, subjectType, subjectId);
    return this.list(subjectType, subjectId);
  }

  /**
   * ZS-14 verification, open to anyone: with `bytes`, the file a person holds; without, the archived file.
   * The answer names the document but never reveals its content.
   */
  async verify(id: string, bytes?: Buffer): Promise<DocumentVerification> {
    const d = await this.get(id);
    const body = bytes ?? (await this.file(d));
    return { ...judgeSeal(d, sm3Hex(body)), document: publicView(d) };
  }

  private async get(id: string): Promise<SealedDocumentRecord> {
    const d = isDocumentId(id) ? await repo.get(this.db, id) : null;
    if (!d) throw new DomainError('DOCUMENT_NOT_FOUND', { id });
    return d;
  }

  private async file(d: SealedDocumentRecord): Promise<Buffer> {
    if ((await this.storage.size(d.storageKey)) === null) throw new DomainError('DOCUMENT_FILE_MISSING', { id: d.id });
    return Buffer.concat(await (await this.storage.read(d.storageKey)).toArray());
  }

  private async assertAccess(ctx: RequestContext, subjectType: string, subjectId: string): Promise<void> {
    if (!ctx.actor) throw new DomainError('AUTH_REQUIRED');
    const rule = this.access.get(subjectType);
    const allowed = rule ? await rule(ctx, subjectId) : ctx.actor.roles.includes('admin');
    if (!allowed) throw new DomainError('DOCUMENT_FORBIDDEN', { subjectType });
  }

  /** The unit's key pair, made (and stored SM4-encrypted) on first use. */
  private async signingKey(
    tx: Queryable,
    orgId: string,
  ): Promise<{ privateKey: string; publicKey: string; created: boolean }> {
    let stored = await repo.signingKey(tx, orgId);
    let created = false;
    if (!stored) {
      if (!(await repo.orgExists(tx, orgId))) throw new DomainError('ORG_NOT_FOUND', { id: orgId });
      const pair = generateSm2KeyPair();
      await repo.insertSigningKey(tx, {
        orgId,
        publicKey: pair.publicKey,
        privateKeyEnc: this.cipher.encrypt(pair.privateKey),
        createdAt: this.clock.now(),
      });
      // a concurrent first use may have won the insert: its key is the one to use
      stored = (await repo.signingKey(tx, orgId))!;
      created = stored.publicKey === pair.publicKey;
    }
    const privateKey = this.cipher.decrypt(stored.privateKeyEnc);
    // never seal with a key whose stored public half would not verify the result
    if (sm2PublicKeyOf(privateKey) !== stored.publicKey) throw new Error(`signing key of org ${orgId} is inconsistent`);
    return { privateKey, publicKey: stored.publicKey, created };
  }
}
