import { cnDate } from './forms.format.js';
import type { ApplicationFormData, SealStamp } from './forms.types.js';
import { type Cell, FormPdf } from './pdf.layout.js';

const TITLE = '遥感影像数据申请表';

/** 附件2 遥感影像数据申请表 (BX-F2): unit, purpose, projects, handlers, legal representative and the unit's seal. */
export async function renderApplicationFormPdf(data: ApplicationFormData, seal?: SealStamp): Promise<Buffer> {
  const pdf = new FormPdf({ title: TITLE, number: data.number, date: data.date, author: data.orgName }, seal);
  pdf.attachment('附件2').title(TITLE);
  pdf.splitLine(`编号：${data.number}`, `申请时间：${cnDate(data.date)}`);

  const label = (text: string): Cell => ({ text, align: 'center' });
  const section = (text: string): Cell => ({ text, span: 5, align: 'center', bold: true });
  const projects = data.projects.length ? data.projects : [null];
  const handlers = data.handlers.length ? data.handlers : [null];
  const anchors = pdf.table(
    [22, 17, 12, 21, 28],
    [
      [label('单位名称'), { text: data.orgName, span: 4 }],
      [label('使用目的'), { text: data.purpose, span: 4 }],
      [section('应用项目及申请数据情况')],
      ['项目或任务名称', '数据类型', '分辨率', '成像时间', '覆盖范围'].map(label),
      ...projects.map((p): Cell[] =>
        p
          ? [{ text: p.name }, label(p.dataType), label(p.resolution), label(p.imagingTime), { text: p.coverage }]
          : [label(''), label(''), label(''), label(''), label('')],
      ),
      [section('经办人信息')],
      [label('姓名'), { ...label('身份证号码'), span: 2 }, { ...label('联系电话'), span: 2 }],
      ...handlers.map((h): Cell[] => [
        label(h?.name ?? ''),
        { ...label(h?.idNumber ?? ''), span: 2 },
        { ...label(h?.phone ?? ''), span: 2 },
      ]),
      [
        {
          text: `法定（授权）代表人（签字）：${data.legalRepresentative ?? ''}`,
          span: 5,
          valign: 'top',
          minHeight: 120,
          anchor: 'signature',
        },
      ],
    ],
  );
  const signature = anchors.get('signature')!;
  pdf.textIn(signature, '（加盖单位公章）', { align: 'right', valign: 'bottom' });
  // the unit's seal over 「（加盖单位公章）」, as a paper seal would be
  pdf.sealAtPoint({
    page: signature.page,
    x: signature.x + signature.width - 80,
    y: signature.y + signature.height - 62,
  });
  pdf.notes(['注：申领数据仅用于本申领目的，涉密数据严格按照涉密测绘成果管理规定执行。']);
  pdf.verificationMark();
  return pdf.finish();
}
