import { TILE_SIZE } from '../../platform/raster/tile.plan.js';
import type { TileFormat } from '../../platform/raster/tile.render.js';
import type { Urls } from '../catalog/stac.serialize.js';

/**
 * OGC WMTS 1.0.0 documents (OGC 07-057r7), pure: the Capabilities document and the OWS 1.1 exception report.
 *
 * Only the GoogleMapsCompatible (EPSG:3857) tile matrix set of the XYZ tiles is offered: TileRow / TileCol are then
 * exactly the XYZ y / x. A CGCS2000 (EPSG:4490) tile matrix set is a later step; it needs its own tiling plan.
 *
 * Layer identifiers are `<collection>/<item>` as they are. Collection ids are URL-safe by their pattern; the item id
 * is percent-encoded inside ResourceURL templates. Clients put the identifier verbatim into REST URLs (two path
 * segments, which the REST route reads as collection and item) and URL-encode it in KVP `LAYER`.
 */

export const WMTS_VERSION = '1.0.0';
export const TILE_MATRIX_SET = 'GoogleMapsCompatible';
export const WMTS_STYLE = 'default';
export const MAX_TILE_MATRIX = 22;

/** WMTS Format ↔ the tile service's format (the REST extension, too). */
export const WMTS_FORMATS: ReadonlyMap<string, TileFormat> = new Map([
  ['image/png', 'png'],
  ['image/jpeg', 'jpg'],
]);

/** OGC 07-057r7 Annex E.4: ScaleDenominator of level 0 (0.28 mm pixels); each level halves it. */
const SCALE_0 = 559082264.0287178;
const TOP_LEFT = '-20037508.3427892 20037508.3427892';

export interface WmtsLayer {
  collectionId: string;
  itemId: string;
  title: string;
  /** lon/lat [west, south, east, north] */
  bbox: readonly [number, number, number, number];
}

export const layerId = (l: Pick<WmtsLayer, 'collectionId' | 'itemId'>): string => `${l.collectionId}/${l.itemId}`;

/** `<collection>/<item>` → its parts, or null when it is not of that form. */
export function parseLayerId(id: string): { collectionId: string; itemId: string } | null {
  const m = /^([^/]+)\/([^/]+)$/.exec(id);
  return m ? { collectionId: m[1]!, itemId: m[2]! } : null;
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

function layerXml(l: WmtsLayer, u: Urls): string {
  const [w, s, e, n] = l.bbox;
  const path = `${restBase(u)}/${l.collectionId}/${encodeURIComponent(l.itemId)}/${WMTS_STYLE}/${TILE_MATRIX_SET}`;
  return el('Layer', [
    text('ows:Title', l.title),
    el('ows:WGS84BoundingBox', [text('ows:LowerCorner', `${w} ${s}`), text('ows:UpperCorner', `${e} ${n}`)]),
    text('ows:Identifier', layerId(l)),
    el('Style', text('ows:Identifier', WMTS_STYLE), { isDefault: 'true' }),
    ...[...WMTS_FORMATS.keys()].map((f) => text('Format', f)),
    el('TileMatrixSetLink', text('TileMatrixSet', TILE_MATRIX_SET)),
    ...[...WMTS_FORMATS].map(([format, ext]) =>
      el('ResourceURL', '', {
        format,
        resourceType: 'tile',
        template: `${path}/{TileMatrix}/{TileRow}/{TileCol}.${ext}`,
      }),
    ),
  ]);
}

/** The GoogleMapsCompatible well-known scale set (OGC 07-057r7 Annex E.4), levels 0–22. */
function googleMapsCompatible(): string {
  const matrices = Array.from({ length: MAX_TILE_MATRIX + 1 }, (_, z) =>
    el('TileMatrix', [
      text('ows:Identifier', z),
      text('ScaleDenominator', SCALE_0 / 2 ** z),
      text('TopLeftCorner', TOP_LEFT),
      text('TileWidth', TILE_SIZE),
      text('TileHeight', TILE_SIZE),
      text('MatrixWidth', 2 ** z),
      text('MatrixHeight', 2 ** z),
    ]),
  );
  return el('TileMatrixSet', [
    text('ows:Identifier', TILE_MATRIX_SET),
    text('ows:SupportedCRS', 'urn:ogc:def:crs:EPSG::3857'),
    text('WellKnownScaleSet', 'urn:ogc:def:wkss:OGC:1.0:GoogleMapsCompatible'),
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
            '非涉密、可在线共享的遥感影像目录条目，以 Web 墨卡托（EPSG:3857）瓦片提供在线浏览（BX-16）。',
          ),
          text('ows:ServiceType', 'OGC WMTS'),
          text('ows:ServiceTypeVersion', WMTS_VERSION),
        ]),
        el('ows:OperationsMetadata', [
          operation('GetCapabilities', capabilitiesUrl(u), u),
          operation('GetTile', `${restBase(u)}/`, u),
        ]),
        el('Contents', [...layers.map((l) => layerXml(l, u)), googleMapsCompatible()]),
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
