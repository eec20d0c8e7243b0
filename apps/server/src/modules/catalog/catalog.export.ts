import {
  PRODUCT_TYPE_LABELS,
  SECRECY_LABELS,
  SHARING_METHOD_LABELS,
  SHARING_TYPE_LABELS,
  UPDATE_FREQUENCY_LABELS,
} from '@geoshare/shared';
import ExcelJS from 'exceljs';
import { chinaDate } from '../../platform/clock.js';
import type { exportRows } from './catalog.repository.js';

type Row = Awaited<ReturnType<typeof exportRows>>[number];
type Column = { header: string; width: number; value: (r: Row) => string | number | null };

const label = <K extends string>(labels: Record<K, string>, v: string | null) => (v ? (labels[v as K] ?? v) : '');

/** MNR-9: the resource catalogue reported upward — name, content, format, extent, time point, secrecy, sharing method, custodian/provider. */
const MNR9: Column[] = [
  { header: '统一编号', width: 18, value: (r) => r.catalogue_no },
  { header: '成果名称', width: 36, value: (r) => r.title },
  {
    header: '成果内容',
    width: 40,
    value: (r) => r.description ?? `${r.collection_title}；${r.platform ?? ''}${r.gsd ? ` ${r.gsd} 米` : ''}`,
  },
  { header: '数据格式', width: 12, value: (r) => r.format },
  { header: '覆盖范围（经纬度）', width: 34, value: (r) => r.extent },
  { header: '所在区县', width: 24, value: (r) => r.districts },
  { header: '时间点', width: 12, value: (r) => chinaDate(r.datetime) },
  { header: '密级', width: 8, value: (r) => label(SECRECY_LABELS, r.secrecy) },
  { header: '保密期限', width: 10, value: (r) => r.secrecy_term },
  { header: '共享方式', width: 8, value: (r) => label(SHARING_METHOD_LABELS, r.sharing_method) },
  { header: '保管单位', width: 26, value: (r) => r.custodian },
  { header: '提供单位', width: 26, value: (r) => r.provider },
];

/** ZS-9: the municipal data-resource catalogue sheet — classification, responsible unit, format, attributes, frequency, sharing. */
const ZS9: Column[] = [
  { header: '资源代码', width: 18, value: (r) => r.catalogue_no },
  { header: '资源名称', width: 36, value: (r) => r.title },
  { header: '资源分类', width: 22, value: (r) => label(PRODUCT_TYPE_LABELS, r.product_type) },
  { header: '资源提供方（责任单位）', width: 26, value: (r) => r.custodian ?? r.provider },
  { header: '数据格式', width: 12, value: (r) => r.format },
  {
    header: '信息项（属性）',
    width: 40,
    value: (r) =>
      `获取时间、分辨率${r.gsd ? `（${r.gsd} 米）` : ''}、卫星/平台${r.platform ? `（${r.platform}）` : ''}、覆盖范围、密级`,
  },
  { header: '更新周期', width: 10, value: (r) => label(UPDATE_FREQUENCY_LABELS, r.update_frequency) },
  { header: '共享类型', width: 12, value: (r) => label(SHARING_TYPE_LABELS, r.sharing_type) },
  { header: '不予共享/有条件共享依据', width: 30, value: (r) => r.sharing_basis },
  { header: '共享方式', width: 8, value: (r) => label(SHARING_METHOD_LABELS, r.sharing_method) },
  { header: '使用要求', width: 30, value: (r) => r.usage_requirements },
  {
    header: '是否向社会开放',
    width: 12,
    value: (r) => (r.published && r.secrecy === 'public' && r.sharing_type === 'unconditional' ? '是' : '否'),
  },
];

export const CATALOGUE_SHEETS = {
  'resource-catalogue': { title: '自然资源调查监测成果目录', columns: MNR9 },
  'data-resource-catalogue': { title: '政务数据资源目录（遥感影像）', columns: ZS9 },
} as const;
export type CatalogueSheet = keyof typeof CATALOGUE_SHEETS;

/** The catalogue as an .xlsx workbook: a title row, a header row, one row per entry, frozen header, auto filter. */
export async function catalogueWorkbook(kind: CatalogueSheet, rows: Row[], generatedAt: Date): Promise<Buffer> {
  const { title, columns } = CATALOGUE_SHEETS[kind];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'GeoShare';
  wb.created = generatedAt;
  const ws = wb.addWorksheet(title, { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.columns = columns.map((c) => ({ width: c.width }));
  ws.mergeCells(1, 1, 1, columns.length);
  ws.getCell(1, 1).value = `${title}（生成时间：${chinaDate(generatedAt)}，共 ${rows.length} 条）`;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.addRow(columns.map((c) => c.header)).font = { bold: true };
  for (const r of rows) ws.addRow(columns.map((c) => c.value(r)));
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: columns.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
