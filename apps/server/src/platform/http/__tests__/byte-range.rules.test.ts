import { describe, expect, test } from 'vitest';
import {
  contentRange,
  fileAnswer,
  ifRangeMatches,
  notModified,
  parseRange,
  type RangeOutcome,
  requestedRange,
  startsDownload,
  unsatisfiedRange,
} from '../byte-range.rules.js';

const whole: RangeOutcome = { type: 'whole' };
const unsatisfiable: RangeOutcome = { type: 'unsatisfiable' };
const part = (start: number, end: number): RangeOutcome => ({ type: 'partial', start, end });

describe('RFC 9110 Range header against a file of 10 bytes', () => {
  test.each<[string | undefined, RangeOutcome]>([
    [undefined, whole],
    // bytes=a-b, bytes=a-, bytes=-n
    ['bytes=0-3', part(0, 3)],
    ['bytes=4-9', part(4, 9)],
    ['bytes=9-9', part(9, 9)],
    ['bytes=0-0', part(0, 0)],
    ['bytes=2-', part(2, 9)],
    ['bytes=0-', part(0, 9)],
    ['bytes=-3', part(7, 9)],
    ['bytes=-10', part(0, 9)],
    // clipped to the file
    ['bytes=4-999', part(4, 9)],
    ['bytes=-999', part(0, 9)],
    ['bytes=0-99999999999999999999999', part(0, 9)],
    // unit case-insensitive, optional whitespace, empty list elements do not count
    ['Bytes=1-2', part(1, 2)],
    ['bytes= 1-2 ', part(1, 2)],
    ['bytes=1-2,', part(1, 2)],
    ['bytes=, 1-2', part(1, 2)],
    // unsatisfiable: first byte at or past the end, zero-length suffix
    ['bytes=10-', unsatisfiable],
    ['bytes=10-20', unsatisfiable],
    ['bytes=99999999999999999999999-', unsatisfiable],
    ['bytes=-0', unsatisfiable],
    // ignored (served whole): several ranges, other units, malformed
    ['bytes=0-1,4-5', whole],
    ['bytes=0-1, 20-30', whole],
    ['items=0-1', whole],
    ['0-1', whole],
    ['bytes=', whole],
    ['bytes=-', whole],
    ['bytes=5-3', whole],
    ['bytes=a-b', whole],
    ['bytes=1.5-2', whole],
    ['bytes=+1-2', whole],
    ['bytes=1 - 2', whole],
  ])('%s → %o', (header, expected) => {
    expect(parseRange(header, 10)).toEqual(expected);
  });

  test.each<[string, RangeOutcome]>([
    ['bytes=-5', whole],
    ['bytes=0-', unsatisfiable],
    ['bytes=0-0', unsatisfiable],
    ['bytes=-0', unsatisfiable],
  ])('an empty file: %s → %o', (header, expected) => {
    expect(parseRange(header, 0)).toEqual(expected);
  });
});

describe('If-Range (strong comparison only)', () => {
  test.each<[string, string | null, boolean]>([
    ['"sm3-ab"', '"sm3-ab"', true],
    [' "sm3-ab" ', '"sm3-ab"', true],
    ['"sm3-ac"', '"sm3-ab"', false],
    ['W/"sm3-ab"', '"sm3-ab"', false],
    ['sm3-ab', '"sm3-ab"', false],
    // a date never matches: no Last-Modified is sent
    ['Mon, 23 Nov 2026 02:00:00 GMT', '"sm3-ab"', false],
    // no ETag sent: nothing matches
    ['"sm3-ab"', null, false],
    ['Mon, 23 Nov 2026 02:00:00 GMT', null, false],
  ])('If-Range %s against ETag %s → %s', (ifRange, etag, expected) => {
    expect(ifRangeMatches(ifRange, etag)).toBe(expected);
  });
});

describe('If-None-Match (weak comparison): the client holds the current copy → 304', () => {
  test.each<[string | undefined, string | null, boolean]>([
    ['"sm3-ab"', '"sm3-ab"', true],
    ['W/"sm3-ab"', '"sm3-ab"', true],
    ['"x", "sm3-ab"', '"sm3-ab"', true],
    ['"x",W/"sm3-ab" ', '"sm3-ab"', true],
    [' * ', '"sm3-ab"', true],
    ['"sm3-ac"', '"sm3-ab"', false],
    ['sm3-ab', '"sm3-ab"', false],
    ['"a,b"', '"b"', false],
    [undefined, '"sm3-ab"', false],
    // no ETag sent: no tag is current, but * is (the file exists)
    ['*', null, true],
    ['"sm3-ab"', null, false],
  ])('If-None-Match %s against ETag %s → %s', (ifNoneMatch, etag, expected) => {
    expect(notModified({ ifNoneMatch }, etag)).toBe(expected);
  });
});

describe('the range to send', () => {
  const etag = '"dl-1"';
  test.each<[{ range?: string; ifRange?: string } | undefined, { start: number; end: number } | null]>([
    [undefined, null],
    [{}, null],
    [{ range: 'bytes=2-5' }, { start: 2, end: 5 }],
    [
      { range: 'bytes=2-5', ifRange: etag },
      { start: 2, end: 5 },
    ],
    [{ range: 'bytes=2-5', ifRange: '"dl-2"' }, null],
    [{ range: 'bytes=2-5', ifRange: `W/${etag}` }, null],
    [{ range: 'bytes=0-1,3-4' }, null],
    // If-Range without Range means nothing
    [{ ifRange: '"dl-2"' }, null],
  ])('%o → %o', (req, expected) => {
    expect(requestedRange(req, 10, etag)).toEqual(expected);
  });

  test('unsatisfiable → RANGE_NOT_SATISFIABLE (416) with the size; not when If-Range sends the whole file anyway', () => {
    expect(() => requestedRange({ range: 'bytes=10-' }, 10, null)).toThrow(
      expect.objectContaining({ code: 'RANGE_NOT_SATISFIABLE', status: 416, details: { size: 10 } }),
    );
    expect(requestedRange({ range: 'bytes=10-', ifRange: '"old"' }, 10, etag)).toBeNull();
  });

  test('only the whole file or a range from byte 0 starts a download', () => {
    expect(startsDownload(null)).toBe(true);
    expect(startsDownload({ start: 0, end: 3 })).toBe(true);
    expect(startsDownload({ start: 4, end: 9 })).toBe(false);
    expect(startsDownload(null, { head: true })).toBe(false);
  });

  test('the answer for a file: a current copy first (304, whatever the Range), then the range and whether it is a download', () => {
    expect(fileAnswer({ range: 'bytes=20-', ifNoneMatch: etag }, 10, etag)).toEqual({ notModified: true });
    expect(fileAnswer({ range: 'bytes=2-5' }, 10, etag)).toEqual({
      notModified: false,
      range: { start: 2, end: 5 },
      download: false,
    });
    expect(fileAnswer({ head: true }, 10, etag)).toEqual({ notModified: false, range: null, download: false });
    // size unknown: no ranges, the whole file, a download
    expect(fileAnswer({ range: 'bytes=2-5' }, null, null)).toEqual({ notModified: false, range: null, download: true });
  });

  test('Content-Range values', () => {
    expect(contentRange({ start: 0, end: 3 }, 10)).toBe('bytes 0-3/10');
    expect(unsatisfiedRange(10)).toBe('bytes */10');
  });
});
