import { describe, expect, test } from 'vitest';
import { agreementClauses, renderAgreementPdf } from '../agreement.pdf.js';
import { renderApplicationFormPdf } from '../application-form.pdf.js';
import { renderApplicationLetterPdf } from '../application-letter.pdf.js';
import { cnDate, cnDateTime, formatGb, shortDate } from '../forms.format.js';
import type { SealStamp } from '../forms.types.js';
import { renderHandoverPdf } from '../handover.pdf.js';
import { renderOrderPdf } from '../order.pdf.js';
import { FormPdf } from '../pdf.layout.js';
import { AGREEMENT, FORM, HANDOVER, LETTER, ORDER, PROVIDER, STAMP, scenes, USER } from './forms.fixtures.js';
import { pdfPages } from './pdf-text.js';

const USER_STAMP: SealStamp = { ...STAMP, orgName: USER };
const MAX_BYTES = 300 * 1024;

/** All text of a PDF with the line breaks of wrapping removed, so wrapped cell text reads as one string. */
const textOf = (pdf: Buffer) => pdfPages(pdf).join('').replace(/\n/g, '');

function expectWellFormed(pdf: Buffer): void {
  const src = pdf.toString('latin1');
  expect(src.startsWith('%PDF-1.')).toBe(true);
  expect(src.trimEnd().endsWith('%%EOF')).toBe(true);
  // A4 portrait
  expect(src).toContain('/MediaBox [0 0 595.28 841.89]');
  // the CJK font is embedded as a subset (tagged name, CFF), not the 8 MB original
  expect(src).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansHans-Regular/);
  expect(src).toContain('/Subtype /CIDFontType0C');
  expect(pdf.length).toBeLessThan(MAX_BYTES);
  expect(src.match(/\/Type \/Page\b/g)?.length).toBe(pdfPages(pdf).length);
}

const FORMS: [string, () => Promise<Buffer>, string[]][] = [
  [
    'BX-22 附件1 application letter',
    () => renderApplicationLetterPdf(LETTER, USER_STAMP),
    [
      '附件1',
      '关于平山区遥感影像数据的申请',
      `${PROVIDER}：`,
      `我单位现申请范围为${LETTER.areaDescription}、精度为${LETTER.precision}、成像时间为${LETTER.imagingTime}的${LETTER.dataType}遥感影像数据`,
      `用于${LETTER.purpose}工作，我单位承诺严格遵守《遥感影像数据使用保密协议》，特此申请。`,
      `${USER}（盖公章）`,
      '2026年11月23日',
    ],
  ],
  [
    'BX-F2 附件2 application form',
    () => renderApplicationFormPdf(FORM, USER_STAMP),
    [
      '附件2',
      '遥感影像数据申请表',
      '编号：SQB-2026-001',
      '申请时间：2026年11月23日',
      `单位名称${USER}`,
      `使用目的${FORM.purpose}`,
      '应用项目及申请数据情况',
      '项目或任务名称数据类型分辨率成像时间覆盖范围',
      '平山区老旧小区改造规划设计正射影像（DOM）0.5 米2026 年第三季度平山区全域',
      '明山区、溪湖区建成区及周边 5 千米缓冲区',
      '经办人信息姓名身份证号码联系电话',
      '王小明11010519491231002X024-42800000',
      '李华21050219900101123413800000000',
      '法定（授权）代表人（签字）：张建国',
      '（加盖单位公章）',
      '注：申领数据仅用于本申领目的，涉密数据严格按照涉密测绘成果管理规定执行。',
    ],
  ],
  [
    'BX-F3 附件3 order',
    () => renderOrderPdf(ORDER, STAMP),
    [
      '附件3',
      '遥感影像数据订单',
      `用户单位单位名称${USER}`,
      '数据申请表编号SQB-2026-001',
      '数据选取情况',
      '数据订单号DD-2026-0001',
      '订单时间2026年11月23日 10:00',
      '项目或任务名称平山区老旧小区改造规划设计',
      '数据详情订单共3景（幅）数据，详见附录。',
      '数据量大小3.45 GB',
      '数据拷贝介质移动硬盘',
      '经办人信息',
      '经办人姓名王小明联系电话024-42800000',
      '身份证号码11010519491231002X',
      '数据分发部门经手人签字：赵六',
      '日期：2026年11月24日',
      '主管部门签字：钱七',
      '分管领导签字：',
      '注：1.本表中用户单位的“经办人”与《遥感影像数据申请表》中经办人信息不一致时，需出具用户单位介绍信。',
      '2.本表一式两份，用户单位和数据分发部门各存一份。',
      '附录：数据清单（订单号 DD-2026-0001，共3景（幅））',
      '高分二号 平山区 第3景',
    ],
  ],
  [
    'BX-F4 附件4 confidentiality agreement',
    () => renderAgreementPdf(AGREEMENT, STAMP),
    [
      '附件4',
      '遥感影像数据使用保密协议',
      '编号：BMXY-2026-001',
      '根据《中华人民共和国保守国家秘密法》等有关法律法规，制定本协议。',
      ...agreementClauses(AGREEMENT),
      `提供方（公章）：${PROVIDER}`,
      `使用方（公章）：${USER}`,
      '法定（授权）代表人（签字）：孙八',
      '法定（授权）代表人（签字）：张建国',
      '签订日期：2026年11月23日',
    ],
  ],
  [
    'BX-F5 附件5 hand-over form',
    () => renderHandoverPdf(HANDOVER, STAMP),
    [
      '附件5',
      '遥感影像数据移交单',
      '编号：YJD-2026-001',
      `使用方单位名称${USER}`,
      '数据申请表编号SQB-2026-001',
      '项目或任务名称平山区老旧小区改造规划设计',
      '数据描述1.数据详情：共3景（幅）数据，详见附表(标明数据是否涉密)。2.数据大小：共3.45GB。3.拷贝介质：移动硬盘（编号 YP-07）。',
      '数据涉密情况■涉密数据      □非涉密数据',
      '提供人（签字）',
      '接收人（签字）李华',
      '提供日期2026年11月25日领用日期2026年11月25日',
      '备   注接收人持用户单位介绍信：示住建函〔2026〕18 号',
      '注：①本表一式两份，使用方单位和数据分发部门各存一份。',
      '②接收人与《遥感影像数据申请表》中经办人信息不一致时，需出具用户单位介绍信。',
      '附表：数据清单（移交单编号 YJD-2026-001，标明数据是否涉密）',
      '1GF2_PMS1_E123.000_N41.3_20260815_L1A7000000高分二号 平山区 第1景2026-08-150.8 米秘密涉密1.1 GB',
      '第2景2026-08-150.8 米非涉密非涉密1.1 GB',
    ],
  ],
];

describe('BX-F2..F5 the official forms as A4 PDFs', () => {
  test.each(FORMS)(
    '%s: a well-formed small PDF with every label and value of the seed form',
    async (_, render, texts) => {
      const pdf = await render();
      expectWellFormed(pdf);
      const text = textOf(pdf);
      for (const t of texts) expect(text).toContain(t);
      // the bureau is a parameter, never the seed's own
      expect(text).not.toContain('本溪');
    },
  );

  test('ZS-14 a sealed rendering carries the seal and the verification QR caption; an unsealed one does not', async () => {
    const sealed = textOf(await renderApplicationFormPdf(FORM, USER_STAMP));
    expect(sealed).toContain(USER); // on the seal's arc, glyph by glyph
    expect(sealed).toContain('电子印章');
    expect(sealed).toContain('扫码核验电子印章');
    expect(sealed).toContain(`文件标识：${STAMP.documentId}`);
    expect(sealed).toContain(`核验网址：${STAMP.verifyUrl}`);

    const plain = textOf(await renderApplicationFormPdf(FORM));
    expect(plain).not.toContain('电子印章');
    expect(plain).not.toContain(STAMP.documentId);
    expect(plain).toContain('（加盖单位公章）');
  });

  test('ZS-14 output is deterministic: same input, same bytes; another document id, another file id', async () => {
    const a = await renderHandoverPdf(HANDOVER, STAMP);
    const b = await renderHandoverPdf(HANDOVER, STAMP);
    expect(a.equals(b)).toBe(true);
    const c = await renderHandoverPdf(HANDOVER, { ...STAMP, documentId: 'another-id' });
    const fileId = (pdf: Buffer) => /\/ID \[<([0-9a-f]+)>/.exec(pdf.toString('latin1'))?.[1];
    expect(fileId(a)).toBeDefined();
    expect(fileId(c)).not.toBe(fileId(a));
  });

  test('BX-F3 a long scene list paginates with the header repeated; page numbers count all pages', async () => {
    const pdf = await renderOrderPdf({ ...ORDER, scenes: scenes(80) }, STAMP);
    expectWellFormed(pdf);
    const pages = pdfPages(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(4);
    pages.forEach((page, i) => {
      expect(page).toContain(`第 ${i + 1} 页  共 ${pages.length} 页`);
      if (i > 0) expect(page).toContain('景（幅）标识'); // header on every appendix page
    });
    const flat = pages.map((p) => p.replace(/\n/g, ''));
    expect(flat[0]).toContain('订单共80景（幅）数据，详见附录。');
    expect(flat.at(-1)).toContain('高分二号 平山区 第80景');
    // every scene once, in order
    const all = flat.join('');
    const positions = Array.from({ length: 80 }, (_, i) => all.indexOf(`第${i + 1}景2026-08-15`));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((x, y) => x - y));
  });

  test('BX-F2 many projects carry the form table onto a second page without losing a row', async () => {
    const projects = Array.from({ length: 30 }, (_, i) => ({ ...FORM.projects[0]!, name: `项目${i + 1}号` }));
    const pdf = await renderApplicationFormPdf({ ...FORM, projects }, USER_STAMP);
    expectWellFormed(pdf);
    const pages = pdfPages(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    // a row is never split: each project's cells read contiguously on one page
    const text = textOf(pdf);
    for (let i = 1; i <= 30; i++) expect(text).toContain(`项目${i}号正射影像（DOM）0.5 米2026 年第三季度平山区全域`);
    expect(pages.at(-1)).toContain('（加盖单位公章）');
  });

  test('BX-F5 the classified checkbox is filled for the case that applies', async () => {
    expect(textOf(await renderHandoverPdf({ ...HANDOVER, classified: false }))).toContain('□涉密数据      ■非涉密数据');
    expect(textOf(await renderHandoverPdf(HANDOVER))).toContain('■涉密数据      □非涉密数据');
  });

  test('BX-F4 the agreement names both parties in clause 1 and only a party may seal it', async () => {
    const clauses = agreementClauses(AGREEMENT);
    expect(clauses).toHaveLength(10);
    expect(clauses[0]).toContain(`“提供方”为${PROVIDER}；“使用方”为${USER}`);
    expect(clauses[8]).toBe('9、本协议自签订之日起生效，有效期三年（至2029年11月22日）。');
    await expect(renderAgreementPdf(AGREEMENT, { ...STAMP, orgName: '无关单位' })).rejects.toThrow(/neither party/);
    expect(textOf(await renderAgreementPdf(AGREEMENT, USER_STAMP))).toContain('扫码核验电子印章');
  });

  test('table rows grow with wrapped CJK text', async () => {
    const pdf = new FormPdf({ title: 't', number: 'n', date: '2026-11-23', author: 'a' }, undefined);
    const anchors = pdf.table(
      [30, 70],
      [
        [{ text: '短' }, { text: '一行', anchor: 'short' }],
        [{ text: '长' }, { text: '遥感影像数据'.repeat(30), anchor: 'long' }],
      ],
    );
    const short = anchors.get('short')!;
    const long = anchors.get('long')!;
    expect(long.y).toBeCloseTo(short.y + short.height);
    // 180 characters in a ~310 pt column at 10.5 pt: about six lines
    expect(long.height).toBeGreaterThan(short.height * 4);
    await pdf.finish();
  });
});

describe('form values as printed', () => {
  test.each([
    [cnDate('2026-11-23'), '2026年11月23日'],
    [cnDate(null), '      年    月    日'],
    // 16:30 UTC is past midnight in China
    [cnDateTime('2026-11-23T16:30:00Z'), '2026年11月24日 00:30'],
    [shortDate('2026-08-14T20:00:00Z'), '2026-08-15'],
    [shortDate(null), '—'],
    [formatGb(3.456), '3.46'],
    [formatGb(12), '12'],
  ])('%s', (actual, expected) => {
    expect(actual).toBe(expected);
  });
});
