import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { fill, launchBrowser, login, pickOption, snapshot } from './browser.js';

const baseUrl = inject('baseUrl');
const IMAGERY = resolve('../shared/data/imagery');
const img = (name: string) => resolve(IMAGERY, name);
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

async function ingest(page: Page, secrecy: string, files: string[], summary: string) {
  await page.goto(`${baseUrl}/catalogue/ingest`);
  await pickOption(page, 'ingest-collection', 'E2E 测试正射影像', true);
  await pickOption(page, 'ingest-secrecy', secrecy);
  await page.locator('input[type="file"]').setInputFiles(files.map(img));
  await page.getByTestId('ingest-submit').click();
  await expect.poll(() => page.getByTestId('ingest-summary').textContent(), { timeout: 30_000 }).toContain(summary);
}

describe.skipIf(!existsSync(IMAGERY))(
  '资源目录: ingest, find on the map, publish; secrecy enforced for a clerk',
  () => {
    test('BX-13 BX-16 MNR-5 MNR-9 a catalogue manager ingests the shared GeoTIFFs, finds them by drawing an area and publishes; a clerk without clearance gets public metadata only', async () => {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
      await login(page, baseUrl, 'catalogue', 'Demo@2026');

      // A collection for the run.
      await page.goto(`${baseUrl}/catalogue/manage`);
      await page.getByTestId('collection-create').click();
      await fill(page, 'collection-id', 'e2e-dom');
      await fill(page, 'collection-title', 'E2E 测试正射影像');
      await fill(page, 'collection-description', '端到端测试数据集');
      await pickOption(page, 'collection-product-type', 'DOM');
      await pickOption(page, 'collection-sharing-type', '无条件');
      await pickOption(page, 'collection-sharing-method', '在线');
      await page.getByTestId('collection-ok').click();
      await expect.poll(() => page.getByTestId('collections-table').getByText('e2e-dom').count()).toBeGreaterThan(0);

      // Ingest through the upload page: the good file succeeds, the corrupt and CRS-less ones fail with reasons.
      await ingest(page, '非涉密', ['cogeo.tif', 'corrupt.tif', 'rgb1.tif'], '成功 1 个，失败 2 个');
      expect(await page.getByTestId('ingest-results').textContent()).toContain('损坏');
      await snapshot(page, 'catalogue-ingest-results');
      await ingest(page, '秘密', ['shade.tif'], '成功 1 个');

      // Publish the collection and both entries.
      await page.goto(`${baseUrl}/catalogue/manage`);
      const row = page.getByTestId('collections-table').locator('tr', { hasText: 'e2e-dom' });
      await row.getByTestId('collection-publish').click();
      await expect.poll(() => row.getByTestId('collection-publish').textContent()).toContain('撤回');
      await row.click();
      await expect.poll(() => page.getByTestId('items-table').getByTestId('item-publish').count()).toBe(2);
      for (let i = 0; i < 2; i++) {
        await page.getByTestId('items-table').getByTestId('item-publish').filter({ hasText: '发布' }).first().click();
        await page.waitForTimeout(500);
      }
      await expect
        .poll(() => page.getByTestId('items-table').getByTestId('item-publish').filter({ hasText: '撤回' }).count())
        .toBe(2);

      // Find the entries on the map by drawing a box over the whole (zoomed-out) map.
      await page.goto(`${baseUrl}/catalogue`);
      const map = page.getByTestId('catalogue-map');
      await map.waitFor();
      const box = (await map.boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      for (let i = 0; i < 8; i++) {
        await page.mouse.wheel(0, 600);
        await page.waitForTimeout(150);
      }
      await page.getByTestId('catalogue-draw-box').click();
      await page.mouse.move(box.x + 20, box.y + 20);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
      await page.mouse.move(box.x + box.width - 20, box.y + box.height - 20, { steps: 5 });
      await page.mouse.up();
      await expect
        .poll(() => page.locator('[data-testid="catalogue-result-item"][data-item-id="cogeo"]').count(), {
          timeout: 20_000,
        })
        .toBe(1);
      await snapshot(page, 'catalogue-search-box');

      // A clerk without clearance: the classified entry shows public metadata only and no download; its file is 403.
      await page.getByTestId('logout').click();
      await page.waitForURL(/\/login/);
      await login(page, baseUrl, 'clerk', 'Demo@2026');
      await page.goto(`${baseUrl}/catalogue`);
      await fill(page, 'catalogue-search', 'shade');
      await page.keyboard.press('Enter');
      const shade = page.locator('[data-testid="catalogue-result-item"][data-item-id="shade"]');
      await expect.poll(() => shade.count(), { timeout: 20_000 }).toBe(1);
      await shade.click();
      await page.getByTestId('item-drawer').waitFor();
      await page.getByTestId('item-public-metadata').waitFor();
      expect(await page.getByTestId('item-download-data').count()).toBe(0);
      await snapshot(page, 'catalogue-clerk-classified');
      const direct = await page.request.get(`${baseUrl}/api/assets/e2e-dom/shade/data`);
      expect(direct.status()).toBe(403);
      expect((await direct.json()).code).toBe('ASSET_CLASSIFIED');
      // …while the public entry offers its file, once the collection's online agreement is signed (MNR-16).
      const unsigned = await page.request.get(`${baseUrl}/api/assets/e2e-dom/cogeo/data`);
      expect(unsigned.status()).toBe(428);
      expect((await unsigned.json()).code).toBe('SHARING_AGREEMENT_REQUIRED');

      // 在线浏览: the public entry's imagery comes as PNG tiles and is listed in the layer panel.
      await page.goto(`${baseUrl}/catalogue`);
      await fill(page, 'catalogue-search', 'cogeo');
      await page.keyboard.press('Enter');
      const cogeo = page.locator('[data-testid="catalogue-result-item"][data-item-id="cogeo"]');
      await expect.poll(() => cogeo.count(), { timeout: 20_000 }).toBe(1);
      await cogeo.click();
      const tile = page.waitForResponse(
        (r) => r.url().includes('/api/tiles/e2e-dom/cogeo/') && r.url().endsWith('.png') && r.status() === 200,
        { timeout: 20_000 },
      );
      await page.getByTestId('item-view-online').click();
      // MNR-16: the first online use of the collection asks for the online agreement.
      await page.getByTestId('agreement-accept').check();
      await page.getByTestId('agreement-sign').click();
      expect((await tile).headers()['content-type']).toContain('image/png');
      expect((await page.request.get(`${baseUrl}/api/assets/e2e-dom/cogeo/data`)).status()).toBe(200);
      await expect.poll(() => page.getByTestId('layer-panel').textContent()).toContain('cogeo');
      await snapshot(page, 'catalogue-view-online');
      await page.close();
    });
  },
);
