import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import type { Clock } from '../clock.js';
import { DomainError } from '../errors/domain-error.js';
import { EMPTY_SHA256, type SigV4Credentials, signV4, UNSIGNED_PAYLOAD } from './sigv4.rules.js';
import type { Storage } from './storage.port.js';

export interface S3Config extends SigV4Credentials {
  /** e.g. http://127.0.0.1:9000 — path-style addressing (`/<bucket>/<key>`), which every S3-compatible store accepts */
  endpoint: string;
  bucket: string;
  /** prefix inside the bucket, e.g. `geoshare/` */
  prefix?: string;
}

/**
 * Assets in an S3-compatible object store. Uploads stream (UNSIGNED-PAYLOAD over the signed request, so multi-GB
 * COGs never sit in memory); reads support byte ranges, as COG tile serving needs.
 */
export function s3Storage(cfg: S3Config, clock: Clock): Storage {
  const base = new URL(cfg.endpoint);
  const agent = base.protocol === 'https:' ? https : http;
  const url = (key: string) =>
    new URL(`${base.pathname.replace(/\/$/, '')}/${cfg.bucket}/${cfg.prefix ?? ''}${key}`, base);

  function request(
    method: string,
    key: string,
    opts: { headers?: Record<string, string>; body?: Readable | Buffer; payloadHash?: string } = {},
  ) {
    const u = url(key);
    const headers = signV4(
      {
        method,
        url: u,
        headers: { host: u.host, ...(opts.headers ?? {}) },
        payloadHash: opts.payloadHash ?? EMPTY_SHA256,
      },
      cfg,
      clock.now(),
    );
    return new Promise<http.IncomingMessage>((resolve, reject) => {
      const req = agent.request(u, { method, headers }, resolve);
      req.on('error', reject);
      if (opts.body instanceof Readable) opts.body.on('error', reject).pipe(req);
      else req.end(opts.body);
    });
  }

  async function expectOk(res: http.IncomingMessage, what: string): Promise<void> {
    if (res.statusCode && res.statusCode < 300) return;
    const text = await new Response(Readable.toWeb(res) as ReadableStream).text().catch(() => '');
    throw new DomainError(
      'INTERNAL',
      { status: res.statusCode, what, body: text.slice(0, 300) },
      `对象存储请求失败（${what}：HTTP ${res.statusCode}）`,
    );
  }

  const drain = (res: http.IncomingMessage) => res.resume();

  return {
    kind: 's3',
    async put(key, data) {
      const body = Buffer.isBuffer(data) ? data : Buffer.concat(await Readable.from(data).toArray());
      const res = await request('PUT', key, {
        body,
        headers: { 'content-length': String(body.length) },
        payloadHash: UNSIGNED_PAYLOAD,
      });
      await expectOk(res, `PUT ${key}`);
      drain(res);
      return { size: body.length };
    },
    async putFile(key, path) {
      const { size } = await stat(path);
      const res = await request('PUT', key, {
        body: createReadStream(path),
        headers: { 'content-length': String(size) },
        payloadHash: UNSIGNED_PAYLOAD,
      });
      await expectOk(res, `PUT ${key}`);
      drain(res);
      return { size };
    },
    async read(key, range) {
      const res = await request('GET', key, range ? { headers: { range: `bytes=${range.start}-${range.end}` } } : {});
      await expectOk(res, `GET ${key}`);
      return res;
    },
    async size(key) {
      const res = await request('HEAD', key);
      drain(res);
      if (res.statusCode === 404) return null;
      await expectOk(res, `HEAD ${key}`);
      return Number(res.headers['content-length'] ?? 0);
    },
    localPath: () => null,
    async remove(key) {
      const res = await request('DELETE', key);
      drain(res);
      if (res.statusCode !== 404) await expectOk(res, `DELETE ${key}`);
    },
  };
}
