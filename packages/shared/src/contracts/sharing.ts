import { type Static, Type } from 'typebox';

/**
 * Online sharing contracts (issue 4): personal API tokens, the online results-application agreement (MNR-16) and
 * signed downloads. Server routes validate with these schemas; the web UI types its calls with them.
 */

/** What a personal API token may be used for (scoped, BX-21: every call is still recorded). */
export const TOKEN_SCOPES = ['stac', 'tiles', 'downloads'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];
export const TokenScopeSchema = Type.Enum(TOKEN_SCOPES);

export const ApiTokenView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  scopes: Type.Array(TokenScopeSchema),
  /** the first characters of the secret, shown to tell tokens apart (the secret itself is stored hashed only) */
  prefix: Type.String(),
  createdAt: Type.String(),
  expiresAt: Type.Union([Type.String(), Type.Null()]),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
});
export type ApiTokenView = Static<typeof ApiTokenView>;

/** POST /api/me/tokens */
export const CreateApiTokenBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 60 }),
  scopes: Type.Array(TokenScopeSchema, { minItems: 1, uniqueItems: true }),
  /** null or absent: never expires */
  expiresInDays: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 365 }), Type.Null()])),
});
export type CreateApiTokenBody = Static<typeof CreateApiTokenBody>;

/** The secret is returned exactly once, at creation. Used as `Authorization: Bearer <secret>`. */
export const CreatedApiToken = Type.Object({ token: ApiTokenView, secret: Type.String() });
export type CreatedApiToken = Static<typeof CreatedApiToken>;

/** GET /api/sharing/agreement — the current version of the online agreement text (MNR-16). */
export const SharingAgreementText = Type.Object({
  version: Type.String(),
  title: Type.String(),
  /** paragraphs, in order */
  paragraphs: Type.Array(Type.String()),
  effectiveFrom: Type.String(),
});
export type SharingAgreementText = Static<typeof SharingAgreementText>;

/** POST /api/sharing/agreement/versions (admin) — publish a new version; from then on everyone signs again (MNR-16). */
export const PublishSharingAgreementBody = Type.Object({
  version: Type.String({ pattern: '^[0-9A-Za-z][0-9A-Za-z._-]{0,31}$', description: 'e.g. 2027-1' }),
  title: Type.String({ minLength: 1, maxLength: 200 }),
  paragraphs: Type.Array(Type.String({ minLength: 1, maxLength: 4000 }), { minItems: 1, maxItems: 50 }),
});
export type PublishSharingAgreementBody = Static<typeof PublishSharingAgreementBody>;

/** GET /api/sharing/agreements/mine?collectionId=… — has the caller signed the current version for the collection? */
export const SharingAgreementStatus = Type.Object({
  collectionId: Type.String(),
  version: Type.String(),
  signed: Type.Boolean(),
  signedAt: Type.Union([Type.String(), Type.Null()]),
});
export type SharingAgreementStatus = Static<typeof SharingAgreementStatus>;

/** POST /api/sharing/agreements — sign the current version for a collection (time and IP recorded). */
export const SignSharingAgreementBody = Type.Object({
  collectionId: Type.String({ minLength: 1 }),
  version: Type.String({ minLength: 1 }),
});
export type SignSharingAgreementBody = Static<typeof SignSharingAgreementBody>;

/**
 * Target grids of an area clip: CGCS2000 geographic (4490) or a CGCS2000 Gauss-Krüger zone — 3° zones 4513–4533 /
 * 4534–4554 (with / without zone prefix), 6° zones 4491–4501 / 4502–4512.
 */
export const ClipCrs = Type.Integer({ description: 'EPSG code: 4490 or a CGCS2000 Gauss-Krüger zone (4491–4554)' });

/** POST /api/downloads — a signed, expiring link for a whole asset, an area clip, or a watermarked preview. */
export const CreateDownloadBody = Type.Object({
  collectionId: Type.String({ minLength: 1 }),
  itemId: Type.String({ minLength: 1 }),
  kind: Type.Union([Type.Literal('asset'), Type.Literal('clip'), Type.Literal('preview')]),
  /** kind 'asset': the STAC asset key (default: the item's data asset) */
  assetKey: Type.Optional(Type.String()),
  /** kind 'clip': a GeoJSON Polygon or MultiPolygon in EPSG:4490 lon/lat */
  geometry: Type.Optional(Type.Unknown()),
  /** kind 'clip': output CRS (default 4490) */
  crs: Type.Optional(ClipCrs),
});
export type CreateDownloadBody = Static<typeof CreateDownloadBody>;

export const DownloadLink = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('asset'), Type.Literal('clip'), Type.Literal('preview')]),
  /** absolute path, e.g. /api/downloads/<signed token>; works without a session until it expires */
  url: Type.String(),
  filename: Type.String(),
  expiresAt: Type.String(),
  /** bytes, when known at creation */
  size: Type.Union([Type.Integer(), Type.Null()]),
});
export type DownloadLink = Static<typeof DownloadLink>;

/**
 * GET /api/me/downloads/quota — today's use of the per-user daily quota (China time); the limits are the ones that
 * apply to the caller: their unit's override, else the default.
 */
export const DownloadQuota = Type.Object({
  date: Type.String(),
  limitCount: Type.Integer(),
  usedCount: Type.Integer(),
  limitBytes: Type.Integer(),
  usedBytes: Type.Integer(),
  /** the limits are the user's unit's own (set by an administrator), not the default */
  unitQuota: Type.Boolean(),
});
export type DownloadQuota = Static<typeof DownloadQuota>;

/**
 * Bounds of a daily download quota an administrator may set: 1–100 000 links and 1 MiB–100 TiB per user and day.
 * The server checks them (DOWNLOAD_QUOTA_LIMIT_INVALID); the admin page uses the same numbers for its inputs.
 */
export const DOWNLOAD_QUOTA_BOUNDS = {
  count: { min: 1, max: 100_000 },
  bytes: { min: 1024 ** 2, max: 100 * 1024 ** 4 },
} as const;

/** PUT /api/sharing/download-quotas/default and …/orgs/{orgId} — the limits per user and China-time day. */
export const DownloadQuotaLimits = Type.Object({
  limitCount: Type.Integer({ description: 'links per user and day, 1–100000' }),
  limitBytes: Type.Integer({ description: 'bytes per user and day, 1 MiB–100 TiB' }),
});
export type DownloadQuotaLimits = Static<typeof DownloadQuotaLimits>;

/** One quota setting: the default (orgId null) or a unit's override. */
export const DownloadQuotaSetting = Type.Object({
  orgId: Type.Union([Type.String(), Type.Null()]),
  orgName: Type.Union([Type.String(), Type.Null()]),
  limitCount: Type.Integer(),
  limitBytes: Type.Integer(),
  updatedAt: Type.String(),
  /** display name of the administrator who set it; null for the seeded default */
  updatedBy: Type.Union([Type.String(), Type.Null()]),
});
export type DownloadQuotaSetting = Static<typeof DownloadQuotaSetting>;

/** GET /api/sharing/download-quotas (admin) — the default and every unit override, by unit name. */
export const DownloadQuotaSettings = Type.Object({
  default: DownloadQuotaSetting,
  overrides: Type.Array(DownloadQuotaSetting),
});
export type DownloadQuotaSettings = Static<typeof DownloadQuotaSettings>;
