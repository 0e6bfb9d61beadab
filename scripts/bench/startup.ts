import type { Browser } from '@playwright/test';
import { bigJpeg, newEditorPage, openImage } from './browser';
import { median } from './stats';

declare global {
  interface Window {
    benchReadyAt?: number;
  }
}

/**
 * Time to an interactive editor with a 12-megapixel (4000x3000) photo: opening it in a
 * loaded page, and a reload that restores it from IndexedDB (navigation start to the
 * image on the canvas, ready for strokes).
 */
export async function startupBenchmark(browser: Browser, url: string, runs = 5) {
  const page = await newEditorPage(browser, url);
  const jpeg = await bigJpeg(page, 4000, 3000);
  const open: number[] = [];
  for (let i = 0; i < runs; i++) {
    await page.reload();
    const started = Date.now();
    await openImage(page, jpeg, `photo-12mp-${i}.jpg`);
    open.push(Date.now() - started);
  }
  await page.getByText('All changes saved in this browser').waitFor();

  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.querySelector('[aria-label="Canvas"][data-scale] canvas')) {
        window.benchReadyAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
  const reload: number[] = [];
  for (let i = 0; i < runs; i++) {
    await page.reload();
    await page.waitForFunction(() => window.benchReadyAt !== undefined);
    reload.push(await page.evaluate(() => window.benchReadyAt!));
  }
  await page.context().close();
  return { openMedian: median(open), reloadMedian: median(reload), runs };
}
