import { hkdfSync, randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { type CreateDownloadBody, chinaDateTime, type DownloadLink, type DownloadQuota } from '@geoshare/shared';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { Actor, RequestContext } from '../../platform/auth/actor.js';
import { type Clock, chinaDate } from '../../platform/clock.js';
import type { Db } from '../../platform/db/db.port.js';
import { DomainError } from '../../platform/errors/domain-error.js';
import { type ByteRange, checksumEtag, fileAnswer, type RangeRequest } from '../../platform/http/byte-range.rules.js';
import { isClipTargetCrs, type Polygons } from '../../platform/raster/clip.plan.js';
import { clipSourceInput, renderClip } from '../../platform/raster/clip.render.js';
import { watermarkedPreview } from '../../platform/raster/watermark.js';
import type { Storage } from '../../platform/storage/storage.port.js';
import type { CatalogService } from '../catalog/catalog.service.js';
import type { AgreementService } from './agreement.service.js';
import { type DownloadKind, type DownloadRow, downloadRepository } from './download.repository.js';
import {
  clipPolygons,
  contentDisposition,
  downloadFilename,
  type QuotaUse,
  quotaExceeded,
  signLink,
  verifyLink,
} from './download.rules.js';
import type { DownloadQuotaService } from './download-quota.service.js';
import { actorOf } from './token.repository.js';
import type { UsageService } from './usage.service.js';

/** How long a signed link works. */
export const DOWNLOAD_LINK_TTL_MS = 24 * 3600_000;
/** Largest area clip, km² (ellipsoidal, of the part inside the item). */
export const MAX_CLIP_AREA_KM2 = 100;
/** Largest clip in pixels (8192²: ≈ 256 MB of RGBA at most, written tile by tile). */
export const MAX_CLIP_PIXELS = 8192 * 8192;
/** Where generated files (clips, previews) are kept until their link expires. */
const GENERATED_PREFIX = 'downloads';
const CLIP_MEDIA_TYPE = 'image/tiff; application=geotiff; profile=cloud-optimized';
/** Expired generated files removed per sweep. */
const CLEANUP_BATCH = 500;

type UserContext = RequestContext & { actor: Actor };

/** Which of an entry's files a download kind starts from (for the access check at creation and at download). */
const sourcePick = (kind: DownloadKind, assetKey: string | null | undefined) =>
  kind === 'asset'
    ? assetKey
      ? { key: assetKey }
      : { roles: ['data'] }
    : kind === 'clip'
      ? { roles: ['data'] }
      : { roles: ['overview', 'thumbnail'] };

/** A file ready to be linked: where it is stored, what it is, and whether we generated it. */
interface Prepared {
  storageKey: string;
  generated: boolean;
  mediaType: string;
  size: number;
  filename: string;
  assetKey: string | null;
  crs: number | null;
}

export interface DownloadFile {
  /** the whole file, or only `range` of it; null when the client's copy is current (`notModified`) */
  stream: Readable | null;
  mediaType: string;
  /** of the whole file */
  size: number;
  /** the byte range requested (206), null for the whole file */
  range: ByteRange | null;
  /** strong ETag for `If-Range` and `If-None-Match`, null when none is known */
  etag: string | null;
  /** `If-None-Match` holds: 304, nothing read, not counted */
  notModified: boolean;
  contentDisposition: string;
}

/**
 * Signed, expiring download links (BX-16, BX-17, MNR-16): a whole asset, an area clip (GeoTIFF of a drawn polygon,
 * optionally in a CGCS2000 Gauss-Krüger zone) or a preview with a visible per-user watermark.
 * - Only entries the caller may use online (the tile rules: visible, non-classified, shared online) — and only after
 *   the online agreement of the collection is signed (MNR-16).
 * - The link is `/api/downloads/<id>.<expiry>.<HMAC-SM3>`, usable without a session until it expires (24 h).
 * - A per-user daily quota (count and bytes) is charged when the link is created: the size is known then, because
 *   clips and previews are generated at creation. The limits are the administrators' (download-quota.service.ts): the
 *   user's unit override, else the default, read in the transaction that charges. Creating a link is audited; each
 *   fetch counts as a download in usage (MNR-16, BX-21) for the link's creator.
 * - Fetches may ask for one byte range (RFC 9110), so large files can be resumed: every kind has its size known up
 *   front (clips and previews are stored at creation, never streamed as they are made). Every range request passes
 *   all the checks of a whole fetch; only a fetch from byte 0 counts in usage, its continuations do not.
 */
export class DownloadService {
  private readonly linkKey: Buffer;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly storage: Storage,
    secret: Uint8Array,
    private readonly catalog: CatalogService,
    private readonly agreements: AgreementService,
    private readonly usage: UsageService,
    private readonly quotas: DownloadQuotaService,
  ) {
    this.linkKey = Buffer.from(hkdfSync('sm3', secret, Buffer.alloc(0), 'geoshare download link', 32));
  }

  async quota(ctx: UserContext): Promise<DownloadQuota> {
    const date = chinaDate(this.clock.now());
    const used = await downloadRepository.usedOn(this.db, ctx.actor.userId, date);
    const limit = await this.quotas.limitFor(this.db, ctx.actor.orgId);
    return {
      date,
      limitCount: limit.count,
      usedCount: used.count,
      limitBytes: limit.bytes,
      usedBytes: used.bytes,
      unitQuota: limit.unit,
    };
  }

  private quotaError(reason: 'count' | 'bytes', used: QuotaUse, limit: QuotaUse, size: number | null) {
    return new DomainError('DOWNLOAD_QUOTA_EXCEEDED', {
      reason,
      usedCount: used.count,
      limitCount: limit.count,
      usedBytes: used.bytes,
      limitBytes: limit.bytes,
      requestedBytes: size,
    });
  }

  async create(ctx: UserContext, body: CreateDownloadBody): Promise<DownloadLink> {
    if (body.kind !== 'clip' && (body.geometry !== undefined || body.crs !== undefined)) {
      throw new DomainError('VALIDATION_FAILED', { kind: body.kind }, '仅区域裁切下载可指定裁切范围和坐标系');
    }
    if (body.kind !== 'asset' && body.assetKey !== undefined) {
      throw new DomainError('VALIDATION_FAILED', { kind: body.kind }, '仅整文件下载可指定文件');
    }
    const crs = body.kind === 'clip' ? (body.crs ?? 4490) : null;
    if (crs !== null && !isClipTargetCrs(crs)) throw new DomainError('DOWNLOAD_CLIP_CRS_UNSUPPORTED', { crs });
    const polygons = body.kind === 'clip' ? clipPolygons(body.geometry) : null;

    // BX-16 access first (nobody is asked to sign for what they may not have), then the agreement (MNR-16).
    const source = await this.catalog.downloadSource(
      ctx,
      body.collectionId,
      body.itemId,
      sourcePick(body.kind, body.assetKey),
    );
    await this.agreements.assertSigned(ctx, body.collectionId);
    const day = chinaDate(this.clock.now());
    const before = await downloadRepository.usedOn(this.db, ctx.actor.userId, day);
    const earlyLimit = await this.quotas.limitFor(this.db, ctx.actor.orgId);
    const early = quotaExceeded(before, earlyLimit, 0);
    if (early) throw this.quotaError(early, before, earlyLimit, null);

    const id = randomUUID();
    const prepared =
      body.kind === 'asset'
        ? await this.assetFile(source)
        : body.kind === 'clip'
          ? await this.clipFile(id, source, polygons!, crs!)
          : await this.previewFile(id, ctx.actor, source);
    try {
      return await this.db.transaction(async (tx) => {
        await downloadRepository.lockUserQuota(tx, ctx.actor.userId);
        const used = await downloadRepository.usedOn(tx, ctx.actor.userId, day);
        // Read here, not before: a limit an administrator changed while the file was prepared is the one charged.
        const limit = await this.quotas.limitFor(tx, ctx.actor.orgId);
        const over = quotaExceeded(used, limit, prepared.size);
        if (over) throw this.quotaError(over, used, limit, prepared.size);
        const at = this.clock.now();
        const expiresAt = new Date(at.getTime() + DOWNLOAD_LINK_TTL_MS);
        await downloadRepository.insert(tx, {
          id,
          user_id: ctx.actor.userId,
          orgId: ctx.actor.orgId,
          collection_id: body.collectionId,
          item_id: body.itemId,
          kind: body.kind,
          asset_key: prepared.assetKey,
          storage_key: prepared.storageKey,
          generated: prepared.generated,
          filename: prepared.filename,
          media_type: prepared.mediaType,
          size: prepared.size,
          crs: prepared.crs,
          geometry: body.kind === 'clip' ? body.geometry : null,
          quotaDay: day,
          at,
          expiresAt,
        });
        await this.audit.record(tx, ctx, {
          action: 'download.create',
          objectType: 'item',
          objectId: `${body.collectionId}/${body.itemId}`,
          summary: {
            downloadId: id,
            kind: body.kind,
            assetKey: prepared.assetKey,
            crs: prepared.crs,
            size: prepared.size,
            expiresAt: expiresAt.toISOString(),
          },
        });
        return {
          id,
          kind: body.kind,
          url: `/api/downloads/${signLink(this.linkKey, id, expiresAt)}`,
          filename: prepared.filename,
          expiresAt: expiresAt.toISOString(),
          size: prepared.size,
        };
      });
    } catch (e) {
      if (prepared.generated) await this.storage.remove(prepared.storageKey);
      throw e;
    }
  }

  private async assetFile(source: Awaited<ReturnType<CatalogService['downloadSource']>>): Promise<Prepared> {
    const size = source.size ?? (await this.storage.size(source.storageKey));
    if (size === null) throw new DomainError('ASSET_NOT_FOUND', { key: source.key });
    const ext = extname(source.storageKey).slice(1).toLowerCase() || 'bin';
    return {
      storageKey: source.storageKey,
      generated: false,
      mediaType: source.mediaType,
      size,
      filename: downloadFilename(source.title, source.key, ext),
      assetKey: source.key,
      crs: null,
    };
  }

  /** The clip, cut to the item in PostGIS (validity, intersection, ellipsoidal area), rendered to a COG. */
  private async clipFile(
    id: string,
    source: Awaited<ReturnType<CatalogService['downloadSource']>>,
    polygons: Polygons,
    crs: number,
  ): Promise<Prepared> {
    if (!source.mediaType.startsWith('image/tiff')) {
      throw new DomainError('DOWNLOAD_SOURCE_UNSUPPORTED', { mediaType: source.mediaType });
    }
    const check = await downloadRepository.clipCheck(
      this.db,
      { type: 'MultiPolygon', coordinates: polygons },
      source.geometry,
    );
    if (!check.valid) throw new DomainError('DOWNLOAD_CLIP_GEOMETRY_INVALID', { reason: check.reason });
    if (!check.clipped) throw new DomainError('DOWNLOAD_CLIP_OUTSIDE_ITEM', {});
    const areaKm2 = Math.round(check.area_km2! * 100) / 100;
    if (areaKm2 > MAX_CLIP_AREA_KM2) {
      throw new DomainError(
        'DOWNLOAD_CLIP_TOO_LARGE',
        { areaKm2, limitKm2: MAX_CLIP_AREA_KM2 },
        `裁切范围过大（与影像重叠 ${areaKm2} 平方公里，上限 ${MAX_CLIP_AREA_KM2} 平方公里）`,
      );
    }
    const cut = JSON.parse(check.clipped) as { type: string; coordinates: unknown };
    const cutPolygons = (cut.type === 'Polygon' ? [cut.coordinates] : cut.coordinates) as Polygons;
    const tmp = join(tmpdir(), `geoshare-clip-${id}.tif`);
    const storageKey = `${GENERATED_PREFIX}/${id}.tif`;
    try {
      await renderClip(
        await clipSourceInput(this.storage, source.storageKey),
        { polygons: cutPolygons, targetEpsg: crs, maxPixels: MAX_CLIP_PIXELS },
        tmp,
      );
      const { size } = await this.storage.putFile(storageKey, tmp);
      return {
        storageKey,
        generated: true,
        mediaType: CLIP_MEDIA_TYPE,
        size,
        filename: downloadFilename(source.title, `裁切_EPSG${crs}`, 'tif'),
        assetKey: source.key,
        crs,
      };
    } finally {
      await rm(tmp, { force: true });
    }
  }

  /** BX-17: the stored overview / thumbnail with the user's name, unit and the time burnt in, repeated diagonally. */
  private async previewFile(
    id: string,
    actor: Actor,
    source: Awaited<ReturnType<CatalogService['downloadSource']>>,
  ): Promise<Prepared> {
    const chunks: Buffer[] = [];
    for await (const c of await this.storage.read(source.storageKey)) chunks.push(c as Buffer);
    const stamp = chinaDateTime(this.clock.now());
    let png: Buffer;
    try {
      png = await watermarkedPreview(Buffer.concat(chunks), [
        `${actor.displayName}（${actor.username}）`,
        actor.orgName,
        `${stamp} 北京时间`,
      ]);
    } catch {
      throw new DomainError('DOWNLOAD_SOURCE_UNSUPPORTED', { key: source.key, reason: '预览图无法解码' });
    }
    const storageKey = `${GENERATED_PREFIX}/${id}.png`;
    const { size } = await this.storage.put(storageKey, png);
    return {
      storageKey,
      generated: true,
      mediaType: 'image/png',
      size,
      filename: downloadFilename(source.title, '预览', 'png'),
      assetKey: source.key,
      crs: null,
    };
  }

  /**
   * The file behind a link token, for anyone holding it until it expires: forged or altered → DOWNLOAD_LINK_INVALID,
   * expired → DOWNLOAD_LINK_EXPIRED. The creator's access is checked again (an entry classified since, or a disabled
   * account, stops the link); the fetch counts as a download of the creator in usage.
   * `request`: one byte range of the file; only a fetch of the whole file or from byte 0 is counted, so a download
   * resumed or fetched in pieces counts once. An unsatisfiable range → RANGE_NOT_SATISFIABLE (416), not counted; a
   * current copy (`If-None-Match`) → not modified, nothing read, not counted.
   */
  async open(token: string, ip: string | null, request?: RangeRequest): Promise<DownloadFile> {
    const link = verifyLink(this.linkKey, token);
    if (!link) throw new DomainError('DOWNLOAD_LINK_INVALID');
    if (link.expiresAt <= this.clock.now()) {
      throw new DomainError('DOWNLOAD_LINK_EXPIRED', { expiresAt: link.expiresAt.toISOString() });
    }
    const row = await downloadRepository.find(this.db, link.id);
    if (!row || row.disabled) throw new DomainError('DOWNLOAD_LINK_INVALID');
    const ctx: RequestContext = { actor: actorOf(row), ip };
    const source = await this.catalog.downloadSource(
      ctx,
      row.collection_id,
      row.item_id,
      sourcePick(row.kind, row.asset_key),
    );
    // Strong ETags known without reading the file: a generated file is written once under the link's id; a whole
    // asset is its stored SM3 checksum (the same ETag as /api/assets), none when the asset has no checksum.
    const etag = row.generated ? `"dl-${row.id}"` : source.checksumSm3 ? checksumEtag(source.checksumSm3) : null;
    const base = {
      mediaType: row.media_type,
      size: row.size,
      etag,
      contentDisposition: contentDisposition(row.filename, fallbackName(row)),
    };
    const answer = fileAnswer(request, row.size, etag);
    if (answer.notModified) return { ...base, stream: null, range: null, notModified: true };
    const { range } = answer;
    const stream = await this.storage.read(row.storage_key, range ?? undefined);
    if (answer.download) this.usage.count(ctx, row.collection_id, row.item_id, 'download', row.size);
    return { ...base, stream, range, notModified: false };
  }

  /** Removes generated files of expired links (hourly, and on demand); returns how many. */
  async cleanExpired(): Promise<number> {
    const now = this.clock.now();
    const rows = await downloadRepository.expiredGenerated(this.db, now, CLEANUP_BATCH);
    for (const r of rows) await this.storage.remove(r.storage_key);
    if (rows.length) {
      await downloadRepository.markCleaned(
        this.db,
        rows.map((r) => r.id),
        now,
      );
    }
    return rows.length;
  }
}

/** ASCII file name for clients without RFC 5987: item id and what it is. */
const fallbackName = (row: DownloadRow) => `${row.item_id}-${row.kind}${extname(row.filename) || ''}`;
