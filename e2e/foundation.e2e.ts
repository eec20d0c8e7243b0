import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launchBrowser, login, pickOption, snapshot } from './browser.js';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe('foundation: an admin sets up an organisation and a user, who then sees the demo city', () => {
  test('ZS-19 ZS-25 YQ-23 admin creates orgs (valid and invalid credit code) and a user; the user logs in and sees the map', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    await login(page, baseUrl, 'admin', inject('adminPassword'));

    // A valid unified social credit code is accepted.
    await page.goto(`${baseUrl}/admin/orgs`);
    await page.getByTestId('org-create').click();
    await page.getByTestId('org-name').fill('北京示范科技有限公司');
    await pickOption(page, 'org-kind', '外部单位');
    await page.getByTestId('org-credit-code').fill('91110000600037341L');
    await page.getByTestId('org-ok').click();
    await page.getByText('机构已创建').waitFor();
    await page
      .getByTestId('orgs-search')
      .locator('input')
      .or(page.locator('input[data-testid="orgs-search"]'))
      .first()
      .fill('北京示范');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('orgs-table').getByText('北京示范科技有限公司').count()).toBe(1);
    await expect
      .poll(() =>
        page
          .getByTestId('orgs-form')
          .count()
          .catch(() => 0),
      )
      .toBe(0);

    // An invalid one is refused with a clear message under the field, and nothing is saved.
    await page.getByTestId('org-create').click();
    await page.getByTestId('org-name').fill('错误代码单位');
    await pickOption(page, 'org-kind', '外部单位');
    await page.getByTestId('org-credit-code').fill('91110000600037341N');
    await page.getByTestId('org-ok').click();
    await expect.poll(() => page.getByText('第 18 位应为「L」').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('org-credit-code-override').count()).toBe(1);
    await snapshot(page, 'org-invalid-credit-code');
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('orgs-table').getByText('错误代码单位').count()).toBe(0);

    // A user of the new organisation.
    await page.goto(`${baseUrl}/admin/users`);
    await page.getByTestId('user-create').click();
    await page.getByTestId('user-username').fill('zhangwei');
    await page.getByTestId('user-display-name').fill('张伟');
    await page
      .getByTestId('user-password')
      .locator('input')
      .or(page.locator('input[data-testid="user-password"]'))
      .first()
      .fill('Zhang@2026');
    await pickOption(page, 'user-org', '北京示范科技有限公司', true);
    await pickOption(page, 'user-roles', '部门经办人');
    await pickOption(page, 'user-clearance', '非涉密');
    await page.getByTestId('user-id-number').fill('11010519491231002X');
    await page.getByTestId('user-ok').click();
    await page.getByTestId('user-ok').waitFor({ state: 'hidden', timeout: 30_000 });
    await page
      .getByTestId('users-search')
      .locator('input')
      .or(page.locator('input[data-testid="users-search"]'))
      .first()
      .fill('zhang');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('users-table').getByText('zhangwei').count()).toBe(1);

    // The new user logs in and sees the demo city's districts on the map.
    await page.getByTestId('logout').click();
    await page.waitForURL(/\/login/);
    await login(page, baseUrl, 'zhangwei', 'Zhang@2026');
    await page.goto(`${baseUrl}/map`);
    await page.getByTestId('map').waitFor();
    await expect.poll(() => page.getByTestId('district-label').count(), { timeout: 20_000 }).toBe(6);
    expect(await page.getByTestId('district-label').allTextContents()).toEqual(
      expect.arrayContaining(['城关区', '清河县']),
    );
    expect(await page.getByTestId('user-name').textContent()).toContain('张伟');
    await snapshot(page, 'user-map');
    await page.close();
  });
});
