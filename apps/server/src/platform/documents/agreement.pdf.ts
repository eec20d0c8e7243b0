import { cnDate } from './forms.format.js';
import type { AgreementData, SealStamp } from './forms.types.js';
import { FormPdf, SIZE } from './pdf.layout.js';

const TITLE = '遥感影像数据使用保密协议';
const CLAUSE_SIZE = 11.5;

/** The ten clauses of 附件4 (BX-F4), with both parties and the term filled in. */
export function agreementClauses(d: AgreementData): string[] {
  return [
    `本协议所述“提供方”为${d.providerName}；“使用方”为${d.userName}；“提供的数据”指利用省、市级财政资金获取和加工处理得到的各类遥感影像数据。`,
    '使用方已被告知并承诺按照《中华人民共和国保守国家秘密法》、《中华人民共和国测绘法》、《中华人民共和国保守国家秘密法实施条例》、《中华人民共和国测绘成果管理条例》、《计算机信息系统保密管理暂行规定》、《国家秘密载体保密管理的规定》等相关法律法规及管理文件的要求，对提供的数据进行有效管理，做好安全保密工作。',
    '使用方为所提供数据的使用者和安全管理者。使用方不得将所提供的数据用于数据申请使用目的以外的项目或任务，不得转让或者转借提供方提供的数据。使用方不得以商业目的使用提供的数据或者开发和生产其他产品。',
    '使用方委托第三方应用提供的数据，应与第三方签订相应的保密责任书，实施有效管理，负责在项目完成后及时销毁或督促销毁相应涉密遥感影像数据。第三方为境外的组织、机构和个人以及外商投资企业的，必须按照对外提供涉密测绘成果有关规定，报自然资源主管部门审批。',
    '使用方对所提供的数据的存放设施与条件应符合国家保密、消防及档案管理的有关规定和要求，并建立完善的数据保密管理制度；使用方应严格管理秘密载体，严防失泄密事件的发生；涉密数据、涉密载体严禁连入互联网。',
    '使用方有责任和义务进行经常性的保密教育和检查，落实各项保密措施，使所属人员知悉与其工作有关的保密范围和各项保密制度，并支持、配合有关主管部门对涉密数据进行保密检查工作。',
    '由于使用方原因，发生失泄密事件（案件），给国家安全造成危害的，由使用方承担法律责任。',
    '双方因履行本协议而产生的争议，应友好协商解决；协商不成的，可向仲裁机关申请仲裁或诉诸法律解决。',
    `本协议自签订之日起生效，有效期三年${d.validUntil ? `（至${cnDate(d.validUntil)}）` : ''}。`,
    '本协议一式肆份，提供方、使用方各执贰份，每份具有同等法律效力。',
  ].map((text, i) => `${i + 1}、${text}`);
}

/**
 * 附件4 遥感影像数据使用保密协议 (BX-F4). Either party may seal this rendering: the seal goes on the side whose
 * name is the seal's unit.
 */
export async function renderAgreementPdf(data: AgreementData, seal?: SealStamp): Promise<Buffer> {
  const side = seal ? [data.providerName, data.userName].indexOf(seal.orgName) : -1;
  if (seal && side < 0) throw new Error('the seal belongs to neither party of the agreement');
  const pdf = new FormPdf({ title: TITLE, number: data.number, date: data.signedOn, author: data.providerName }, seal);
  pdf.attachment('附件4').title(TITLE);
  pdf.splitLine('', `编号：${data.number}`, SIZE.body);
  pdf.moveDown(4);
  pdf.paragraph(
    '为加强遥感影像数据管理，确保涉密遥感影像数据的安全保密，促进遥感影像数据的合法、有效利用，防止发生失泄密事件，防范非法使用行为，根据《中华人民共和国保守国家秘密法》等有关法律法规，制定本协议。',
    { size: CLAUSE_SIZE, indent: true },
  );
  for (const clause of agreementClauses(data)) pdf.paragraph(clause, { size: CLAUSE_SIZE, indent: true });
  pdf.moveDown(28);
  const lines = pdf.signatureColumns(
    [
      [
        `提供方（公章）：${data.providerName}`,
        `法定（授权）代表人（签字）：${data.providerRepresentative ?? ''}`,
        `签订日期：${cnDate(data.signedOn)}`,
      ],
      [
        `使用方（公章）：${data.userName}`,
        `法定（授权）代表人（签字）：${data.userRepresentative ?? ''}`,
        `签订日期：${cnDate(data.signedOn)}`,
      ],
    ],
    { size: CLAUSE_SIZE },
  );
  if (side >= 0)
    pdf.sealAtPoint({ page: lines.page, x: lines.xs[side]! + lines.colWidth * 0.55, y: lines.ys[0]! + 14 });
  pdf.verificationMark();
  return pdf.finish();
}
