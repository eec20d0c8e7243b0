/**
 * HTTP byte ranges (RFC 9110 §14, §13.1.5) and conditional GET (§13.1.2), pure: what to answer to a GET with `Range`
 * or `If-None-Match` for a file of known size.
 * One range only: a multi-range request would need multipart/byteranges, which download managers do not need, and the
 * RFC lets a server ignore `Range` altogether — so anything but exactly one byte range is served whole (200).
 */
import { DomainError } from '../errors/domain-error.js';

/** An inclusive byte range, as in `Content-Range: bytes start-end/size` and `Storage.read(key, { start, end })`. */
export interface ByteRange {
  start: number;
  end: number;
}

/** The range and validator headers of a request; absent for methods without their semantics (but GET and HEAD). */
export interface RangeRequest {
  range?: string | undefined;
  ifRange?: string | undefined;
  /** GET and HEAD: the ETags of copies the client holds */
  ifNoneMatch?: string | undefined;
  /** a HEAD: the file is described, not sent — not a download */
  head?: boolean;
}

/** What to send: the whole file (200), one range of it (206), or nothing (416, `Content-Range: bytes *\/size`). */
export type RangeOutcome = { type: 'whole' } | ({ type: 'partial' } & ByteRange) | { type: 'unsatisfiable' };

const WHOLE: RangeOutcome = { type: 'whole' };
const UNSATISFIABLE: RangeOutcome = { type: 'unsatisfiable' };
const SPEC = /^(\d*)-(\d*)$/;

/**
 * `Range` against a file of `size` bytes: `bytes=a-b` (b clipped to the last byte), `bytes=a-`, `bytes=-n` (the last
 * n bytes, all of them if the file is shorter). An unknown unit, several ranges or a malformed one (b < a, `bytes=-`)
 * are ignored → whole. A first byte at or past the end, or a zero-length suffix → unsatisfiable. An empty file has no
 * byte to point at: a suffix range gets the (empty) whole file, anything else is unsatisfiable.
 */
export function parseRange(header: string | undefined, size: number): RangeOutcome {
  if (header === undefined) return WHOLE;
  const eq = header.indexOf('=');
  // Range units are case-insensitive (§14.1).
  if (eq < 0 || header.slice(0, eq).trim().toLowerCase() !== 'bytes') return WHOLE;
  // A list may carry empty elements, which do not count (§5.6.1): `bytes=0-9,` is one range.
  const specs = header
    .slice(eq + 1)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (specs.length !== 1) return WHOLE;
  const m = SPEC.exec(specs[0]!);
  if (!m) return WHOLE;
  const [, first, last] = m as unknown as [string, string, string];
  if (first === '') {
    if (last === '') return WHOLE;
    const suffix = Number(last);
    if (suffix === 0) return UNSATISFIABLE;
    return size === 0 ? WHOLE : { type: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? Number.POSITIVE_INFINITY : Number(last);
  if (end < start) return WHOLE;
  if (start >= size) return UNSATISFIABLE;
  return { type: 'partial', start, end: Math.min(end, size - 1) };
}

/**
 * `If-Range` holds (§13.1.5): only a strong ETag equal to ours; a weak tag never does, and neither does a date (we
 * send no Last-Modified) nor anything when we send no ETag — then the client's copy may be stale, so it gets it whole.
 */
export function ifRangeMatches(ifRange: string, etag: string | null): boolean {
  const tag = ifRange.trim();
  return etag !== null && !tag.startsWith('W/') && tag === etag;
}

const ENTITY_TAG = /(?:W\/)?"[^"]*"/g;
const opaque = (tag: string) => (tag.startsWith('W/') ? tag.slice(2) : tag);

/**
 * Whether the client's copy is current (§13.1.2), so the answer is 304 Not Modified with no body — evaluated before
 * `Range` (§13.2.2), and not a download: `If-None-Match: *` (the file exists: it is asked for after it was found), or
 * a listed ETag equal to ours by the weak comparison (`W/` ignored on both sides) — never a tag when we send none.
 */
export function notModified(req: RangeRequest | undefined, etag: string | null): boolean {
  const header = req?.ifNoneMatch;
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  return etag !== null && (header.match(ENTITY_TAG) ?? []).some((tag) => opaque(tag) === opaque(etag));
}

/**
 * The range to send for a request's `Range` and `If-Range` against a file of `size` bytes and its ETag (null: we send
 * none): null → the whole file; an unsatisfiable range → RANGE_NOT_SATISFIABLE (416, details `{ size }`).
 */
export function requestedRange(req: RangeRequest | undefined, size: number, etag: string | null): ByteRange | null {
  if (req?.range === undefined) return null;
  if (req.ifRange !== undefined && !ifRangeMatches(req.ifRange, etag)) return null;
  const o = parseRange(req.range, size);
  if (o.type === 'unsatisfiable') throw new DomainError('RANGE_NOT_SATISFIABLE', { size });
  return o.type === 'partial' ? { start: o.start, end: o.end } : null;
}

/**
 * Whether a request starts a download and is recorded (audit, usage: MNR-16, BX-21): the whole file (null), or a range
 * from byte 0 (a download manager's first chunk). Its continuations are the same download and are not recorded again,
 * and a HEAD (download managers ask for the size first) sends no file at all.
 */
export const startsDownload = (range: ByteRange | null, req?: RangeRequest): boolean =>
  !req?.head && (range === null || range.start === 0);

/**
 * How to answer a GET or HEAD of a stored file of `size` bytes (null: unknown, so no ranges) with ETag `etag`, in the
 * RFC's order (§13.2.2): the client's copy is current → not modified (304, nothing read, no download); else the whole
 * file or one range of it, and whether that starts a download to record. An unsatisfiable range throws (416).
 */
export type FileAnswer = { notModified: true } | { notModified: false; range: ByteRange | null; download: boolean };

export function fileAnswer(req: RangeRequest | undefined, size: number | null, etag: string | null): FileAnswer {
  if (notModified(req, etag)) return { notModified: true };
  const range = size === null ? null : requestedRange(req, size, etag);
  return { notModified: false, range, download: startsDownload(range, req) };
}

/** The strong ETag of a stored file named by its SM3 checksum (files are written once per entry). */
export const checksumEtag = (sm3: string): string => `"sm3-${sm3}"`;

/** `Content-Range` of a 206. */
export const contentRange = (r: ByteRange, size: number): string => `bytes ${r.start}-${r.end}/${size}`;

/** `Content-Range` of a 416. */
export const unsatisfiedRange = (size: number): string => `bytes */${size}`;
