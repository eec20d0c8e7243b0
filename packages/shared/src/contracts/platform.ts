import { type Static, Type } from 'typebox';

export const AuditEvent = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  actorId: Type.Union([Type.String(), Type.Null()]),
  actorName: Type.Union([Type.String(), Type.Null()]),
  orgId: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  objectType: Type.String(),
  objectId: Type.Union([Type.String(), Type.Null()]),
  summary: Type.Unknown(),
  ip: Type.Union([Type.String(), Type.Null()]),
  hash: Type.String(),
});
export type AuditEvent = Static<typeof AuditEvent>;

export const AuditVerifyResult = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer(),
  firstBrokenId: Type.Union([Type.Integer(), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
});
export type AuditVerifyResult = Static<typeof AuditVerifyResult>;

export const CalendarYear = Type.Object({
  year: Type.Integer(),
  /** `published`: the State Council arrangement is in the data; `confirmed`: an admin accepted a year without it. */
  status: Type.Union([Type.Literal('published'), Type.Literal('confirmed'), Type.Literal('unpublished')]),
  confirmedBy: Type.Union([Type.String(), Type.Null()]),
  confirmedAt: Type.Union([Type.String(), Type.Null()]),
  overrides: Type.Integer(),
});
export type CalendarYear = Static<typeof CalendarYear>;

export const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'calendar date, YYYY-MM-DD' });

export const CalendarOverride = Type.Object({
  date: IsoDate,
  working: Type.Boolean(),
  note: Type.String({ minLength: 1, maxLength: 100 }),
});
export type CalendarOverride = Static<typeof CalendarOverride>;

export const CalendarDay = Type.Object({
  date: IsoDate,
  working: Type.Boolean(),
  /** why the day is what it is: weekend, holiday name, 调休 make-up day, or an admin override */
  reason: Type.String(),
});
export type CalendarDay = Static<typeof CalendarDay>;

/** A city or district of the service area: GeoJSON Feature in EPSG:4490 lon/lat, ellipsoidal area in km². */
export const AdminAreaFeature = Type.Object({
  type: Type.Literal('Feature'),
  geometry: Type.Unknown(),
  properties: Type.Object({
    code: Type.String(),
    name: Type.String(),
    level: Type.Union([Type.Literal('city'), Type.Literal('district')]),
    parentCode: Type.Union([Type.String(), Type.Null()]),
    areaKm2: Type.Number(),
  }),
});
export type AdminAreaFeature = Static<typeof AdminAreaFeature>;
export const AdminAreaCollection = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(AdminAreaFeature),
});
export type AdminAreaCollection = Static<typeof AdminAreaCollection>;
