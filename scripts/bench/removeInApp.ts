import type { Browser, Page } from '@playwright/test';
import { bigJpeg, newEditorPage, openImage } from './browser';
import { startFrameRecorder, stopFrameRecorder } from './frameRecorder';
import { percentile } from './stats';

/** Paints a rectangle over `fraction` of the image, centred, with the Rectangle tool. */
async function maskCentre(page: Page, fraction: number) {
  await page.getByRole('button', { name: 'Rectangle', exact: true }).click();
  const box = (await page.getByLabel('Canvas', { exact: true }).boundingBox())!;
  const canvas = page.getByLabel('Canvas', { exact: true });
  const attr = async (name: string) => Number(await canvas.getAttribute(name));
  const [scale, x, y] = [await attr('data-scale'), await attr('data-offset-x'), await attr('data-offset-y')];
  const { width, height } = await page.evaluate(() => {
    const [w, h] = document.querySelector('[data-testid="image-size"]')!.textContent!.split(' × ').map(Number);
    return { width: w, height: h };
  });
  const side = Math.sqrt(fraction);
  const from = { x: box.x + x + width * (0.5 - side / 2) * scale, y: box.y + y + height * (0.5 - side / 2) * scale };
  const to = { x: box.x + x + width * (0.5 + side / 2) * scale, y: box.y + y + height * (0.5 + side / 2) * scale };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 5 });
  await page.mouse.up();
}

/**
 * The whole job in the app, as a user runs it: Generate with the built-in remover on a
 * photo with a hole, until the result is on screen; and the main thread's frame interval
 * meanwhile (the remover runs in a worker, so the UI should keep its 60 fps).
 */
export async function removeInAppBenchmark(browser: Browser, url: string) {
  const page = await newEditorPage(browser, url);
  const figures: { photo: string; seconds: number; frameP95: number; frameMax: number }[] = [];
  for (const [width, height] of [
    [512, 512],
    [4000, 3000],
  ]) {
    await page.reload();
    await openImage(page, await bigJpeg(page, width, height), `photo-${width}x${height}.jpg`);
    await maskCentre(page, 0.05);
    await page.getByLabel('Variations', { exact: true }).fill('1');
    await startFrameRecorder(page);
    const started = Date.now();
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    await Promise.race([
      page.getByAltText('Variation 1').waitFor({ timeout: 120_000 }),
      page.getByRole('alert').waitFor({ timeout: 120_000 }).then(async () => {
        throw new Error(`The job failed: ${await page.getByRole('alert').innerText()}`);
      }),
    ]);
    const seconds = (Date.now() - started) / 1000;
    const frames = await stopFrameRecorder(page);
    figures.push({ photo: `${width}x${height}, 5% hole`, seconds, frameP95: percentile(frames, 95), frameMax: Math.max(...frames) });
  }
  await page.context().close();
  return figures;
}
