import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { s3Storage } from '../s3.storage.js';
import { EMPTY_SHA256, signV4 } from '../sigv4.rules.js';

describe('SigV4', () => {
  test('matches the AWS S3 documentation example (GET object, first 10 bytes)', () => {
    const h = signV4(
      {
        method: 'GET',
        url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
        headers: { host: 'examplebucket.s3.amazonaws.com', range: 'bytes=0-9' },
        payloadHash: EMPTY_SHA256,
      },
      {
        accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        region: 'us-east-1',
      },
      new Date('2013-05-24T00:00:00Z'),
    );
    expect(h.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });
});

/** A minimal S3-compatible server: path-style objects in memory, refusing unsigned requests and wrong keys. */
function fakeS3() {
  const objects = new Map<string, Buffer>();
  const server = http.createServer(async (req, res) => {
    const auth = req.headers.authorization ?? '';
    if (!auth.startsWith('AWS4-HMAC-SHA256 Credential=GEOSHARETEST/'))
      return res.writeHead(403).end('<Error><Code>AccessDenied</Code></Error>');
    const key = decodeURIComponent(new URL(req.url!, 'http://x').pathname);
    const body = Buffer.concat(await req.toArray());
    const obj = objects.get(key);
    switch (req.method) {
      case 'PUT':
        objects.set(key, body);
        return res.writeHead(200).end();
      case 'HEAD':
        return obj ? res.writeHead(200, { 'content-length': obj.length }).end() : res.writeHead(404).end();
      case 'DELETE':
        objects.delete(key);
        return res.writeHead(204).end();
      case 'GET': {
        if (!obj) return res.writeHead(404).end('<Error><Code>NoSuchKey</Code></Error>');
        const m = /bytes=(\d+)-(\d+)/.exec(String(req.headers.range ?? ''));
        return m ? res.writeHead(206).end(obj.subarray(Number(m[1]), Number(m[2]) + 1)) : res.writeHead(200).end(obj);
      }
    }
    res.writeHead(405).end();
  });
  return { server, objects };
}

describe('S3-compatible asset storage', () => {
  const fake = fakeS3();
  let endpoint = '';
  beforeAll(async () => {
    await new Promise<void>((r) => fake.server.listen(0, '127.0.0.1', r));
    endpoint = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => fake.server.close(() => r())));
  const clock = { now: () => new Date() };

  test('put, streamed putFile, ranged read, size, remove — under the bucket and prefix', async () => {
    const s = s3Storage(
      {
        endpoint,
        bucket: 'assets',
        prefix: 'geoshare/',
        accessKeyId: 'GEOSHARETEST',
        secretAccessKey: 'secret',
        region: 'cn-north-1',
      },
      clock,
    );
    expect(await s.put('items/a/测试 1.txt', Buffer.from('hello world'))).toEqual({ size: 11 });
    expect([...fake.objects.keys()]).toEqual(['/assets/geoshare/items/a/测试 1.txt']);
    const file = join(mkdtempSync(join(tmpdir(), 's3-')), 'f.bin');
    writeFileSync(file, Buffer.alloc(300_000, 7));
    expect(await s.putFile('items/a/f.bin', file)).toEqual({ size: 300_000 });
    expect(await s.size('items/a/f.bin')).toBe(300_000);
    const part = Buffer.concat(await (await s.read('items/a/测试 1.txt', { start: 6, end: 10 })).toArray());
    expect(part.toString()).toBe('world');
    expect(s.localPath('items/a/f.bin')).toBeNull();
    await s.remove('items/a/f.bin');
    expect(await s.size('items/a/f.bin')).toBeNull();
  });

  test('a refused request is an error with the status, not a silent empty file', async () => {
    const s = s3Storage(
      { endpoint, bucket: 'assets', accessKeyId: 'WRONG', secretAccessKey: 'x', region: 'us-east-1' },
      clock,
    );
    await expect(s.put('k', Buffer.from('x'))).rejects.toMatchObject({ details: { status: 403 } });
  });
});
