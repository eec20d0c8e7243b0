import type { TileFormat } from '../../platform/raster/tile.render.js';
import {
  CGCS2000Quad,
  scaleDenominator,
  TILE_SIZE,
  type TileMatrixSet,
  WebMercatorQuad,
} from '../../platform/raster/tile-matrix-set.js';
import type { Urls } from '../catalog/stac.serialize.js';

/**
 * OGC WMTS 1.0.0 documents (OGC 07-057r7), pure: the Capabilities document and the OWS 1.1 exception report.
 *
 * Two tile matrix sets (tile-matrix-set.ts): `GoogleMapsCompatible` (WebMercatorQuad, levels 0–22; TileRow / TileCol
 * are the XYZ y / x) and `CGCS2000Quad` (EPSG:4490, 天地图 `c` levels 1–22). Corners and bounding boxes are written in
 * the axis order of their CRS URN: urn:ogc:def:crs:EPSG::4490 is latitude, longitude, so its TopLeftCorner is
 * "90 -180"; EPSG:3857 is easting, northing.
 *
 * Layers: `<collection>/<item>` for one entry, `<collection>` for the collection's mosaic. Collection ids are URL-safe
 * by their pattern; the item id is percent-encoded inside ResourceURL templates, which name the set with the
 * {TileMatrixSet} variable. Clients put the identifier verbatim into REST URLs and URL-encode it in KVP `LAYER`.
 */

export const WMTS_VERSION = '1.0.0';
export const WMTS_STYLE = 'default';

export interface WmtsMatrixSet {
  /** the identifier in WMTS documents and URLs */
  id: string;
  tms: TileMatrixSet;
  maxMatrix: number;
  wellKnownScaleSet?: string;
}

export const WMTS_MATRIX_SETS: readonly WmtsMatrixSet[] = [
  {
    id: 'GoogleMapsCompatible',
    tms: WebMercatorQuad,
    maxMatrix: 22,
    wellKnownScaleSet: 'urn:ogc:def:wkss:OGC:1.0:GoogleMapsCompatible',
  },
  { id: 'CGCS2000Quad', tms: CGCS2000Quad, maxMatrix: 22 },
];

export const wmtsMatrixSet = (id: string): WmtsMatrixSet | null => WMTS_MATRIX_SETS.find((s) => s.id === id) ?? null;

/** WMTS Format ↔ the tile service's format (the REST extension, too). */
export const WMTS_FORMATS: ReadonlyMap<string, TileFormat> = new Map([
  ['image/png', 'png'],
  ['image/jpeg', 'jpg'],
]);

/** An entry's tiles, or a collection's mosaic (`itemId` null). */
export interface WmtsLayer {
  collectionId: string;
  itemId: string | null;
  title: string;
  /** lon/lat [west, south, east, north] */
  bbox: readonly [number, number, number, number];
}

export const layerId = (l: Pick<WmtsLayer, 'collectionId' | 'itemId'>): string =>
  l.itemId === null ? l.collectionId : `${l.collectionId}/${l.itemId}`;

/** `<collection>/<item>` or `<collection>` → its parts, or null when it is neither. */
export function parseLayerId(id: string): { collectionId: string; itemId: string | null } | null {
  const m = /^([^/]+)(?:\/([^/]+))?$/.exec(id);
  return m ? { collectionId: m[1]!, itemId: m[2] ?? null } : null;
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
export const xmlEscape = (s: string | number): string => String(s).replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);

/** `<name attrs>children</name>`; text children must already be escaped (see `text`). */
const el = (name: string, children: string | string[] = '', attrs: Record<string, string | number> = {}): string => {
  const a = Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${xmlEscape(v)}"`)
    .join('');
  const body = Array.isArray(children) ? children.join('') : children;
  return body === '' ? `<${name}${a}/>` : `<${name}${a}>${body}</${name}>`;
};
const text = (name: string, value: string | number, attrs: Record<string, string | number> = {}) =>
  el(name, xmlEscape(value), attrs);

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
const OWS_NS = 'http://www.opengis.net/ows/1.1';

export const wmtsBase = (u: Urls) => `${u.api}/wmts`;
const restBase = (u: Urls) => `${wmtsBase(u)}/${WMTS_VERSION}`;
export const capabilitiesUrl = (u: Urls) => `${restBase(u)}/WMTSCapabilities.xml`;

/** One HTTP GET endpoint of an operation, with its encoding (KVP or RESTful). */
const get = (href: string, encoding: 'KVP' | 'RESTful') =>
  el('ows:Get', el('ows:Constraint', el('ows:AllowedValues', text('ows:Value', encoding)), { name: 'GetEncoding' }), {
    'xlink:href': href,
  });

const operation = (name: string, restHref: string, u: Urls) =>
  el('ows:Operation', el('ows:DCP', el('ows:HTTP', [get(restHref, 'RESTful'), get(`${wmtsBase(u)}?`, 'KVP')])), {
    name,
  });

/** A point in the axis order of the set's CRS: EPSG:4490 is latitude first. */
const corner = (tms: TileMatrixSet, x: number, y: number) => {
  const [a, b] = (tms.epsg === 4490 ? [y, x] : [x, y]).map((v) => Number(v.toFixed(7)));
  return `${a} ${b}`;
};

function layerXml(l: WmtsLayer, u: Urls): string {
  const [w, s, e, n] = l.bbox;
  const path =
    l.itemId === null
      ? `${restBase(u)}/${l.collectionId}/${WMTS_STYLE}`
      : `${restBase(u)}/${l.collectionId}/${encodeURIComponent(l.itemId)}/${WMTS_STYLE}`;
  return el('Layer', [
    text('ows:Title', l.title),
    el('ows:WGS84BoundingBox', [text('ows:LowerCorner', `${w} ${s}`), text('ows:UpperCorner', `${e} ${n}`)]),
    text('ows:Identifier', layerId(l)),
    el(
      'ows:BoundingBox',
      [text('ows:LowerCorner', corner(CGCS2000Quad, w, s)), text('ows:UpperCorner', corner(CGCS2000Quad, e, n))],
      {
        crs: CGCS2000Quad.crsUrn,
      },
    ),
    el('Style', text('ows:Identifier', WMTS_STYLE), { isDefault: 'true' }),
    ...[...WMTS_FORMATS.keys()].map((f) => text('Format', f)),
    ...WMTS_MATRIX_SETS.map((set) => el('TileMatrixSetLink', text('TileMatrixSet', set.id))),
    ...[...WMTS_FORMATS].map(([format, ext]) =>
      el('ResourceURL', '', {
        format,
        resourceType: 'tile',
        template: `${path}/{TileMatrixSet}/{TileMatrix}/{TileRow}/{TileCol}.${ext}`,
      }),
    ),
  ]);
}

/** A tile matrix set: levels from the set's first zoom to `maxMatrix`, corners in its CRS's axis order. */
function matrixSetXml(set: WmtsMatrixSet): string {
  const { tms } = set;
  const [ox, oy] = tms.origin;
  const world = tms.resolution(tms.minZoom) * TILE_SIZE;
  const { cols, rows } = tms.matrixSize(tms.minZoom);
  const matrices = [];
  for (let z = tms.minZoom; z <= set.maxMatrix; z++) {
    const { cols: mw, rows: mh } = tms.matrixSize(z);
    matrices.push(
      el('TileMatrix', [
        text('ows:Identifier', z),
        text('ScaleDenominator', scaleDenominator(tms, z)),
        text('TopLeftCorner', corner(tms, ox, oy)),
        text('TileWidth', TILE_SIZE),
        text('TileHeight', TILE_SIZE),
        text('MatrixWidth', mw),
        text('MatrixHeight', mh),
      ]),
    );
  }
  return el('TileMatrixSet', [
    text('ows:Identifier', set.id),
    el(
      'ows:BoundingBox',
      [
        text('ows:LowerCorner', corner(tms, ox, oy - rows * world)),
        text('ows:UpperCorner', corner(tms, ox + cols * world, oy)),
      ],
      { crs: tms.crsUrn },
    ),
    text('ows:SupportedCRS', tms.crsUrn),
    ...(set.wellKnownScaleSet ? [text('WellKnownScaleSet', set.wellKnownScaleSet)] : []),
    ...matrices,
  ]);
}

/** The WMTS 1.0.0 Capabilities document listing `layers`. */
export function capabilitiesXml(layers: readonly WmtsLayer[], u: Urls): string {
  return (
    XML_DECLARATION +
    el(
      'Capabilities',
      [
        el('ows:ServiceIdentification', [
          text('ows:Title', 'GeoShare 遥感影像在线浏览服务'),
          text(
            'ows:Abstract',
            '非涉密、可在线共享的遥感影像目录条目及数据集镶嵌，以 Web 墨卡托（EPSG:3857）与 CGCS2000 经纬度（EPSG:4490，天地图 c 分级）瓦片提供在线浏览（BX-16）。',
          ),
          text('ows:ServiceType', 'OGC WMTS'),
          text('ows:ServiceTypeVersion', WMTS_VERSION),
        ]),
        el('ows:OperationsMetadata', [
          operation('GetCapabilities', capabilitiesUrl(u), u),
          operation('GetTile', `${restBase(u)}/`, u),
        ]),
        el('Contents', [...layers.map((l) => layerXml(l, u)), ...WMTS_MATRIX_SETS.map(matrixSetXml)]),
        el('ServiceMetadataURL', '', { 'xlink:href': capabilitiesUrl(u) }),
      ],
      {
        xmlns: 'http://www.opengis.net/wmts/1.0',
        'xmlns:ows': OWS_NS,
        'xmlns:xlink': 'http://www.w3.org/1999/xlink',
        'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
        'xsi:schemaLocation':
          'http://www.opengis.net/wmts/1.0 http://schemas.opengis.net/wmts/1.0/wmtsGetCapabilities_response.xsd',
        version: WMTS_VERSION,
      },
    )
  );
}

/** OWS 1.1 exception codes used by the KVP binding (OGC 07-057r7 Table 28 gives their HTTP status). */
export type OwsExceptionCode =
  | 'MissingParameterValue'
  | 'InvalidParameterValue'
  | 'OperationNotSupported'
  | 'TileOutOfRange';

export const OWS_EXCEPTION_STATUS: Record<OwsExceptionCode, number> = {
  MissingParameterValue: 400,
  InvalidParameterValue: 400,
  OperationNotSupported: 501,
  TileOutOfRange: 400,
};

export interface OwsException {
  code: OwsExceptionCode;
  /** the offending parameter, lower case as OWS recommends */
  locator: string;
  text: string;
}

export const exceptionReportXml = (exceptions: readonly OwsException[]): string =>
  XML_DECLARATION +
  el(
    'ows:ExceptionReport',
    exceptions.map((e) =>
      el('ows:Exception', text('ows:ExceptionText', e.text), { exceptionCode: e.code, locator: e.locator }),
    ),
    { 'xmlns:ows': OWS_NS, version: '1.0.0', 'xml:lang': 'zh-CN' },
  );
