import type { TileFormat } from '../../platform/raster/tile.render.js';
import type { TileAddress } from '../../platform/raster/tile-matrix-set.js';
import {
  type OwsException,
  parseLayerId,
  WMTS_FORMATS,
  WMTS_MATRIX_SETS,
  WMTS_STYLE,
  WMTS_VERSION,
  type WmtsMatrixSet,
  wmtsMatrixSet,
} from './wmts.xml.js';

/** A WMTS KVP request, checked (pure). Parameter names are case-insensitive (OWS 1.1 §11.5.2), values are not. */
export type KvpRequest =
  | { request: 'GetCapabilities' }
  | {
      request: 'GetTile';
      collectionId: string;
      /** null: the collection's mosaic layer */
      itemId: string | null;
      matrixSet: WmtsMatrixSet;
      tile: TileAddress;
      format: TileFormat;
    };

const GET_TILE_PARAMS = ['LAYER', 'STYLE', 'TILEMATRIXSET', 'TILEMATRIX', 'TILEROW', 'TILECOL', 'FORMAT'];
const SET_IDS = WMTS_MATRIX_SETS.map((s) => s.id).join(' 或 ');

const invalid = (locator: string, text: string): OwsException => ({ code: 'InvalidParameterValue', locator, text });
const index = (v: string): number | null => (/^\d{1,9}$/.test(v) ? Number(v) : null);

/** The request, or the OWS exceptions to report (every missing parameter, or every invalid one). */
export function parseKvp(query: URLSearchParams): KvpRequest | OwsException[] {
  const p = new Map([...query].map(([k, v]) => [k.toUpperCase(), v]));
  const value = (name: string) => p.get(name) ?? '';
  const missing = (names: string[]): OwsException[] =>
    names
      .filter((n) => value(n) === '')
      .map((n) => ({ code: 'MissingParameterValue', locator: n.toLowerCase(), text: `缺少参数 ${n}` }));

  const head = missing(['SERVICE', 'REQUEST']);
  if (head.length) return head;
  if (value('SERVICE') !== 'WMTS') return [invalid('service', `SERVICE 应为 WMTS，收到：${value('SERVICE')}`)];
  const request = value('REQUEST');
  if (request === 'GetCapabilities') return { request };
  if (request !== 'GetTile')
    return [
      {
        code: 'OperationNotSupported',
        locator: 'request',
        text: `不支持的操作：${request}（支持 GetCapabilities、GetTile）`,
      },
    ];

  const absent = missing(GET_TILE_PARAMS);
  if (absent.length) return absent;
  const errors: OwsException[] = [];
  if (p.has('VERSION') && value('VERSION') !== WMTS_VERSION)
    errors.push(invalid('version', `不支持的版本：${value('VERSION')}（仅支持 ${WMTS_VERSION}）`));
  const layer = parseLayerId(value('LAYER'));
  if (!layer) errors.push(invalid('layer', `图层标识应为“数据集”或“数据集/条目”形式：${value('LAYER')}`));
  if (value('STYLE') !== WMTS_STYLE) errors.push(invalid('style', `样式应为 ${WMTS_STYLE}：${value('STYLE')}`));
  const set = wmtsMatrixSet(value('TILEMATRIXSET'));
  if (!set) errors.push(invalid('tilematrixset', `瓦片矩阵集应为 ${SET_IDS}：${value('TILEMATRIXSET')}`));
  const format = WMTS_FORMATS.get(value('FORMAT'));
  if (!format) errors.push(invalid('format', `不支持的格式：${value('FORMAT')}（支持 image/png、image/jpeg）`));
  const minMatrix = set?.tms.minZoom ?? 0;
  const maxMatrix = set?.maxMatrix ?? WMTS_MATRIX_SETS[0]!.maxMatrix;
  const z = index(value('TILEMATRIX'));
  const zOk = z !== null && z >= minMatrix && z <= maxMatrix;
  if (!zOk) errors.push(invalid('tilematrix', `瓦片矩阵应为 ${minMatrix}–${maxMatrix} 的整数：${value('TILEMATRIX')}`));
  const y = index(value('TILEROW'));
  const x = index(value('TILECOL'));
  const size = set && zOk ? set.tms.matrixSize(z) : null;
  for (const [locator, v, n] of [
    ['tilerow', y, size?.rows],
    ['tilecol', x, size?.cols],
  ] as const) {
    if (v === null)
      errors.push(invalid(locator, `${locator.toUpperCase()} 应为非负整数：${value(locator.toUpperCase())}`));
    else if (n !== undefined && v >= n)
      errors.push({
        code: 'TileOutOfRange',
        locator,
        text: `${locator.toUpperCase()} 超出瓦片矩阵 ${z} 的范围（0–${n - 1}）`,
      });
  }
  if (errors.length || !layer || !set || !format || z === null || x === null || y === null) return errors;
  return { request: 'GetTile', ...layer, matrixSet: set, tile: { z, x, y }, format };
}
