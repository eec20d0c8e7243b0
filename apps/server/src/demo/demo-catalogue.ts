import type { CollectionInput, Secrecy } from '@geoshare/shared';
import sharp from 'sharp';
import type { NewBulkItem } from '../modules/catalog/catalog.service.js';
import { ingestRepository } from '../modules/catalog/ingest.repository.js';
import type { AssetDraft } from '../modules/catalog/item.repository.js';
import { SYSTEM_CONTEXT } from '../platform/auth/actor.js';
import { sm3Hex } from '../platform/crypto/sm3.js';
import { cogLevels } from '../platform/raster/cog-layout.rules.js';
import { assembleCog, type CogGeoreference, type EncodedCog, encodeCogTiles } from '../platform/raster/cog-writer.js';
import { centreSamplePair, footprintRing, type GeoTransform } from '../platform/raster/footprint.rules.js';
import type { Services } from '../services.js';
import { cityOutline, DEMO_CITY } from './demo-city.rules.js';

/**
 * The demo city's catalogue: seven collections and ~320 items over 2017–2026 — GF-1/GF-6 WFV, GF-2 PMS, ZY-3,
 * Sentinel-2, 0.5 m DOM sheets, 0.2 m aerial frames and vector survey results — each raster item with a real
 * Cloud-Optimised GeoTIFF in the asset store, so the map shows pixels.
 *
 * The pixels are synthetic: fifteen procedural textures (fields, hills, towns, roads, a river; some cloudy) at four
 * ground scales, 1000 × 1000 px each. Each texture's JPEG tiles are encoded once and reused for every item drawn from
 * it; only the georeference in the header differs per file, so seeding hundreds of COGs costs seconds. A COG's pixel
 * size is its item's GSD, so 1000 px of GF-2 (0.8 m) cover 800 m and 1000 px of WFV (16 m) cover 16 km. Satellite
 * scenes are on CGCS2000 geographic (EPSG:4490); DOM sheets and aerial frames on the CGCS2000 3-degree
 * Gauss-Krüger zone with central meridian 114°E (EPSG:4547), as Chinese surveying products are. Everything random
 * comes from one seeded generator: the demo is the same on every machine.
 */

export interface DemoCatalogueOrgs {
  /** 示范市自然资源事务服务中心: keeps the data */
  custodian: string;
  /** 示范市卫星遥感应用中心: delivers the satellite imagery */
  provider: string;
}

/** Side of every demo COG in pixels, and its tiles (256 px: three levels, as a web map reads them). */
const SIZE = 1000;
const TILE = 256;
const LEVELS = cogLevels(SIZE, SIZE, TILE);
const THUMBNAIL_SIZE = 256;
const COG_MEDIA_TYPE = 'image/tiff; application=geotiff; profile=cloud-optimized';
const GK_114E = 4547;
/** Files stored at once: keeps the disk busy without holding every COG in memory. */
const WRITES_IN_FLIGHT = 8;

// ---------------------------------------------------------------------------------------------------------------
// Collections

type DemoCollection = Omit<CollectionInput, 'custodianOrgId' | 'providerOrgId'> & {
  fundingSource: 'provincial' | 'municipal' | 'other';
  /** delivered by the satellite centre (else the custodian produced it itself) */
  fromProvider: boolean;
};

const COLLECTIONS: DemoCollection[] = [
  {
    id: 'gf1-wfv',
    title: '高分一号/六号 WFV 16 米宽幅影像',
    description: '省级统筹分发的高分一号、高分六号宽幅相机（WFV）16 米多光谱影像，覆盖全市，用于大范围动态监测。',
    productType: 'primary',
    keywords: ['高分一号', '高分六号', 'WFV', '16米', '宽幅', '多光谱', '动态监测'],
    updateFrequency: 'monthly',
    sharingType: 'unconditional',
    sharingMethod: 'online',
    usageRequirements: '使用时请注明数据来源：示范市卫星遥感应用中心',
    fundingSource: 'provincial',
    fromProvider: true,
  },
  {
    id: 'gf2-pms-l1a',
    title: '高分二号 PMS 初级产品',
    description: '高分二号全色多光谱相机（PMS）0.8 米融合影像初级产品（L1A），用于图斑核查与执法监测。',
    productType: 'primary',
    keywords: ['高分二号', 'PMS', '0.8米', '初级产品', 'L1A', '图斑核查'],
    updateFrequency: 'irregular',
    sharingType: 'conditional',
    sharingMethod: 'online',
    usageRequirements: '经申请审批后使用，仅限本单位履行职责，不得转让或公开发布',
    fundingSource: 'provincial',
    fromProvider: true,
  },
  {
    id: 'zy3-s2',
    title: '资源三号 2 米与哨兵二号 10 米卫星影像',
    description: '资源三号 2.1 米全色多光谱融合影像与哨兵二号 10 米 L2A 地表反射率影像，用于季度变化监测。',
    productType: 'primary',
    keywords: ['资源三号', '哨兵二号', 'Sentinel-2', '2米', '10米', '季度监测'],
    updateFrequency: 'quarterly',
    sharingType: 'unconditional',
    sharingMethod: 'online',
    fundingSource: 'provincial',
    fromProvider: true,
  },
  {
    id: 'dom-2024-05m',
    title: '2024 年度 0.5 米数字正射影像（DOM）',
    description:
      '中心城区 1:1000 标准分幅（500 米 × 500 米）0.5 米数字正射影像，CGCS2000 三度带高斯-克吕格投影（中央经线 114°E）。',
    productType: 'dom',
    keywords: ['DOM', '正射影像', '0.5米', '2024', '1:1000', '分幅'],
    updateFrequency: 'yearly',
    sharingType: 'unconditional',
    sharingMethod: 'online',
    usageRequirements: '使用时请注明：示范市自然资源和规划局 2024 年度 DOM',
    fundingSource: 'municipal',
    fromProvider: false,
  },
  {
    id: 'dom-2023-05m',
    title: '2023 年度 0.5 米数字正射影像（DOM）',
    description: '中心城区 1:1000 标准分幅 0.5 米数字正射影像，由市级财政采购的商业卫星影像生产。',
    productType: 'dom',
    keywords: ['DOM', '正射影像', '0.5米', '2023', '1:1000', '商业卫星'],
    updateFrequency: 'yearly',
    // ZS-12: 不予共享 names its legal basis.
    sharingType: 'none',
    sharingBasis:
      '《示范市 2023 年度卫星影像采购合同》第六条使用许可：影像及其衍生产品仅限采购单位内部使用，不得向第三方提供',
    sharingMethod: 'offline',
    fundingSource: 'municipal',
    fromProvider: false,
  },
  {
    id: 'aerial-2023',
    title: '2023 年航空摄影 0.2 米正射影像',
    description: '东湖区 2023 年春季航空摄影成果，0.2 米正射影像，按航带、像片编号。部分成果涉密。',
    productType: 'aerial',
    keywords: ['航空摄影', '航摄', '0.2米', '2023', '正射影像'],
    updateFrequency: 'irregular',
    sharingType: 'conditional',
    sharingMethod: 'online',
    usageRequirements: '涉密成果按保密规定离线提供；非涉密成果经申请审批后在线使用',
    fundingSource: 'municipal',
    fromProvider: false,
  },
  {
    id: 'survey-results',
    title: '第三次全国国土调查及年度国土变更调查成果',
    description: '分区县的第三次全国国土调查（2019 年度）与 2020—2024 年度国土变更调查成果（矢量），含主要地类面积。',
    productType: 'result',
    keywords: ['三调', '国土调查', '变更调查', '地类', '矢量'],
    updateFrequency: 'yearly',
    sharingType: 'conditional',
    sharingMethod: 'online',
    usageRequirements: '经申请审批后使用，成果数据不得用于与申请事项无关的用途',
    fundingSource: 'municipal',
    fromProvider: false,
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Seeded randomness

/** mulberry32: a small, fast PRNG with a 32-bit state; uniform in [0, 1). */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stateless hash of two integers and a seed, uniform in [0, 1): per-field and per-pixel randomness. */
function hash2(a: number, b: number, seed: number): number {
  let h = Math.imul(a, 0x27d4eb2d) ^ Math.imul(b, 0x165667b1) ^ seed;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

// ---------------------------------------------------------------------------------------------------------------
// Textures

type LookName = 'wide' | 'mid' | 'fine' | 'aerial';

/** What the landscape looks like at one ground scale; sizes in pixels of that scale. */
interface Look {
  /** field length range along the ploughing direction (fields are as deep as the short end) */
  parcel: [number, number];
  /** ridge (田埂) width between fields; 0 = not resolved */
  edge: number;
  /** crop-row period; 0 = not resolved */
  rows: number;
  road: number;
  roads: number;
  river: number;
  /** river meander wavelength (a near-straight canal when it exceeds the image) */
  meander: number;
  /** building lot width incl. its share of street (lots are 0.7 as deep) */
  building: number;
  /** tree-crown noise cell */
  canopy: number;
  /** zone-noise level above which the ground is forest / built-up */
  forestAbove: number;
  urbanAbove: number;
  /** per-pixel noise amplitude (8-bit levels): sensor grain; kept low so JPEG tiles stay small */
  grain: number;
}

const LOOKS: Record<LookName, Look> = {
  // 10–16 m: fields of 100–250 m are a few pixels, towns grey speckle, hills a dark-green mass.
  wide: {
    parcel: [6, 16],
    edge: 0,
    rows: 0,
    road: 1.5,
    roads: 3,
    river: 9,
    meander: 260,
    building: 5,
    canopy: 3,
    forestAbove: 0.58,
    urbanAbove: 0.68,
    grain: 4,
  },
  // 2 m
  mid: {
    parcel: [45, 110],
    edge: 1,
    rows: 0,
    road: 5,
    roads: 3,
    river: 45,
    meander: 900,
    building: 12,
    canopy: 4,
    forestAbove: 0.6,
    urbanAbove: 0.7,
    grain: 5,
  },
  // 0.5–0.8 m
  fine: {
    parcel: [130, 260],
    edge: 2,
    rows: 7,
    road: 13,
    roads: 2,
    river: 110,
    meander: 1500,
    building: 32,
    canopy: 7,
    forestAbove: 0.62,
    urbanAbove: 0.7,
    grain: 5,
  },
  // 0.2 m
  aerial: {
    parcel: [420, 800],
    edge: 5,
    rows: 11,
    road: 38,
    roads: 1,
    river: 90,
    meander: 4000,
    building: 85,
    canopy: 16,
    forestAbove: 0.64,
    urbanAbove: 0.72,
    grain: 6,
  },
};

type Rgb = readonly [number, number, number];
/** Field colours of a southern-Chinese spring/summer scene (8-bit sRGB): paddies, vegetables, rape, soil. */
const FIELDS: Rgb[] = [
  [76, 112, 54],
  [108, 138, 70],
  [60, 90, 48],
  [176, 160, 86],
  [134, 106, 78],
  [160, 136, 104],
  [112, 118, 84],
  [72, 90, 86],
];
const BARE_FIELDS = new Set([4, 5]);
const ROOFS: Rgb[] = [
  [150, 150, 146],
  [92, 124, 160],
  [150, 90, 72],
  [200, 200, 194],
  [128, 124, 118],
];
const FOREST: Rgb = [38, 66, 38];
const STREET: Rgb = [112, 112, 108];
const RIDGE: Rgb = [128, 124, 96];
const PAVED: Rgb = [98, 98, 96];
const TRACK: Rgb = [168, 156, 130];
const WATER: Rgb = [44, 72, 80];
const SAND: Rgb = [172, 162, 132];
const CLOUD: Rgb = [238, 240, 244];

/** Bilinear value noise on a lattice of `cell` px, smoothstep-interpolated; values in [0, 1). */
function valueNoise(rand: () => number, cell: number): (x: number, y: number) => number {
  const n = Math.ceil(SIZE / cell) + 2;
  const lattice = Float32Array.from({ length: n * n }, rand);
  return (x, y) => {
    const gx = x / cell;
    const gy = y / cell;
    const ix = gx | 0;
    const iy = gy | 0;
    const fx = gx - ix;
    const fy = gy - iy;
    const sx = fx * fx * (3 - 2 * fx);
    const sy = fy * fy * (3 - 2 * fy);
    const i = iy * n + ix;
    const a = lattice[i]!;
    const b = lattice[i + 1]!;
    const c = lattice[i + n]!;
    const d = lattice[i + n + 1]!;
    return a + (b - a) * sx + (c - a) * sy + (a - b - c + d) * sx * sy;
  };
}

const smoothstep = (e0: number, e1: number, v: number) => {
  const t = Math.min(1, Math.max(0, (v - e0) / (e1 - e0)));
  return t * t * (3 - 2 * t);
};

/**
 * SIZE × SIZE RGB of one landscape: rotated strip fields with ridges and crop rows, forest on the hills, a built-up
 * quarter of roofs and streets, straight roads, a meandering river with sandy banks, gentle light variation and, if
 * `cloudy`, fractal cumulus. ~90 ms per megapixel in plain JS on the 2-core machine.
 */
function renderTexture(look: Look, seed: number, cloudy: boolean): Buffer {
  const rand = seeded(seed);
  const out = Buffer.alloc(SIZE * SIZE * 3);
  // Clamped view: stores round and clamp to 0..255 (a plain Uint8Array would wrap around).
  const px = new Uint8ClampedArray(out.buffer, out.byteOffset, out.length);
  const angle = rand() * Math.PI;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const forest = valueNoise(rand, SIZE / 3.2);
  const urban = valueNoise(rand, SIZE / 2.6);
  const light = valueNoise(rand, SIZE / 4);
  const canopy = valueNoise(rand, look.canopy);
  const twigs = valueNoise(rand, look.canopy * 0.45);
  const clouds = [valueNoise(rand, SIZE / 3), valueNoise(rand, SIZE / 7), valueNoise(rand, SIZE / 16)];
  const roads = Array.from({ length: look.roads }, () => {
    const a = rand() * Math.PI;
    const nx = Math.cos(a);
    const ny = Math.sin(a);
    return { nx, ny, c: (0.15 + 0.7 * rand()) * SIZE * nx + (0.15 + 0.7 * rand()) * SIZE * ny, paved: rand() < 0.6 };
  });
  // River: a centreline across the image meandering with the look's wavelength (a slower second sine breaks the
  // regularity); its offset is tabulated along the course.
  const ra = rand() * Math.PI;
  const rc = Math.cos(ra);
  const rs = Math.sin(ra);
  const reach = Math.ceil(SIZE * Math.SQRT2);
  const shift = (rand() - 0.5) * SIZE * 0.5;
  const [p1, p2] = [rand() * 2 * Math.PI, rand() * 2 * Math.PI];
  const k1 = (2 * Math.PI) / look.meander;
  const course = Float32Array.from(
    { length: 2 * reach + 1 },
    (_, k) =>
      shift +
      0.2 * look.meander * Math.sin((k - reach) * k1 + p1) +
      0.1 * look.meander * Math.sin((k - reach) * k1 * 0.37 + p2),
  );
  const half = look.river / 2;
  const bank = look.river * 0.12;
  const [pMin, pMax] = look.parcel;
  const depth = pMin * 0.6;

  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      // The ground cover's colour, a brightness factor and an offset (8-bit levels); no allocation per pixel.
      let col: Rgb;
      let shade = 1;
      let add = 0;
      const cx = x - SIZE / 2;
      const cy = y - SIZE / 2;
      // Crowns (only looked at near and in forest) fray the forest edge instead of a smooth contour line.
      const wood = forest(x, y);
      const crowns = wood > look.forestAbove - 0.03 ? 0.65 * canopy(x, y) + 0.35 * twigs(x, y) : 0;
      if (wood + 0.06 * (crowns - 0.5) > look.forestAbove) {
        col = FOREST;
        shade = 0.72 + 0.56 * crowns;
      } else if (urban(x, y) > look.urbanAbove) {
        // Rows of lots, each row shifted: a roof, its street, and its cast shadow on the street along its north-west
        // side (morning sun in the south-east).
        const lotW = look.building;
        const lotH = look.building * 0.7;
        const by = Math.floor(y / lotH);
        const xs = x + hash2(by, 3, seed) * lotW;
        const bx = Math.floor(xs / lotW);
        const fx = xs - bx * lotW;
        const fy = y - by * lotH;
        const street = lotW * 0.25;
        if (fx >= street && fy >= street) col = ROOFS[Math.floor(hash2(bx, by, seed) * ROOFS.length)]!;
        else {
          col = STREET;
          if (fx >= street * 0.4 && fy >= street * 0.4) shade = 0.6;
        }
      } else {
        // Fields: strips of depth `depth` across the ploughing direction, each strip cut into fields of its own length.
        const u = cx * cos + cy * sin + 4 * SIZE;
        const v = -cx * sin + cy * cos + 4 * SIZE;
        const strip = Math.floor(v / depth);
        const len = pMin + hash2(strip, 7, seed) * (pMax - pMin);
        const us = u + hash2(strip, 11, seed) * len;
        const field = Math.floor(us / len);
        const kind = Math.floor(hash2(strip, field, seed) * FIELDS.length);
        if (look.edge && (us - field * len < look.edge || v - strip * depth < look.edge)) col = RIDGE;
        else {
          col = FIELDS[kind]!;
          add = (hash2(field, strip, seed + 1) - 0.5) * 24;
          if (look.rows && !BARE_FIELDS.has(kind)) shade = 0.92 + 0.16 * Math.abs(((us / look.rows) % 1) - 0.5);
        }
      }
      for (const road of roads) {
        if (Math.abs(x * road.nx + y * road.ny - road.c) < look.road / 2) {
          col = road.paved ? PAVED : TRACK;
          shade = 1;
          add = 0;
          break;
        }
      }
      const along = Math.round(cx * rc + cy * rs);
      const off = Math.abs(-cx * rs + cy * rc - course[along + reach]!);
      if (off < half || (off < half + bank && look.river > 20)) {
        col = off < half ? WATER : SAND;
        shade = 1;
        add = 0;
      }
      const lit = 0.88 + 0.24 * light(x, y);
      const grain = (hash2(x, y, seed) - 0.5) * 2 * look.grain;
      let r = (col[0] * shade + add) * lit + grain;
      let g = (col[1] * shade + add) * lit + grain;
      let b = (col[2] * shade + add) * lit + grain;
      if (cloudy) {
        const c = 0.55 * clouds[0]!(x, y) + 0.3 * clouds[1]!(x, y) + 0.15 * clouds[2]!(x, y);
        const a = smoothstep(0.5, 0.72, c);
        r += (CLOUD[0] - r) * a;
        g += (CLOUD[1] - g) * a;
        b += (CLOUD[2] - b) * a;
      }
      const o = (y * SIZE + x) * 3;
      px[o] = r;
      px[o + 1] = g;
      px[o + 2] = b;
    }
  }
  return out;
}

interface Raster {
  data: Buffer;
  width: number;
  height: number;
}

/** One TILE × TILE tile of a level; the padding beyond the image repeats its last column and row. */
function tileOf(src: Raster, col: number, row: number): Buffer {
  const tile = Buffer.alloc(TILE * TILE * 3);
  const x0 = col * TILE;
  const inside = Math.min(TILE, src.width - x0);
  for (let j = 0; j < TILE; j++) {
    const y = Math.min(row * TILE + j, src.height - 1);
    const line = (y * src.width + x0) * 3;
    src.data.copy(tile, j * TILE * 3, line, line + inside * 3);
    for (let i = inside; i < TILE; i++)
      src.data.copy(tile, (j * TILE + i) * 3, line + (inside - 1) * 3, line + inside * 3);
  }
  return tile;
}

interface Variant {
  look: LookName;
  cloudy: boolean;
  cog: EncodedCog;
  thumbnail: Buffer;
  thumbnailSm3: string;
}

/** Three clear landscapes per scale, plus a cloudy one for each satellite scale: fifteen in all. */
const VARIANTS: { look: LookName; cloudy: boolean }[] = [
  ...(['wide', 'mid', 'fine', 'aerial'] as const).flatMap((look) => [0, 1, 2].map(() => ({ look, cloudy: false }))),
  ...(['wide', 'mid', 'fine'] as const).map((look) => ({ look, cloudy: true })),
];

/** `src` resampled to width × height by libvips (its default Lanczos 3 kernel): overviews and the thumbnail. */
const resized = (src: Raster, width: number, height: number, png = false) => {
  const img = sharp(src.data, { raw: { width: src.width, height: src.height, channels: 3 } }).resize(width, height, {
    fit: 'fill',
  });
  // Palette PNG: ~40 % of the bytes of a truecolour one (≈55 KB instead of ≈140 KB) for a preview never analysed.
  return png ? img.png({ palette: true, quality: 85, effort: 4 }).toBuffer() : img.raw().toBuffer();
};

async function buildVariant(look: LookName, cloudy: boolean, seed: number): Promise<Variant> {
  const full: Raster = { data: renderTexture(LOOKS[look], seed, cloudy), width: SIZE, height: SIZE };
  const levels = await Promise.all(
    LEVELS.map(async (l, k) => (k === 0 ? full : { ...l, data: await resized(full, l.width, l.height) })),
  );
  const [cog, thumbnail] = await Promise.all([
    encodeCogTiles({ width: SIZE, height: SIZE, tileSize: TILE, compression: 'jpeg', quality: 75 }, (k, c, r) =>
      tileOf(levels[k]!, c, r),
    ),
    resized(full, THUMBNAIL_SIZE, THUMBNAIL_SIZE, true),
  ]);
  return { look, cloudy, cog, thumbnail, thumbnailSm3: sm3Hex(thumbnail) };
}

/** The k-th clear variant of a look (k taken modulo three), or its cloudy one. */
function variantIndex(look: LookName, cloudy: boolean, k: number): number {
  const matches = VARIANTS.flatMap((v, i) => (v.look === look && v.cloudy === cloudy ? [i] : []));
  return matches[k % matches.length]!;
}

// ---------------------------------------------------------------------------------------------------------------
// Item plan

export interface PlannedItem {
  collectionId: string;
  id: string;
  title: string;
  description: string;
  datetime: string;
  platform: string | null;
  instruments: string[];
  gsd: number | null;
  cloudCover: number | null;
  secrecy: Exclude<Secrecy, 'undetermined'> | null;
  properties: Record<string, unknown>;
  raster: { variant: number; geo: CogGeoreference } | null;
  /** vector survey results: the district they cover */
  district: string | null;
}

/** ISO instant of a China Standard Time (UTC+8) wall-clock moment. */
const chinaTime = (y: number, m: number, d: number, h: number, min: number, s = 0) =>
  new Date(Date.UTC(y, m - 1, d, h - 8, min, s)).toISOString();

/** Ray-casting point-in-polygon on a closed lon/lat ring. */
function inside(ring: readonly [number, number][], lon: number, lat: number): boolean {
  let hit = false;
  for (let i = 0, j = ring.length - 2; i < ring.length - 1; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

// CGCS2000 ellipsoid (EPSG:1024): metres per degree of latitude and of longitude at latitude φ.
const A = 6378137;
const F = 1 / 298.257222101;
const E2 = F * (2 - F);
function metresPerDegree(latDeg: number): { lon: number; lat: number } {
  const phi = (latDeg * Math.PI) / 180;
  const w = 1 - E2 * Math.sin(phi) ** 2;
  const meridian = (A * (1 - E2)) / w ** 1.5;
  const normal = A / Math.sqrt(w);
  return { lon: (normal * Math.cos(phi) * Math.PI) / 180, lat: (meridian * Math.PI) / 180 };
}

/** A north-up EPSG:4490 grid of SIZE px of `gsd` metres centred on lon/lat: pixel sizes in degrees at that latitude. */
function geographicGrid(lon: number, lat: number, gsd: number): CogGeoreference {
  const m = metresPerDegree(lat);
  const sx = gsd / m.lon;
  const sy = gsd / m.lat;
  return {
    crs: { kind: 'geographic', epsg: 4490 },
    origin: [lon - (SIZE / 2) * sx, lat + (SIZE / 2) * sy],
    pixelSize: [sx, sy],
  };
}

const gkGrid = (west: number, north: number, gsd: number): CogGeoreference => ({
  crs: { kind: 'projected', epsg: GK_114E },
  origin: [west, north],
  pixelSize: [gsd, gsd],
});

interface Sensor {
  platform: string;
  zh: string;
  instruments: string[];
  gsd: number;
  look: LookName;
  level: 'L1A' | 'L2A';
  /** camera name in the scene id, per scene */
  camera: (rand: () => number) => string;
}

const SENSORS = {
  gf1: {
    platform: 'GF-1',
    zh: '高分一号',
    instruments: ['WFV'],
    gsd: 16,
    look: 'wide',
    level: 'L1A',
    camera: (rand) => `WFV${1 + Math.floor(rand() * 4)}`,
  },
  gf6: {
    platform: 'GF-6',
    zh: '高分六号',
    instruments: ['WFV'],
    gsd: 16,
    look: 'wide',
    level: 'L1A',
    camera: () => 'WFV',
  },
  gf2: {
    platform: 'GF-2',
    zh: '高分二号',
    instruments: ['PMS'],
    gsd: 0.8,
    look: 'fine',
    level: 'L1A',
    camera: (rand) => `PMS${1 + Math.floor(rand() * 2)}`,
  },
  zy3: {
    platform: 'ZY-3',
    zh: '资源三号',
    instruments: ['NAD', 'MUX'],
    gsd: 2.1,
    look: 'mid',
    level: 'L1A',
    camera: () => 'MUX',
  },
  s2: {
    platform: 'Sentinel-2',
    zh: '哨兵二号',
    instruments: ['MSI'],
    gsd: 10,
    look: 'wide',
    level: 'L2A',
    camera: () => 'MSI',
  },
} satisfies Record<string, Sensor>;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The demo's "now": items run up to October 2026. */
const LAST_YEAR = 2026;
const LAST_MONTH = 10;

/**
 * One satellite scene of `sensor` in `year`, centred inside the city outline, acquired at the sun-synchronous morning
 * pass (10:30–11:30 China time). Scenes with ≥ 25 % cloud show the cloudy texture.
 */
function satelliteScene(
  rand: () => number,
  ring: [number, number][],
  collectionId: string,
  sensor: Sensor,
  year: number,
) {
  const [minLon, maxLon, minLat, maxLat] = ring.reduce(
    ([a, b, c, d], [x, y]) => [Math.min(a, x), Math.max(b, x), Math.min(c, y), Math.max(d, y)],
    [180, -180, 90, -90],
  );
  let lon = 0;
  let lat = 0;
  do {
    lon = minLon + rand() * (maxLon - minLon);
    lat = minLat + rand() * (maxLat - minLat);
  } while (!inside(ring, lon, lat));
  const month = 1 + Math.floor(rand() * (year === LAST_YEAR ? LAST_MONTH : 12));
  const day = 1 + Math.floor(rand() * 28);
  const datetime = chinaTime(year, month, day, 10, 30 + Math.floor(rand() * 60), Math.floor(rand() * 60));
  const cloudCover = Math.round(60 * rand() ** 2 * 10) / 10;
  const cloudy = cloudCover >= 25;
  const k = Math.floor(rand() * 3);
  const camera = sensor.camera(rand);
  const ymd = `${year}${pad(month)}${pad(day)}`;
  const where = `E${lon.toFixed(1)}_N${lat.toFixed(1)}`;
  const sceneNo = String(Math.floor(rand() * 1e10)).padStart(10, '0');
  const s2 = sensor.platform === 'Sentinel-2';
  const id = s2
    ? `S2${rand() < 0.5 ? 'A' : 'B'}_MSIL2A_${ymd}T${datetime.slice(11, 19).replaceAll(':', '')}_R${pad(Math.floor(rand() * 143) + 1, 3)}_T${lon < 114 ? '49RGK' : '50RKR'}`
    : `${sensor.platform.replace('-', '')}_${camera}_${where}_${ymd}_L1A${sceneNo}`;
  const date = `${year}-${pad(month)}-${pad(day)}`;
  return {
    collectionId,
    id,
    title: `${sensor.zh} ${camera} ${date}${s2 ? ' L2A' : ` 景 ${sceneNo.slice(-6)}`}`,
    description: `${sensor.zh} ${sensor.instruments.join('/')} ${sensor.gsd} 米影像，云量 ${cloudCover}%（演示数据：合成影像）`,
    datetime,
    platform: sensor.platform,
    instruments: sensor.instruments,
    gsd: sensor.gsd,
    cloudCover,
    secrecy: 'public' as Exclude<Secrecy, 'undetermined'> | null,
    properties: { 'geoshare:product_level': sensor.level },
    raster: { variant: variantIndex(sensor.look, cloudy, k), geo: geographicGrid(lon, lat, sensor.gsd) },
    district: null,
  } satisfies PlannedItem;
}

/** The newest `n` entries of a collection were just received: still 待定密 (stated as null, never defaulted). */
function newestUndetermined(items: PlannedItem[], n: number): PlannedItem[] {
  const newest = new Set([...items].sort((a, b) => b.datetime.localeCompare(a.datetime)).slice(0, n));
  return items.map((i) => (newest.has(i) ? { ...i, secrecy: null } : i));
}

/** 1:1000 sheet number: south-west corner as northing-easting in km to 0.1 km (CH/T 9008-style), EPSG:4547. */
const sheetNo = (south: number, west: number) => `${(south / 1000).toFixed(1)}-${(west / 1000).toFixed(1)}`;

/** DOM sheets of 500 m × 500 m (1000 px at 0.5 m) in a rows × cols block around the city centre (GK metres). */
function domSheets(rand: () => number, year: number, rows: number, cols: number, centre: [number, number]) {
  const sheet = 500;
  const e0 = Math.round(centre[0] / sheet) * sheet - Math.floor(cols / 2) * sheet;
  const n0 = Math.round(centre[1] / sheet) * sheet - Math.floor(rows / 2) * sheet;
  const items: PlannedItem[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const south = n0 + r * sheet;
      const west = e0 + c * sheet;
      const no = sheetNo(south, west);
      // Leaf-off source imagery of February–April, at the morning satellite pass.
      const datetime = chinaTime(
        year,
        2 + Math.floor(rand() * 3),
        1 + Math.floor(rand() * 28),
        11,
        Math.floor(rand() * 30),
      );
      items.push({
        collectionId: `dom-${year}-05m`,
        id: `DOM${year}_${no}`,
        title: `${year} 年 0.5 米 DOM 图幅 ${no}`,
        description: `1:1000 标准分幅数字正射影像，图幅号 ${no}（演示数据：合成影像）`,
        datetime,
        platform: null,
        instruments: [],
        gsd: 0.5,
        cloudCover: 0,
        secrecy: 'public',
        properties: { 'geoshare:sheet': no, 'geoshare:scale': '1:1000' },
        // Neighbouring sheets, and one sheet across years, differ: (r + 2c + year) mod 3 never repeats next door.
        raster: { variant: variantIndex('fine', false, r + 2 * c + year), geo: gkGrid(west, south + sheet, 0.5) },
        district: null,
      });
    }
  }
  return items;
}

/**
 * Aerial frames of 200 m (1000 px at 0.2 m) along four east–west flight lines over 东湖区: 40 % forward overlap
 * (120 m between frames), 25 % side overlap (150 m between lines). Line 1 was de-classified (脱密处理), lines 2–3
 * are 秘密, line 4 (near a restricted site) 机密 with its last two frames not yet classified.
 */
function aerialFrames(centre: [number, number]): PlannedItem[] {
  const secrecyOfLine: Exclude<Secrecy, 'undetermined'>[] = ['public', 'secret', 'secret', 'confidential'];
  const west0 = Math.round(centre[0] / 10) * 10 + 5000;
  const north0 = Math.round(centre[1] / 10) * 10 + 3600;
  const items: PlannedItem[] = [];
  secrecyOfLine.forEach((secrecy, line) => {
    for (let f = 0; f < 10; f++) {
      const id = `HS2023-L${pad(line + 1)}-F${pad(f + 1, 3)}`;
      items.push({
        collectionId: 'aerial-2023',
        id,
        title: `2023 年航空摄影 0.2 米 航带 ${pad(line + 1)} 像片 ${pad(f + 1, 3)}`,
        description: '数字航摄仪获取，经空中三角测量与正射纠正（演示数据：合成影像）',
        datetime: chinaTime(2023, 3, 18, 10, 5 + line * 12, f * 9),
        platform: '航空摄影',
        instruments: ['DMC III'],
        gsd: 0.2,
        cloudCover: 0,
        secrecy: line === 3 && f >= 8 ? null : secrecy,
        properties: { 'geoshare:flight_line': line + 1, 'geoshare:frame': f + 1 },
        raster: {
          variant: variantIndex('aerial', false, line + f),
          geo: gkGrid(west0 + f * 120, north0 - line * 150, 0.2),
        },
        district: null,
      });
    }
  });
  return items;
}

/** 三调 (2019) and the yearly 变更调查 (2020–2024) per district, at the standard time 31 December. */
function surveyResults(districts: { code: string; name: string }[]): PlannedItem[] {
  return [2019, 2020, 2021, 2022, 2023, 2024].flatMap((year) =>
    districts.map((d, k) => ({
      collectionId: 'survey-results',
      id: `${year === 2019 ? 'SD' : 'BG'}${year}_${d.code}`,
      title: year === 2019 ? `第三次全国国土调查成果 ${d.name}（2019 年度）` : `${year} 年度国土变更调查成果 ${d.name}`,
      description: `${d.name}${year === 2019 ? '第三次全国国土调查' : `${year} 年度国土变更调查`}成果（矢量，演示数据）`,
      datetime: chinaTime(year, 12, 31, 10, 0),
      platform: null,
      instruments: [],
      gsd: null,
      cloudCover: null,
      // The 三调 database is 秘密; yearly results are published non-classified; two 2024 ones await classification.
      secrecy: year === 2019 ? 'secret' : year === 2024 && k >= 4 ? null : 'public',
      properties: { 'geoshare:feature_count': 1, 'geoshare:source_crs': 'EPSG:4490' },
      raster: null,
      district: d.code,
    })),
  );
}

/** Every demo item, deterministic: GK centre of the city (EPSG:4547 metres) and the districts are the inputs. */
export function planDemoItems(gkCentre: [number, number], districts: { code: string; name: string }[]): PlannedItem[] {
  const rand = seeded(20260101);
  const ring = cityOutline();
  const years = Array.from({ length: LAST_YEAR - 2016 }, (_, i) => 2017 + i);
  const wfv = years.flatMap((y) =>
    [0, 1, 2, 3, 4].map((k) =>
      satelliteScene(rand, ring, 'gf1-wfv', y >= 2019 && k % 2 ? SENSORS.gf6 : SENSORS.gf1, y),
    ),
  );
  const gf2 = years.flatMap((y) =>
    [0, 1, 2, 3, 4, 5].map(() => {
      const scene = satelliteScene(rand, ring, 'gf2-pms-l1a', SENSORS.gf2, y);
      // A few scenes over restricted sites were classified 秘密 on receipt.
      return rand() < 0.08 ? { ...scene, secrecy: 'secret' as const } : scene;
    }),
  );
  const zy3s2 = years.flatMap((y) =>
    [SENSORS.zy3, SENSORS.zy3, SENSORS.s2, SENSORS.s2].map((s) => satelliteScene(rand, ring, 'zy3-s2', s, y)),
  );
  const dom2024 = domSheets(rand, 2024, 7, 7, gkCentre);
  const items = [
    ...newestUndetermined(wfv, 2),
    ...newestUndetermined(gf2, 2),
    ...newestUndetermined(zy3s2, 1),
    ...dom2024.map((i, k) => (k === 0 || k === dom2024.length - 1 ? { ...i, secrecy: null } : i)),
    ...domSheets(rand, 2023, 6, 7, gkCentre),
    ...aerialFrames(gkCentre),
    ...surveyResults(districts),
  ];
  const ids = new Set(items.map((i) => `${i.collectionId}/${i.id}`));
  if (ids.size !== items.length) throw new Error('demo catalogue: duplicate item ids');
  return items;
}

// ---------------------------------------------------------------------------------------------------------------
// Seeding

/** Demo city centre in EPSG:4547 (GK 3° zone, CM 114°E, false easting 500 km): metres. */
async function gkCentreOfCity(s: Services): Promise<[number, number]> {
  const { rows } = await s.db.query<{ e: number; n: number }>(
    `SELECT ST_X(p) AS e, ST_Y(p) AS n FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4490), $3::int) AS p) t`,
    [DEMO_CITY.lon, DEMO_CITY.lat, GK_114E],
  );
  return [rows[0]!.e, rows[0]!.n];
}

const geoTransformOf = (geo: CogGeoreference): GeoTransform => [
  geo.origin[0],
  geo.pixelSize[0],
  0,
  geo.origin[1],
  0,
  -geo.pixelSize[1],
];

/** Stores a raster item's COG and thumbnail; returns the files' facts and its footprint as ingest computes it. */
async function storeRaster(s: Services, item: PlannedItem, variant: Variant, geo: CogGeoreference) {
  const prefix = `items/${item.collectionId}/${item.id}`;
  const cog = assembleCog(variant.cog, geo);
  const checksum = sm3Hex(cog);
  const dataKey = `${prefix}/${item.id}.tif`;
  const thumbKey = `${prefix}/thumbnail.png`;
  const gt = geoTransformOf(geo);
  const [, , footprint] = await Promise.all([
    s.storage.put(dataKey, cog),
    s.storage.put(thumbKey, variant.thumbnail),
    // Same footprint as ingest: the pixel outline, 16 points per edge, reprojected by PostGIS to EPSG:4490.
    ingestRepository.reproject(s.db, footprintRing(gt, SIZE, SIZE, 16), geo.crs.epsg, centreSamplePair(gt, SIZE, SIZE)),
  ]);
  const assets: AssetDraft[] = [
    {
      key: 'data',
      storageKey: dataKey,
      mediaType: COG_MEDIA_TYPE,
      title: `${item.id}.tif`,
      roles: ['data'],
      size: cog.length,
      checksumSm3: checksum,
    },
    {
      key: 'thumbnail',
      storageKey: thumbKey,
      mediaType: 'image/png',
      title: '缩略图',
      roles: ['thumbnail'],
      size: variant.thumbnail.length,
      checksumSm3: variant.thumbnailSm3,
    },
  ];
  const [c, a, , f, , e] = gt;
  return {
    geometry: JSON.parse(footprint.geojson) as unknown,
    size: cog.length,
    checksum,
    assets,
    properties: {
      'proj:epsg': geo.crs.epsg,
      'proj:shape': [SIZE, SIZE],
      'proj:transform': [a, 0, c, 0, e, f],
      'geoshare:bands': 3,
      'geoshare:data_type': 'uint8',
      'geoshare:compression': 'jpeg',
      'geoshare:overviews': LEVELS.length - 1,
      'geoshare:cloud_optimized': true,
    },
  };
}

/** Stores a survey result as GeoJSON: the district outline with its main land-use areas (ha), drifting by year. */
async function storeVector(
  s: Services,
  item: PlannedItem,
  district: { geometry: unknown; name: string; areaKm2: number },
) {
  const year = Number(item.datetime.slice(0, 4));
  const drift = (year - 2019) * 0.004;
  const ha = (share: number) => Math.round(district.areaKm2 * 100 * share * 100) / 100;
  const doc = {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        geometry: district.geometry,
        properties: {
          XZQDM: item.district,
          XZQMC: district.name,
          调查年度: year,
          耕地面积_公顷: ha(0.31 - drift),
          林地面积_公顷: ha(0.46),
          建设用地面积_公顷: ha(0.12 + drift),
          水域面积_公顷: ha(0.05),
        },
      },
    ],
  };
  const body = Buffer.from(JSON.stringify(doc));
  const key = `items/${item.collectionId}/${item.id}/${item.id}.geojson`;
  await s.storage.put(key, body);
  const checksum = sm3Hex(body);
  const asset: AssetDraft = {
    key: 'data',
    storageKey: key,
    mediaType: 'application/geo+json',
    title: `${item.id}.geojson`,
    roles: ['data'],
    size: body.length,
    checksumSm3: checksum,
  };
  return { geometry: district.geometry, size: body.length, checksum, assets: [asset], properties: {} };
}

/** 保密期限 when none is stated (《保守国家秘密法》: 机密 20 年, 秘密 10 年). */
const SECRECY_TERMS: Record<Exclude<Secrecy, 'undetermined'>, string | null> = {
  public: null,
  secret: '10 年',
  confidential: '20 年',
};

/** Runs `fn` over `items`, `limit` at a time, keeping the results in order. */
async function mapLimited<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += limit) out.push(...(await Promise.all(items.slice(i, i + limit).map(fn))));
  return out;
}

/**
 * Creates the demo collections and items (called once, by seedDemo, after the districts and organisations exist).
 * Returns what it made and how long it took (ms).
 */
export async function seedDemoCatalogue(
  s: Services,
  orgs: DemoCatalogueOrgs,
): Promise<{ collections: number; items: number; ms: number }> {
  const started = performance.now();
  for (const { fundingSource: _f, fromProvider, ...c } of COLLECTIONS) {
    await s.catalog.createCollection(SYSTEM_CONTEXT, {
      ...c,
      custodianOrgId: orgs.custodian,
      providerOrgId: fromProvider ? orgs.provider : null,
    });
    await s.catalog.publishCollection(SYSTEM_CONTEXT, c.id, true);
  }
  const districts = (await s.adminAreas.featureCollection()).features.filter((f) => f.properties.level === 'district');
  const plan = planDemoItems(
    await gkCentreOfCity(s),
    districts.map((d) => d.properties),
  );
  // Each call renders its texture synchronously before its first await; the resampling and JPEG encoding of all
  // fifteen then share libvips' threads.
  const variants = await Promise.all(VARIANTS.map((v, k) => buildVariant(v.look, v.cloudy, 1000 + k)));

  const byId = new Map(COLLECTIONS.map((c) => [c.id, c]));
  const drafts = await mapLimited(plan, WRITES_IN_FLIGHT, async (item): Promise<NewBulkItem> => {
    const c = byId.get(item.collectionId)!;
    const district = districts.find((d) => d.properties.code === item.district);
    const files = item.raster
      ? await storeRaster(s, item, variants[item.raster.variant]!, item.raster.geo)
      : await storeVector(s, item, { geometry: district!.geometry, ...district!.properties });
    return {
      collectionId: item.collectionId,
      id: item.id,
      title: item.title,
      description: item.description,
      datetime: item.datetime,
      geometry: files.geometry,
      gsd: item.gsd,
      platform: item.platform,
      instruments: item.instruments,
      cloudCover: item.cloudCover,
      productType: c.productType,
      format: item.raster ? 'COG' : 'GeoJSON',
      dataVolume: files.size,
      secrecy: item.secrecy,
      secrecyTerm: item.secrecy ? SECRECY_TERMS[item.secrecy] : null,
      sharingType: c.sharingType,
      sharingBasis: c.sharingBasis ?? null,
      sharingMethod: c.sharingMethod,
      fundingSource: item.platform === 'Sentinel-2' ? 'other' : c.fundingSource,
      custodianOrgId: orgs.custodian,
      providerOrgId: c.fromProvider ? orgs.provider : null,
      updateFrequency: c.updateFrequency ?? null,
      usageRequirements: c.usageRequirements ?? null,
      properties: { ...files.properties, ...item.properties, 'geoshare:synthetic': true },
      checksumSm3: files.checksum,
      // 待定密 entries cannot be published (BX-13); everything else is on the portal.
      published: item.secrecy !== null,
      assets: files.assets,
    };
  });
  await s.catalog.bulkCreateItems(SYSTEM_CONTEXT, drafts);
  return { collections: COLLECTIONS.length, items: drafts.length, ms: Math.round(performance.now() - started) };
}
