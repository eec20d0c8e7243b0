import {
  FUNDING_SOURCE_LABELS,
  PRODUCT_TYPE_LABELS,
  SECRECY_LABELS,
  SHARING_METHOD_LABELS,
  SHARING_TYPE_LABELS,
  UPDATE_FREQUENCY_LABELS,
} from '@geoshare/shared';
import { formatBytes, formatDateTime, formatNumber } from '../common/format';
import type { StacItemProperties } from './stac';

type Format = (value: unknown, districtName: (code: string) => string) => string;

const labelOf =
  (labels: Record<string, string>): Format =>
  (value) =>
    labels[String(value)] ?? String(value);
const dateTime: Format = (value) => formatDateTime(String(value));
const withUnit =
  (unit: string): Format =>
  (value) =>
    `${formatNumber(Number(value))}${unit}`;

/** Item properties in the order and with the Chinese labels of the detail view (MNR-9 / ZS-9 catalogue fields). */
const FIELDS: { key: string; label: string; format?: Format }[] = [
  { key: 'geoshare:catalogue_no', label: '统一编号' },
  { key: 'title', label: '名称' },
  { key: 'description', label: '摘要' },
  { key: 'datetime', label: '获取时间', format: dateTime },
  { key: 'geoshare:product_type', label: '产品类型', format: labelOf(PRODUCT_TYPE_LABELS) },
  { key: 'gsd', label: '分辨率', format: withUnit(' 米') },
  { key: 'platform', label: '卫星/平台' },
  { key: 'instruments', label: '传感器' },
  { key: 'eo:cloud_cover', label: '云量', format: withUnit('%') },
  {
    key: 'geoshare:districts',
    label: '所在区县',
    format: (value, districtName) => (value as string[]).map(districtName).join('、') || '—',
  },
  { key: 'geoshare:secrecy', label: '密级', format: labelOf(SECRECY_LABELS) },
  { key: 'geoshare:secrecy_term', label: '保密期限' },
  { key: 'geoshare:sharing_type', label: '共享类型', format: labelOf(SHARING_TYPE_LABELS) },
  { key: 'geoshare:sharing_basis', label: '共享依据' },
  { key: 'geoshare:sharing_method', label: '共享方式', format: labelOf(SHARING_METHOD_LABELS) },
  { key: 'geoshare:usage_requirements', label: '使用要求' },
  { key: 'geoshare:custodian', label: '保管单位' },
  { key: 'geoshare:provider', label: '提供单位' },
  { key: 'geoshare:funding_source', label: '资金来源', format: labelOf(FUNDING_SOURCE_LABELS) },
  { key: 'geoshare:update_frequency', label: '更新频率', format: labelOf(UPDATE_FREQUENCY_LABELS) },
  { key: 'geoshare:format', label: '数据格式' },
  { key: 'geoshare:data_volume', label: '数据量', format: (value) => formatBytes(Number(value)) },
  { key: 'geoshare:checksum_sm3', label: 'SM3 校验和' },
  { key: 'geoshare:published', label: '发布状态', format: (value) => (value ? '已发布' : '未发布') },
  { key: 'created', label: '入库时间', format: dateTime },
  { key: 'updated', label: '更新时间', format: dateTime },
  { key: 'proj:epsg', label: '坐标参考系（EPSG）' },
  { key: 'geoshare:bands', label: '波段数' },
  { key: 'geoshare:cloud_optimized', label: '云优化（COG）' },
  { key: 'geoshare:outside_service_area', label: '超出服务区域' },
];

/** Shown as an Alert, not as a row. */
const HIDDEN = new Set(['geoshare:metadata_level']);

function plain(value: unknown): string {
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value)) return value.map(plain).join('、');
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export interface PropertyRow {
  key: string;
  label: string;
  value: string;
}

/** Every property of an item as a labelled row: the known fields first, then the others under their own names. */
export function propertyRows(props: StacItemProperties, districtName: (code: string) => string): PropertyRow[] {
  const known = new Set(FIELDS.map((f) => f.key));
  const rows = FIELDS.filter((f) => props[f.key] !== undefined && props[f.key] !== null).map((f) => ({
    key: f.key,
    label: f.label,
    value: (f.format ?? plain)(props[f.key], districtName),
  }));
  for (const [key, value] of Object.entries(props)) {
    if (!known.has(key) && !HIDDEN.has(key) && value !== undefined && value !== null)
      rows.push({ key, label: key, value: plain(value) });
  }
  return rows;
}
