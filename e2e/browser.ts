import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's Chromium, headless, with the flags this closed network needs (no background connections). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Logs in through the login page and waits for the main layout. */
export async function login(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-bar').waitFor();
}

/** Fills an input or text area whose test id sits on the element itself or on its antd wrapper. */
export function fill(page: Page, testId: string, value: string): Promise<void> {
  return page
    .locator(
      `input[data-testid="${testId}"], textarea[data-testid="${testId}"], [data-testid="${testId}"] input, [data-testid="${testId}"] textarea`,
    )
    .first()
    .fill(value);
}

/** A desktop-sized zh-CN page, logged in as `username` with the demo password. */
export async function pageAs(browser: Browser, baseUrl: string, username: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  await login(page, baseUrl, username, 'Demo@2026');
  return page;
}

/**
 * Picks an option of an Ant Design Select by its visible text (multiple-mode selects are closed afterwards).
 * With `search`, the text is typed first: long option lists are virtual and render only what is in view.
 */
export async function pickOption(page: Page, testId: string, text: string, search = false): Promise<void> {
  await page.getByTestId(testId).click();
  if (search) await page.keyboard.type(text);
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: text })
    .first()
    .click();
  await page.keyboard.press('Escape');
}

/** Saves a screenshot under test-results/ for a person to look at. */
export async function snapshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/${name}.png`, fullPage: true });
}
