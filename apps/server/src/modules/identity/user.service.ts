import { maskIdNumber, type User, type UserInput, type UserPatch } from '@geoshare/shared';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/actor.js';
import { isStrongPassword } from '../../platform/auth/password.rules.js';
import type { Clock } from '../../platform/clock.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import { hashPassword } from '../../platform/crypto/password.js';
import type { Db, Queryable } from '../../platform/db/db.port.js';
import { DomainError } from '../../platform/errors/domain-error.js';
import { orgRepository } from './org.repository.js';
import { requireValidIdNumber } from './person.rules.js';
import type { SecurityPolicy } from './security.policy.js';
import { sessionRepository } from './session.repository.js';
import { type PersonFields, toUser, type UserRow, userRepository } from './user.repository.js';

const summary = (u: UserRow) => ({
  displayName: u.display_name,
  orgId: u.org_id,
  roles: u.roles,
  clearance: u.clearance,
  disabled: u.disabled,
  idNumber: u.id_number_masked,
  phone: u.phone,
});

export class UserService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly cipher: FieldCipher,
    private readonly policy: SecurityPolicy,
  ) {}

  async list(f: { orgId?: string; q?: string }): Promise<User[]> {
    const now = this.clock.now();
    return (await userRepository.list(this.db, f)).map((r) => toUser(r, now));
  }

  /** ZS-19: an ID number is validated per GB 11643 and stored SM4-encrypted with a lookup digest and a mask. */
  private idNumberFields(
    input: string | null | undefined,
  ): Pick<PersonFields, 'idNumberEnc' | 'idNumberHmac' | 'idNumberMasked'> {
    if (!input?.trim()) return { idNumberEnc: null, idNumberHmac: null, idNumberMasked: null };
    const idNumber = requireValidIdNumber(input);
    return {
      idNumberEnc: this.cipher.encrypt(idNumber),
      idNumberHmac: this.cipher.lookupHash(idNumber),
      idNumberMasked: maskIdNumber(idNumber),
    };
  }

  private async requireOrg(tx: Queryable, orgId: string): Promise<void> {
    if (!(await orgRepository.get(tx, orgId))) throw new DomainError('ORG_NOT_FOUND', { orgId });
  }

  private async passwordHash(pw: string): Promise<string> {
    if (!isStrongPassword(pw)) throw new DomainError('AUTH_PASSWORD_WEAK');
    return hashPassword(pw, this.policy.passwordCost);
  }

  async create(ctx: RequestContext, input: UserInput): Promise<User> {
    // Hash outside the transaction: argon2id takes tens of milliseconds and must not hold row locks.
    const passwordHash = await this.passwordHash(input.password);
    const id = await this.db.transaction(async (tx) => {
      if (await userRepository.usernameTaken(tx, input.username))
        throw new DomainError('USER_USERNAME_TAKEN', { username: input.username });
      await this.requireOrg(tx, input.orgId);
      const now = this.clock.now();
      const idFields = this.idNumberFields(input.idNumber);
      const personId =
        idFields.idNumberEnc || input.phone
          ? await userRepository.insertPerson(
              tx,
              { name: input.displayName, orgId: input.orgId, ...idFields, phone: input.phone ?? null },
              now,
            )
          : null;
      const id = await userRepository.insert(tx, { ...input, personId, passwordHash }, now);
      const row = (await userRepository.get(tx, id))!;
      await this.audit.record(tx, ctx, {
        action: 'user.create',
        objectType: 'user',
        objectId: id,
        summary: { username: input.username, after: summary(row) },
      });
      return id;
    });
    return this.get(id);
  }

  async get(id: string): Promise<User> {
    const row = await userRepository.get(this.db, id);
    if (!row) throw new DomainError('USER_NOT_FOUND', { id });
    return toUser(row, this.clock.now());
  }

  /** Role, org, clearance and status changes apply to the user's very next request (YQ-23). */
  async update(ctx: RequestContext, id: string, patch: UserPatch): Promise<User> {
    const newHash = patch.password === undefined ? null : await this.passwordHash(patch.password);
    await this.db.transaction(async (tx) => {
      const before = await userRepository.get(tx, id, true);
      if (!before) throw new DomainError('USER_NOT_FOUND', { id });
      const self = ctx.actor?.userId === id;
      if (
        self &&
        (patch.disabled === true || (patch.roles && !patch.roles.includes('admin') && before.roles.includes('admin')))
      ) {
        throw new DomainError('USER_SELF_LOCKOUT');
      }
      if (patch.orgId) await this.requireOrg(tx, patch.orgId);
      const now = this.clock.now();
      const orgId = patch.orgId ?? before.org_id;
      const displayName = patch.displayName ?? before.display_name;
      let personId = before.person_id;
      if (patch.idNumber !== undefined || patch.phone !== undefined || patch.displayName || patch.orgId) {
        const current = personId ? await userRepository.personFields(tx, personId) : null;
        const person: PersonFields = {
          name: displayName,
          orgId,
          ...(patch.idNumber !== undefined
            ? this.idNumberFields(patch.idNumber)
            : {
                idNumberEnc: current?.idNumberEnc ?? null,
                idNumberHmac: current?.idNumberHmac ?? null,
                idNumberMasked: current?.idNumberMasked ?? null,
              }),
          phone: patch.phone !== undefined ? patch.phone : (current?.phone ?? null),
        };
        if (personId) await userRepository.updatePerson(tx, personId, person, now);
        else if (person.idNumberEnc || person.phone) personId = await userRepository.insertPerson(tx, person, now);
      }
      const disabled = patch.disabled ?? before.disabled;
      await userRepository.update(
        tx,
        id,
        {
          displayName,
          orgId,
          personId,
          roles: patch.roles ?? before.roles,
          clearance: patch.clearance ?? before.clearance,
          disabled,
        },
        now,
      );
      if (newHash) await userRepository.setPassword(tx, id, newHash, now);
      // A disabled account or a reset password ends every session of that user at once.
      if (disabled || newHash) await sessionRepository.deleteForUser(tx, id);
      const after = (await userRepository.get(tx, id))!;
      await this.audit.record(tx, ctx, {
        action: 'user.update',
        objectType: 'user',
        objectId: id,
        summary: { before: summary(before), after: summary(after), passwordReset: newHash !== null },
      });
    });
    return this.get(id);
  }

  async unlock(ctx: RequestContext, id: string): Promise<User> {
    await this.db.transaction(async (tx) => {
      const before = await userRepository.get(tx, id, true);
      if (!before) throw new DomainError('USER_NOT_FOUND', { id });
      await userRepository.unlock(tx, id);
      await this.audit.record(tx, ctx, {
        action: 'user.unlock',
        objectType: 'user',
        objectId: id,
        summary: { failedLogins: before.failed_logins },
      });
    });
    return this.get(id);
  }
}
