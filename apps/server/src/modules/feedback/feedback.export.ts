import {
  chinaDate,
  chinaDateTime,
  FEEDBACK_CATEGORY_LABELS,
  FEEDBACK_SEVERITY_LABELS,
  FEEDBACK_STATE_LABELS,
  type FeedbackSummary,
} from '@geoshare/shared';
import ExcelJS from 'exceljs';

type Cell = string | number | null;
interface Sheet {
  name: string;
  columns: { header: string; width: number }[];
  rows: Cell[][];
}

/** China time, minutes: what the custodian reads in the sheet. */
const chinaMinute = (iso: string | null) => (iso ? chinaDateTime(new Date(iso)) : '');

/** MNR-19 periodic summary as three sheets: counts by collection × category × state, top items, major open problems. */
function sheetsOf(s: FeedbackSummary): Sheet[] {
  return [
    {
      name: '分类统计',
      columns: [
        { header: '数据集', width: 18 },
        { header: '数据集名称', width: 32 },
        { header: '问题类型', width: 14 },
        { header: '状态', width: 10 },
        { header: '数量', width: 8 },
      ],
      rows: s.cells.map((c) => [
        c.collectionId,
        c.collectionTitle,
        FEEDBACK_CATEGORY_LABELS[c.category],
        FEEDBACK_STATE_LABELS[c.state],
        c.count,
      ]),
    },
    {
      name: '问题较多的数据',
      columns: [
        { header: '统一编号', width: 20 },
        { header: '数据名称', width: 36 },
        { header: '反馈数', width: 8 },
        { header: '其中重大', width: 10 },
      ],
      rows: s.topItems.map((t) => [t.catalogueNo, t.title, t.count, t.majorCount]),
    },
    {
      name: '重大未结问题',
      columns: [
        { header: '提交时间', width: 18 },
        { header: '统一编号', width: 20 },
        { header: '数据名称', width: 30 },
        { header: '问题类型', width: 14 },
        { header: '问题描述', width: 40 },
        { header: '提交单位', width: 22 },
        { header: '状态', width: 10 },
        { header: '严重程度', width: 10 },
        { header: '已上报领导', width: 12 },
        { header: '保管单位答复', width: 36 },
      ],
      rows: s.majorOpen.map((f) => [
        chinaMinute(f.createdAt),
        f.catalogueNo,
        f.itemTitle,
        FEEDBACK_CATEGORY_LABELS[f.category],
        f.description,
        f.reporterOrgName,
        FEEDBACK_STATE_LABELS[f.state],
        FEEDBACK_SEVERITY_LABELS[f.severity],
        f.escalated ? `是（${chinaMinute(f.escalatedAt)}）` : '否',
        f.response,
      ]),
    },
  ];
}

/** Each sheet: a title row, a header row, the rows; frozen header and an auto filter (like the catalogue sheets). */
export async function feedbackWorkbook(s: FeedbackSummary, generatedAt: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'GeoShare';
  wb.created = generatedAt;
  for (const sheet of sheetsOf(s)) {
    const ws = wb.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 2 }] });
    ws.columns = sheet.columns.map((c) => ({ width: c.width }));
    ws.mergeCells(1, 1, 1, sheet.columns.length);
    ws.getCell(1, 1).value =
      `问题反馈汇总 ${s.from} 至 ${s.to}：${sheet.name}（生成时间：${chinaDate(generatedAt)}，共 ${s.total} 条反馈）`;
    ws.getCell(1, 1).font = { bold: true, size: 14 };
    ws.addRow(sheet.columns.map((c) => c.header)).font = { bold: true };
    for (const r of sheet.rows) ws.addRow(r);
    ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: sheet.columns.length } };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
