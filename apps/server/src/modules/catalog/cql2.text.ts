/**
 * CQL2-text (OGC 21-065r2, clause 8 and Annex B) to CQL2-JSON: a hand-written tokenizer and recursive-descent parser.
 *
 * Precedence, loosest first: OR, AND, NOT, predicate. `a AND b AND c` becomes one n-ary `and` (likewise `or`);
 * `x NOT LIKE p`, `x NOT BETWEEN a AND b`, `x NOT IN (…)` and `x IS NOT NULL` become `{op: 'not', args: [...]}` as in
 * the CQL2 examples. Keywords and function names are case-insensitive; bare identifiers may contain ':' and '.'
 * (`eo:cloud_cover`, `geoshare:secrecy`), any other name is written in double quotes. String literals use single
 * quotes with '' for a quote and may hold any Unicode text. WKT geometries become GeoJSON, BBOX(…) `{bbox}`.
 *
 * Not supported (a clear STAC_FILTER_INVALID error, never a silent mismatch): arithmetic, custom functions, the
 * temporal operators other than T_INTERSECTS/BEFORE/AFTER/DURING/EQUALS/CONTAINS/DISJOINT, WKT with M values and
 * EMPTY geometries.
 */
import { DomainError } from '../../platform/errors/domain-error.js';
import {
  type Cql2ArrayItem,
  type Cql2ArrayOp,
  type Cql2ArrayOperand,
  type Cql2CharacterExpr,
  type Cql2ComparisonOp,
  type Cql2Expr,
  type Cql2Geometry,
  type Cql2IntervalBound,
  type Cql2Position,
  type Cql2Scalar,
  type Cql2SimpleGeometry,
  type Cql2SpatialOp,
  type Cql2SpatialOperand,
  type Cql2TemporalOp,
  type Cql2TemporalOperand,
  isCql2DateString,
  isCql2TimestampString,
  SPATIAL_OPS,
  TEMPORAL_OPS,
  UNSUPPORTED_TEMPORAL_OPS,
} from './cql2.ast.js';

/** Deeper nesting than this (parentheses, NOT) is refused rather than risking the stack. */
const MAX_DEPTH = 64;

type TokenKind = 'ident' | 'qident' | 'string' | 'number' | 'op' | '(' | ')' | ',' | 'eof';

interface Token {
  kind: TokenKind;
  /** identifier or operator as written; the unescaped value of a string or quoted identifier */
  text: string;
  value: number;
  /** UTF-16 offset into the input */
  pos: number;
}

const RESERVED = new Set(['AND', 'OR', 'NOT', 'LIKE', 'BETWEEN', 'IN', 'IS', 'NULL', 'TRUE', 'FALSE']);
const WKT_TYPES = new Set([
  'POINT',
  'LINESTRING',
  'POLYGON',
  'MULTIPOINT',
  'MULTILINESTRING',
  'MULTIPOLYGON',
  'GEOMETRYCOLLECTION',
]);
/** what may follow a WKT type name instead of '(' */
const WKT_TAGS = new Set(['Z', 'M', 'ZM', 'EMPTY']);
const SPATIAL_BY_NAME = new Map<string, Cql2SpatialOp>(SPATIAL_OPS.map((op) => [op.toUpperCase(), op]));
const TEMPORAL_BY_NAME = new Map<string, Cql2TemporalOp>(TEMPORAL_OPS.map((op) => [op.toUpperCase(), op]));
const UNSUPPORTED_TEMPORAL = new Set<string>(UNSUPPORTED_TEMPORAL_OPS.map((op) => op.toUpperCase()));
const ARRAY_BY_NAME = new Map<string, Cql2ArrayOp>([
  ['A_CONTAINS', 'a_contains'],
  ['A_CONTAINEDBY', 'a_containedBy'],
  ['A_OVERLAPS', 'a_overlaps'],
  ['A_EQUALS', 'a_equals'],
]);
const TEMPORAL_LIST = TEMPORAL_OPS.map((op) => op.toUpperCase()).join('、');

const IDENT_START = /[\p{L}_]/u;
const IDENT_PART = /[\p{L}\p{M}\p{N}_:.]/u;
const NUMBER_RE = /[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const FULL_WIDTH = /[\u3000-\u303f\uff00-\uffef\u2018\u2019\u201c\u201d]/u;

/** Parses CQL2-text into CQL2-JSON; throws STAC_FILTER_INVALID (with the character position) on any error. */
export function parseCql2Text(text: string): Cql2Expr {
  return new Parser(text).parse();
}

class Parser {
  private readonly tokens: Token[];
  private i = 0;
  /** current nesting of parentheses, NOT, CASEI/ACCENTI and array literals */
  private depth = 0;

  constructor(private readonly text: string) {
    this.tokens = this.tokenize();
  }

  parse(): Cql2Expr {
    if (this.peek().kind === 'eof') {
      throw new DomainError('STAC_FILTER_INVALID', { reason: 'empty' }, 'CQL2 过滤表达式不合法：过滤表达式为空');
    }
    const e = this.parseOr();
    if (this.peek().kind !== 'eof') this.expected('AND、OR 或表达式结尾');
    return e;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // errors

  /** 1-based position in characters (code points, so that a Chinese character or an emoji counts as one). */
  private column(pos: number): number {
    return Array.from(this.text.slice(0, pos)).length + 1;
  }

  private failAt(pos: number, reason: string, extra: Record<string, unknown> = {}): never {
    const position = this.column(pos);
    throw new DomainError(
      'STAC_FILTER_INVALID',
      { position, reason, ...extra },
      `CQL2 过滤表达式不合法：第 ${position} 个字符处${reason}`,
    );
  }

  private fail(t: Token, reason: string): never {
    return this.failAt(t.pos, reason, { found: describe(t) });
  }

  /** "expected X, found Y" at the current token. */
  private expected(what: string): never {
    const t = this.peek();
    const space = /^[A-Za-z]/.test(what) ? ' ' : '';
    return this.fail(t, `应为${space}${what}，实际为${describe(t)}`);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // tokenizer

  private tokenize(): Token[] {
    const s = this.text;
    const out: Token[] = [];
    const push = (kind: TokenKind, text: string, pos: number, value = Number.NaN) =>
      out.push({ kind, text, value, pos });
    let p = 0;
    while (p < s.length) {
      const c = s[p]!;
      if (/\s/u.test(c)) {
        p++;
        continue;
      }
      if (c === '(' || c === ')' || c === ',') {
        push(c, c, p++);
        continue;
      }
      if (c === "'" || c === '"') {
        const start = p;
        let value = '';
        p++;
        for (;;) {
          if (p >= s.length) {
            this.failAt(start, c === "'" ? '的字符串缺少结束的单引号' : '的带引号字段名缺少结束的双引号');
          }
          if (s[p] === c) {
            if (s[p + 1] === c) {
              value += c;
              p += 2;
              continue;
            }
            p++;
            break;
          }
          value += s[p];
          p++;
        }
        if (c === '"' && value === '') this.failAt(start, '的带引号字段名为空');
        push(c === "'" ? 'string' : 'qident', value, start);
        continue;
      }
      NUMBER_RE.lastIndex = p;
      const num = NUMBER_RE.exec(s);
      if (num) {
        const value = Number(num[0]);
        if (!Number.isFinite(value)) this.failAt(p, `的数字 ${num[0]} 超出范围`);
        push('number', num[0], p, value);
        p += num[0].length;
        continue;
      }
      if (c === '<' || c === '>' || c === '=') {
        const two = s.slice(p, p + 2);
        const op = two === '<=' || two === '>=' || two === '<>' ? two : c;
        push('op', op, p);
        p += op.length;
        continue;
      }
      if (c === '!' && s[p + 1] === '=') this.failAt(p, '的运算符 != 不属于 CQL2，不等于请写作 <>');
      if ('+-*/%^'.includes(c)) this.failAt(p, `的算术运算符「${c}」不受支持`);
      if (IDENT_START.test(c)) {
        const start = p;
        while (p < s.length && IDENT_PART.test(s[p]!)) p++;
        push('ident', s.slice(start, p), start);
        continue;
      }
      const ch = String.fromCodePoint(s.codePointAt(p)!);
      if (FULL_WIDTH.test(ch)) this.failAt(p, `出现全角符号「${ch}」，请改用半角括号、逗号、引号或运算符`);
      this.failAt(p, `出现无法识别的字符「${ch}」`);
    }
    push('eof', '', s.length);
    return out;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // token helpers

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.i++;
    return t;
  }

  private isKeyword(t: Token, kw: string): boolean {
    return t.kind === 'ident' && t.text.toUpperCase() === kw;
  }

  private isCall(offset = 0): boolean {
    return this.peek(offset).kind === 'ident' && this.peek(offset + 1).kind === '(';
  }

  private expect(kind: TokenKind, label: string): Token {
    if (this.peek().kind !== kind) this.expected(label);
    return this.next();
  }

  private expectKeyword(kw: string): void {
    if (!this.isKeyword(this.peek(), kw)) this.expected(kw);
    this.next();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // boolean expressions

  /** Runs `f` one nesting level deeper; refuses deeper nesting than MAX_DEPTH rather than risking the stack. */
  private nested<T>(f: () => T): T {
    if (++this.depth > MAX_DEPTH) this.fail(this.peek(), `嵌套过深（最多 ${MAX_DEPTH} 层）`);
    try {
      return f();
    } finally {
      this.depth--;
    }
  }

  private parseOr(): Cql2Expr {
    const args = [this.parseAnd()];
    while (this.isKeyword(this.peek(), 'OR')) {
      this.next();
      args.push(this.parseAnd());
    }
    return args.length === 1 ? args[0]! : { op: 'or', args };
  }

  private parseAnd(): Cql2Expr {
    const args = [this.parseNot()];
    while (this.isKeyword(this.peek(), 'AND')) {
      this.next();
      args.push(this.parseNot());
    }
    return args.length === 1 ? args[0]! : { op: 'and', args };
  }

  private parseNot(): Cql2Expr {
    if (this.isKeyword(this.peek(), 'NOT')) {
      this.next();
      return { op: 'not', args: [this.nested(() => this.parseNot())] };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): Cql2Expr {
    const t = this.peek();
    if (t.kind === '(') {
      this.next();
      const e = this.nested(() => this.parseOr());
      this.expect(')', '右括号');
      return e;
    }
    if (this.isCall()) {
      const name = t.text.toUpperCase();
      const spatial = SPATIAL_BY_NAME.get(name);
      if (spatial) return this.parseBinaryFunction(spatial, () => this.parseSpatialOperand());
      const temporal = TEMPORAL_BY_NAME.get(name);
      if (temporal) return this.parseBinaryFunction(temporal, () => this.parseTemporalOperand());
      const array = ARRAY_BY_NAME.get(name);
      if (array) return this.parseBinaryFunction(array, () => this.parseArrayOperand());
      if (UNSUPPORTED_TEMPORAL.has(name)) this.fail(t, `的时间函数 ${name} 暂不支持（支持 ${TEMPORAL_LIST}）`);
    }
    const left = this.parseScalar();
    return this.parsePredicateTail(left, t);
  }

  /** What follows the first operand of a predicate: a comparison, [NOT] LIKE/BETWEEN/IN or IS [NOT] NULL. */
  private parsePredicateTail(left: Cql2Scalar, leftToken: Token): Cql2Expr {
    const t = this.peek();
    if (t.kind === 'op') {
      this.next();
      return { op: t.text as Cql2ComparisonOp, args: [left, this.parseScalar()] };
    }
    if (this.isKeyword(t, 'IS')) {
      this.next();
      const negated = this.isKeyword(this.peek(), 'NOT');
      if (negated) this.next();
      this.expectKeyword('NULL');
      const isNull: Cql2Expr = { op: 'isNull', args: [left] };
      return negated ? { op: 'not', args: [isNull] } : isNull;
    }
    let negated = false;
    if (this.isKeyword(t, 'NOT')) {
      const after = this.peek(1);
      if (!['LIKE', 'BETWEEN', 'IN'].some((kw) => this.isKeyword(after, kw))) {
        this.next();
        this.expected('LIKE、BETWEEN 或 IN');
      }
      this.next();
      negated = true;
    }
    const op = this.peek();
    let e: Cql2Expr;
    if (this.isKeyword(op, 'LIKE')) {
      this.next();
      if (!isCharacterExpr(left)) this.fail(leftToken, '的 LIKE 左侧应为字段名或字符串');
      const patternToken = this.peek();
      const pattern = this.parseScalar();
      if (!isCharacterExpr(pattern)) this.fail(patternToken, `应为 LIKE 的字符串模式，实际为${describe(patternToken)}`);
      e = { op: 'like', args: [left, pattern] };
    } else if (this.isKeyword(op, 'BETWEEN')) {
      this.next();
      const low = this.parseScalar();
      this.expectKeyword('AND');
      e = { op: 'between', args: [left, low, this.parseScalar()] };
    } else if (this.isKeyword(op, 'IN')) {
      this.next();
      this.expect('(', 'IN 列表的左括号');
      const list = [this.parseScalar()];
      while (this.peek().kind === ',') {
        this.next();
        list.push(this.parseScalar());
      }
      this.expect(')', 'IN 列表的右括号或逗号');
      e = { op: 'in', args: [left, list] };
    } else if (!negated && typeof left === 'boolean') {
      return left;
    } else {
      return this.expected('比较运算符（= <> < <= > >=）、LIKE、BETWEEN、IN 或 IS NULL');
    }
    return negated ? { op: 'not', args: [e] } : e;
  }

  private parseBinaryFunction<O extends string, A>(op: O, operand: () => A): { op: O; args: [A, A] } {
    this.next(); // name
    this.next(); // (
    const a = operand();
    this.expect(',', '逗号');
    const b = operand();
    this.expect(')', '右括号');
    return { op, args: [a, b] };
  }

  // ---------------------------------------------------------------------------------------------------------------
  // operands

  private parseProperty(): { property: string } | null {
    const t = this.peek();
    if (t.kind === 'qident' || (t.kind === 'ident' && !this.isCall() && !RESERVED.has(t.text.toUpperCase()))) {
      this.next();
      return { property: t.text };
    }
    return null;
  }

  /** A comparison operand: literal, property, TIMESTAMP/DATE or CASEI/ACCENTI. */
  private parseScalar(): Cql2Scalar {
    const t = this.peek();
    if (t.kind === 'string') return this.next().text;
    if (t.kind === 'number') return this.next().value;
    const property = this.parseProperty();
    if (property) return property;
    if (t.kind === 'ident') {
      const name = t.text.toUpperCase();
      if (name === 'TRUE' || name === 'FALSE') {
        this.next();
        return name === 'TRUE';
      }
      if (this.isCall()) {
        if (name === 'TIMESTAMP' || name === 'DATE') return this.parseInstant();
        if (name === 'CASEI' || name === 'ACCENTI') {
          this.next();
          this.next();
          const argToken = this.peek();
          const arg = this.nested(() => this.parseScalar());
          if (!isCharacterExpr(arg))
            this.fail(argToken, `应为 ${name} 的字符串或字段参数，实际为${describe(argToken)}`);
          this.expect(')', '右括号');
          return { op: name === 'CASEI' ? 'casei' : 'accenti', args: [arg] };
        }
        if (name === 'INTERVAL') this.fail(t, '的 INTERVAL 只能用作时间函数（如 T_INTERSECTS）的参数');
        if (WKT_TYPES.has(name) || name === 'BBOX')
          this.fail(t, `的几何 ${name} 只能用作空间函数（如 S_INTERSECTS）的参数`);
        if (SPATIAL_BY_NAME.has(name) || TEMPORAL_BY_NAME.has(name) || ARRAY_BY_NAME.has(name)) {
          this.fail(t, `的 ${name} 是独立的条件，不能用作比较的操作数`);
        }
        this.fail(t, `的函数 ${clip(t.text)} 不受支持`);
      }
    }
    return this.expected('字段名或字面量（字符串、数字、TRUE/FALSE、TIMESTAMP、DATE）');
  }

  /** TIMESTAMP('…') or DATE('…'), the value checked. */
  private parseInstant(): { timestamp: string } | { date: string } {
    const name = this.next().text.toUpperCase();
    this.next(); // (
    const s = this.expect('string', `${name} 的字符串参数`);
    if (name === 'TIMESTAMP') {
      if (!isCql2TimestampString(s.text)) {
        this.fail(s, `的 TIMESTAMP 值「${clip(s.text)}」不是带时区的 RFC 3339 时间（如 '2024-01-01T00:00:00Z'）`);
      }
      this.expect(')', '右括号');
      return { timestamp: s.text };
    }
    if (!isCql2DateString(s.text)) this.fail(s, `的 DATE 值「${clip(s.text)}」不是有效日期（如 '2024-01-01'）`);
    this.expect(')', '右括号');
    return { date: s.text };
  }

  private parseSpatialOperand(): Cql2SpatialOperand {
    const t = this.peek();
    if (t.kind === 'ident') {
      const name = t.text.toUpperCase();
      if (name === 'BBOX' && this.isCall()) return this.parseBbox();
      const after = this.peek(1);
      const wktFollows = after.kind === '(' || (after.kind === 'ident' && WKT_TAGS.has(after.text.toUpperCase()));
      if (WKT_TYPES.has(name) && wktFollows) return this.parseWkt(true);
    }
    const property = this.parseProperty();
    if (property) return property;
    return this.expected('几何字段、WKT 几何（POINT、POLYGON 等）或 BBOX(…)');
  }

  private parseBbox(): { bbox: number[] } {
    const t = this.next(); // BBOX
    this.next(); // (
    const bbox = [this.expectNumber()];
    while (this.peek().kind === ',') {
      this.next();
      bbox.push(this.expectNumber());
    }
    this.expect(')', '右括号或逗号');
    if (bbox.length !== 4 && bbox.length !== 6) this.fail(t, `的 BBOX 应有 4 个或 6 个数，实际为 ${bbox.length} 个`);
    return { bbox };
  }

  private expectNumber(): number {
    return this.expect('number', '数字').value;
  }

  private parseWkt(allowCollection: boolean): Cql2Geometry {
    const t = this.next();
    const type = t.text.toUpperCase();
    let z = false;
    const dim = this.peek();
    if (dim.kind === 'ident' && ['Z', 'M', 'ZM'].includes(dim.text.toUpperCase())) {
      if (dim.text.toUpperCase() !== 'Z') this.fail(dim, '的 WKT 坐标带 M 值，暂不支持（可用二维或 Z 坐标）');
      z = true;
      this.next();
    }
    if (this.isKeyword(this.peek(), 'EMPTY')) this.fail(this.peek(), '的空几何（EMPTY）不受支持');
    switch (type) {
      case 'POINT': {
        this.expect('(', 'POINT 的左括号');
        const coordinates = this.parsePosition(z);
        this.expect(')', '右括号');
        return { type: 'Point', coordinates };
      }
      case 'LINESTRING':
        return { type: 'LineString', coordinates: this.parsePositions(z) };
      case 'POLYGON':
        return { type: 'Polygon', coordinates: this.parseList(() => this.parsePositions(z)) };
      case 'MULTIPOINT':
        // both MULTIPOINT((1 2), (3 4)) and MULTIPOINT(1 2, 3 4) are in use
        return {
          type: 'MultiPoint',
          coordinates: this.parseList(() => {
            if (this.peek().kind !== '(') return this.parsePosition(z);
            this.next();
            const p = this.parsePosition(z);
            this.expect(')', '右括号');
            return p;
          }),
        };
      case 'MULTILINESTRING':
        return { type: 'MultiLineString', coordinates: this.parseList(() => this.parsePositions(z)) };
      case 'MULTIPOLYGON':
        return {
          type: 'MultiPolygon',
          coordinates: this.parseList(() => this.parseList(() => this.parsePositions(z))),
        };
      default: {
        // GEOMETRYCOLLECTION
        if (!allowCollection) this.fail(t, '的 GEOMETRYCOLLECTION 不能嵌套');
        const geometries = this.parseList(() => {
          const g = this.peek();
          if (g.kind !== 'ident' || !WKT_TYPES.has(g.text.toUpperCase())) this.expected('WKT 几何');
          return this.parseWkt(false) as Cql2SimpleGeometry;
        });
        return { type: 'GeometryCollection', geometries };
      }
    }
  }

  /** '(' item (',' item)* ')' */
  private parseList<T>(item: () => T): T[] {
    this.expect('(', '左括号');
    const out = [item()];
    while (this.peek().kind === ',') {
      this.next();
      out.push(item());
    }
    this.expect(')', '右括号或逗号');
    return out;
  }

  private parsePositions(z: boolean): Cql2Position[] {
    return this.parseList(() => this.parsePosition(z));
  }

  /** x y, or x y z (Z geometries, and 3-number positions without the Z tag as in the CQL2 examples). */
  private parsePosition(z: boolean): Cql2Position {
    const p = [this.expectNumber(), this.expectNumber()];
    if (this.peek().kind === 'number') p.push(this.next().value);
    else if (z) this.expected('Z 坐标（数字）');
    if (this.peek().kind === 'number') this.fail(this.peek(), '的坐标数值过多（每个点为 x y 或 x y z）');
    return p;
  }

  private parseTemporalOperand(): Cql2TemporalOperand {
    const t = this.peek();
    if (this.isCall()) {
      const name = t.text.toUpperCase();
      if (name === 'TIMESTAMP' || name === 'DATE') return this.parseInstant();
      if (name === 'INTERVAL') {
        this.next();
        this.next();
        const start = this.parseIntervalBound();
        this.expect(',', '逗号');
        const end = this.parseIntervalBound();
        this.expect(')', '右括号');
        return { interval: [start, end] };
      }
    }
    const property = this.parseProperty();
    if (property) return property;
    return this.expected("时间字段、TIMESTAMP('…')、DATE('…') 或 INTERVAL('…', '…')");
  }

  private parseIntervalBound(): Cql2IntervalBound {
    const t = this.peek();
    if (t.kind === 'string') {
      if (t.text !== '..' && !isCql2DateString(t.text) && !isCql2TimestampString(t.text)) {
        this.fail(t, `的 INTERVAL 端点「${clip(t.text)}」应为日期（'2024-01-01'）、RFC 3339 时间或表示不限的 '..'`);
      }
      return this.next().text;
    }
    const property = this.parseProperty();
    if (property) return property;
    return this.expected("INTERVAL 的端点（日期或时间字符串、'..' 或字段名）");
  }

  private parseArrayOperand(): Cql2ArrayOperand {
    if (this.peek().kind === '(') return this.parseArrayLiteral();
    const property = this.parseProperty();
    if (property) return property;
    return this.expected("数组字段或数组字面量（如 ('a', 'b')）");
  }

  private parseArrayLiteral(): Cql2ArrayItem[] {
    this.next(); // (
    const items: Cql2ArrayItem[] = [];
    if (this.peek().kind === ')') {
      this.next();
      return items;
    }
    for (;;) {
      if (this.peek().kind === '(') {
        items.push(this.nested(() => this.parseArrayLiteral()));
      } else {
        const t = this.peek();
        const item = this.parseScalar();
        if (typeof item === 'object' && 'op' in item) this.fail(t, `的 ${t.text.toUpperCase()} 不能用作数组元素`);
        items.push(item);
      }
      if (this.peek().kind !== ',') break;
      this.next();
    }
    this.expect(')', '数组的右括号或逗号');
    return items;
  }
}

function isCharacterExpr(x: Cql2Scalar): x is Cql2CharacterExpr {
  return typeof x === 'string' || (typeof x === 'object' && ('property' in x || 'op' in x));
}

/** User text quoted in a message, cut to a readable length. */
function clip(s: string): string {
  const chars = Array.from(s);
  return chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : s;
}

function describe(t: Token): string {
  switch (t.kind) {
    case 'eof':
      return '表达式结尾';
    case 'string':
      return `字符串 '${clip(t.text)}'`;
    case 'qident':
      return `字段名 "${clip(t.text)}"`;
    case 'number':
      return `数字 ${clip(t.text)}`;
    case 'ident':
      return `「${clip(t.text)}」`;
    case '(':
      return '左括号';
    case ')':
      return '右括号';
    case ',':
      return '逗号';
    default:
      return `运算符「${t.text}」`;
  }
}
