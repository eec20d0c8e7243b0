import ExcelJS from 'exceljs';
import { chinaDate } from '../../platform/clock.js';
import type { UsageFilter, UsageStatsRow } from './usage.repository.js';

const GROUP_HEADERS: Record<UsageFilter['groupBy'], string> = {
  org: '单位',
  collection: '数据集',
  item: '数据项',
  month: '月份',
};

export const USAGE_KIND_LABELS: Record<UsageStatsRow['kind'], string> = {
  tile: '在线浏览（瓦片）',
  download: '下载',
  api: '接口调用',
};

const MB = 1024 * 1024;
const mb = (bytes: number) => Math.round((bytes / MB) * 100) / 100;

/**
 * MNR-16 usage statistics as .xlsx: a title row with the period, a header row (group, kind, uses, MB, users), one row
 * per group and kind, and a totals row (distinct users of the whole period, not the sum of the groups').
 */
export async function usageWorkbook(
  f: UsageFilter,
  rows: UsageStatsRow[],
  totals: { count: number; bytes: number; users: number },
  generatedAt: Date,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'GeoShare';
  wb.created = generatedAt;
  const ws = wb.addWorksheet('使用统计', { views: [{ state: 'frozen', ySplit: 2 }] });
  const headers = [GROUP_HEADERS[f.groupBy], '类型', '次数', '数据量(MB)', '用户数'];
  ws.columns = [{ width: 36 }, { width: 18 }, { width: 12 }, { width: 14 }, { width: 10 }];
  ws.mergeCells(1, 1, 1, headers.length);
  ws.getCell(1, 1).value =
    `在线使用统计（${f.from} 至 ${f.to}，按${GROUP_HEADERS[f.groupBy]}；生成时间：${chinaDate(generatedAt)}）`;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.addRow(headers).font = { bold: true };
  for (const r of rows) ws.addRow([r.label, USAGE_KIND_LABELS[r.kind] ?? r.kind, r.count, mb(r.bytes), r.users]);
  ws.addRow(['合计', '', totals.count, mb(totals.bytes), totals.users]).font = { bold: true };
  ws.getColumn(4).numFmt = '0.00';
  return Buffer.from(await wb.xlsx.writeBuffer());
}
