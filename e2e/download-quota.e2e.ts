import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { fill, launchBrowser, login, pageAs, pickOption, snapshot } from './browser.js';

const baseUrl = inject('baseUrl');
/** The demo clerk's unit. */
const HOUSING = '示范市住房和城乡建设局';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

/** The value of an antd InputNumber whose test id sits on the input or on its wrapper. */
const inputValue = (page: Page, testId: string) =>
  page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first().inputValue();

/** The clerk's 下载 dialog of the first DOM 2024 sheet, as it states today's quota. */
async function quotaInDownloadDialog(page: Page): Promise<string> {
  await page.goto(`${baseUrl}/catalogue`);
  await fill(page, 'catalogue-search', 'DOM2024');
  await page.keyboard.press('Enter');
  const hit = page.getByTestId('catalogue-result-item').first();
  await expect
    .poll(async () => (await hit.getAttribute('data-item-id'))?.toLowerCase() ?? '', { timeout: 20_000 })
    .toContain('dom2024');
  await hit.click();
  await page.getByTestId('item-drawer').waitFor();
  await page.getByTestId('download-button').click();
  await page.getByTestId('download-modal').waitFor();
  const quota = page.getByTestId('download-quota');
  await expect.poll(() => quota.textContent()).toContain('已用');
  return (await quota.textContent()) ?? '';
}

describe('下载配额: administrators set the daily download quota per user, by default and per unit (issue 4)', () => {
  test("an admin gives 住建局 its own quota of 3 a day: the unit's clerk sees 3 as the limit in the download dialog; deleting it brings the default back", async () => {
    const admin = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    await login(admin, baseUrl, 'admin', inject('adminPassword'));
    await admin.goto(`${baseUrl}/admin/download-quotas`);
    // The seeded default: 50 links and 20 GB a day.
    await expect.poll(() => inputValue(admin, 'quota-default-count')).toBe('50');
    expect(await inputValue(admin, 'quota-default-bytes')).toBe('20.000');

    await admin.getByTestId('quota-override-add').click();
    await pickOption(admin, 'quota-override-org', HOUSING, true);
    await fill(admin, 'quota-override-count', '3');
    await fill(admin, 'quota-override-bytes', '2');
    await admin.getByTestId('quota-override-save').click();
    await admin.getByText('单位配额已保存').waitFor();
    const row = admin.getByTestId('quota-overrides').locator('tr', { hasText: HOUSING });
    await expect.poll(() => row.textContent()).toContain('3 次');
    expect(await row.textContent()).toContain('2 GB');
    expect(await row.textContent()).toContain('系统管理员');
    await admin.getByTestId('quota-override-form').waitFor({ state: 'hidden' });
    await snapshot(admin, 'download-quota-admin');

    const clerk = await pageAs(browser, baseUrl, 'clerk');
    expect(await quotaInDownloadDialog(clerk)).toMatch(/已用 \d+ \/ 3 次，.* \/ 2 GB（本单位配额）/);
    await clerk.waitForTimeout(500); // the dialog's opening animation, for the screenshot only
    await snapshot(clerk, 'download-quota-clerk');

    // Deleted, the unit's users are back on the default (the other e2e files expect it too).
    await row.getByTestId('quota-override-delete').click();
    await admin.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect.poll(() => row.count()).toBe(0);
    expect(await quotaInDownloadDialog(clerk)).toMatch(/\/ 50 次，.* \/ 20 GB$/);
    await admin.close();
    await clerk.close();
  }, 180_000);
});
