/**
 * CQL2-JSON (OGC 21-065r2) as TypeScript types: the form every STAC filter takes inside the server. CQL2-text is
 * parsed into it (`cql2.text.ts`) and it is turned into SQL (`cql2.sql.ts`). Boolean expressions are discriminated
 * on `op`; operands are literals (string, number, boolean, `{timestamp}`, `{date}`, `{interval}`, GeoJSON geometry,
 * `{bbox}`, arrays), `{property}` references and the CASEI / ACCENTI wrappers.
 *
 * Only the operators GeoShare implements are part of these types; the other CQL2 temporal operators (T_MEETS, …),
 * arithmetic and custom functions are rejected by both the parser and the SQL translator.
 */

export const COMPARISON_OPS = ['=', '<>', '<', '<=', '>', '>='] as const;
export const SPATIAL_OPS = [
  's_intersects',
  's_within',
  's_contains',
  's_disjoint',
  's_equals',
  's_touches',
  's_overlaps',
  's_crosses',
] as const;
export const TEMPORAL_OPS = [
  't_intersects',
  't_before',
  't_after',
  't_during',
  't_equals',
  't_contains',
  't_disjoint',
] as const;
/** CQL2 temporal operators that are valid CQL2 but not implemented here (rejected with a clear message). */
export const UNSUPPORTED_TEMPORAL_OPS = [
  't_meets',
  't_metBy',
  't_overlaps',
  't_overlappedBy',
  't_starts',
  't_startedBy',
  't_finishes',
  't_finishedBy',
] as const;
export const ARRAY_OPS = ['a_contains', 'a_containedBy', 'a_overlaps', 'a_equals'] as const;

export type Cql2ComparisonOp = (typeof COMPARISON_OPS)[number];
export type Cql2SpatialOp = (typeof SPATIAL_OPS)[number];
export type Cql2TemporalOp = (typeof TEMPORAL_OPS)[number];
export type Cql2ArrayOp = (typeof ARRAY_OPS)[number];

// ---------------------------------------------------------------------------------------------------------------
// literals and operands

export interface Cql2PropertyRef {
  property: string;
}
/** An instant with second (or finer) precision, RFC 3339, e.g. '2024-01-01T00:00:00Z'. */
export interface Cql2Timestamp {
  timestamp: string;
}
/** A calendar day, 'YYYY-MM-DD'. */
export interface Cql2Date {
  date: string;
}
/** An interval bound: a date or timestamp string, '..' for an open end, or a property. */
export type Cql2IntervalBound = string | Cql2PropertyRef;
export interface Cql2Interval {
  interval: [Cql2IntervalBound, Cql2IntervalBound];
}
/** [minx, miny, maxx, maxy] or [minx, miny, minz, maxx, maxy, maxz], lon/lat (CRS84). */
export interface Cql2BBox {
  bbox: number[];
}

export type Cql2Position = number[];
export interface Cql2Point {
  type: 'Point';
  coordinates: Cql2Position;
}
export interface Cql2LineString {
  type: 'LineString';
  coordinates: Cql2Position[];
}
export interface Cql2Polygon {
  type: 'Polygon';
  coordinates: Cql2Position[][];
}
export interface Cql2MultiPoint {
  type: 'MultiPoint';
  coordinates: Cql2Position[];
}
export interface Cql2MultiLineString {
  type: 'MultiLineString';
  coordinates: Cql2Position[][];
}
export interface Cql2MultiPolygon {
  type: 'MultiPolygon';
  coordinates: Cql2Position[][][];
}
export type Cql2SimpleGeometry =
  | Cql2Point
  | Cql2LineString
  | Cql2Polygon
  | Cql2MultiPoint
  | Cql2MultiLineString
  | Cql2MultiPolygon;
export interface Cql2GeometryCollection {
  type: 'GeometryCollection';
  geometries: Cql2SimpleGeometry[];
}
/** A GeoJSON geometry (RFC 7946), lon/lat. */
export type Cql2Geometry = Cql2SimpleGeometry | Cql2GeometryCollection;

export interface Cql2CaseI {
  op: 'casei';
  args: [Cql2CharacterExpr];
}
export interface Cql2AccentI {
  op: 'accenti';
  args: [Cql2CharacterExpr];
}
export type Cql2CharacterExpr = string | Cql2PropertyRef | Cql2CaseI | Cql2AccentI;

/** An operand of a comparison, LIKE, BETWEEN or IN. */
export type Cql2Scalar =
  | string
  | number
  | boolean
  | Cql2PropertyRef
  | Cql2Timestamp
  | Cql2Date
  | Cql2CaseI
  | Cql2AccentI;
export type Cql2SpatialOperand = Cql2PropertyRef | Cql2Geometry | Cql2BBox;
export type Cql2TemporalOperand = Cql2PropertyRef | Cql2Timestamp | Cql2Date | Cql2Interval;
export type Cql2ArrayItem = string | number | boolean | Cql2Timestamp | Cql2Date | Cql2PropertyRef | Cql2ArrayItem[];
export type Cql2ArrayOperand = Cql2PropertyRef | Cql2ArrayItem[];

// ---------------------------------------------------------------------------------------------------------------
// boolean expressions

export interface Cql2And {
  op: 'and';
  args: Cql2Expr[];
}
export interface Cql2Or {
  op: 'or';
  args: Cql2Expr[];
}
export interface Cql2Not {
  op: 'not';
  args: [Cql2Expr];
}
export interface Cql2Comparison {
  op: Cql2ComparisonOp;
  args: [Cql2Scalar, Cql2Scalar];
}
export interface Cql2Like {
  op: 'like';
  args: [Cql2CharacterExpr, Cql2CharacterExpr];
}
export interface Cql2Between {
  op: 'between';
  args: [Cql2Scalar, Cql2Scalar, Cql2Scalar];
}
export interface Cql2In {
  op: 'in';
  args: [Cql2Scalar, Cql2Scalar[]];
}
export interface Cql2IsNull {
  op: 'isNull';
  args: [Cql2Scalar];
}
export interface Cql2Spatial {
  op: Cql2SpatialOp;
  args: [Cql2SpatialOperand, Cql2SpatialOperand];
}
export interface Cql2Temporal {
  op: Cql2TemporalOp;
  args: [Cql2TemporalOperand, Cql2TemporalOperand];
}
export interface Cql2ArrayPredicate {
  op: Cql2ArrayOp;
  args: [Cql2ArrayOperand, Cql2ArrayOperand];
}

/** A CQL2 boolean expression: the value of the STAC `filter` parameter. */
export type Cql2Expr =
  | boolean
  | Cql2And
  | Cql2Or
  | Cql2Not
  | Cql2Comparison
  | Cql2Like
  | Cql2Between
  | Cql2In
  | Cql2IsNull
  | Cql2Spatial
  | Cql2Temporal
  | Cql2ArrayPredicate;

// ---------------------------------------------------------------------------------------------------------------
// lexical checks shared by the parser and the translator

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-](\d{2}):(\d{2}))$/i;

const daysInMonth = (y: number, m: number): number =>
  m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;

const validDay = (y: number, m: number, d: number): boolean => m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);

/** A real calendar day written 'YYYY-MM-DD'. */
export function isCql2DateString(s: string): boolean {
  const m = DATE_RE.exec(s);
  return m !== null && validDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * An RFC 3339 timestamp with a time zone: 'Z' (what CQL2 prescribes) or a numeric offset such as '+08:00' (accepted
 * because Chinese clients write it; PostgreSQL converts it to UTC).
 */
export function isCql2TimestampString(s: string): boolean {
  const m = TIMESTAMP_RE.exec(s);
  if (!m) return false;
  const [h, min, sec] = [Number(m[4]), Number(m[5]), Number(m[6])];
  const offsetOk = m[9] === undefined || (Number(m[9]) <= 23 && Number(m[10]) <= 59);
  return validDay(Number(m[1]), Number(m[2]), Number(m[3])) && h <= 23 && min <= 59 && sec <= 60 && offsetOk;
}
