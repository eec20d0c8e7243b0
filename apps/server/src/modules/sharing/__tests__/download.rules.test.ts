import { describe, expect, test } from 'vitest';
import { isDomainError } from '../../../platform/errors/domain-error.js';
import {
  checkQuotaLimits,
  clipPolygons,
  contentDisposition,
  downloadFilename,
  MAX_CLIP_VERTICES,
  quotaExceeded,
  signLink,
  verifyLink,
} from '../download.rules.js';

const KEY = Buffer.alloc(32, 3);
const ID = '0f8b6a52-9d0e-4a44-9a4b-8f3c2d1e0a7b';
const EXPIRES = new Date('2026-11-24T02:00:00Z');

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (isDomainError(e)) return e.code;
    throw e;
  }
  return null;
};

describe('signed download links (HMAC-SM3 over id and expiry)', () => {
  test('a signed link verifies back to its id and expiry (second precision)', () => {
    const token = signLink(KEY, ID, EXPIRES);
    expect(token.startsWith(`${ID}.`)).toBe(true);
    expect(verifyLink(KEY, token)).toEqual({ id: ID, expiresAt: EXPIRES });
  });

  test('a changed id, expiry or signature, or another key, is refused', () => {
    const token = signLink(KEY, ID, EXPIRES);
    const [id, exp, mac] = token.split('.') as [string, string, string];
    const later = (Number.parseInt(exp, 36) + 86400).toString(36);
    const otherId = `${id.slice(0, -1)}${id.endsWith('b') ? 'c' : 'b'}`;
    const flipped = `${mac.slice(0, -2)}${mac.endsWith('AA') ? 'AB' : 'AA'}`;
    expect(verifyLink(KEY, `${id}.${later}.${mac}`)).toBeNull();
    expect(verifyLink(KEY, `${otherId}.${exp}.${mac}`)).toBeNull();
    expect(verifyLink(KEY, `${id}.${exp}.${flipped}`)).toBeNull();
    expect(verifyLink(Buffer.alloc(32, 4), token)).toBeNull();
    expect(verifyLink(KEY, 'not-a-token')).toBeNull();
    expect(verifyLink(KEY, `${token}x`)).toBeNull();
  });

  test('every other last character of the signature is refused (its 2 unused base64url bits included)', () => {
    const token = signLink(KEY, ID, EXPIRES);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const accepted = [...alphabet].filter((c) => verifyLink(KEY, `${token.slice(0, -1)}${c}`) !== null);
    expect(accepted).toEqual([token.at(-1)]);
  });
});

describe('clip polygons (EPSG:4490 GeoJSON)', () => {
  const ring = [
    [114.22, 27.47],
    [114.24, 27.47],
    [114.24, 27.49],
    [114.22, 27.47],
  ];

  test('a Polygon becomes MultiPolygon coordinates; a MultiPolygon stays', () => {
    expect(clipPolygons({ type: 'Polygon', coordinates: [ring] })).toEqual([[ring]]);
    expect(clipPolygons({ type: 'MultiPolygon', coordinates: [[ring], [ring]] })).toEqual([[ring], [ring]]);
  });

  test.each([
    ['not a polygon', { type: 'LineString', coordinates: ring }],
    ['no coordinates', { type: 'Polygon', coordinates: [] }],
    ['an open ring', { type: 'Polygon', coordinates: [ring.slice(0, 3).concat([[114.2, 27.48]])] }],
    ['too few positions', { type: 'Polygon', coordinates: [[ring[0], ring[1], ring[0]]] }],
    ['a non-numeric coordinate', { type: 'Polygon', coordinates: [[['114', 27], ...ring.slice(1)]] }],
    [
      'projected metres instead of degrees',
      { type: 'Polygon', coordinates: [ring.map(([x, y]) => [x! * 1e5, y! * 1e5])] },
    ],
    ['null', null],
  ])('%s → DOWNLOAD_CLIP_GEOMETRY_INVALID', (_, g) => {
    expect(code(() => clipPolygons(g))).toBe('DOWNLOAD_CLIP_GEOMETRY_INVALID');
  });

  test(`more than ${MAX_CLIP_VERTICES} vertices → DOWNLOAD_CLIP_GEOMETRY_INVALID`, () => {
    const n = MAX_CLIP_VERTICES;
    const circle = Array.from({ length: n }, (_, i) => [
      114.25 + 0.01 * Math.cos((2 * Math.PI * i) / n),
      27.5 + 0.01 * Math.sin((2 * Math.PI * i) / n),
    ]);
    expect(code(() => clipPolygons({ type: 'Polygon', coordinates: [[...circle, circle[0]]] }))).toBe(
      'DOWNLOAD_CLIP_GEOMETRY_INVALID',
    );
    expect(code(() => clipPolygons({ type: 'Polygon', coordinates: [[...circle.slice(1), circle[1]]] }))).toBeNull();
  });
});

describe('download file names and quota', () => {
  test('RFC 5987: UTF-8 filename* with an ASCII fallback', () => {
    const name = downloadFilename('影像 A/B: "测试"', '裁切_EPSG4526', 'tif');
    expect(name).toBe('影像 A_B_ _测试__裁切_EPSG4526.tif');
    expect(contentDisposition("a'b (1).tif", 'x.tif')).toBe(
      `attachment; filename="x.tif"; filename*=UTF-8''a%27b%20%281%29.tif`,
    );
    expect(contentDisposition('预览.png', 'pub-preview.png')).toBe(
      `attachment; filename="pub-preview.png"; filename*=UTF-8''%E9%A2%84%E8%A7%88.png`,
    );
  });

  test('the quota refuses the download that would pass the count or the bytes', () => {
    const limit = { count: 50, bytes: 1000 };
    expect(quotaExceeded({ count: 49, bytes: 0 }, limit, 1000)).toBeNull();
    expect(quotaExceeded({ count: 50, bytes: 0 }, limit, 1)).toBe('count');
    expect(quotaExceeded({ count: 3, bytes: 900 }, limit, 101)).toBe('bytes');
  });

  test('a quota an administrator sets is 1–100000 links and 1 MiB–100 TiB a day, whole numbers', () => {
    const ok = (limitCount: number, limitBytes: number) => checkQuotaLimits({ limitCount, limitBytes });
    expect(ok(1, 1024 ** 2)).toEqual({ count: 1, bytes: 1024 ** 2 });
    expect(ok(100_000, 100 * 1024 ** 4)).toEqual({ count: 100_000, bytes: 100 * 1024 ** 4 });
    for (const [count, bytes] of [
      [0, 1024 ** 3],
      [100_001, 1024 ** 3],
      [1.5, 1024 ** 3],
      [3, 1024 ** 2 - 1],
      [3, 100 * 1024 ** 4 + 1],
      [3, 2 ** 60],
    ] as const) {
      expect([count, bytes, code(() => ok(count, bytes))]).toEqual([count, bytes, 'DOWNLOAD_QUOTA_LIMIT_INVALID']);
    }
  });
});
