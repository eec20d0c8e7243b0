import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { isDomainError } from '../errors/domain-error.js';
import { type ByteRange, contentRange, type RangeRequest, unsatisfiedRange } from './byte-range.rules.js';

/** The request headers of a file route that serves byte ranges (for its OpenAPI description). */
export const RangeHeaders = Type.Object({
  range: Type.Optional(
    Type.String({
      description: 'one byte range: bytes=0-1023 | bytes=1024- | bytes=-1024 → 206; several ranges are ignored (200)',
    }),
  ),
  'if-range': Type.Optional(
    Type.String({ description: 'the ETag of the copy being resumed; if it no longer matches, the whole file (200)' }),
  ),
  'if-none-match': Type.Optional(
    Type.String({ description: 'ETags of copies the client holds; if one is current, 304 Not Modified, no body' }),
  ),
});

/**
 * The `Range`, `If-Range` and `If-None-Match` headers of a GET. RFC 9110 §14.2 defines Range for GET only, so a HEAD
 * (which Fastify answers through the GET handler) describes the whole file — and is marked, so that it is not recorded
 * as a download; its `If-None-Match` counts (§13.1.2). Other methods get none.
 */
export function rangeRequest(req: FastifyRequest): RangeRequest | undefined {
  // A repeated header arrives as a list: joined, several ranges (ignored) or an If-Range that matches nothing.
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(', ') : v);
  const ifNoneMatch = one(req.headers['if-none-match']);
  if (req.method === 'HEAD') return { head: true, ifNoneMatch };
  if (req.method !== 'GET') return undefined;
  return { range: one(req.headers.range), ifRange: one(req.headers['if-range']), ifNoneMatch };
}

/**
 * Status and length headers of a stored file. The client's copy current (`notModified`): 304 with the ETag. Size
 * known: `Accept-Ranges: bytes`, the ETag if any, then either 206 with `Content-Range` and the range's length, or the
 * whole length (200). Size unknown (some assets): no range support, and no length either — as before ranges existed.
 */
export function rangeHeaders(
  reply: FastifyReply,
  f: { size: number | null; etag: string | null; range: ByteRange | null; notModified: boolean },
): FastifyReply {
  if (f.notModified) return f.etag === null ? reply.status(304) : reply.status(304).header('etag', f.etag);
  if (f.size === null) return reply;
  reply.header('accept-ranges', 'bytes');
  if (f.etag !== null) reply.header('etag', f.etag);
  if (f.range === null) return reply.header('content-length', f.size);
  return reply
    .status(206)
    .header('content-range', contentRange(f.range, f.size))
    .header('content-length', f.range.end - f.range.start + 1);
}

/**
 * For `service.open(…).catch(withUnsatisfiedRange(reply))`: a 416 must say the current size in
 * `Content-Range: bytes *\/size` (RFC 9110 §15.5.17). The error handler writes only the JSON error body but keeps the
 * headers already on the reply, so the header is added here on the error's way through; every other error passes
 * untouched.
 */
export const withUnsatisfiedRange =
  (reply: FastifyReply) =>
  (e: unknown): never => {
    if (isDomainError(e) && e.code === 'RANGE_NOT_SATISFIABLE') {
      reply.header('content-range', unsatisfiedRange((e.details as { size: number }).size));
    }
    throw e;
  };
