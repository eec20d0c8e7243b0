import type { TokenScope } from '@geoshare/shared';

/**
 * Personal API tokens (pure rules): the secret's format and which routes a scope opens.
 *
 * Secret: `gs_` + 43 base62 characters (≈ 256 bits, drawn without modulo bias), so a leaked token is recognisable
 * by secret scanners and never confused with a session cookie. Only a keyed digest of it is stored.
 */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SECRET_PREFIX = 'gs_';
/** 62^43 ≈ 2^256 */
export const SECRET_BODY_LENGTH = 43;
const SECRET_PATTERN = new RegExp(`^${SECRET_PREFIX}[0-9A-Za-z]{${SECRET_BODY_LENGTH}}$`);
/** Characters of the secret kept for display (`gs_` + 6): tells tokens apart, reveals ~36 of 256 bits. */
const DISPLAY_PREFIX_LENGTH = SECRET_PREFIX.length + 6;

/**
 * A new secret from a source of random bytes (node:crypto randomBytes in production). Bytes ≥ 248 are skipped:
 * 248 = 4 × 62, so `b % 62` stays uniform.
 */
export function newTokenSecret(randomBytes: (n: number) => Uint8Array): string {
  let body = '';
  while (body.length < SECRET_BODY_LENGTH) {
    for (const b of randomBytes(64)) {
      if (b < 248 && body.length < SECRET_BODY_LENGTH) body += BASE62[b % 62];
    }
  }
  return SECRET_PREFIX + body;
}

export const isTokenSecret = (s: string): boolean => SECRET_PATTERN.test(s);

export const displayPrefix = (secret: string): string => secret.slice(0, DISPLAY_PREFIX_LENGTH);

/** The secret of an `Authorization: Bearer <secret>` header; undefined when the header is absent or another scheme. */
export function bearerSecret(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  const m = /^Bearer(?:\s+(.*))?$/i.exec(authorization.trim());
  return m ? (m[1] ?? '').trim() : undefined;
}

const READS = new Set(['GET', 'HEAD']);

/**
 * The scope a token needs for a route (the matched route pattern, e.g. `/api/tiles/:collectionId/...`), or null when
 * no scope opens it: a token never reaches account, administration or write routes other than creating a download.
 * - `stac`: the STAC API — reads, and searches sent by POST (STAC item search / aggregation are queries, not writes);
 * - `tiles`: XYZ tiles, TileJSON, WMTS (REST and KVP), mosaics — reads, and registering a search mosaic (a query);
 * - `downloads`: download links (create and fetch), the caller's quota, asset files.
 */
export function requiredScope(method: string, route: string | undefined): TokenScope | null {
  if (!route) return null;
  const read = READS.has(method);
  if (route === '/api/stac' || route.startsWith('/api/stac/')) {
    return read || (method === 'POST' && (route === '/api/stac/search' || route === '/api/stac/aggregate'))
      ? 'stac'
      : null;
  }
  if (route === '/api/mosaics') return method === 'POST' ? 'tiles' : null;
  if (route === '/api/wmts' || ['/api/tiles/', '/api/wmts/', '/api/mosaics/'].some((p) => route.startsWith(p))) {
    return read ? 'tiles' : null;
  }
  if (route === '/api/downloads') return method === 'POST' ? 'downloads' : null;
  if (route.startsWith('/api/downloads/') || route === '/api/me/downloads/quota' || route.startsWith('/api/assets/')) {
    return read ? 'downloads' : null;
  }
  return null;
}
