import { cnDate, cnDateTime, formatGb } from './forms.format.js';
import type { OrderData, SealStamp, SignOff } from './forms.types.js';
import { type Cell, FormPdf, sceneAppendix } from './pdf.layout.js';

const TITLE = '遥感影像数据订单';

const signOff = (s: SignOff | null) =>
  s ? `签字：${s.name}          日期：${cnDate(s.date)}` : '签字：                    日期：';

/**
 * 附件3 遥感影像数据订单 (BX-F3): the user side with the selected data and its handler, the distribution department's
 * three sign-offs and the scene list appended. Either side may seal: the applying unit's seal goes over its handler
 * rows, any other unit's (the bureau's) over the distribution department's sign-offs.
 */
export async function renderOrderPdf(data: OrderData, seal?: SealStamp): Promise<Buffer> {
  const pdf = new FormPdf({ title: TITLE, number: data.orderNumber, date: data.orderTime, author: data.orgName }, seal);
  pdf.attachment('附件3').title(TITLE);

  const label = (text: string): Cell => ({ text, align: 'center' });
  const value = (text: string): Cell => ({ text, span: 3 });
  const section = (text: string): Cell => ({ text, span: 4, align: 'center', bold: true });
  const userRows: Cell[][] = [
    [label('单位名称'), value(data.orgName)],
    [label('数据申请表编号'), value(data.applicationNumber)],
    [section('数据选取情况')],
    [label('数据订单号'), value(data.orderNumber)],
    [label('订单时间'), value(cnDateTime(data.orderTime))],
    [label('项目或任务名称'), value(data.projectName)],
    [label('数据详情'), value(`订单共${data.scenes.length}景（幅）数据，详见附录。`)],
    [label('数据量大小'), value(`${formatGb(data.volumeGb)} GB`)],
    [label('数据拷贝介质'), value(data.medium)],
    [section('经办人信息')],
    [label('经办人姓名'), label(data.handler.name), label('联系电话'), label(data.handler.phone)],
    [label('身份证号码'), { ...value(data.handler.idNumber), anchor: 'user' }],
    // BX-F3: a handler other than the application's comes with the unit's introduction letter
    ...(data.introductionLetter ? [[label('介绍信'), value(data.introductionLetter)]] : []),
  ];
  const providerRows: Cell[][] = [
    [label('经手人'), { ...value(signOff(data.provider.handler)), minHeight: 40 }],
    [label('主管部门'), { ...value(signOff(data.provider.supervisor)), minHeight: 40 }],
    [label('分管领导'), { ...value(signOff(data.provider.leader)), minHeight: 40 }],
  ];
  const [firstUser, ...restUser] = userRows;
  const [firstProvider, ...restProvider] = providerRows;
  const anchors = pdf.table(
    [8, 19, 30, 15, 28],
    [
      [{ text: '用户\n单位', rowSpan: userRows.length, align: 'center' }, ...firstUser!],
      ...restUser,
      [
        { text: '数据\n分发\n部门', rowSpan: providerRows.length, align: 'center', anchor: 'provider' },
        ...firstProvider!,
      ],
      ...restProvider,
    ],
  );
  const user = anchors.get('user')!;
  const provider = anchors.get('provider')!;
  pdf.sealAtPoint(
    seal?.orgName === data.orgName
      ? { page: user.page, x: pdf.left + pdf.width * 0.62, y: user.y + user.height / 2 }
      : { page: provider.page, x: pdf.left + pdf.width * 0.8, y: provider.y + provider.height / 2 },
  );
  pdf.notes([
    '注：1.本表中用户单位的“经办人”与《遥感影像数据申请表》中经办人信息不一致时，需出具用户单位介绍信。',
    '2.本表一式两份，用户单位和数据分发部门各存一份。',
  ]);
  pdf.verificationMark();
  sceneAppendix(pdf, `附录：数据清单（订单号 ${data.orderNumber}，共${data.scenes.length}景（幅））`, data.scenes);
  return pdf.finish();
}
