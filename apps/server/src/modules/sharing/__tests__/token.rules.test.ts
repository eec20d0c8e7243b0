import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import {
  bearerSecret,
  displayPrefix,
  isTokenSecret,
  newTokenSecret,
  requiredScope,
  SECRET_BODY_LENGTH,
} from '../token.rules.js';

describe('personal API token rules', () => {
  test('a secret is gs_ + 43 base62 characters and never repeats', () => {
    const a = newTokenSecret(randomBytes);
    const b = newTokenSecret(randomBytes);
    expect(a).toMatch(/^gs_[0-9A-Za-z]{43}$/);
    expect(isTokenSecret(a)).toBe(true);
    expect(a).not.toBe(b);
    expect(displayPrefix(a)).toBe(a.slice(0, 9));
  });

  test('bytes ≥ 248 are skipped so every base62 character is equally likely', () => {
    let calls = 0;
    // First batch: only rejected bytes; second: 0, 61, 62 (→ '0', 'z', '0'), then zeros.
    const source = (n: number) => {
      calls++;
      const out = new Uint8Array(n).fill(calls === 1 ? 255 : 0);
      if (calls === 2) out.set([0, 61, 62, 247]);
      return out;
    };
    const s = newTokenSecret(source);
    expect(calls).toBe(2);
    expect(s.slice(3, 7)).toBe('0z0z');
    expect(s).toHaveLength(3 + SECRET_BODY_LENGTH);
  });

  test.each([
    [undefined, undefined],
    ['Basic dXNlcjpwYXNz', undefined],
    ['Bearer gs_abc', 'gs_abc'],
    ['bearer   gs_abc  ', 'gs_abc'],
    ['Bearer', ''],
  ])('Authorization %j → Bearer secret %j', (header, secret) => {
    expect(bearerSecret(header)).toBe(secret);
  });

  test.each([
    ['GET', '/api/stac', 'stac'],
    ['GET', '/api/stac/search', 'stac'],
    ['POST', '/api/stac/search', 'stac'],
    ['POST', '/api/stac/aggregate', 'stac'],
    ['GET', '/api/stac/collections/:collectionId/items/:itemId', 'stac'],
    ['POST', '/api/stac/collections', null],
    ['GET', '/api/tiles/:collectionId/:itemId/:z/:x/:y.:format', 'tiles'],
    ['HEAD', '/api/tiles/:collectionId/:itemId/tilejson.json', 'tiles'],
    ['GET', '/api/wmts/1.0.0/WMTSCapabilities.xml', 'tiles'],
    ['GET', '/api/mosaics/:collectionId/:z/:x/:y.png', 'tiles'],
    ['GET', '/api/wmts', 'tiles'],
    ['POST', '/api/mosaics', 'tiles'],
    ['DELETE', '/api/mosaics', null],
    ['POST', '/api/tiles/:collectionId/:itemId/:z/:x/:y.:format', null],
    ['POST', '/api/downloads', 'downloads'],
    ['GET', '/api/downloads/:token', 'downloads'],
    ['GET', '/api/me/downloads/quota', 'downloads'],
    ['GET', '/api/assets/:collectionId/:itemId/:key', 'downloads'],
    ['DELETE', '/api/downloads/:token', null],
    ['GET', '/api/me/tokens', null],
    ['POST', '/api/me/tokens', null],
    ['GET', '/api/auth/me', null],
    ['GET', '/api/usage/stats', null],
    ['POST', '/api/sharing/agreements', null],
    ['GET', '/api/catalog/collections', null],
    ['GET', undefined, null],
  ])('%s %s needs scope %s', (method, route, scope) => {
    expect(requiredScope(method, route)).toBe(scope);
  });
});
