import { CreateDownloadBody, DownloadLink, DownloadQuota } from '@geoshare/shared';
import { Type } from 'typebox';
import type { App } from '../../platform/http/app-types.js';
import {
  RangeHeaders,
  rangeHeaders,
  rangeRequest,
  withUnsatisfiedRange,
} from '../../platform/http/byte-range.reply.js';
import { requireUser, userCtx } from '../../platform/http/request-context.js';

/** Signed, expiring downloads: whole assets, area clips, watermarked previews (BX-16, BX-17, MNR-16). */
export async function downloadRoutes(app: App): Promise<void> {
  const { downloads } = app.services;
  const tags = ['数据下载'];

  /**
   * POST /api/downloads {"collectionId":"dom-2024","itemId":"a","kind":"clip","geometry":{…},"crs":4526} → 201 link;
   * 428 until the collection's agreement is signed, 429 past the daily quota.
   */
  app.post(
    '/api/downloads',
    { schema: { tags, body: CreateDownloadBody, response: { 201: DownloadLink } }, preHandler: requireUser },
    async (req, reply) => reply.status(201).send(await downloads.create(userCtx(req), req.body)),
  );

  /**
   * GET /api/downloads/{id}.{expiry}.{signature} → the file; no session needed until it expires (410 after).
   * `Range: bytes=1048576-` → 206 with that part (resumable downloads), 416 past the end; see byte-range.rules.ts.
   */
  app.get(
    '/api/downloads/:token',
    { schema: { tags, params: Type.Object({ token: Type.String({ maxLength: 200 }) }), headers: RangeHeaders } },
    async (req, reply) => {
      const f = await downloads.open(req.params.token, req.ip, rangeRequest(req)).catch(withUnsatisfiedRange(reply));
      rangeHeaders(reply, f)
        .type(f.mediaType)
        .header('content-disposition', f.contentDisposition)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff');
      return reply.send(f.stream ?? undefined);
    },
  );

  /** GET /api/me/downloads/quota → today's use of the daily quota (China time) */
  app.get(
    '/api/me/downloads/quota',
    { schema: { tags, response: { 200: DownloadQuota } }, preHandler: requireUser },
    (req) => downloads.quota(userCtx(req)),
  );
}
