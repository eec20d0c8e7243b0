import { checkIdNumber } from '@geoshare/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { fill, launchBrowser, pageAs, pickOption, snapshot } from './browser.js';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

function idNumber(body: string): string {
  const r = checkIdNumber(`${body}0`);
  return r.kind === 'badCheck' ? `${body}${r.expected}` : `${body}0`;
}
const HANDLER_ID = idNumber('21050219850301123');
const STRANGER_ID = idNumber('21050219900715456');

const newPage = (username: string): Promise<Page> => pageAs(browser, baseUrl, username);

/** Finds an entry by free text in 目录检索 (the given one, else the first hit), puts it in the basket; returns its id. */
async function addToBasket(page: Page, q: string, id?: string): Promise<string> {
  await page.goto(`${baseUrl}/catalogue`);
  await fill(page, 'catalogue-search', q);
  await page.keyboard.press('Enter');
  const hit = page.locator(`[data-testid="catalogue-result-item"]${id ? `[data-item-id="${id}"]` : ''}`).first();
  // The list shows the previous results until the search answers: wait for an id the query matches (ids contain q).
  await expect
    .poll(async () => (await hit.getAttribute('data-item-id'))?.toLowerCase() ?? '', { timeout: 20_000 })
    .toContain((id ?? q).toLowerCase());
  const itemId = (await hit.getAttribute('data-item-id'))!;
  await hit.click();
  await page.getByTestId('item-add-basket').first().click();
  await page.keyboard.press('Escape');
  await page.getByTestId('item-drawer').waitFor({ state: 'hidden' });
  return itemId;
}

/** Fills the application form (附件1–3) with the basket's entries and signs the unit's agreement when none is in force. */
async function fillApplication(page: Page) {
  await page.getByTestId('basket-button').click();
  await page.getByTestId('basket-apply').click();
  await page.getByTestId('app-region').waitFor();
  await fill(page, 'app-region', '示范市东湖区');
  await fill(page, 'app-area', '东湖区城市更新片区约 12 平方千米');
  await fill(page, 'app-precision', '优于 0.5 米');
  await fill(page, 'app-imaging-time', '2023 年至 2024 年');
  await fill(page, 'app-data-type', '航空摄影正射影像、数字正射影像');
  await fill(page, 'app-letter-purpose', '城市更新片区现状调查');
  await fill(page, 'app-purpose', '城市更新片区现状调查与规划方案编制');
  await fill(page, 'app-project-name-0', '东湖区城市更新现状调查');
  await fill(page, 'app-project-data-type-0', 'DOM');
  await fill(page, 'app-project-resolution-0', '0.2 米');
  await fill(page, 'app-project-imaging-time-0', '2023 年');
  await fill(page, 'app-project-coverage-0', '东湖区城市更新片区');
  await fill(page, 'app-handler-name-0', '陈晨');
  await fill(page, 'app-handler-id-0', HANDLER_ID);
  await fill(page, 'app-handler-phone-0', '13800000000');
  await fill(page, 'app-legal-rep', '张建国');
  await fill(page, 'app-order-project', '东湖区城市更新现状调查');
  await pickOption(page, 'app-medium', '移动硬盘');
  if (await page.getByTestId('agreement-sign-open').isVisible()) {
    await page.getByTestId('agreement-sign-open').click();
    await fill(page, 'agreement-representative', '张建国');
    await page.getByTestId('agreement-sign-submit').click();
    await page.getByTestId('agreement-sign-open').waitFor({ state: 'detached' });
  }
}

describe('共享申请: request → review → pick-up → hand-over with sealed forms (BX-22)', () => {
  test('BX-22 MNR-15 ZS-14 ZS-21 a clerk orders a conditional classified and an unconditional item, the reviewer approves within the deadline, the centre hands over after the ID check, the sealed PDFs verify', async () => {
    // The clerk picks two aerial frames (conditional; one 秘密) and one DOM sheet (unconditional).
    const clerk = await newPage('clerk');
    const secret = await addToBasket(clerk, 'HS2023-L02-F001', 'HS2023-L02-F001');
    const declassified = await addToBasket(clerk, 'HS2023-L01-F001', 'HS2023-L01-F001');
    await addToBasket(clerk, 'DOM2024');
    await fillApplication(clerk);
    await clerk.getByTestId('app-submit').click();
    await expect.poll(() => clerk.getByTestId('app-state').textContent(), { timeout: 20_000 }).toContain('待审核');
    expect(await clerk.getByTestId('app-number').textContent()).toMatch(/SQB-\d{4}-\d{3}/);
    expect(await clerk.getByTestId('app-deadline').textContent()).toContain('工作日');
    const detailUrl = clerk.url();
    await snapshot(clerk, 'application-submitted');

    // The reviewer approves the classified frame and refuses the other with a reason.
    const reviewer = await newPage('reviewer');
    await reviewer.goto(`${baseUrl}/sharing/review`);
    await reviewer.goto(detailUrl);
    await reviewer.getByTestId(`line-decision-${secret}`).getByText('同意', { exact: true }).click();
    await reviewer.getByTestId(`line-decision-${declassified}`).getByText('不同意').click();
    await fill(reviewer, `line-reason-${declassified}`, '该航片范围与申请用途无关');
    await reviewer.getByTestId('review-submit').click();
    await expect.poll(() => reviewer.getByTestId('app-state').textContent(), { timeout: 20_000 }).toContain('已批准');

    // The clerk sees the refused item with its reason.
    await clerk.reload();
    await expect
      .poll(() => clerk.getByTestId(`line-reason-text-${declassified}`).textContent(), { timeout: 20_000 })
      .toContain('该航片范围与申请用途无关');

    // The service centre prepares the data, notifies pick-up and hands over after the ID check.
    const centre = await newPage('custodian');
    await centre.goto(detailUrl);
    await centre.getByTestId('action-prepare').click();
    await centre.getByTestId('action-ready').waitFor();
    await centre.getByTestId('action-ready').click();
    await fill(centre, 'ready-size', '3.2');
    await fill(centre, 'ready-note', '请于工作日到服务中心 301 室领取');
    await centre.getByTestId('ready-submit').click();
    await centre.getByTestId('action-handover').waitFor();
    await centre.getByTestId('action-handover').click();
    await fill(centre, 'handover-name', '李四');
    await fill(centre, 'handover-id', STRANGER_ID);
    await centre.getByTestId('handover-submit').click();
    // BX-F5: the server refuses a receiver who is not a handler unless an introduction letter is given.
    await expect
      .poll(async () => (await centre.locator('.ant-form-item-explain-error').allTextContents()).join(' '), {
        timeout: 20_000,
      })
      .toContain('须出具用户单位介绍信');
    await fill(centre, 'handover-name', '陈晨');
    await fill(centre, 'handover-id', HANDLER_ID);
    await centre.getByTestId('handover-submit').click();
    await expect.poll(() => centre.getByTestId('app-state').textContent(), { timeout: 20_000 }).toContain('已移交');
    await snapshot(centre, 'application-handed-over');

    // The hand-over form downloads as a sealed PDF; it verifies, and fails once one byte is changed.
    const href = await centre.getByTestId('doc-link-handover').getAttribute('href');
    const pdf = await centre.request.get(`${baseUrl}${href}`);
    expect(pdf.status()).toBe(200);
    const bytes = Buffer.from(await pdf.body());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const docId = href!.match(/documents\/([^/.]+)/)![1]!;
    const verify = (body: Buffer) =>
      centre.request.post(`${baseUrl}/api/documents/${docId}/verification`, {
        data: body,
        headers: { 'content-type': 'application/pdf' },
      });
    expect((await (await verify(bytes)).json()).valid).toBe(true);
    const altered = Buffer.from(bytes);
    altered[Math.floor(altered.length / 2)] ^= 0x01;
    expect((await (await verify(altered)).json()).valid).toBe(false);

    // The public verification page says the same for a file a person holds.
    const visitor = await browser.newPage({ locale: 'zh-CN' });
    await visitor.goto(`${baseUrl}/verify/${docId}`);
    await expect
      .poll(() => visitor.getByTestId('verify-stored-verdict').textContent(), { timeout: 20_000 })
      .toContain('有效');
    await visitor
      .getByTestId('verify-upload')
      .setInputFiles({ name: 'handover.pdf', mimeType: 'application/pdf', buffer: altered });
    await expect.poll(() => visitor.getByTestId('verify-verdict').textContent(), { timeout: 20_000 }).toContain('篡改');
    await snapshot(visitor, 'seal-verification-altered');
    for (const p of [clerk, reviewer, centre, visitor]) await p.close();
  }, 300_000); // four people, one long workflow

  test('BX-11 a unit that has not submitted its results is refused with the reason', async () => {
    const page = await newPage('clerk2');
    await addToBasket(page, 'DOM2024');
    await fillApplication(page);
    await page.getByTestId('app-submit').click();
    await expect
      .poll(() => page.locator('.ant-message, .ant-notification').textContent(), { timeout: 20_000 })
      .toContain('2025 年度高标准农田建设遥感监测成果');
    await snapshot(page, 'application-blocked-bx11');
    await page.close();
  });
});
