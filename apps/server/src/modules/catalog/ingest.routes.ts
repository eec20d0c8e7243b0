import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import { SHARING_TYPES, type SharingType } from '@geoshare/shared';
import { DomainError } from '../../platform/errors/domain-error.js';
import type { App } from '../../platform/http/app-types.js';
import { requireRoles } from '../../platform/http/request-context.js';
import { parseEpsg, parseSecrecyArg } from './ingest.service.js';

/** 20 GiB per file: scenes are large; the limit only stops runaway uploads. */
const MAX_FILE_BYTES = 20 * 1024 ** 3;

/**
 * POST /api/catalog/ingest (multipart: collectionId, secrecy?, sharingType?, publish, gcj02?, files…) → one result per
 * file. Files are spooled to a temporary folder (a GF sidecar XML must sit beside its TIFF), ingested, then removed.
 */
export async function ingestRoutes(app: App): Promise<void> {
  await app.register(multipart, { limits: { fileSize: MAX_FILE_BYTES, files: 200, fields: 20 } });
  app.post(
    '/api/catalog/ingest',
    {
      schema: { tags: ['目录管理'], consumes: ['multipart/form-data'] },
      preHandler: requireRoles('catalogueManager', 'admin'),
    },
    async (req) => {
      const dir = await mkdtemp(join(tmpdir(), 'geoshare-upload-'));
      try {
        const fields: Record<string, string> = {};
        const files: { path: string; name: string }[] = [];
        for await (const part of req.parts()) {
          if (part.type === 'field') fields[part.fieldname] = String(part.value);
          else {
            const name = basename(part.filename || `file-${files.length + 1}`);
            const path = join(dir, name);
            await pipeline(part.file, createWriteStream(path));
            if (part.file.truncated) throw new DomainError('VALIDATION_FAILED', { file: name }, `文件过大：${name}`);
            files.push({ path, name });
          }
        }
        if (!fields.collectionId)
          throw new DomainError('VALIDATION_FAILED', { field: 'collectionId' }, '请选择入库的数据集');
        if (!files.length) throw new DomainError('VALIDATION_FAILED', { field: 'files' }, '请选择要入库的文件');
        const sharingType = fields.sharingType || undefined;
        if (sharingType && !SHARING_TYPES.includes(sharingType as SharingType))
          throw new DomainError('VALIDATION_FAILED', { sharingType }, '共享类型不合法');
        const results = await app.services.ingest.ingestMany(req.ctx, files, {
          collectionId: fields.collectionId,
          secrecy: parseSecrecyArg(fields.secrecy),
          ...(sharingType ? { sharingType: sharingType as SharingType } : {}),
          publish: fields.publish === 'true',
          gcj02: fields.gcj02 === 'true',
          ...(fields.crs ? { assumeEpsg: parseEpsg(fields.crs) } : {}),
        });
        return { results };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
}
