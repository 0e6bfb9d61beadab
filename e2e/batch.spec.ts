import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { unzipSync } from 'fflate';
import { decodePng, depth, productPhoto, subjectModelAndRunflow, type Box } from './support/backgroundSwap';
import { fake } from './support/cloud';
import { EditorPage } from './support/editorPage';
import { corruptPng } from './support/imageFiles';

const host = fake('modelHost');
const runflow = fake('runflow');

const BAG: Box = { x0: 40, x1: 88, y0: 24, y1: 72 };
const LAMP: Box = { x0: 10, x1: 50, y0: 30, y1: 90 };
const photos = {
  bag: productPhoto(128, 96, BAG, 'bag.png'),
  shoe: { ...corruptPng(), name: 'shoe.png' },
  lamp: productPhoto(100, 120, LAMP, 'lamp.png'),
};

test.beforeEach(async () => {
  await host.reset();
  await runflow.reset();
  await runflow.jobMs(1500);
});

test.describe.configure({ timeout: 120_000 });

/** The result against its photo: the subject's middle byte for byte, the ground repainted. */
function expectBackgroundSwapped(result: Buffer, photo: Buffer, box: Box) {
  const out = decodePng(result);
  const original = decodePng(photo);
  expect([out.width, out.height]).toEqual([original.width, original.height]);
  let middleDiffer = 0;
  let middle = 0;
  let groundDiffer = 0;
  let ground = 0;
  for (let y = 0; y < out.height; y++) {
    for (let x = 0; x < out.width; x++) {
      const i = (y * out.width + x) * 4;
      const same = [0, 1, 2, 3].every((c) => out.data[i + c] === original.data[i + c]);
      const d = depth(box, x, y);
      if (d >= 10) {
        middle++;
        if (!same) middleDiffer++;
      } else if (d < 0) {
        ground++;
        if (!same) groundDiffer++;
      }
    }
  }
  expect(middle).toBeGreaterThan(0);
  expect(middleDiffer).toBe(0);
  expect(groundDiffer).toBeGreaterThan(0.95 * ground);
}

test('a batch of three photos, one damaged: two results, one clear failure, and Download all gives a zip of the two', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  await subjectModelAndRunflow(editor);
  await editor.field('Prompt').fill('on a marble table');
  await editor.field('Variations').fill('1');
  await page.getByLabel('Random seed').uncheck();
  await editor.field('Seed').fill('7');

  const batch = page.getByRole('region', { name: 'Batch' });
  await expect(batch.getByLabel('Batch repaints')).toHaveValue('background');
  await batch.getByLabel('Batch photos').setInputFiles([photos.bag, photos.shoe, photos.lamp]);

  // A queue with each photo's progress while it is on its way.
  const queue = batch.getByRole('list', { name: 'Batch queue' });
  await expect(queue.getByRole('listitem')).toHaveCount(3);
  await expect(batch.getByRole('progressbar', { name: 'lamp.png progress' })).toBeVisible();
  await expect(batch.getByRole('button', { name: 'Cancel batch' })).toBeVisible();

  const row = (name: string) => queue.getByRole('listitem', { name });
  await expect(row('bag.png')).toContainText('Done: 1 image', { timeout: 60_000 });
  await expect(row('lamp.png')).toContainText('Done: 1 image', { timeout: 60_000 });
  await expect(row('shoe.png')).toContainText("shoe.png: the file is damaged or incomplete and can't be decoded.");
  await expect(row('shoe.png')).toContainText('Failed');
  await expect(row('bag.png').getByAltText('bag.png, result 1')).toBeVisible();
  await expect(page.getByText('Batch done: 2 of 3 photos made, 1 failed (see Batch).')).toBeVisible();
  // One paid run per good photo; the damaged one never reached the provider.
  expect((await runflow.seen()).filter((s) => s.kind === 'run')).toHaveLength(2);
  // Batch results stay out of History and the editor's results.
  await expect(page.getByRole('region', { name: 'Results' }).getByAltText('Variation 1')).toHaveCount(0);

  const download = page.waitForEvent('download');
  await batch.getByRole('button', { name: 'Download all' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('batch-inpainted.zip');
  const files = unzipSync(readFileSync(await file.path()));
  expect(Object.keys(files).sort()).toEqual(['bag-inpainted.png', 'lamp-inpainted.png']);
  expectBackgroundSwapped(Buffer.from(files['bag-inpainted.png']), photos.bag.buffer, BAG);
  expectBackgroundSwapped(Buffer.from(files['lamp-inpainted.png']), photos.lamp.buffer, LAMP);
});

test('the batch and its results come back after a reload, and Download all still zips them', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  await subjectModelAndRunflow(editor);
  await editor.field('Prompt').fill('on a marble table');
  await editor.field('Variations').fill('1');

  const batch = page.getByRole('region', { name: 'Batch' });
  await batch.getByLabel('Batch photos').setInputFiles([photos.bag, photos.shoe]);
  const queue = batch.getByRole('list', { name: 'Batch queue' });
  const row = (name: string) => queue.getByRole('listitem', { name });
  await expect(row('bag.png')).toContainText('Done: 1 image', { timeout: 60_000 });
  await expect(row('shoe.png')).toContainText('Failed');

  await page.reload();
  await expect(queue.getByRole('listitem')).toHaveCount(2);
  await expect(row('bag.png')).toContainText('Done: 1 image');
  await expect(row('bag.png').getByAltText('bag.png, result 1')).toBeVisible();
  await expect(row('shoe.png')).toContainText("shoe.png: the file is damaged or incomplete and can't be decoded.");

  const download = page.waitForEvent('download');
  await batch.getByRole('button', { name: 'Download all' }).click();
  const files = unzipSync(readFileSync(await (await download).path()));
  expect(Object.keys(files)).toEqual(['bag-inpainted.png']);
  expectBackgroundSwapped(Buffer.from(files['bag-inpainted.png']), photos.bag.buffer, BAG);

  // Cleared stays cleared after another reload.
  await batch.getByRole('button', { name: 'Clear batch' }).click();
  await expect(queue).toHaveCount(0);
  await page.reload();
  await expect(batch.getByRole('button', { name: 'Choose photos…' })).toBeVisible();
  await expect(queue).toHaveCount(0);
});

test('several photos dropped on the canvas wait in Batch until Start batch; the photo being edited stays', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  await subjectModelAndRunflow(editor);
  await editor.field('Prompt').fill('on sand');
  await editor.field('Variations').fill('1');
  await editor.upload({ ...photos.bag, name: 'editing.png' });
  await expect(page.getByLabel('Image', { exact: true })).toContainText('editing.png');

  const dropped = [photos.bag, photos.lamp].map((p) => ({ name: p.name, bytes: [...p.buffer] }));
  const transfer = await page.evaluateHandle((files) => {
    const dt = new DataTransfer();
    for (const file of files) dt.items.add(new File([new Uint8Array(file.bytes)], file.name, { type: 'image/png' }));
    return dt;
  }, dropped);
  await editor.canvas.dispatchEvent('drop', { dataTransfer: transfer });

  const batch = page.getByRole('region', { name: 'Batch' });
  await expect(page.getByText('2 photos wait in Batch: set the prompt and engine, then choose Start batch.')).toBeVisible();
  await expect(batch.getByRole('list', { name: 'Photos to run' }).getByRole('listitem')).toHaveText(['bag.png', 'lamp.png']);
  await expect(batch.getByRole('button', { name: 'Start batch' })).toBeFocused();
  // Nothing ran yet, and the editor still has its photo.
  expect((await runflow.seen()).filter((s) => s.kind === 'run')).toHaveLength(0);
  await expect(page.getByLabel('Image', { exact: true })).toContainText('editing.png');

  await batch.getByRole('button', { name: 'Start batch' }).click();
  await expect(batch.getByRole('list', { name: 'Photos to run' })).toHaveCount(0);
  const queue = batch.getByRole('list', { name: 'Batch queue' });
  await expect(queue.getByRole('listitem', { name: 'bag.png' })).toContainText('Done: 1 image', { timeout: 60_000 });
  await expect(queue.getByRole('listitem', { name: 'lamp.png' })).toContainText('Done: 1 image', { timeout: 60_000 });
});

test('two photos run at once on an engine that takes several jobs at a time', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  await subjectModelAndRunflow(editor);
  await runflow.jobMs(4000);
  await editor.field('Prompt').fill('on sand');
  await editor.field('Variations').fill('1');

  const batch = page.getByRole('region', { name: 'Batch' });
  await batch.getByLabel('Batch photos').setInputFiles([photos.bag, photos.lamp]);
  const queue = batch.getByRole('list', { name: 'Batch queue' });
  const state = (name: string) => queue.getByRole('listitem', { name }).innerText();
  // Runflow takes four at once: at some moment both are at Runflow together (one at a time, they never would be).
  const atRunflow = /Runflow · (Generating|Waiting at Runflow|In the provider)/;
  await expect.poll(async () => atRunflow.test(await state('bag.png')) && atRunflow.test(await state('lamp.png')), { timeout: 30_000 }).toBe(true);
  await expect(queue.getByRole('listitem', { name: 'bag.png' })).toContainText('Done: 1 image', { timeout: 30_000 });
  await expect(queue.getByRole('listitem', { name: 'lamp.png' })).toContainText('Done: 1 image', { timeout: 30_000 });
});

test('Cancel batch stops the photos under way and those still waiting; Clear batch empties the list', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  await subjectModelAndRunflow(editor);
  await runflow.jobMs(60_000);
  await editor.field('Prompt').fill('on sand');
  await editor.field('Variations').fill('1');

  const batch = page.getByRole('region', { name: 'Batch' });
  await batch.getByLabel('Batch photos').setInputFiles([photos.bag, photos.lamp]);
  const queue = batch.getByRole('list', { name: 'Batch queue' });
  await expect(queue.getByRole('listitem', { name: 'bag.png' })).toContainText(/Runflow · /, { timeout: 30_000 });
  await batch.getByRole('button', { name: 'Cancel batch' }).click();
  await expect(queue.getByRole('listitem', { name: 'bag.png' })).toContainText('Cancelled');
  await expect(queue.getByRole('listitem', { name: 'lamp.png' })).toContainText('Cancelled');
  await expect(page.getByText('Batch cancelled: 0 of 2 photos made.')).toBeVisible();
  await expect(batch.getByRole('button', { name: 'Download all' })).toHaveCount(0);

  await batch.getByRole('button', { name: 'Clear batch' }).click();
  await expect(queue).toHaveCount(0);
  await expect(batch.getByRole('button', { name: 'Choose photos…' })).toBeEnabled();
});
