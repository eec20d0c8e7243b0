import type { Org, OrgInput, OrgKind, OrgPatch } from '@geoshare/shared';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Queryable } from '../../platform/db/db.port.js';
import { DomainError } from '../../platform/errors/domain-error.js';
import { type OrgRecord, orgRepository } from './org.repository.js';
import { decideCreditCode } from './org.rules.js';

/** Fields worth showing in an audit before/after summary. */
const summary = (o: Org | OrgRecord) => ({
  name: o.name,
  kind: o.kind,
  creditCode: o.creditCode,
  creditCodeStatus: o.creditCodeStatus,
  parentId: o.parentId,
});

export class OrgService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  list(f: { kind?: OrgKind; q?: string }) {
    return orgRepository.list(this.db, f);
  }

  async get(id: string): Promise<Org> {
    const org = await orgRepository.get(this.db, id);
    if (!org) throw new DomainError('ORG_NOT_FOUND', { id });
    return org;
  }

  /** ZS-19: one transaction: validate the code, check uniqueness, insert, audit. */
  create(ctx: RequestContext, input: OrgInput & { districtCode?: string | null }): Promise<Org> {
    return this.db.transaction(async (tx) => {
      const record: OrgRecord = {
        name: input.name.trim(),
        shortName: input.shortName?.trim() || null,
        kind: input.kind,
        ...decideCreditCode(input.creditCode, input.acceptInvalidCreditCode === true),
        parentId: input.parentId ?? null,
        districtCode: input.districtCode ?? null,
      };
      await this.checkRecord(tx, record, null);
      const org = await orgRepository.insert(tx, record, this.clock.now());
      await this.audit.record(tx, ctx, {
        action: 'org.create',
        objectType: 'org',
        objectId: org.id,
        summary: { after: summary(org) },
      });
      return org;
    });
  }

  update(ctx: RequestContext, id: string, patch: OrgPatch): Promise<Org> {
    return this.db.transaction(async (tx) => {
      const before = await orgRepository.get(tx, id, true);
      if (!before) throw new DomainError('ORG_NOT_FOUND', { id });
      const codeChanged =
        patch.creditCode !== undefined && (patch.creditCode?.trim().toUpperCase() || null) !== before.creditCode;
      const record: OrgRecord = {
        name: patch.name?.trim() ?? before.name,
        shortName: patch.shortName === undefined ? before.shortName : patch.shortName?.trim() || null,
        kind: patch.kind ?? before.kind,
        // An unchanged legacy code keeps its override; a changed code is checked afresh.
        ...(codeChanged
          ? decideCreditCode(patch.creditCode, patch.acceptInvalidCreditCode === true)
          : { creditCode: before.creditCode, creditCodeStatus: before.creditCodeStatus }),
        parentId: patch.parentId === undefined ? before.parentId : patch.parentId,
        districtCode: before.districtCode,
      };
      await this.checkRecord(tx, record, id);
      const after = await orgRepository.update(tx, id, record, this.clock.now());
      await this.audit.record(tx, ctx, {
        action: 'org.update',
        objectType: 'org',
        objectId: id,
        summary: { before: summary(before), after: summary(after) },
      });
      return after;
    });
  }

  private async checkRecord(tx: Queryable, record: OrgRecord, id: string | null): Promise<void> {
    const c = await orgRepository.conflicts(tx, record, id);
    if (c.nameTaken) throw new DomainError('ORG_NAME_TAKEN', { name: record.name });
    if (c.codeTaken) throw new DomainError('ORG_CREDIT_CODE_TAKEN', { creditCode: record.creditCode });
    if (record.parentId) {
      const parent = await orgRepository.get(tx, record.parentId);
      const cycle = id !== null && (await orgRepository.ancestorIds(tx, record.parentId)).includes(id);
      if (!parent || cycle) throw new DomainError('ORG_PARENT_INVALID', { parentId: record.parentId });
    }
  }
}
