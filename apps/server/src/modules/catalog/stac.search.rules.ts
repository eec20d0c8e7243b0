import { DomainError } from '../../platform/errors/domain-error.js';

/**
 * A STAC item search, normalised from GET query strings or a POST body (STAC API item-search, filter, sort, fields,
 * free-text extensions). Pure: no SQL here.
 */
export interface SearchRequest {
  bbox?: [number, number, number, number];
  intersects?: { type: string; coordinates?: unknown; geometries?: unknown };
  datetime?: { start: string | null; end: string | null };
  ids?: string[];
  collections?: string[];
  /** CQL2-JSON (a CQL2-text filter is parsed into it before it gets here) */
  filter?: unknown;
  /** free-text terms; every term must match (AND) */
  q?: string[];
  sortby: { field: string; direction: 'asc' | 'desc' }[];
  fields?: { include: string[]; exclude: string[] };
  limit: number;
  offset: number;
}

export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 1000;
const RFC3339 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$/i;

const invalid = (param: string, message: string): DomainError =>
  new DomainError('STAC_PARAM_INVALID', { param }, `STAC 查询参数不合法：${message}`);

/** `minx,miny,maxx,maxy` (or 6 numbers with heights, which are ignored) in lon/lat degrees. */
export function parseBbox(v: unknown): [number, number, number, number] {
  const a = (typeof v === 'string' ? v.split(',') : Array.isArray(v) ? v : []).map(Number);
  if ((a.length !== 4 && a.length !== 6) || a.some((n) => !Number.isFinite(n)))
    throw invalid('bbox', 'bbox 应为 4 个数字：最小经度,最小纬度,最大经度,最大纬度');
  const [minx, miny, maxx, maxy] = a.length === 4 ? a : [a[0], a[1], a[3], a[4]];
  if (miny! > maxy! || miny! < -90 || maxy! > 90 || minx! < -180 || maxx! > 180)
    throw invalid('bbox', 'bbox 超出经纬度范围或最小值大于最大值');
  return [minx!, miny!, maxx!, maxy!];
}

/** RFC 3339 instant or interval `a/b` with open ends `..` or empty. A bare date means the whole day (UTC). */
export function parseDatetime(v: string): { start: string | null; end: string | null } {
  const parts = v.split('/');
  if (parts.length > 2) throw invalid('datetime', 'datetime 应为时间点或 “开始/结束” 区间');
  const one = (s: string | undefined, end: boolean): string | null => {
    if (s === undefined || s === '' || s === '..') return null;
    if (!RFC3339.test(s) || Number.isNaN(Date.parse(s)))
      throw invalid('datetime', `无法识别的时间：${s}（应为 RFC 3339 格式，例如 2024-01-01T00:00:00Z）`);
    if (s.length === 10) return end ? `${s}T23:59:59.999Z` : `${s}T00:00:00Z`;
    return new Date(s).toISOString();
  };
  if (parts.length === 1) {
    const s = one(parts[0], false);
    if (s === null) throw invalid('datetime', 'datetime 不能为空');
    return { start: s, end: parts[0]!.length === 10 ? one(parts[0], true) : s };
  }
  const r = { start: one(parts[0], false), end: one(parts[1], true) };
  if (r.start === null && r.end === null) throw invalid('datetime', '区间两端不能都开放');
  if (r.start && r.end && r.start > r.end) throw invalid('datetime', '开始时间晚于结束时间');
  return r;
}

/** GET `sortby=-datetime,+id` or POST `[{field, direction}]`; `properties.` prefixes are accepted. */
export function parseSortby(v: unknown): SearchRequest['sortby'] {
  const list =
    typeof v === 'string'
      ? v
          .split(',')
          .filter(Boolean)
          .map((s) => ({ field: s.replace(/^[+-]/, '').trim(), direction: s.startsWith('-') ? 'desc' : 'asc' }))
      : Array.isArray(v)
        ? (v as { field?: unknown; direction?: unknown }[]).map((s) => ({
            field: String(s.field ?? ''),
            direction: String(s.direction ?? 'asc'),
          }))
        : [];
  return list.map((s) => {
    if (!s.field || (s.direction !== 'asc' && s.direction !== 'desc'))
      throw invalid('sortby', 'sortby 字段或方向不合法');
    return { field: s.field.replace(/^properties\./, ''), direction: s.direction };
  });
}

/** GET `fields=id,properties.datetime,-assets` or POST `{include, exclude}`. */
export function parseFields(v: unknown): SearchRequest['fields'] {
  if (typeof v === 'string') {
    const list = v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    return {
      include: list.filter((s) => !s.startsWith('-')).map((s) => s.replace(/^\+/, '')),
      exclude: list.filter((s) => s.startsWith('-')).map((s) => s.slice(1)),
    };
  }
  const o = (v ?? {}) as { include?: unknown; exclude?: unknown };
  const arr = (x: unknown) => (Array.isArray(x) ? x.map(String) : []);
  return { include: arr(o.include), exclude: arr(o.exclude) };
}

/** Free text: words separated by spaces or commas; quoted phrases stay whole. Lower-cased. */
export function parseQ(v: unknown): string[] {
  const s = Array.isArray(v) ? v.join(' ') : String(v ?? '');
  const terms = [...s.matchAll(/"([^"]+)"|([^\s,，]+)/g)]
    .map((m) => (m[1] ?? m[2] ?? '').trim().toLowerCase())
    .filter(Boolean);
  if (terms.length > 10) throw invalid('q', '检索词最多 10 个');
  return terms;
}

const list = (v: unknown): string[] =>
  (typeof v === 'string' ? v.split(',') : Array.isArray(v) ? v.map(String) : []).map((s) => s.trim()).filter(Boolean);

/** Pagination token: an opaque offset (`o<number>`). */
export const encodeToken = (offset: number): string => Buffer.from(`o${offset}`).toString('base64url');
export function decodeToken(t: unknown): number {
  if (t === undefined || t === null || t === '') return 0;
  const m = /^o(\d+)$/.exec(Buffer.from(String(t), 'base64url').toString());
  if (!m) throw invalid('token', '分页标记无效');
  return Number(m[1]);
}

/**
 * Normalises raw GET/POST input. `parseFilterText` turns a CQL2-text filter into CQL2-JSON (injected to keep this pure
 * module free of the parser's import cycle).
 */
export function normaliseSearch(raw: Record<string, unknown>, parseFilterText: (s: string) => unknown): SearchRequest {
  const limit = raw.limit === undefined ? DEFAULT_LIMIT : Number(raw.limit);
  if (!Number.isInteger(limit) || limit < 1) throw invalid('limit', 'limit 应为正整数');
  if (raw.bbox !== undefined && raw.intersects !== undefined) throw invalid('bbox', 'bbox 与 intersects 不能同时使用');
  const r: SearchRequest = { sortby: [], limit: Math.min(limit, MAX_LIMIT), offset: decodeToken(raw.token) };
  if (raw.bbox !== undefined) r.bbox = parseBbox(raw.bbox);
  if (raw.intersects !== undefined) {
    const g = typeof raw.intersects === 'string' ? safeJson(raw.intersects, 'intersects') : raw.intersects;
    if (!g || typeof g !== 'object' || typeof (g as { type?: unknown }).type !== 'string')
      throw invalid('intersects', 'intersects 应为 GeoJSON 几何对象');
    r.intersects = g as SearchRequest['intersects'];
  }
  if (raw.datetime !== undefined) r.datetime = parseDatetime(String(raw.datetime));
  if (raw.ids !== undefined) r.ids = list(raw.ids);
  if (raw.collections !== undefined) r.collections = list(raw.collections);
  if (raw.q !== undefined) r.q = parseQ(raw.q);
  if (raw.sortby !== undefined) r.sortby = parseSortby(raw.sortby);
  if (raw.fields !== undefined) r.fields = parseFields(raw.fields);
  if (raw.filter !== undefined) {
    const lang = String(raw['filter-lang'] ?? (typeof raw.filter === 'string' ? 'cql2-text' : 'cql2-json'));
    if (lang === 'cql2-text') r.filter = parseFilterText(String(raw.filter));
    else if (lang === 'cql2-json')
      r.filter = typeof raw.filter === 'string' ? safeJson(raw.filter, 'filter') : raw.filter;
    else throw invalid('filter-lang', `不支持的 filter-lang：${lang}（支持 cql2-text、cql2-json）`);
  }
  return r;
}

function safeJson(s: string, param: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    throw invalid(param, `${param} 不是合法的 JSON`);
  }
}

/** Applies the fields extension to one serialised item (dotted paths; `properties.x` style). */
export function applyFields<T extends Record<string, unknown>>(
  item: T,
  fields: SearchRequest['fields'],
): Record<string, unknown> {
  if (!fields || (fields.include.length === 0 && fields.exclude.length === 0)) return item;
  // STAC API fields: these are always returned unless explicitly excluded.
  const include = fields.include.length
    ? new Set([...fields.include, 'type', 'stac_version', 'id', 'collection', 'links'])
    : null;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) {
    if (fields.exclude.includes(k)) continue;
    if (k === 'properties' && v && typeof v === 'object') {
      const props: Record<string, unknown> = {};
      for (const [pk, pv] of Object.entries(v as Record<string, unknown>)) {
        const path = `properties.${pk}`;
        if (fields.exclude.includes(path)) continue;
        if (include && !include.has('properties') && !include.has(path)) continue;
        props[pk] = pv;
      }
      if (!include || include.has('properties') || Object.keys(props).length) out.properties = props;
      continue;
    }
    if (include && !include.has(k)) continue;
    out[k] = v;
  }
  return out;
}
