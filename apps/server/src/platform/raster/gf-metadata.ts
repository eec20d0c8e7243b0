import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { DomainError } from '../errors/domain-error.js';
import type { Position2 } from './footprint.rules.js';

/**
 * The `ProductMetaData` XML sidecar that CRESDA (中国资源卫星应用中心) ships with GF-1, GF-2, GF-6 and ZY-3 scenes,
 * e.g. `GF2_PMS1_E114.1_N30.7_20160807_L1A0001723568-MSS1.xml` next to the `.tiff`. It is a flat list of
 * elements under one root. Its times are Beijing time (UTC+8) without a zone designator; they are returned here as
 * ISO 8601 UTC strings. Corner coordinates are WGS84 longitude/latitude in degrees (= CGCS2000 at cm level) and
 * matter most for L1A products, whose TIFFs carry RPCs rather than an affine georeference.
 */

export interface GfProductMetadata {
  satelliteId: string | null; // GF1, GF2, GF6, ZY3-1, …
  sensorId: string | null; // PMS1, WFV3, MUX, NAD, …
  productId: string | null;
  productLevel: string | null; // LEVEL1A, LEVEL2A, …
  /** ISO 8601 UTC (the XML says Beijing time). */
  receiveTime: string | null;
  startTime: string | null;
  centerTime: string | null;
  endTime: string | null;
  /** Imaging time for the catalogue (STAC `datetime`): CenterTime, else StartTime. */
  acquisitionTime: string | null;
  /** Cloud cover of the scene, percent 0–100. */
  cloudPercent: number | null;
  /** Nominal ground sample distance, metres. */
  gsd: number | null;
  /** Band numbers as written, e.g. ['1', '2', '3', '4'] (GF-1/GF-2 PMS: blue, green, red, NIR). */
  bands: string[];
  /** Scene corners [lon, lat] in degrees, or null when any is missing. */
  corners: { topLeft: Position2; topRight: Position2; bottomRight: Position2; bottomLeft: Position2 } | null;
  /** Closed counter-clockwise ring TL → BL → BR → TR → TL from the corners (RFC 7946 exterior ring), or null. */
  footprint: Position2[] | null;
}

/** Sidecars are a few KiB; anything this large is not one. */
const MAX_SIDECAR_BYTES = 4 * 1024 * 1024;
const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false, // numbers are parsed explicitly below, so "0001723568" keeps its zeros
  trimValues: true,
  ignoreDeclaration: true,
});

/** Parses a ProductMetaData document. INGEST_UNSUPPORTED if it is not well-formed XML or not that document. */
export function parseGfMetadata(xml: string): GfProductMetadata {
  // Product sidecars never declare a DTD; refusing one removes entity-expansion tricks from the attack surface.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    throw new DomainError('INGEST_UNSUPPORTED', { reason: 'DOCTYPE' }, '元数据 XML 含 DOCTYPE/实体声明，已拒绝');
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new DomainError(
      'INGEST_UNSUPPORTED',
      { reason: valid.err.msg, line: valid.err.line },
      `元数据 XML 格式错误（第 ${valid.err.line} 行）`,
    );
  }
  const doc = parser.parse(xml) as Record<string, unknown>;
  const rootKey = Object.keys(doc).find((k) => k.toLowerCase() === 'productmetadata');
  const root = rootKey ? doc[rootKey] : undefined;
  if (!root || typeof root !== 'object') {
    throw new DomainError(
      'INGEST_UNSUPPORTED',
      { rootElements: Object.keys(doc) },
      '不是 GF/ZY 系列产品元数据：根元素应为 ProductMetaData',
    );
  }
  // Element names vary in case between product lines and years; look them up case-insensitively.
  const fields = new Map<string, string>();
  for (const [k, v] of Object.entries(root as Record<string, unknown>)) {
    if (typeof v === 'string' || typeof v === 'number') fields.set(k.toLowerCase(), String(v).trim());
  }
  const text = (name: string): string | null => {
    const v = fields.get(name.toLowerCase());
    return v ? v : null;
  };
  const number = (name: string): number | null => {
    const v = text(name)?.split(/[,;\s]+/)[0];
    const n = v === undefined || v === '' ? Number.NaN : Number(v);
    return Number.isFinite(n) ? n : null;
  };
  const corner = (prefix: string): Position2 | null => {
    const lon = number(`${prefix}Longitude`);
    const lat = number(`${prefix}Latitude`);
    return lon !== null && lat !== null && Math.abs(lon) <= 180 && Math.abs(lat) <= 90 ? [lon, lat] : null;
  };

  const startTime = beijingToUtcIso(text('StartTime'));
  const centerTime = beijingToUtcIso(text('CenterTime'));
  const cloud = number('CloudPercent');
  const gsd = number('ImageGSD');
  const tl = corner('TopLeft');
  const tr = corner('TopRight');
  const br = corner('BottomRight');
  const bl = corner('BottomLeft');
  const corners = tl && tr && br && bl ? { topLeft: tl, topRight: tr, bottomRight: br, bottomLeft: bl } : null;
  return {
    satelliteId: text('SatelliteID'),
    sensorId: text('SensorID'),
    productId: text('ProductID'),
    productLevel: text('ProductLevel'),
    receiveTime: beijingToUtcIso(text('ReceiveTime')),
    startTime,
    centerTime,
    endTime: beijingToUtcIso(text('EndTime')),
    acquisitionTime: centerTime ?? startTime,
    cloudPercent: cloud !== null && cloud >= 0 && cloud <= 100 ? cloud : null, // -1 / 999 mean "not assessed"
    gsd: gsd !== null && gsd > 0 ? gsd : null,
    bands: (text('Bands') ?? '')
      .split(/[,;\s]+/)
      .map((b) => b.trim())
      .filter(Boolean),
    corners,
    footprint: corners
      ? [corners.topLeft, corners.bottomLeft, corners.bottomRight, corners.topRight, corners.topLeft].map(
          ([x, y]): Position2 => [x, y],
        )
      : null,
  };
}

/**
 * "2016-08-07 11:19:40", "2022-06-24 13:39:09.0" or with 'T' / '/' separators, in Beijing time (UTC+8, no DST
 * since 1991) → "2016-08-07T03:19:40.000Z". Null for empty or unparseable values and impossible dates.
 */
export function beijingToUtcIso(value: string | null): string | null {
  if (!value) return null;
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))?$/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  const local = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const check = new Date(local);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  return new Date(local - BEIJING_OFFSET_MS).toISOString();
}

/** `<dir>/<basename>.xml` or `.XML` next to a TIFF (extension stripped), or null when neither exists. */
export async function findSidecar(tiffPath: string): Promise<string | null> {
  const { dir, name } = path.parse(tiffPath);
  for (const ext of ['.xml', '.XML']) {
    const candidate = path.join(dir, name + ext);
    const s = await stat(candidate).catch(() => null);
    if (s?.isFile()) return candidate;
  }
  return null;
}

/** Finds and parses the sidecar of `tiffPath`; null when there is none. */
export async function readGfSidecar(tiffPath: string): Promise<GfProductMetadata | null> {
  const file = await findSidecar(tiffPath);
  if (!file) return null;
  const { size } = await stat(file);
  if (size > MAX_SIDECAR_BYTES) {
    throw new DomainError('INGEST_UNSUPPORTED', { size }, '元数据 XML 文件过大，不是产品元数据');
  }
  return parseGfMetadata(await readFile(file, 'utf8'));
}
