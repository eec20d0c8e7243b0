import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { Secrecy, SharingType } from '@geoshare/shared';
import { SECRECY_LABELS } from '@geoshare/shared';
import type { RequestContext } from '../../platform/auth/actor.js';
import { sm3Hex } from '../../platform/crypto/sm3.js';
import type { Db } from '../../platform/db/db.port.js';
import { DomainError, isDomainError } from '../../platform/errors/domain-error.js';
import { ERROR_CODES } from '../../platform/errors/error-codes.js';
import { convertGeoJsonGcj02ToWgs84 } from '../../platform/geo/gcj02.js';
import { zipEntryNames } from '../../platform/geo/zip-entries.js';
import { centreSamplePair, footprintRing, gsdFromPixelSize } from '../../platform/raster/footprint.rules.js';
import { findSidecar, readGfSidecar } from '../../platform/raster/gf-metadata.js';
import { probeRaster, type RasterHeader, requireGeoreference } from '../../platform/raster/raster-header.js';
import { renderThumbnail } from '../../platform/raster/thumbnail.js';
import type { Storage } from '../../platform/storage/storage.port.js';
import type { CatalogService } from './catalog.service.js';
import { type CollectionSettings, collectionRepository } from './collection.repository.js';
import { ingestRepository } from './ingest.repository.js';
import { type AssetDraft, itemRepository } from './item.repository.js';

export interface IngestOptions {
  collectionId: string;
  /** null = not stated: the entry becomes 待定密 (treated as classified until a catalogue manager decides) */
  secrecy: Exclude<Secrecy, 'undetermined'> | null;
  sharingType?: SharingType;
  publish: boolean;
  /** vector input is GCJ-02 (much Chinese web data is): convert to CGCS2000 on the way in */
  gcj02?: boolean;
  /**
   * EPSG code to use for rasters whose CRS is user-defined (32767) or missing but whose georeference is present —
   * the operator's explicit statement, recorded as a warning; never guessed silently.
   */
  assumeEpsg?: number;
}

export type IngestResult =
  | { file: string; ok: true; collectionId: string; itemId: string; catalogueNo: string; warnings: string[] }
  | { file: string; ok: false; code: string; message: string };

const RASTER_EXT = new Set(['.tif', '.tiff']);
const VECTOR_EXT = new Set(['.geojson', '.json', '.zip']);
const SIDECAR_EXT = new Set(['.xml']);
/** Files ingested at once by ingestMany (2 cores: enough to overlap I/O, database and pixel work). */
const INGEST_CONCURRENCY = 3;

/** A STAC item id from a file name: ASCII letters, digits, `_.-`; other characters become `_`. */
export function itemIdFromFile(name: string): string {
  const stem = basename(name, extname(name))
    .replace(/[^A-Za-z0-9_.-]+/g, '_')
    .replace(/^[^A-Za-z0-9]+/, '');
  return (stem || 'item').slice(0, 100);
}

async function sm3File(path: string): Promise<string> {
  const { createHash } = await import('node:crypto');
  const h = createHash('sm3');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/**
 * Catalogue ingest (MNR-9, BX-19): reads each file's header, computes the true footprint in CGCS2000 and the GSD in
 * metres, checksums it with SM3, stores it with a thumbnail, and registers it as a numbered catalogue entry. A bad
 * file is reported and the batch goes on. Secrecy has no silent default: unstated means 待定密.
 */
export class IngestService {
  constructor(
    private readonly db: Db,
    private readonly storage: Storage,
    private readonly catalog: CatalogService,
  ) {}

  async ingestMany(
    ctx: RequestContext,
    files: { path: string; name: string }[],
    opts: IngestOptions,
    onResult?: (r: IngestResult) => void,
  ): Promise<IngestResult[]> {
    // Sidecars travel with their TIFF (read by name next to it), not as entries of their own.
    const todo = files.filter((x) => !SIDECAR_EXT.has(extname(x.name).toLowerCase()));
    const results: IngestResult[] = new Array(todo.length);
    // A few files in flight at once: one file's database round trips overlap another's decoding and hashing.
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < todo.length; i = next++) {
        results[i] = await this.ingestOne(ctx, todo[i]!, opts);
        onResult?.(results[i]!);
      }
    };
    await Promise.all(Array.from({ length: Math.min(INGEST_CONCURRENCY, todo.length) }, worker));
    return results;
  }

  async ingestOne(ctx: RequestContext, f: { path: string; name: string }, opts: IngestOptions): Promise<IngestResult> {
    try {
      const ext = extname(f.name).toLowerCase();
      if (RASTER_EXT.has(ext)) return await this.ingestRaster(ctx, f, opts);
      if (VECTOR_EXT.has(ext)) return await this.ingestVector(ctx, f, opts);
      throw new DomainError(
        'INGEST_UNSUPPORTED',
        { ext },
        `不支持的文件类型：${ext || '（无扩展名）'}（支持 GeoTIFF、GeoJSON）`,
      );
    } catch (e) {
      if (isDomainError(e)) return { file: f.name, ok: false, code: e.code, message: e.message };
      // Two copies of one file ingested at the same moment: the unique checksum index settles the race.
      if ((e as { code?: string }).code === '23505' && String((e as Error).message).includes('checksum')) {
        return { file: f.name, ok: false, code: 'INGEST_DUPLICATE', message: ERROR_CODES.INGEST_DUPLICATE.message };
      }
      return {
        file: f.name,
        ok: false,
        code: 'INTERNAL',
        message: `${ERROR_CODES.INTERNAL.message}（${(e as Error).message}）`,
      };
    }
  }

  private async collectionDefaults(collectionId: string) {
    const c = await collectionRepository.settings(this.db, collectionId);
    if (!c) throw new DomainError('CATALOG_COLLECTION_NOT_FOUND', { id: collectionId });
    return c;
  }

  private async uniqueItemId(collectionId: string, name: string, checksum: string): Promise<string> {
    const id = itemIdFromFile(name);
    // Same name, different content (a re-delivery): keep both, told apart by the checksum prefix.
    return (await itemRepository.exists(this.db, collectionId, id)) ? `${id}-${checksum.slice(0, 8)}` : id;
  }

  private async ingestRaster(
    ctx: RequestContext,
    f: { path: string; name: string },
    opts: IngestOptions,
  ): Promise<IngestResult> {
    const c = await this.collectionDefaults(opts.collectionId);
    const warnings: string[] = [];
    const header = await this.rasterHeader(f.path, opts.assumeEpsg, warnings);
    const ring = footprintRing(header.geoTransform, header.width, header.height, 16);
    // Independent work overlaps: hashing (I/O), the thumbnail (libvips threads or the decoder pool) and PostGIS.
    const thumbnail = renderThumbnail(f.path, header, 256).catch((e: unknown) => {
      warnings.push(`缩略图生成失败：${isDomainError(e) ? e.message : (e as Error).message}`);
      return null;
    });
    const [checksum, sidecarPath, sidecar, geo] = await Promise.all([
      sm3File(f.path),
      findSidecar(f.path),
      readGfSidecar(f.path),
      ingestRepository.reproject(
        this.db,
        ring,
        header.epsg,
        centreSamplePair(header.geoTransform, header.width, header.height),
      ),
    ]);
    const gsd = gsdFromPixelSize(header.geoTransform, { epsg: header.epsg, axisUnit: header.axisUnit }) ?? geo.gsd;

    if (!header.cog.ok) warnings.push(`未按 COG 组织：${header.cog.problems.join('；')}`);
    if (!geo.inside) warnings.push('覆盖范围不在平台服务区域（中国）内，请核对坐标');
    let datetime = sidecar?.acquisitionTime ?? null;
    if (!datetime) {
      datetime = new Date((await stat(f.path)).mtimeMs).toISOString();
      warnings.push('未找到获取时间（无卫星元数据），暂以文件修改时间代替');
    }
    if (opts.secrecy === null) warnings.push('未指定密级，已登记为「待定密」，定密前按涉密数据管理');

    const itemId = await this.uniqueItemId(c.id, f.name, checksum);
    const prefix = `items/${c.id}/${itemId}`;
    const assets: AssetDraft[] = [];
    const stored: string[] = [];
    try {
      const dataKey = `${prefix}/${itemId}${extname(f.name).toLowerCase()}`;
      const { size } = await this.storage.putFile(dataKey, f.path);
      stored.push(dataKey);
      const profile = header.cog.ok ? '; profile=cloud-optimized' : '';
      assets.push({
        key: 'data',
        storageKey: dataKey,
        mediaType: `image/tiff; application=geotiff${profile}`,
        title: basename(f.name),
        roles: ['data'],
        size,
        checksumSm3: checksum,
      });
      const png = await thumbnail;
      if (png) {
        const key = `${prefix}/thumbnail.png`;
        await this.storage.put(key, png);
        stored.push(key);
        assets.push({
          key: 'thumbnail',
          storageKey: key,
          mediaType: 'image/png',
          title: '缩略图',
          roles: ['thumbnail'],
          size: png.length,
          checksumSm3: sm3Hex(png),
        });
      }
      if (sidecarPath) {
        const xml = await readFile(sidecarPath);
        const key = `${prefix}/${basename(sidecarPath)}`;
        await this.storage.put(key, xml);
        stored.push(key);
        assets.push({
          key: 'metadata',
          storageKey: key,
          mediaType: 'application/xml',
          title: '卫星产品元数据',
          roles: ['metadata'],
          size: xml.length,
          checksumSm3: sm3Hex(xml),
        });
      }
      const { catalogueNo } = await this.catalog.createItem(
        ctx,
        {
          collectionId: c.id,
          id: itemId,
          title: sidecar?.productId
            ? `${sidecar.satelliteId ?? ''} ${sidecar.sensorId ?? ''} ${sidecar.productId}`.trim()
            : basename(f.name, extname(f.name)),
          description: null,
          datetime,
          geometry: JSON.parse(geo.geojson),
          gsd: Math.round(gsd * 1000) / 1000,
          platform: sidecar?.satelliteId ?? null,
          instruments: sidecar?.sensorId ? [sidecar.sensorId] : [],
          cloudCover: sidecar?.cloudPercent ?? null,
          format: header.cog.ok ? 'COG' : 'GeoTIFF',
          dataVolume: header.fileSize,
          ...catalogueDefaults(c, opts),
          properties: {
            'proj:epsg': header.epsg,
            'proj:shape': [header.height, header.width],
            'proj:transform': [
              ...header.geoTransform.slice(1, 3),
              header.geoTransform[0],
              ...header.geoTransform.slice(4, 6),
              header.geoTransform[3],
            ],
            'geoshare:bands': header.bandCount,
            'geoshare:data_type': header.dataType,
            'geoshare:nodata': Number.isNaN(header.nodata) ? 'nan' : header.nodata,
            'geoshare:compression': header.compression,
            'geoshare:overviews': header.overviewCount,
            'geoshare:cloud_optimized': header.cog.ok,
            ...(header.cog.ok ? {} : { 'geoshare:cog_problems': header.cog.problems }),
            'geoshare:outside_service_area': !geo.inside,
            ...(sidecar ? { 'geoshare:product_level': sidecar.productLevel, 'geoshare:nominal_gsd': sidecar.gsd } : {}),
          },
          checksumSm3: checksum,
          published: opts.publish,
        },
        assets,
      );
      return { file: f.name, ok: true, collectionId: c.id, itemId, catalogueNo, warnings };
    } catch (e) {
      // Nothing half-written: files stored for an entry that was not registered are removed again.
      await Promise.all(stored.map((k) => this.storage.remove(k)));
      throw e;
    }
  }

  /** The header with a CRS known to PostGIS; `assumeEpsg` fills in a user-defined or missing CRS. */
  private async rasterHeader(path: string, assumeEpsg: number | undefined, warnings: string[]): Promise<RasterHeader> {
    const probe = await probeRaster(path);
    let header: RasterHeader;
    try {
      header = requireGeoreference(probe);
    } catch (e) {
      if (!(assumeEpsg && isDomainError(e) && e.code === 'INGEST_UNKNOWN_CRS' && probe.geoTransform)) throw e;
      const srs = await ingestRepository.srs(this.db, assumeEpsg);
      if (!srs)
        throw new DomainError(
          'INGEST_UNKNOWN_CRS',
          { epsg: assumeEpsg },
          `指定的坐标系 EPSG:${assumeEpsg} 不在坐标系库中`,
        );
      const { geoKeys: _k, gcpCount: _g, ...layout } = probe;
      header = {
        ...layout,
        epsg: assumeEpsg,
        geoTransform: probe.geoTransform,
        axisUnit: srs.geographic ? 'degree' : 'metre',
      };
      warnings.push(`文件未给出 EPSG 坐标系，按入库时指定的 EPSG:${assumeEpsg} 处理`);
    }
    if (!(await ingestRepository.srs(this.db, header.epsg))) {
      throw new DomainError(
        'INGEST_UNKNOWN_CRS',
        { epsg: header.epsg },
        `无法识别影像的坐标参考系：EPSG:${header.epsg} 不在坐标系库中`,
      );
    }
    return header;
  }

  private async ingestVector(
    ctx: RequestContext,
    f: { path: string; name: string },
    opts: IngestOptions,
  ): Promise<IngestResult> {
    const c = await this.collectionDefaults(opts.collectionId);
    const buf = await readFile(f.path);
    let doc = extname(f.name).toLowerCase() === '.zip' ? await readZippedShapefile(buf) : parseGeoJson(buf);
    if (opts.gcj02) doc = convertGeoJsonGcj02ToWgs84(doc as never);
    const geometries =
      doc.type === 'FeatureCollection'
        ? (doc.features ?? []).map((x) => x.geometry).filter(Boolean)
        : doc.type === 'Feature'
          ? [doc.geometry]
          : [doc];
    if (!geometries.length) throw new DomainError('INGEST_NO_GEOREFERENCE', {}, 'GeoJSON 中没有几何要素');
    // RFC 7946 GeoJSON is WGS84 lon/lat (= CGCS2000 at cm level); a legacy `crs` member may name another EPSG code.
    const crsName = doc.crs?.properties?.name ?? '';
    const epsg = Number(/EPSG:{1,2}(\d+)/i.exec(crsName)?.[1] ?? 4326);
    if (!(await ingestRepository.srs(this.db, epsg))) throw new DomainError('INGEST_UNKNOWN_CRS', { crs: crsName });
    const geo = await ingestRepository.vectorFootprint(this.db, geometries, epsg).catch((e: Error) => {
      throw new DomainError('INGEST_UNSUPPORTED', { reason: e.message }, `GeoJSON 几何无效：${e.message}`);
    });
    if (!geo.geojson) throw new DomainError('INGEST_NO_GEOREFERENCE', {}, 'GeoJSON 中没有有效的几何要素');
    const checksum = sm3Hex(buf);
    const itemId = await this.uniqueItemId(c.id, f.name, checksum);
    const warnings = [
      ...(geo.inside ? [] : ['覆盖范围不在平台服务区域（中国）内，请核对坐标（GCJ-02 数据需勾选转换）']),
      ...(opts.secrecy === null ? ['未指定密级，已登记为「待定密」，定密前按涉密数据管理'] : []),
      '矢量成果无获取时间，暂以入库时间代替',
    ];
    // The stored asset is GeoJSON in CGCS2000 (converted or unpacked as needed); the checksum is of the delivered file.
    const key = `items/${c.id}/${itemId}/${itemId}.geojson`;
    const { size } = await this.storage.put(key, Buffer.from(JSON.stringify(doc)));
    try {
      const { catalogueNo } = await this.catalog.createItem(
        ctx,
        {
          collectionId: c.id,
          id: itemId,
          title: basename(f.name, extname(f.name)),
          description: `矢量成果，${geometries.length} 个要素${opts.gcj02 ? '（已由 GCJ-02 转换为 CGCS2000）' : ''}`,
          datetime: new Date().toISOString(),
          geometry: JSON.parse(geo.geojson),
          gsd: null,
          platform: null,
          instruments: [],
          cloudCover: null,
          format: extname(f.name).toLowerCase() === '.zip' ? 'Shapefile' : 'GeoJSON',
          dataVolume: buf.length,
          ...catalogueDefaults(c, opts),
          properties: {
            'geoshare:feature_count': geometries.length,
            'geoshare:source_crs': opts.gcj02 ? 'GCJ-02' : `EPSG:${epsg}`,
          },
          checksumSm3: checksum,
          published: opts.publish,
        },
        [
          {
            key: 'data',
            storageKey: key,
            mediaType: 'application/geo+json',
            title: basename(f.name),
            roles: ['data'],
            size,
            checksumSm3: checksum,
          },
        ],
      );
      return { file: f.name, ok: true, collectionId: c.id, itemId, catalogueNo, warnings };
    } catch (e) {
      await this.storage.remove(key);
      throw e;
    }
  }
}

/**
 * The catalogue fields a new entry takes from its collection (ZS-9: custodian, sharing, update frequency, usage
 * requirements) and from the ingest options (secrecy as stated, else 待定密; an optional sharing-type override).
 */
function catalogueDefaults(c: CollectionSettings, opts: IngestOptions) {
  return {
    productType: c.product_type,
    secrecy: opts.secrecy,
    secrecyTerm: null,
    sharingType: opts.sharingType ?? c.sharing_type,
    sharingBasis: c.sharing_basis,
    sharingMethod: c.sharing_method,
    fundingSource: null,
    custodianOrgId: c.custodian_org_id,
    providerOrgId: c.provider_org_id,
    updateFrequency: c.update_frequency,
    usageRequirements: c.usage_requirements,
  };
}

/** Parses the CLI's / form's secrecy words (Chinese or code); undefined → not stated (待定密). */
export function parseSecrecyArg(v: string | undefined): Exclude<Secrecy, 'undetermined'> | null {
  if (v === undefined || v === '') return null;
  const entry = Object.entries(SECRECY_LABELS).find(([code, label]) => v === code || v === label);
  if (!entry || entry[0] === 'undetermined')
    throw new DomainError('VALIDATION_FAILED', { secrecy: v }, `密级应为 非涉密、秘密 或 机密：${v}`);
  return entry[0] as Exclude<Secrecy, 'undetermined'>;
}

/** `EPSG:32618` or `32618` → 32618. */
export function parseEpsg(v: string): number {
  const m = /^(?:EPSG:)?(\d{4,5})$/i.exec(v.trim());
  if (!m) throw new DomainError('VALIDATION_FAILED', { crs: v }, `坐标系应写作 EPSG 编码，例如 EPSG:4490：${v}`);
  return Number(m[1]);
}

type GeoJsonDoc = {
  type?: string;
  features?: { geometry: unknown }[];
  geometry?: unknown;
  crs?: { properties?: { name?: string } };
};

function parseGeoJson(buf: Buffer): GeoJsonDoc {
  try {
    return JSON.parse(buf.toString('utf8'));
  } catch {
    throw new DomainError('INGEST_UNSUPPORTED', {}, '文件不是合法的 GeoJSON（JSON 解析失败）');
  }
}

/**
 * A zipped Shapefile (.shp/.shx/.dbf, .prj for the CRS, .cpg for the attribute encoding) as one WGS84 GeoJSON
 * FeatureCollection; shpjs reprojects with the .prj (a Shapefile without one is taken as lon/lat).
 */
async function readZippedShapefile(buf: Buffer): Promise<GeoJsonDoc> {
  const names = zipEntryNames(buf);
  if (!names) throw new DomainError('INGEST_UNSUPPORTED', {}, '文件不是有效的 ZIP 压缩包');
  const lower = names.map((n) => n.toLowerCase());
  for (const ext of ['.shp', '.shx', '.dbf']) {
    if (!lower.some((n) => n.endsWith(ext)))
      throw new DomainError('INGEST_UNSUPPORTED', { missing: ext }, `压缩包中缺少 Shapefile 的 ${ext} 文件`);
  }
  const { default: shp } = await import('shpjs');
  let parsed: GeoJsonDoc | GeoJsonDoc[];
  try {
    // shpjs reads the whole ArrayBuffer: hand it exactly the file's bytes (a small Buffer may be a view into a pool).
    parsed = (await shp(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer)) as
      | GeoJsonDoc
      | GeoJsonDoc[];
  } catch (e) {
    throw new DomainError(
      'INGEST_UNSUPPORTED',
      { reason: (e as Error).message },
      `无法读取压缩的 Shapefile：${(e as Error).message}`,
    );
  }
  const layers = Array.isArray(parsed) ? parsed : [parsed];
  return { type: 'FeatureCollection', features: layers.flatMap((l) => l.features ?? []) };
}
