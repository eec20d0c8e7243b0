import type { DownloadQuotaLimits, DownloadQuotaSetting, DownloadQuotaSettings } from '@geoshare/shared';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { Actor, RequestContext } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Queryable } from '../../platform/db/db.port.js';
import { DomainError } from '../../platform/errors/domain-error.js';
import { checkQuotaLimits, type QuotaUse } from './download.rules.js';
import { downloadQuotaRepository, type QuotaSettingRow } from './download-quota.repository.js';

type AdminContext = RequestContext & { actor: Actor };

const toSetting = (r: QuotaSettingRow): DownloadQuotaSetting => ({
  orgId: r.org_id,
  orgName: r.org_name,
  limitCount: r.count_limit,
  limitBytes: r.byte_limit,
  updatedAt: r.updated_at.toISOString(),
  updatedBy: r.updated_by_name,
});

const limitsOf = (r: Pick<QuotaSettingRow, 'count_limit' | 'byte_limit'> | null) =>
  r ? { limitCount: r.count_limit, limitBytes: r.byte_limit } : null;

// The migration seeds the default row and no use case deletes it: none means a broken installation.
const missingDefault = () => new DomainError('DOWNLOAD_QUOTA_MISSING');

/**
 * Daily download quotas per user (issue 4), set by administrators: a default for everyone and optional overrides per
 * unit, which apply to every user of that unit. Downloads read the limit that applies through `limitFor`, in the
 * transaction that charges the link, so a change takes effect with the next link (also for today's use: lowering a
 * limit below what a user already used refuses their next link).
 */
export class DownloadQuotaService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * The limits for users of `orgId`: the unit's override (`unit`), else the default. `q`: the caller's transaction.
   */
  async limitFor(q: Queryable, orgId: string): Promise<QuotaUse & { unit: boolean }> {
    const limit = await downloadQuotaRepository.limitFor(q, orgId);
    if (!limit) throw missingDefault();
    return limit;
  }

  async list(): Promise<DownloadQuotaSettings> {
    const [first, ...overrides] = await downloadQuotaRepository.list(this.db);
    if (!first || first.org_id !== null) throw missingDefault();
    return { default: toSetting(first), overrides: overrides.map(toSetting) };
  }

  /** Sets the default for every user whose unit has no override. */
  setDefault(ctx: AdminContext, body: DownloadQuotaLimits): Promise<DownloadQuotaSetting> {
    const limits = checkQuotaLimits(body);
    return this.db.transaction(async (tx) => {
      const before = await downloadQuotaRepository.find(tx, null);
      if (!(await downloadQuotaRepository.updateDefault(tx, limits, ctx.actor.userId, this.clock.now()))) {
        throw missingDefault();
      }
      await this.audit.record(tx, ctx, {
        action: 'download_quota.set_default',
        objectType: 'download_quota',
        objectId: 'default',
        summary: { before: limitsOf(before), after: body },
      });
      return toSetting((await downloadQuotaRepository.find(tx, null))!);
    });
  }

  /** Sets or replaces the override of one unit; an unknown unit → 404 ORG_NOT_FOUND. */
  setOrg(ctx: AdminContext, orgId: string, body: DownloadQuotaLimits): Promise<DownloadQuotaSetting> {
    const limits = checkQuotaLimits(body);
    return this.db.transaction(async (tx) => {
      const before = await downloadQuotaRepository.find(tx, orgId);
      if (!(await downloadQuotaRepository.upsertOrg(tx, orgId, limits, ctx.actor.userId, this.clock.now()))) {
        throw new DomainError('ORG_NOT_FOUND', { orgId });
      }
      const after = (await downloadQuotaRepository.find(tx, orgId))!;
      await this.audit.record(tx, ctx, {
        action: 'download_quota.set_org',
        objectType: 'download_quota',
        objectId: orgId,
        summary: { orgName: after.org_name, before: limitsOf(before), after: body },
      });
      return toSetting(after);
    });
  }

  /** Removes a unit's override: its users fall back to the default. */
  deleteOrg(ctx: AdminContext, orgId: string): Promise<void> {
    return this.db.transaction(async (tx) => {
      const before = await downloadQuotaRepository.find(tx, orgId);
      if (!before || !(await downloadQuotaRepository.deleteOrg(tx, orgId))) {
        throw new DomainError('DOWNLOAD_QUOTA_OVERRIDE_NOT_FOUND', { orgId });
      }
      await this.audit.record(tx, ctx, {
        action: 'download_quota.delete_org',
        objectType: 'download_quota',
        objectId: orgId,
        summary: { orgName: before.org_name, before: limitsOf(before) },
      });
    });
  }
}
