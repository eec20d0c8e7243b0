import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { fill, launchBrowser, pageAs, pickOption, snapshot } from './browser.js';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const newPage = (username: string): Promise<Page> => pageAs(browser, baseUrl, username);

/** A PNG signature and a few bytes: the server recognises attachments by their content. */
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('e2e map')]);

describe('问题反馈 and 发布审核 in the browser', () => {
  test('MNR-19 a clerk reports a major problem from the item drawer; the custodian confirms it and the leader sees it escalated', async () => {
    const clerk = await newPage('clerk');
    await clerk.goto(`${baseUrl}/catalogue`);
    await fill(clerk, 'catalogue-search', 'DOM2024');
    await clerk.keyboard.press('Enter');
    const first = clerk.getByTestId('catalogue-result-item').first();
    await expect.poll(() => first.getAttribute('data-item-id'), { timeout: 20_000 }).toBeTruthy();
    await first.click();
    await clerk.getByTestId('item-feedback').click();
    await pickOption(clerk, 'feedback-category', '几何偏差');
    await clerk.getByTestId('feedback-severity').getByText('重大').click();
    await fill(clerk, 'feedback-description', '图幅东侧与矢量底图偏移约 30 米');
    await clerk.getByTestId('feedback-ok').click();
    await clerk.getByText('问题已提交').waitFor();
    await clerk.close();

    const custodian = await newPage('custodian');
    await custodian.goto(`${baseUrl}/feedback`);
    await custodian.getByTestId('feedback-table').getByText('几何偏差').first().click();
    await custodian.getByTestId('feedback-confirm').click();
    await fill(custodian, 'feedback-action-text', '经核实偏移属实，将重新纠正');
    await custodian.getByTestId('feedback-confirm-ok').click();
    await expect.poll(() => custodian.getByTestId('feedback-history').textContent()).toContain('重大问题，已上报领导');
    await snapshot(custodian, 'feedback-confirmed');
    await custodian.close();

    const leader = await newPage('leader');
    await leader.goto(`${baseUrl}/feedback`);
    await leader.getByTestId('feedback-filter-escalated').click();
    await expect.poll(() => leader.getByTestId('feedback-table').textContent()).toContain('已上报领导');
    await leader.getByRole('tab', { name: '汇总' }).click();
    await leader.getByTestId('feedback-summary-cells').waitFor();
    await leader.close();
  });

  test('BX-18 a clerk requests publication citing a catalogue item with a PNG map; the reviewer approves with a GKSH number', async () => {
    const clerk = await newPage('clerk');
    await clerk.goto(`${baseUrl}/publication-reviews`);
    await clerk.getByTestId('publication-create').click();
    await fill(clerk, 'publication-title', '东湖区土地利用现状图');
    await fill(clerk, 'publication-medium', '《示范市统计年鉴》');
    await clerk.getByTestId('publication-planned-date').click();
    await clerk.keyboard.type('2030-01-15');
    await clerk.keyboard.press('Enter');
    await fill(clerk, 'publication-description', '以年度 DOM 为底图制作的土地利用现状图');
    await pickOption(clerk, 'publication-sources', '0.5 米 DOM 图幅', true);
    await expect.poll(() => clerk.getByTestId('publication-citation').inputValue()).toMatch(/^数据来源：/);
    await clerk.locator('input[type="file"]').setInputFiles({ name: '现状图.png', mimeType: 'image/png', buffer: PNG });
    await clerk.getByTestId('publication-submit').click();
    await expect.poll(() => clerk.getByTestId('publication-table').textContent()).toContain('待审核');
    await snapshot(clerk, 'publication-submitted');
    await clerk.close();

    const reviewer = await newPage('reviewer');
    await reviewer.goto(`${baseUrl}/publication-reviews`);
    await reviewer.getByTestId('publication-table').getByText('东湖区土地利用现状图').click();
    await reviewer.getByTestId('publication-approve').click();
    await fill(reviewer, 'publication-decision-text', '同意出版，注明数据来源');
    await reviewer.getByTestId('publication-approve-ok').click();
    await expect.poll(() => reviewer.getByTestId('publication-drawer').textContent()).toMatch(/GKSH-\d{4}-\d{3}/);
    await snapshot(reviewer, 'publication-approved');
    await reviewer.close();
  });
});
