import type {
  PublishSharingAgreementBody,
  SharingAgreementStatus,
  SharingAgreementText,
  SignSharingAgreementBody,
} from '@geoshare/shared';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { Actor, RequestContext } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Queryable } from '../../platform/db/db.port.js';
import { DomainError } from '../../platform/errors/domain-error.js';
import type { CatalogService } from '../catalog/catalog.service.js';
import { type AgreementVersionRow, agreementRepository } from './agreement.repository.js';

const toText = (r: AgreementVersionRow): SharingAgreementText => ({
  version: r.version,
  title: r.title,
  paragraphs: r.paragraphs,
  effectiveFrom: r.effective_from.toISOString(),
});

/**
 * The online results-application agreement (MNR-16): before the first online use of a collection (tiles, downloads),
 * a signed-in user signs the current version of the agreement for it; the signature records user, organisation,
 * collection, version, time and IP. Publishing a new version makes everyone sign again. Anonymous use of public
 * entries (ZS-21 unconditional sharing) needs no agreement: there is nobody to bind.
 */
export class AgreementService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly catalog: CatalogService,
  ) {}

  /** Told after a new version is published (everyone signs again): tile access caches drop kept signatures. */
  private readonly versionListeners: (() => void)[] = [];

  onNewVersion(listener: () => void): void {
    this.versionListeners.push(listener);
  }

  private static async currentRow(q: Queryable): Promise<AgreementVersionRow> {
    const row = await agreementRepository.current(q);
    // The migration seeds version 2026-1 and nothing deletes versions: no row means a broken installation.
    if (!row) throw new DomainError('NOT_FOUND', {}, '成果应用协议尚未发布');
    return row;
  }

  async current(): Promise<SharingAgreementText> {
    return toText(await AgreementService.currentRow(this.db));
  }

  private async statusOf(actor: Actor, collectionId: string): Promise<SharingAgreementStatus> {
    const s = await agreementRepository.status(this.db, actor.userId, collectionId);
    if (!s) throw new DomainError('NOT_FOUND', {}, '成果应用协议尚未发布');
    return {
      collectionId,
      version: s.version,
      signed: s.signed_at !== null,
      signedAt: s.signed_at?.toISOString() ?? null,
    };
  }

  async status(ctx: RequestContext & { actor: Actor }, collectionId: string): Promise<SharingAgreementStatus> {
    if (!(await this.catalog.collectionExists(collectionId))) {
      throw new DomainError('CATALOG_COLLECTION_NOT_FOUND', { id: collectionId });
    }
    return this.statusOf(ctx.actor, collectionId);
  }

  /**
   * MNR-16 guard for online use of a collection: throws 428 SHARING_AGREEMENT_REQUIRED ({collectionId, version}) when
   * a signed-in caller has not signed the current version for it. Anonymous callers pass (they only ever reach public
   * entries). One indexed query; tile requests keep a granted check for a few seconds (tile-access.cache.ts), dropped
   * here the moment a new version is published.
   */
  async assertSigned(ctx: RequestContext, collectionId: string): Promise<void> {
    if (!ctx.actor) return;
    const s = await this.statusOf(ctx.actor, collectionId);
    if (!s.signed) throw new DomainError('SHARING_AGREEMENT_REQUIRED', { collectionId, version: s.version });
  }

  /** Signs the current version for a collection; signing again is a no-op; an outdated version → 409. */
  async sign(ctx: RequestContext & { actor: Actor }, body: SignSharingAgreementBody): Promise<SharingAgreementStatus> {
    if (!(await this.catalog.collectionExists(body.collectionId))) {
      throw new DomainError('CATALOG_COLLECTION_NOT_FOUND', { id: body.collectionId });
    }
    return this.db.transaction(async (tx) => {
      const current = await AgreementService.currentRow(tx);
      if (body.version !== current.version) {
        throw new DomainError('SHARING_AGREEMENT_OUTDATED', { signed: body.version, current: current.version });
      }
      const at = this.clock.now();
      const fresh = await agreementRepository.sign(tx, {
        userId: ctx.actor.userId,
        orgId: ctx.actor.orgId,
        collectionId: body.collectionId,
        version: current.version,
        at,
        ip: ctx.ip,
      });
      if (fresh) {
        await this.audit.record(tx, ctx, {
          action: 'agreement.sign',
          objectType: 'collection',
          objectId: body.collectionId,
          summary: { version: current.version, title: current.title },
        });
      }
      const signedAt = fresh
        ? at
        : await agreementRepository.status(tx, ctx.actor.userId, body.collectionId).then((s) => s?.signed_at ?? at);
      return {
        collectionId: body.collectionId,
        version: current.version,
        signed: true,
        signedAt: signedAt.toISOString(),
      };
    });
  }

  /** Publishes a new version (admin); it is current from now on and every user signs again. */
  publish(ctx: RequestContext & { actor: Actor }, body: PublishSharingAgreementBody): Promise<SharingAgreementText> {
    const paragraphs = body.paragraphs.map((p) => p.trim());
    const title = body.title.trim();
    if (!title || paragraphs.some((p) => !p)) {
      throw new DomainError('VALIDATION_FAILED', {}, '协议标题和段落不能为空');
    }
    const done = this.db.transaction(async (tx) => {
      if (await agreementRepository.versionExists(tx, body.version)) {
        throw new DomainError('SHARING_AGREEMENT_VERSION_EXISTS', { version: body.version });
      }
      const effectiveFrom = this.clock.now();
      await agreementRepository.insertVersion(tx, {
        version: body.version,
        title,
        paragraphs,
        effectiveFrom,
        publishedBy: ctx.actor.userId,
      });
      await this.audit.record(tx, ctx, {
        action: 'agreement.publish',
        objectType: 'sharing_agreement',
        objectId: body.version,
        summary: { title, paragraphs: paragraphs.length },
      });
      return { version: body.version, title, paragraphs, effectiveFrom: effectiveFrom.toISOString() };
    });
    return done.then((text) => {
      for (const l of this.versionListeners) l();
      return text;
    });
  }
}
