import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { fill, launchBrowser, login, snapshot } from './browser.js';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

/** Searches 目录检索 and opens the `n`-th hit's drawer; returns its item id. */
async function openHit(page: Page, q: string, n: number): Promise<string> {
  await fill(page, 'catalogue-search', q);
  await page.keyboard.press('Enter');
  const hit = page.getByTestId('catalogue-result-item').nth(n);
  // The list shows the previous results until the search answers: wait for an id the query matches (ids contain q).
  await expect
    .poll(async () => (await hit.getAttribute('data-item-id'))?.toLowerCase() ?? '', { timeout: 20_000 })
    .toContain(q.toLowerCase());
  const id = (await hit.getAttribute('data-item-id'))!;
  await hit.click();
  await page.getByTestId('item-drawer').waitFor();
  return id;
}

async function closeDrawer(page: Page) {
  await page.locator('.ant-drawer-close').first().click();
  await page.getByTestId('item-drawer').waitFor({ state: 'hidden' });
}

describe('在线共享: browse, compare, agree, download; every use counted (MNR-16)', () => {
  test('BX-16 MNR-16 BX-21 a clerk views imagery online, compares two dates with the swipe, signs the agreement on first use, downloads an area clip; the statistics page shows these uses', async () => {
    const page = await browser.newPage({
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
      acceptDownloads: true,
    });
    await login(page, baseUrl, 'clerk', 'Demo@2026');
    await page.goto(`${baseUrl}/catalogue`);

    // First online use of the DOM collection: the agreement is signed, then the tiles come.
    const first = await openHit(page, 'DOM2024', 0);
    const tile = page.waitForResponse(
      (r) => r.url().includes(`/${first}/`) && r.url().endsWith('.png') && r.status() === 200,
      {
        timeout: 60_000,
      },
    );
    await page.getByTestId('item-view-online').click();
    await page.getByTestId('agreement-modal').waitFor();
    await snapshot(page, 'sharing-agreement');
    await page.getByTestId('agreement-accept').check();
    await page.getByTestId('agreement-sign').click();
    expect((await tile).headers()['content-type']).toContain('image/png');
    await closeDrawer(page);

    // A second sheet of another date, then the swipe compare of the two.
    const second = await openHit(page, 'DOM2024', 1);
    expect(second).not.toBe(first);
    await page.getByTestId('item-view-online').click();
    await expect.poll(() => page.getByTestId('layer-item').count(), { timeout: 20_000 }).toBe(2);
    await closeDrawer(page);
    await page.getByTestId('swipe-toggle').click();
    const divider = page.getByTestId('swipe-divider');
    await divider.waitFor();
    const box = (await divider.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x - 200, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    const moved = (await divider.boundingBox())!;
    expect(moved.x).toBeLessThan(box.x - 100);
    await snapshot(page, 'sharing-swipe');
    await page.getByTestId('swipe-toggle').click();

    // An area clip of the second sheet: a polygon drawn on the map around its centre.
    await openHit(page, second, 0);
    await page.getByTestId('download-button').click();
    await page.getByTestId('download-modal').waitFor();
    await page.getByTestId('download-kind').getByText('范围裁切').click();
    await page.getByTestId('download-draw').click();
    await closeDrawer(page).catch(() => undefined);
    const map = page.locator('.maplibregl-canvas').first();
    const m = (await map.boundingBox())!;
    const cx = m.x + m.width / 2;
    const cy = m.y + m.height / 2;
    await page.mouse.click(cx - 30, cy - 30);
    await page.mouse.click(cx + 30, cy - 30);
    await page.mouse.click(cx + 30, cy + 30);
    await page.mouse.dblclick(cx - 30, cy + 30);
    await page.getByTestId('download-submit').waitFor();
    expect(await page.getByTestId('download-crs').textContent()).toContain('EPSG:45');
    const download = page.waitForEvent('download', { timeout: 60_000 });
    await page.getByTestId('download-submit').click();
    await page.getByTestId('download-link').waitFor({ timeout: 60_000 });
    const href = (await page.getByTestId('download-link').getAttribute('href'))!;
    expect((await download).suggestedFilename()).toMatch(/\.tif$/);
    const file = await page.request.get(href.startsWith('http') ? href : `${baseUrl}${href}`);
    expect(file.status()).toBe(200);
    const magic = Buffer.from(await file.body()).subarray(0, 4);
    expect(['II*\0', 'MM\0*', 'II+\0'].includes(magic.toString('latin1'))).toBe(true);
    await snapshot(page, 'sharing-download');
    await page.close();

    // The statistics page shows the clerk's unit with tile and download use (counts flush every few seconds).
    const leader = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    await login(leader, baseUrl, 'leader', 'Demo@2026');
    await expect
      .poll(
        async () => {
          await leader.goto(`${baseUrl}/sharing/usage`);
          await leader.getByTestId('usage-table').waitFor();
          return leader.getByTestId('usage-table').textContent();
        },
        { timeout: 30_000, interval: 3_000 },
      )
      .toMatch(/住房和城乡建设局[\s\S]*(下载|瓦片)/);
    const table = (await leader.getByTestId('usage-table').textContent())!;
    expect(table).toContain('瓦片');
    expect(table).toContain('下载');
    await snapshot(leader, 'sharing-usage');
    await leader.close();
  }, 300_000);
});
