import { createHmac, timingSafeEqual } from 'node:crypto';
import { DOWNLOAD_QUOTA_BOUNDS, type DownloadQuotaLimits } from '@geoshare/shared';
import { DomainError } from '../../platform/errors/domain-error.js';
import type { Polygons, Position } from '../../platform/raster/clip.plan.js';

/**
 * Signed downloads (pure rules): link tokens, clip polygons, file names, quotas.
 */

// ---------------------------------------------------------------------------------------------------------------
// Link tokens: `<download id>.<expiry, unix seconds base 36>.<HMAC-SM3 over both, base64url>`

const macOf = (key: Uint8Array, id: string, exp: string) =>
  createHmac('sm3', key).update(`download:${id}.${exp}`).digest();

export function signLink(key: Uint8Array, id: string, expiresAt: Date): string {
  const exp = Math.floor(expiresAt.getTime() / 1000).toString(36);
  return `${id}.${exp}.${macOf(key, id, exp).toString('base64url')}`;
}

/**
 * The download id and expiry of a link token, or null when it was not signed with `key` (tampered id, expiry or
 * signature). Expiry is the caller's check: a genuine but expired link deserves its own answer.
 */
export function verifyLink(key: Uint8Array, token: string): { id: string; expiresAt: Date } | null {
  const m = /^([0-9a-f-]{36})\.([0-9a-z]{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return null;
  const [, id, exp, mac] = m as unknown as [string, string, string, string];
  // Compared as text: base64url's last character carries 2 unused bits, so decoding would accept 4 spellings of one MAC.
  const given = Buffer.from(mac);
  const want = Buffer.from(macOf(key, id, exp).toString('base64url'));
  if (given.length !== want.length || !timingSafeEqual(given, want)) return null;
  return { id, expiresAt: new Date(Number.parseInt(exp, 36) * 1000) };
}

// ---------------------------------------------------------------------------------------------------------------
// Clip polygons

/** Vertices of a drawn clip polygon, all rings together (the browser's drawing tool never needs more). */
export const MAX_CLIP_VERTICES = 2000;

const invalid = (reason: string, details: Record<string, unknown> = {}) =>
  new DomainError('DOWNLOAD_CLIP_GEOMETRY_INVALID', { reason, ...details }, `裁切范围不合法：${reason}`);

function ringOf(raw: unknown, where: string): Position[] {
  if (!Array.isArray(raw) || raw.length < 4) throw invalid('每个环至少需要 4 个坐标（首尾相同）', { where });
  const ring = raw.map((p, i): Position => {
    if (
      !Array.isArray(p) ||
      p.length < 2 ||
      typeof p[0] !== 'number' ||
      typeof p[1] !== 'number' ||
      !Number.isFinite(p[0]) ||
      !Number.isFinite(p[1])
    ) {
      throw invalid('坐标应为 [经度, 纬度] 数值', { where: `${where}[${i}]` });
    }
    if (p[0] < -180 || p[0] > 180 || p[1] < -90 || p[1] > 90) {
      throw invalid('坐标超出经纬度范围（应为 CGCS2000 经纬度，EPSG:4490）', { where: `${where}[${i}]` });
    }
    return [p[0], p[1]];
  });
  const [x0, y0] = ring[0]!;
  const [xn, yn] = ring[ring.length - 1]!;
  if (x0 !== xn || y0 !== yn) throw invalid('多边形的环未闭合（首尾坐标须相同）', { where });
  return ring;
}

/**
 * A GeoJSON Polygon or MultiPolygon (EPSG:4490 lon/lat) as MultiPolygon coordinates: closed rings of ≥ 4 finite
 * positions within lon/lat bounds, ≤ MAX_CLIP_VERTICES in all. Self-intersection is PostGIS's to judge (ST_IsValid).
 */
export function clipPolygons(geometry: unknown): Polygons {
  const g = geometry as { type?: unknown; coordinates?: unknown } | null;
  if (!g || typeof g !== 'object' || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) {
    throw invalid('需为 GeoJSON Polygon 或 MultiPolygon');
  }
  const raw = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  if (!Array.isArray(raw) || raw.length === 0) throw invalid('多边形没有坐标');
  const polygons = raw.map((rings, i) => {
    if (!Array.isArray(rings) || rings.length === 0) throw invalid('多边形没有外环', { where: `polygon ${i}` });
    return rings.map((r, k) => ringOf(r, `polygon ${i} ring ${k}`));
  });
  const vertices = polygons.reduce((n, p) => n + p.reduce((m, r) => m + r.length, 0), 0);
  if (vertices > MAX_CLIP_VERTICES) {
    throw invalid(`顶点过多（${vertices} 个，最多 ${MAX_CLIP_VERTICES} 个）`, { vertices, limit: MAX_CLIP_VERTICES });
  }
  return polygons;
}

// ---------------------------------------------------------------------------------------------------------------
// File names

/** Characters no file system takes, and control characters. */
const UNSAFE = /[\\/:*?"<>|\p{Cc}]/gu;

/** `<title>_<suffix>.<ext>`, e.g. `影像 A_裁切_EPSG4526.tif`; the title cleaned for every file system, ≤ 80 chars. */
export function downloadFilename(title: string, suffix: string, ext: string): string {
  const clean = [...title.replace(UNSAFE, '_').trim()].slice(0, 80).join('') || 'download';
  return `${clean}_${suffix}.${ext}`;
}

/**
 * Content-Disposition with an ASCII fallback and the real name as RFC 5987 `filename*` (UTF-8, percent-encoded;
 * `'()*` too, which encodeURIComponent leaves alone but attr-char excludes).
 */
export function contentDisposition(filename: string, asciiFallback: string): string {
  const star = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const ascii = asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${star}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Quotas

export interface QuotaUse {
  count: number;
  bytes: number;
}

/** Whether one more download of `bytes` fits today's use under the limits; the reason when it does not. */
export function quotaExceeded(used: QuotaUse, limit: QuotaUse, bytes: number): 'count' | 'bytes' | null {
  if (used.count + 1 > limit.count) return 'count';
  if (used.bytes + bytes > limit.bytes) return 'bytes';
  return null;
}

/**
 * A quota an administrator sets: whole numbers within DOWNLOAD_QUOTA_BOUNDS (a limit of 0 would stop a unit's
 * downloads without saying so; that is an account or sharing decision, not a quota). Throws
 * DOWNLOAD_QUOTA_LIMIT_INVALID naming the field at fault.
 */
export function checkQuotaLimits(limits: DownloadQuotaLimits): QuotaUse {
  const { count, bytes } = DOWNLOAD_QUOTA_BOUNDS;
  if (!Number.isSafeInteger(limits.limitCount) || limits.limitCount < count.min || limits.limitCount > count.max) {
    throw new DomainError(
      'DOWNLOAD_QUOTA_LIMIT_INVALID',
      { field: 'limitCount', value: limits.limitCount, min: count.min, max: count.max },
      `每日下载次数应为 ${count.min}–${count.max} 次`,
    );
  }
  if (!Number.isSafeInteger(limits.limitBytes) || limits.limitBytes < bytes.min || limits.limitBytes > bytes.max) {
    throw new DomainError(
      'DOWNLOAD_QUOTA_LIMIT_INVALID',
      { field: 'limitBytes', value: limits.limitBytes, min: bytes.min, max: bytes.max },
      '每日下载容量应为 1 MB–100 TB',
    );
  }
  return { count: limits.limitCount, bytes: limits.limitBytes };
}
