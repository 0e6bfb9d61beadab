import type { Browser } from '@playwright/test';
import { bigJpeg, newEditorPage, openImage } from './browser';
import { startFrameRecorder, stopFrameRecorder } from './frameRecorder';
import { median, percentile } from './stats';

export interface PaintingFigures {
  zoom: string;
  moves: number;
  workMedian: number;
  workP95: number;
  frameMedian: number;
  frameP95: number;
  /** How long `page.mouse.move` takes to resolve during the stroke: dispatched and handled by the page. */
  moveMedian: number;
  moveP95: number;
}

/** Inpaint-web's median pointer-move handling, measured side by side on this kind of machine (the issue). */
export const REFERENCE_MOVE_MS = 16.8;

/**
 * Drags a 100 px brush over a 6000x4000 photo at about 120 pointer events a second and
 * records (a) the work each animation frame does for the stroke (rasterise, update the
 * overlay, draw the layer: the `paint-frame` measures), (b) the interval between frames and
 * (c) how long each move takes to be handled, as the driver sees it.
 */
export async function paintingBenchmark(browser: Browser, url: string): Promise<PaintingFigures[]> {
  const page = await newEditorPage(browser, url);
  await openImage(page, await bigJpeg(page, 6000, 4000), 'big-6000x4000.jpg');
  await page.getByLabel('Brush size', { exact: true }).fill('100');
  const canvas = page.getByLabel('Canvas', { exact: true });
  const box = (await canvas.boundingBox())!;
  const results: PaintingFigures[] = [];

  for (const zoom of ['Zoom to fit', 'Actual size']) {
    await page.getByRole('button', { name: zoom, exact: true }).click();
    await page.waitForTimeout(300);
    await page.evaluate(() => performance.clearMeasures('paint-frame'));
    await startFrameRecorder(page);
    const moves = 360;
    const point = (i: number) => ({
      x: box.x + box.width * (0.15 + 0.7 * (i / moves)),
      y: box.y + box.height * (0.5 + 0.3 * Math.sin(i / 18)),
    });
    await page.mouse.move(point(0).x, point(0).y);
    await page.mouse.down();
    const handled: number[] = [];
    for (let i = 1; i <= moves; i++) {
      const sent = performance.now();
      await page.mouse.move(point(i).x, point(i).y);
      handled.push(performance.now() - sent);
      await page.waitForTimeout(8);
    }
    await page.mouse.up();
    // The first intervals wait for the drag to start.
    const frames = await stopFrameRecorder(page, 2);
    const work = await page.evaluate(() => performance.getEntriesByName('paint-frame').map((e) => e.duration));
    results.push({
      zoom: zoom === 'Zoom to fit' ? 'fit' : '100%',
      moves,
      workMedian: median(work),
      workP95: percentile(work, 95),
      frameMedian: median(frames),
      frameP95: percentile(frames, 95),
      moveMedian: median(handled),
      moveP95: percentile(handled, 95),
    });
  }
  await page.context().close();
  return results;
}
