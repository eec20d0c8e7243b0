/**
 * CQL2-JSON (untrusted client input) to a PostgreSQL/PostGIS boolean expression. The expression is validated as it is
 * translated: a malformed filter is STAC_FILTER_INVALID, a property that is not a queryable STAC_QUERYABLE_UNKNOWN.
 * Every literal becomes a parameter (`$n` with an explicit cast); SQL text only ever holds the caller's queryable SQL,
 * operators, casts and constants of this module.
 *
 * Semantics:
 * - Comparisons need operands of one kind: string, number (number/integer queryables), boolean or datetime;
 *   property-property comparisons are allowed. CASEI(x) is lower(x) where it is written (wrap both sides, as CQL2
 *   says). ACCENTI(x) is the identity: GeoShare's text is Chinese, which has no accents; Latin accents are NOT folded
 *   (the unaccent extension is not installed).
 * - LIKE uses the CQL2 wildcards `%` and `_` with `\` as escape, which are PostgreSQL's.
 * - Time: a datetime queryable is an instant. TIMESTAMP('t') is an instant; DATE('d') is the whole UTC day
 *   [d 00:00:00, d 23:59:59.999999] (PostgreSQL keeps microseconds); INTERVAL(a, b) is the closed interval [a, b],
 *   a date as start meaning the start of that day, as end its end, and '..' an open end. Comparing an instant with a
 *   day compares with the day as a whole: `datetime = DATE('2024-01-01')` is "during that day", `>=` is "on or after
 *   the day's start", `>` is "after the day's end". The temporal operators compare the bounds (begin, end) of both
 *   operands as in CQL2 (Allen's relations, strict where Allen is strict):
 *     T_INTERSECTS a.end >= b.begin AND a.begin <= b.end    T_DISJOINT  NOT T_INTERSECTS
 *     T_BEFORE     a.end < b.begin                          T_AFTER     a.begin > b.end
 *     T_DURING     a.begin > b.begin AND a.end < b.end      T_CONTAINS  a.begin < b.begin AND a.end > b.end
 *     T_EQUALS     a.begin = b.begin AND a.end = b.end
 *   An open end is ±infinity: folded to TRUE/FALSE against a literal, compared with '±infinity'::timestamptz against a
 *   property (so that a NULL property stays unknown, as SQL three-valued logic requires).
 * - Space: GeoJSON and BBOX literals are lon/lat (CRS84) and are given SRID 4490 as they are (CGCS2000 and WGS84 agree
 *   to centimetres). A BBOX crossing the antimeridian (minx > maxx) is refused.
 * - Arrays (text[] queryables, string array literals): A_CONTAINS @>, A_CONTAINEDBY <@, A_OVERLAPS &&, A_EQUALS =
 *   (same elements in the same order).
 */
import { DomainError } from '../../platform/errors/domain-error.js';
import {
  type Cql2ArrayOp,
  type Cql2SpatialOp,
  type Cql2TemporalOp,
  isCql2DateString,
  isCql2TimestampString,
  SPATIAL_OPS,
  TEMPORAL_OPS,
  UNSUPPORTED_TEMPORAL_OPS,
} from './cql2.ast.js';

export type QueryableType = 'string' | 'number' | 'integer' | 'boolean' | 'datetime' | 'geometry' | 'array';

/** How a queryable maps to SQL: a trusted SQL expression (e.g. 'i.cloud_cover') and its type. */
export interface QueryableColumn {
  sql: string;
  type: QueryableType;
}

/** Queryable name → column. Extra members (title, schema, …) are ignored. */
export type Cql2Queryables = Readonly<Record<string, QueryableColumn>>;

/** SRID given to filter geometries: CGCS2000, the storage CRS. */
export const FILTER_SRID = 4490;

/** Nesting depth beyond which a filter is refused rather than risking the stack. */
const MAX_DEPTH = 64;
/** Coordinate positions per filter: bounds the work a single request can cause. */
const MAX_POSITIONS = 100_000;

/**
 * Validates the CQL2-JSON `expr` and translates it into a PostgreSQL boolean expression. Literals are appended to
 * `params` (which may already hold the caller's parameters) and referenced as `$n`, n being their 1-based position in
 * `params`. On error nothing is appended.
 */
export function cql2ToSql(expr: unknown, queryables: Cql2Queryables, params: unknown[]): string {
  const t = new Translator(queryables, params.length);
  const sql = t.boolean(expr, '', 0);
  for (const v of t.params) params.push(v);
  return sql;
}

// ---------------------------------------------------------------------------------------------------------------
// internal model

type Kind = 'string' | 'number' | 'boolean' | 'datetime' | 'geometry' | 'array';

/** An end of a time range: a literal parameter or a column's SQL, or an open end. */
type Bound = { sql: () => string; literal: boolean } | typeof NEG_INF | typeof POS_INF;
const NEG_INF = Symbol('-infinity');
const POS_INF = Symbol('+infinity');

interface Range {
  begin: Bound;
  end: Bound;
  /** begin and end are one instant */
  instant: boolean;
}

/** A resolved scalar operand. */
interface Term {
  kind: Kind;
  /** SQL for the value (for a datetime: its begin); renders (and parameterises) once. `peer` is the other operand. */
  sql: (peer?: Term) => string;
  /** for datetime terms */
  range?: Range;
  /** a property of an 'integer' queryable */
  integer?: boolean;
  /** a literal (possibly wrapped in CASEI/ACCENTI) */
  literal: boolean;
  /** a bare literal's JS value, for `= ANY($n)` */
  value?: string | number | boolean;
  /** for messages */
  label: string;
}

const TYPE_LABEL: Record<QueryableType, string> = {
  string: '字符串',
  number: '数值',
  integer: '整数',
  boolean: '布尔',
  datetime: '时间',
  geometry: '几何',
  array: '数组',
};

const COMPARISON = new Set(['=', '<>', '<', '<=', '>', '>=']);
const ARITHMETIC = new Set(['+', '-', '*', '/', '%', '^', 'div']);
const SPATIAL_SQL: Record<Cql2SpatialOp, string> = {
  s_intersects: 'ST_Intersects',
  s_within: 'ST_Within',
  s_contains: 'ST_Contains',
  s_disjoint: 'ST_Disjoint',
  s_equals: 'ST_Equals',
  s_touches: 'ST_Touches',
  s_overlaps: 'ST_Overlaps',
  s_crosses: 'ST_Crosses',
};
const ARRAY_SQL: Record<Cql2ArrayOp, string> = {
  a_contains: '@>',
  a_containedBy: '<@',
  a_overlaps: '&&',
  a_equals: '=',
};

/** Comparison of ranks (-1 = -infinity, 0 = finite, 1 = +infinity) when a time bound is open. */
const FOLD: Record<string, (x: number, y: number) => boolean> = {
  '=': (x, y) => x === y,
  '<>': (x, y) => x !== y,
  '<': (x, y) => x < y,
  '<=': (x, y) => x <= y,
  '>': (x, y) => x > y,
  '>=': (x, y) => x >= y,
};

/** Operator names as CQL2 spells them, looked up case-insensitively (clients send 'S_INTERSECTS', 'isnull', …). */
const CANONICAL_OPS = new Map<string, string>(
  [
    'and',
    'or',
    'not',
    'like',
    'between',
    'in',
    'isNull',
    'casei',
    'accenti',
    ...COMPARISON,
    ...SPATIAL_OPS,
    ...TEMPORAL_OPS,
    ...UNSUPPORTED_TEMPORAL_OPS,
    ...Object.keys(ARRAY_SQL),
  ].map((op) => [op.toLowerCase(), op]),
);

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const at = (path: string, i: number) => `${path}/args/${i}`;

class Translator {
  readonly params: unknown[] = [];
  private positions = 0;

  constructor(
    private readonly queryables: Cql2Queryables,
    private readonly base: number,
  ) {}

  // ---------------------------------------------------------------------------------------------------------------
  // helpers

  private invalid(path: string, reason: string): never {
    const where = path === '' ? '' : `（位置 ${path}）`;
    throw new DomainError(
      'STAC_FILTER_INVALID',
      { path: path || '/', reason },
      `CQL2 过滤表达式不合法：${reason}${where}`,
    );
  }

  private param(value: unknown, cast: string): string {
    this.params.push(value);
    return `$${this.base + this.params.length}::${cast}`;
  }

  /** A parameter pushed when (and only the first time) its SQL is needed. */
  private lazyParam(value: unknown, cast: string | ((peer?: Term) => string)): (peer?: Term) => string {
    let placeholder: string | undefined;
    return (peer) => {
      placeholder ??= this.param(value, typeof cast === 'string' ? cast : cast(peer));
      return placeholder;
    };
  }

  /** `{op, args}`, also accepting the `{function, args}` form of the STAC filter README's CASEI/ACCENTI examples. */
  private opOf(node: Obj, path: string): { op: string; args: unknown[] } | null {
    const raw = node.op ?? node.function;
    if (raw === undefined) return null;
    if (typeof raw !== 'string') this.invalid(path, '运算符 op 应为字符串');
    const op = CANONICAL_OPS.get(raw.toLowerCase()) ?? raw;
    if (!Array.isArray(node.args)) this.invalid(path, `运算符「${clip(op)}」缺少参数数组 args`);
    return { op, args: node.args };
  }

  private arity(op: string, args: unknown[], n: number, path: string): void {
    if (args.length !== n) this.invalid(path, `运算符「${op}」需要 ${n} 个参数，实际为 ${args.length} 个`);
  }

  private column(node: Obj, path: string): QueryableColumn & { name: string } {
    const name = node.property;
    if (typeof name !== 'string' || name === '') this.invalid(path, 'property 应为非空字符串');
    const own = (n: string) => (Object.hasOwn(this.queryables, n) ? this.queryables[n] : undefined);
    // STAC recommends accepting 'properties.eo:cloud_cover' for 'eo:cloud_cover'
    const q = own(name) ?? (name.startsWith('properties.') ? own(name.slice('properties.'.length)) : undefined);
    if (!q) throw new DomainError('STAC_QUERYABLE_UNKNOWN', { property: name }, `不支持的查询字段：${clip(name)}`);
    return { ...q, name };
  }

  // ---------------------------------------------------------------------------------------------------------------
  // boolean expressions

  boolean(node: unknown, path: string, depth: number): string {
    if (depth > MAX_DEPTH) this.invalid(path, `嵌套过深（最多 ${MAX_DEPTH} 层）`);
    if (typeof node === 'boolean') return node ? 'TRUE' : 'FALSE';
    if (!isObj(node)) this.invalid(path, '应为布尔表达式（带 op 与 args 的对象，或 true/false）');
    const o = this.opOf(node, path);
    if (!o) {
      if ('property' in node) this.invalid(path, '单独的字段不是布尔表达式，请写成比较，如 {"op": "=", …}');
      this.invalid(path, '应为布尔表达式（缺少 op）');
    }
    const { op, args } = o;
    if (op === 'and' || op === 'or') {
      if (args.length < 2) this.invalid(path, `「${op}」至少需要 2 个参数`);
      const parts = args.map((a, i) => this.boolean(a, at(path, i), depth + 1));
      return `(${parts.join(op === 'and' ? ' AND ' : ' OR ')})`;
    }
    if (op === 'not') {
      this.arity(op, args, 1, path);
      return `NOT (${this.boolean(args[0], at(path, 0), depth + 1)})`;
    }
    if (COMPARISON.has(op)) {
      this.arity(op, args, 2, path);
      const l = this.scalar(args[0], at(path, 0), depth);
      const r = this.scalar(args[1], at(path, 1), depth);
      return this.compare(op, l, r, path);
    }
    switch (op) {
      case 'like':
        return this.like(args, path, depth);
      case 'between':
        return this.between(args, path, depth);
      case 'in':
        return this.in(args, path, depth);
      case 'isNull': {
        this.arity(op, args, 1, path);
        const t = this.scalar(args[0], at(path, 0), depth);
        if (t.literal) this.invalid(at(path, 0), 'isNull 的参数应为查询字段');
        return `${t.sql()} IS NULL`;
      }
    }
    if (Object.hasOwn(SPATIAL_SQL, op)) return this.spatial(op as Cql2SpatialOp, args, path);
    if ((TEMPORAL_OPS as readonly string[]).includes(op)) return this.temporal(op as Cql2TemporalOp, args, path);
    if (Object.hasOwn(ARRAY_SQL, op)) return this.array(op as Cql2ArrayOp, args, path);
    if ((UNSUPPORTED_TEMPORAL_OPS as readonly string[]).includes(op)) {
      this.invalid(path, `暂不支持时间函数「${op}」（支持 ${TEMPORAL_OPS.join('、')}）`);
    }
    if (op === 'casei' || op === 'accenti') this.invalid(path, `「${op}」返回字符串，不是布尔表达式`);
    if (ARITHMETIC.has(op)) this.invalid(path, `不支持算术运算「${op}」`);
    return this.invalid(path, `不支持的运算符或函数「${clip(op)}」`);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // scalars: comparison, LIKE, BETWEEN, IN, isNull

  private scalar(node: unknown, path: string, depth: number): Term {
    if (depth > MAX_DEPTH) this.invalid(path, `嵌套过深（最多 ${MAX_DEPTH} 层）`);
    if (typeof node === 'string') {
      return {
        kind: 'string',
        sql: this.lazyParam(node, 'text'),
        literal: true,
        value: node,
        label: `字符串 '${clip(node)}'`,
      };
    }
    if (typeof node === 'number') {
      if (!Number.isFinite(node)) this.invalid(path, '数值应为有限数');
      // an integer literal against an integer column is cast to bigint so that the column's index stays usable
      const cast = (peer?: Term) => (peer?.integer && Number.isSafeInteger(node) ? 'bigint' : 'double precision');
      return { kind: 'number', sql: this.lazyParam(node, cast), literal: true, value: node, label: `数值 ${node}` };
    }
    if (typeof node === 'boolean') {
      return {
        kind: 'boolean',
        sql: this.lazyParam(node, 'boolean'),
        literal: true,
        value: node,
        label: `布尔值 ${node}`,
      };
    }
    if (node === null) this.invalid(path, 'CQL2 没有 null 字面量，判断空值请用 isNull');
    if (Array.isArray(node)) this.invalid(path, '数组只能用于 in 的列表或数组函数（a_contains 等）');
    if (!isObj(node)) this.invalid(path, '应为字段、字面量或 casei/accenti');
    if ('property' in node) return this.propertyTerm(node, path);
    if ('timestamp' in node || 'date' in node) {
      const range = this.instantRange(node, path);
      return {
        kind: 'datetime',
        sql: this.boundSql(range.begin),
        range,
        literal: true,
        label: this.instantLabel(node),
      };
    }
    const o = this.opOf(node, path);
    if (o && (o.op === 'casei' || o.op === 'accenti')) {
      this.arity(o.op, o.args, 1, path);
      const inner = this.scalar(o.args[0], at(path, 0), depth + 1);
      if (inner.kind !== 'string') {
        this.invalid(at(path, 0), `「${o.op}」的参数应为字符串或字符串字段，实际为${inner.label}`);
      }
      const sql = o.op === 'casei' ? () => `lower(${inner.sql()})` : () => inner.sql();
      return { kind: 'string', sql, literal: inner.literal, label: `${o.op}(${inner.label})` };
    }
    if ('interval' in node) this.invalid(path, 'interval 只能用于时间函数（t_intersects 等）');
    if ('bbox' in node || 'type' in node) this.invalid(path, '几何只能用于空间函数（s_intersects 等）');
    if (o && ARITHMETIC.has(o.op)) this.invalid(path, `不支持算术运算「${o.op}」`);
    if (o) this.invalid(path, `「${clip(o.op)}」不能用作比较的操作数`);
    return this.invalid(path, '应为字段、字面量或 casei/accenti');
  }

  private propertyTerm(node: Obj, path: string): Term {
    const c = this.column(node, path);
    const label = `字段 ${c.name}（${TYPE_LABEL[c.type]}）`;
    const sql = () => c.sql;
    switch (c.type) {
      case 'integer':
        return { kind: 'number', sql, integer: true, literal: false, label };
      case 'datetime': {
        const b = { sql, literal: false };
        return { kind: 'datetime', sql, range: { begin: b, end: b, instant: true }, literal: false, label };
      }
      default:
        return { kind: c.type, sql, literal: false, label };
    }
  }

  private instantLabel(node: Obj): string {
    return 'timestamp' in node ? `时间 ${String(node.timestamp)}` : `日期 ${String(node.date)}`;
  }

  private compatible(l: Term, r: Term, path: string, what: string, kinds: readonly Kind[]): void {
    if (!kinds.includes(l.kind)) this.invalid(path, `${what.trim()}不适用于${l.label}`);
    if (l.kind === r.kind) return;
    const hint =
      l.kind === 'datetime' && r.kind === 'string' && r.literal
        ? `；时间请写作 {"timestamp": "…"} / {"date": "…"}（文本中为 TIMESTAMP('…') / DATE('…')）`
        : '';
    this.invalid(path, `${l.label}与${r.label}的类型不一致，无法${what.trim()}${hint}`);
  }

  private compare(op: string, l: Term, r: Term, path: string): string {
    this.compatible(l, r, path, '比较', ['string', 'number', 'boolean', 'datetime']);
    if (l.kind === 'datetime') return this.compareRanges(op, l.range!, r.range!);
    return `${l.sql(r)} ${op} ${r.sql(l)}`;
  }

  /** Comparison of two time ranges (instants or days), see the header. */
  private compareRanges(op: string, a: Range, b: Range): string {
    if (a.instant && b.instant) return this.cmp(a.begin, op, b.begin);
    switch (op) {
      case '=':
        return and(this.cmp(a.end, '>=', b.begin), this.cmp(a.begin, '<=', b.end));
      case '<>':
        return or(this.cmp(a.end, '<', b.begin), this.cmp(a.begin, '>', b.end));
      case '<':
        return this.cmp(a.end, '<', b.begin);
      case '<=':
        return this.cmp(a.begin, '<=', b.end);
      case '>':
        return this.cmp(a.begin, '>', b.end);
      default: // >=
        return this.cmp(a.end, '>=', b.begin);
    }
  }

  private like(args: unknown[], path: string, depth: number): string {
    this.arity('like', args, 2, path);
    const l = this.scalar(args[0], at(path, 0), depth);
    const r = this.scalar(args[1], at(path, 1), depth);
    this.compatible(l, r, path, ' LIKE 匹配', ['string']);
    return `${l.sql()} LIKE ${r.sql()}`;
  }

  private between(args: unknown[], path: string, depth: number): string {
    this.arity('between', args, 3, path);
    const [v, lo, hi] = args.map((a, i) => this.scalar(a, at(path, i), depth)) as [Term, Term, Term];
    this.compatible(v, lo, path, ' BETWEEN', ['number', 'datetime']);
    this.compatible(v, hi, path, ' BETWEEN', ['number', 'datetime']);
    if (v.kind === 'datetime') {
      return and(this.cmp(v.range!.end, '>=', lo.range!.begin), this.cmp(v.range!.begin, '<=', hi.range!.end));
    }
    return `(${v.sql(lo)} BETWEEN ${lo.sql(v)} AND ${hi.sql(v)})`;
  }

  private in(args: unknown[], path: string, depth: number): string {
    this.arity('in', args, 2, path);
    const left = this.scalar(args[0], at(path, 0), depth);
    const list = args[1];
    if (!Array.isArray(list)) this.invalid(at(path, 1), 'in 的第二个参数应为数组');
    const items = list.map((x, i) => this.scalar(x, `${at(path, 1)}/${i}`, depth));
    for (const [i, it] of items.entries()) {
      this.compatible(left, it, `${at(path, 1)}/${i}`, ' IN 比较', ['string', 'number', 'boolean', 'datetime']);
    }
    if (items.length === 0) return 'FALSE';
    if (left.kind !== 'datetime' && items.every((it) => it.value !== undefined)) {
      const values = items.map((it) => it.value);
      const cast =
        left.kind === 'string'
          ? 'text[]'
          : left.kind === 'boolean'
            ? 'boolean[]'
            : left.integer && values.every((x) => Number.isSafeInteger(x))
              ? 'bigint[]'
              : 'double precision[]';
      return `${left.sql()} = ANY(${this.param(values, cast)})`;
    }
    return or(...items.map((it) => this.compare('=', left, it, path)));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // time

  private boundSql(b: Bound): (peer?: Term) => string {
    return () =>
      typeof b === 'symbol' ? (b === NEG_INF ? "'-infinity'::timestamptz" : "'infinity'::timestamptz") : b.sql();
  }

  private instantRange(node: Obj, path: string): Range {
    if ('timestamp' in node) {
      const ts = node.timestamp;
      if (typeof ts !== 'string' || !isCql2TimestampString(ts)) {
        this.invalid(
          path,
          `timestamp 应为带时区的 RFC 3339 时间（如 "2024-01-01T00:00:00Z"），实际为 ${clip(JSON.stringify(ts) ?? '')}`,
        );
      }
      const b = { sql: this.lazyParam(ts, 'timestamptz'), literal: true };
      return { begin: b, end: b, instant: true };
    }
    const d = node.date;
    if (typeof d !== 'string' || !isCql2DateString(d)) {
      this.invalid(path, `date 应为有效日期（如 "2024-01-01"），实际为 ${clip(JSON.stringify(d) ?? '')}`);
    }
    return {
      begin: { sql: this.lazyParam(dayStart(d), 'timestamptz'), literal: true },
      end: { sql: this.lazyParam(dayEnd(d), 'timestamptz'), literal: true },
      instant: false,
    };
  }

  private temporalOperand(node: unknown, path: string): Range {
    if (isObj(node)) {
      if ('property' in node) {
        const c = this.column(node, path);
        if (c.type !== 'datetime')
          this.invalid(path, `时间函数的参数应为时间字段，字段 ${c.name} 为${TYPE_LABEL[c.type]}`);
        const b = { sql: () => c.sql, literal: false };
        return { begin: b, end: b, instant: true };
      }
      if ('timestamp' in node || 'date' in node) return this.instantRange(node, path);
      if ('interval' in node) return this.interval(node.interval, `${path}/interval`);
    }
    return this.invalid(path, '时间函数的参数应为时间字段、{"timestamp": …}、{"date": …} 或 {"interval": […]}');
  }

  private interval(v: unknown, path: string): Range {
    if (!Array.isArray(v) || v.length !== 2) this.invalid(path, 'interval 应为含 2 个端点的数组');
    const bound = (x: unknown, i: 0 | 1): Bound => {
      const p = `${path}/${i}`;
      if (x === '..') return i === 0 ? NEG_INF : POS_INF;
      if (typeof x === 'string') {
        if (isCql2DateString(x)) {
          return { sql: this.lazyParam(i === 0 ? dayStart(x) : dayEnd(x), 'timestamptz'), literal: true };
        }
        if (isCql2TimestampString(x)) return { sql: this.lazyParam(x, 'timestamptz'), literal: true };
        this.invalid(p, `interval 端点应为日期、RFC 3339 时间或 ".."，实际为 ${clip(JSON.stringify(x))}`);
      }
      if (isObj(x) && 'property' in x) {
        const c = this.column(x, p);
        if (c.type !== 'datetime') this.invalid(p, `interval 端点应为时间字段，字段 ${c.name} 为${TYPE_LABEL[c.type]}`);
        return { sql: () => c.sql, literal: false };
      }
      return this.invalid(p, 'interval 端点应为日期或时间字符串、".." 或时间字段');
    };
    const [a, b] = v as [unknown, unknown];
    const range: Range = { begin: bound(a, 0), end: bound(b, 1), instant: false };
    if (typeof a === 'string' && typeof b === 'string' && a !== '..' && b !== '..') {
      const start = Date.parse(isCql2DateString(a) ? dayStart(a) : a);
      const end = Date.parse(isCql2DateString(b) ? dayEnd(b) : b);
      if (start > end) this.invalid(path, `interval 的起点 ${a} 晚于终点 ${b}`);
    }
    return range;
  }

  /**
   * x op y for time bounds. An open end is folded to TRUE/FALSE against a literal or another open end, but compared
   * as '±infinity'::timestamptz with a column so that a NULL column stays unknown.
   */
  private cmp(x: Bound, op: string, y: Bound): string {
    if (typeof x !== 'symbol' && typeof y !== 'symbol') return `${x.sql()} ${op} ${y.sql()}`;
    const finite = typeof x === 'symbol' ? y : x;
    if (typeof finite !== 'symbol' && !finite.literal) return `${this.boundSql(x)()} ${op} ${this.boundSql(y)()}`;
    const rank = (b: Bound) => (b === NEG_INF ? -1 : b === POS_INF ? 1 : 0);
    const [rx, ry] = [rank(x), rank(y)];
    return FOLD[op]!(rx, ry) ? 'TRUE' : 'FALSE';
  }

  private temporal(op: Cql2TemporalOp, args: unknown[], path: string): string {
    this.arity(op, args, 2, path);
    const a = this.temporalOperand(args[0], at(path, 0));
    const b = this.temporalOperand(args[1], at(path, 1));
    if (a.instant && b.instant && (op === 't_intersects' || op === 't_equals')) return this.cmp(a.begin, '=', b.begin);
    if (a.instant && b.instant && op === 't_disjoint') return this.cmp(a.begin, '<>', b.begin);
    const c = (x: Bound, o: string, y: Bound) => this.cmp(x, o, y);
    switch (op) {
      case 't_intersects':
        return and(c(a.end, '>=', b.begin), c(a.begin, '<=', b.end));
      case 't_disjoint':
        return or(c(a.end, '<', b.begin), c(a.begin, '>', b.end));
      case 't_before':
        return c(a.end, '<', b.begin);
      case 't_after':
        return c(a.begin, '>', b.end);
      case 't_during':
        return and(c(a.begin, '>', b.begin), c(a.end, '<', b.end));
      case 't_contains':
        return and(c(a.begin, '<', b.begin), c(a.end, '>', b.end));
      default: // t_equals
        return and(c(a.begin, '=', b.begin), c(a.end, '=', b.end));
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // space

  private spatial(op: Cql2SpatialOp, args: unknown[], path: string): string {
    this.arity(op, args, 2, path);
    const a = this.spatialOperand(args[0], at(path, 0));
    const b = this.spatialOperand(args[1], at(path, 1));
    return `${SPATIAL_SQL[op]}(${a}, ${b})`;
  }

  private spatialOperand(node: unknown, path: string): string {
    if (isObj(node)) {
      if ('property' in node) {
        const c = this.column(node, path);
        if (c.type !== 'geometry')
          this.invalid(path, `空间函数的参数应为几何字段，字段 ${c.name} 为${TYPE_LABEL[c.type]}`);
        return c.sql;
      }
      // before bbox: a GeoJSON geometry may carry a bbox member of its own
      if ('type' in node) {
        const g = this.geometry(node, path, true);
        return `ST_SetSRID(ST_GeomFromGeoJSON(${this.param(JSON.stringify(g), 'text')}), ${FILTER_SRID})`;
      }
      if ('bbox' in node) return this.bbox(node.bbox, `${path}/bbox`);
    }
    return this.invalid(path, '空间函数的参数应为几何字段、GeoJSON 几何或 {"bbox": […]}');
  }

  private bbox(v: unknown, path: string): string {
    if (!Array.isArray(v) || (v.length !== 4 && v.length !== 6) || !v.every(isFiniteNumber)) {
      this.invalid(path, 'bbox 应为 4 个或 6 个有限数');
    }
    const n = v.length / 2;
    const [minx, miny, maxx, maxy] = [v[0], v[1], v[n], v[n + 1]] as number[];
    if (minx! > maxx!) this.invalid(path, 'bbox 的最小经度大于最大经度（跨越 180° 经线的范围暂不支持）');
    if (miny! > maxy!) this.invalid(path, 'bbox 的最小纬度大于最大纬度');
    const p = [minx, miny, maxx, maxy].map((x) => this.param(x, 'double precision'));
    return `ST_MakeEnvelope(${p.join(', ')}, ${FILTER_SRID})`;
  }

  /** Checks a GeoJSON geometry and returns a clean copy (no bbox, crs or foreign members reach PostGIS). */
  private geometry(node: Obj, path: string, allowCollection: boolean): Obj {
    const type = node.type;
    if (type === 'GeometryCollection') {
      if (!allowCollection) this.invalid(path, 'GeometryCollection 不能嵌套');
      const gs = node.geometries;
      if (!Array.isArray(gs) || gs.length === 0) this.invalid(`${path}/geometries`, 'geometries 应为非空数组');
      const geometries = gs.map((g, i) => {
        if (!isObj(g)) this.invalid(`${path}/geometries/${i}`, '应为 GeoJSON 几何');
        return this.geometry(g, `${path}/geometries/${i}`, false);
      });
      return { type, geometries };
    }
    const c = node.coordinates;
    const p = `${path}/coordinates`;
    switch (type) {
      case 'Point':
        this.position(c, p);
        break;
      case 'LineString':
        this.line(c, p);
        break;
      case 'MultiPoint':
        for (const [i, x] of this.list(c, p, 1, 'MultiPoint').entries()) this.position(x, `${p}/${i}`);
        break;
      case 'Polygon':
        this.polygon(c, p);
        break;
      case 'MultiLineString':
        for (const [i, x] of this.list(c, p, 1, 'MultiLineString').entries()) this.line(x, `${p}/${i}`);
        break;
      case 'MultiPolygon':
        for (const [i, x] of this.list(c, p, 1, 'MultiPolygon').entries()) this.polygon(x, `${p}/${i}`);
        break;
      default:
        this.invalid(`${path}/type`, `不支持的几何类型 ${clip(JSON.stringify(type) ?? '')}`);
    }
    return { type, coordinates: c };
  }

  private list(v: unknown, path: string, min: number, what: string): unknown[] {
    if (!Array.isArray(v) || v.length < min) this.invalid(path, `${what} 的坐标应为至少含 ${min} 项的数组`);
    return v;
  }

  private position(v: unknown, path: string): number[] {
    if (!Array.isArray(v) || v.length < 2 || v.length > 3 || !v.every(isFiniteNumber)) {
      this.invalid(path, '坐标点应为 2 个或 3 个有限数 [经度, 纬度(, 高程)]');
    }
    if (++this.positions > MAX_POSITIONS) this.invalid(path, `几何的坐标点过多（最多 ${MAX_POSITIONS} 个）`);
    return v;
  }

  private line(v: unknown, path: string): void {
    for (const [i, x] of this.list(v, path, 2, 'LineString').entries()) this.position(x, `${path}/${i}`);
  }

  private polygon(v: unknown, path: string): void {
    for (const [i, ring] of this.list(v, path, 1, 'Polygon').entries()) {
      const rp = `${path}/${i}`;
      const pts = this.list(ring, rp, 4, '多边形的环').map((x, j) => this.position(x, `${rp}/${j}`));
      const [first, last] = [pts[0]!, pts[pts.length - 1]!];
      if (first.length !== last.length || first.some((x, k) => x !== last[k])) {
        this.invalid(rp, '多边形的环必须闭合（首末点相同）');
      }
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // arrays

  private array(op: Cql2ArrayOp, args: unknown[], path: string): string {
    this.arity(op, args, 2, path);
    const a = this.arrayOperand(args[0], at(path, 0));
    const b = this.arrayOperand(args[1], at(path, 1));
    return `${a} ${ARRAY_SQL[op]} ${b}`;
  }

  private arrayOperand(node: unknown, path: string): string {
    if (Array.isArray(node)) {
      if (!node.every((x) => typeof x === 'string')) this.invalid(path, '数组字面量只能包含字符串');
      return this.param(node, 'text[]');
    }
    if (isObj(node) && 'property' in node) {
      const c = this.column(node, path);
      if (c.type !== 'array') this.invalid(path, `数组函数的参数应为数组字段，字段 ${c.name} 为${TYPE_LABEL[c.type]}`);
      return c.sql;
    }
    return this.invalid(path, '数组函数的参数应为数组字段或字符串数组');
  }
}

/** User text quoted in a message, cut to a readable length. */
const clip = (s: string): string => {
  const chars = Array.from(s);
  return chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : s;
};
const isFiniteNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const dayStart = (d: string) => `${d}T00:00:00Z`;
const dayEnd = (d: string) => `${d}T23:59:59.999999Z`;

/** AND of conditions, folding TRUE/FALSE and repeated parts (exact under SQL's three-valued logic). */
function and(...parts: string[]): string {
  if (parts.includes('FALSE')) return 'FALSE';
  const rest = [...new Set(parts.filter((p) => p !== 'TRUE'))];
  return rest.length === 0 ? 'TRUE' : rest.length === 1 ? rest[0]! : `(${rest.join(' AND ')})`;
}

function or(...parts: string[]): string {
  if (parts.includes('TRUE')) return 'TRUE';
  const rest = [...new Set(parts.filter((p) => p !== 'FALSE'))];
  return rest.length === 0 ? 'FALSE' : rest.length === 1 ? rest[0]! : `(${rest.join(' OR ')})`;
}
