import { cnDate } from './forms.format.js';
import type { ApplicationLetterData, SealStamp } from './forms.types.js';
import { FormPdf } from './pdf.layout.js';

const LETTER_SIZE = 14;

/** 附件1 关于…遥感影像数据的申请 (BX-22): the applying unit's letter to the bureau, sealed by the unit. */
export async function renderApplicationLetterPdf(data: ApplicationLetterData, seal?: SealStamp): Promise<Buffer> {
  const title = `关于${data.regionName}遥感影像数据的申请`;
  const pdf = new FormPdf({ title, number: '', date: data.date, author: data.orgName }, seal);
  pdf.attachment('附件1').moveDown(12).title(title).moveDown(6);
  pdf.paragraph(`${data.providerName}：`, { size: LETTER_SIZE, align: 'left' });
  pdf.paragraph(
    `我单位现申请范围为${data.areaDescription}、精度为${data.precision}、成像时间为${data.imagingTime}的` +
      `${data.dataType}遥感影像数据，用于${data.purpose}工作，我单位承诺严格遵守《遥感影像数据使用保密协议》，特此申请。`,
    { size: LETTER_SIZE, indent: true },
  );
  pdf.moveDown(60);
  const signer = `${data.orgName}（盖公章）`;
  const lines = pdf.signatureColumns([[], [signer, cnDate(data.date)]], { size: LETTER_SIZE, lineHeight: 26 });
  // the seal covers the unit's name and the date, centred on the right column
  pdf.sealAtPoint({ page: lines.page, x: lines.xs[1]! + lines.colWidth / 2, y: lines.ys[1]! });
  pdf.verificationMark();
  return pdf.finish();
}
