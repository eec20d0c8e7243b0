import { checkbox, cnDate, formatGb } from './forms.format.js';
import type { HandoverData, SealStamp } from './forms.types.js';
import { type Cell, FormPdf, sceneAppendix } from './pdf.layout.js';

const TITLE = '遥感影像数据移交单';

/**
 * 附件5 遥感影像数据移交单 (BX-F5): what was handed over, whether it is classified, who provided and who received it,
 * the bureau's seal at the provider's signature, and the scene list (marked 涉密/非涉密) appended.
 */
export async function renderHandoverPdf(data: HandoverData, seal?: SealStamp): Promise<Buffer> {
  const pdf = new FormPdf(
    { title: TITLE, number: data.number, date: data.providedOn ?? data.receivedOn, author: data.orgName },
    seal,
  );
  pdf.attachment('附件5').title(TITLE);
  pdf.splitLine('', `编号：${data.number}`);

  const label = (text: string): Cell => ({ text, align: 'center' });
  const value = (text: string): Cell => ({ text, span: 3 });
  const remarks = [
    data.remarks,
    // BX-F5: a receiver other than the application's handler comes with the unit's introduction letter
    data.introductionLetter ? `接收人持用户单位介绍信：${data.introductionLetter}` : '',
  ].filter(Boolean);
  const anchors = pdf.table(
    [20, 30, 20, 30],
    [
      [label('使用方单位名称'), value(data.orgName)],
      [label('数据申请表编号'), value(data.applicationNumber)],
      [label('项目或任务名称'), value(data.projectName)],
      [
        label('数据描述'),
        value(
          [
            `1.数据详情：共${data.scenes.length}景（幅）数据，详见附表(标明数据是否涉密)。`,
            `2.数据大小：共${formatGb(data.sizeGb)}GB。`,
            `3.拷贝介质：${data.medium}。`,
          ].join('\n'),
        ),
      ],
      [
        label('数据涉密情况'),
        value(`${checkbox(data.classified, '涉密数据')}      ${checkbox(!data.classified, '非涉密数据')}`),
      ],
      [
        label('提供人\n（签字）'),
        { ...label(data.provider ?? ''), minHeight: 80, anchor: 'provider' },
        label('接收人\n（签字）'),
        label(data.receiver ?? ''),
      ],
      [
        label('提供日期'),
        label(data.providedOn ? cnDate(data.providedOn) : ''),
        label('领用日期'),
        label(data.receivedOn ? cnDate(data.receivedOn) : ''),
      ],
      [label('备   注'), { ...value(remarks.join('\n')), minHeight: 48 }],
    ],
  );
  const provider = anchors.get('provider')!;
  pdf.sealAtPoint({ page: provider.page, x: provider.x + provider.width * 0.62, y: provider.y + provider.height / 2 });
  pdf.notes([
    '注：①本表一式两份，使用方单位和数据分发部门各存一份。',
    '②接收人与《遥感影像数据申请表》中经办人信息不一致时，需出具用户单位介绍信。',
  ]);
  pdf.verificationMark();
  sceneAppendix(pdf, `附表：数据清单（移交单编号 ${data.number}，标明数据是否涉密）`, data.scenes, (s) => s.classified);
  return pdf.finish();
}
