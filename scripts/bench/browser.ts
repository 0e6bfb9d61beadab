import { chromium, type Browser, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from '../../server/app';
import { findChromium } from '../chromium.mjs';

export const FIXTURES = resolve(import.meta.dirname, '../../fixtures/photos');

/** The production build served as `npm start` serves it, and a Chromium to drive it. */
export async function startBrowser(dist: string) {
  const server = serve({ fetch: createApp(dist).fetch, port: 0 });
  await new Promise<void>((ok) => server.once('listening', () => ok()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await chromium.launch({
    executablePath: findChromium(),
    args: ['--no-sandbox', '--enable-unsafe-webgpu', '--disable-background-networking', '--disable-component-update'],
  });
  return {
    url: `http://localhost:${port}`,
    browser,
    async close() {
      await browser.close();
      server.close();
    },
  };
}

export async function newEditorPage(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  // tsx compiles this script with keepNames, which wraps functions handed to page.evaluate in __name().
  await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

/** A photo fixture enlarged to width x height and re-encoded as JPEG, made in the browser. */
export async function bigJpeg(page: Page, width: number, height: number): Promise<Buffer> {
  const png = [...readFileSync(resolve(FIXTURES, 'bench2.png'))];
  const bytes = await page.evaluate(
    async ({ png, width, height }) => {
      const source = await createImageBitmap(new Blob([new Uint8Array(png)], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(width, height);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(source, 0, 0, width, height);
      // Grain, so the JPEG is as heavy as a real photo of this size.
      const tile = ctx.getImageData(0, 0, 512, 512);
      for (let i = 0; i < tile.data.length; i += 4) tile.data[i] ^= (i * 2654435761) >>> 29;
      for (let y = 0; y < height; y += 512) for (let x = 0; x < width; x += 1024) ctx.putImageData(tile, x, y);
      const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
      return Array.from(new Uint8Array(await blob.arrayBuffer()));
    },
    { png, width, height },
  );
  return Buffer.from(bytes);
}

export async function openImage(page: Page, jpeg: Buffer, name: string) {
  await page.waitForFunction(() => !document.body.textContent!.includes('Restoring your last session'));
  await page.getByLabel('Upload image', { exact: true }).setInputFiles({ name, mimeType: 'image/jpeg', buffer: jpeg });
  // This image, not the one restored from the last session, fitted to the canvas.
  await page.getByLabel('Image', { exact: true }).filter({ hasText: name }).waitFor();
  await page.getByLabel('Canvas', { exact: true }).and(page.locator('[data-scale]')).waitFor();
}
