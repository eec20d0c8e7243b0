import { type Static, Type } from 'typebox';
import { CLEARANCES, ORG_KINDS, ROLES } from '../identity/roles.js';

export const RoleSchema = Type.Enum(ROLES);
export const ClearanceSchema = Type.Enum(CLEARANCES);
export const OrgKindSchema = Type.Enum(ORG_KINDS);
export const Uuid = Type.String({ format: 'uuid' });

export const Me = Type.Object({
  id: Uuid,
  username: Type.String(),
  displayName: Type.String(),
  orgId: Uuid,
  orgName: Type.String(),
  roles: Type.Array(RoleSchema),
  clearance: ClearanceSchema,
});
export type Me = Static<typeof Me>;

export const LoginBody = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 64 }),
  password: Type.String({ minLength: 1, maxLength: 256 }),
});
export type LoginBody = Static<typeof LoginBody>;

/** Returned by login and by GET /api/auth/me: send `csrfToken` as `X-CSRF-Token` on every write. */
export const SessionInfo = Type.Object({ user: Me, csrfToken: Type.String(), expiresAt: Type.String() });
export type SessionInfo = Static<typeof SessionInfo>;

export const Org = Type.Object({
  id: Uuid,
  name: Type.String(),
  shortName: Type.Union([Type.String(), Type.Null()]),
  kind: OrgKindSchema,
  creditCode: Type.Union([Type.String(), Type.Null()]),
  /** `override`: a legacy code failing the GB 32100 check, kept on an admin's explicit confirmation. */
  creditCodeStatus: Type.Union([Type.Literal('valid'), Type.Literal('override'), Type.Null()]),
  parentId: Type.Union([Uuid, Type.Null()]),
  districtCode: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type Org = Static<typeof Org>;

export const OrgInput = Type.Object({
  name: Type.String({ minLength: 2, maxLength: 100 }),
  shortName: Type.Optional(Type.Union([Type.String({ maxLength: 30 }), Type.Null()])),
  kind: OrgKindSchema,
  creditCode: Type.Optional(Type.Union([Type.String({ maxLength: 18 }), Type.Null()])),
  acceptInvalidCreditCode: Type.Optional(Type.Boolean()),
  parentId: Type.Optional(Type.Union([Uuid, Type.Null()])),
});
export type OrgInput = Static<typeof OrgInput>;
export const OrgPatch = Type.Partial(OrgInput);
export type OrgPatch = Static<typeof OrgPatch>;

export const User = Type.Object({
  id: Uuid,
  username: Type.String(),
  displayName: Type.String(),
  orgId: Uuid,
  orgName: Type.String(),
  roles: Type.Array(RoleSchema),
  clearance: ClearanceSchema,
  status: Type.Union([Type.Literal('active'), Type.Literal('disabled'), Type.Literal('locked')]),
  phone: Type.Union([Type.String(), Type.Null()]),
  idNumberMasked: Type.Union([Type.String(), Type.Null()]),
  lastLoginAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});
export type User = Static<typeof User>;

const Password = Type.String({ minLength: 1, maxLength: 256 });
const Phone = Type.String({ pattern: '^[0-9+\\- ]{5,20}$' });

export const UserInput = Type.Object({
  username: Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$' }),
  displayName: Type.String({ minLength: 1, maxLength: 50 }),
  password: Password,
  orgId: Uuid,
  roles: Type.Array(RoleSchema, { minItems: 1, uniqueItems: true }),
  clearance: ClearanceSchema,
  idNumber: Type.Optional(Type.Union([Type.String({ maxLength: 18 }), Type.Null()])),
  phone: Type.Optional(Type.Union([Phone, Type.Null()])),
});
export type UserInput = Static<typeof UserInput>;

export const UserPatch = Type.Partial(
  Type.Object({
    displayName: Type.String({ minLength: 1, maxLength: 50 }),
    orgId: Uuid,
    roles: Type.Array(RoleSchema, { minItems: 1, uniqueItems: true }),
    clearance: ClearanceSchema,
    disabled: Type.Boolean(),
    password: Password,
    idNumber: Type.Union([Type.String({ maxLength: 18 }), Type.Null()]),
    phone: Type.Union([Phone, Type.Null()]),
  }),
);
export type UserPatch = Static<typeof UserPatch>;

export const ChangePasswordBody = Type.Object({ currentPassword: Password, newPassword: Password });
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;
