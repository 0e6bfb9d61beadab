import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { PNG } from 'pngjs';
import { EditorPage, fixture, maskAt, readMaskFixture } from './support/editorPage';
import { pngOfSize } from './support/imageFiles';

const PHOTO = 'overture-creations-5sI6fQgYIuo.png';
const MASK = 'overture-creations-5sI6fQgYIuo_mask.png';

async function generateRemoval(editor: EditorPage, variations: number) {
  await editor.field('Feather').fill('0');
  await editor.field('Variations').fill(String(variations));
  await editor.page.getByLabel('Random seed').uncheck();
  await editor.field('Seed').fill('100');
  await expect(editor.field('Engine')).toHaveValue('builtin-remover');
  await editor.button('Generate').click();
}

test('remove an object: variations, compare, download with the unmasked pixels untouched, use as input', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  await editor.uploadAndWait(PHOTO);
  await editor.importMask(MASK);
  await generateRemoval(editor, 3);

  const results = page.getByRole('region', { name: 'Results' });
  for (const n of [1, 2, 3]) await expect(results.getByAltText(`Variation ${n}`)).toBeVisible({ timeout: 60_000 });
  await expect(results.getByText('seed 100')).toBeVisible();
  await expect(results.getByText('seed 102')).toBeVisible();

  // Before/after: left of the split is the original, right of it the result.
  const compare = page.getByLabel('Compare', { exact: true });
  const inside = await editor.toScreen(256, 300);
  const pixel = async () => [...PNG.sync.read(await page.screenshot({ clip: { x: inside.x, y: inside.y, width: 1, height: 1 } })).data.subarray(0, 3)];
  await compare.fill('100');
  const original = await pixel();
  await compare.fill('0');
  await expect.poll(pixel).not.toEqual(original);

  await results.getByAltText('Variation 2').click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download', exact: true }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('overture-creations-5sI6fQgYIuo_inpainted_101.png');
  const saved = PNG.sync.read(readFileSync(await file.path()));
  expect([saved.width, saved.height]).toEqual([512, 512]);
  const photo = PNG.sync.read(readFileSync(fixture(PHOTO)));
  const mask = readMaskFixture(MASK);
  let outsideDiffer = 0;
  let insideDiffer = 0;
  for (let i = 0; i < mask.values.length; i++) {
    const same = [0, 1, 2].every((c) => saved.data[i * 4 + c] === photo.data[i * 4 + c]);
    if (mask.values[i] === 0 && !same) outsideDiffer++;
    if (mask.values[i] === 255 && !same) insideDiffer++;
  }
  expect(outsideDiffer).toBe(0);
  expect(insideDiffer).toBeGreaterThan(1000);

  // The output format chosen applies to the download.
  await page.getByLabel('Output format').selectOption('jpeg');
  const jpegDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download', exact: true }).click();
  const jpeg = await jpegDownload;
  expect(jpeg.suggestedFilename()).toBe('overture-creations-5sI6fQgYIuo_inpainted_101.jpg');
  expect([...readFileSync(await jpeg.path()).subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);

  await page.getByRole('button', { name: 'Use as input', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Results' })).toHaveCount(0);
  await expect(editor.imageSize()).toHaveText('512 × 512');
  const kept = await editor.exportMask();
  expect(maskAt(kept, 256, 300)).toBe(maskAt(mask, 256, 300));
  expect(kept.values.filter((v) => v > 127).length).toBe(mask.values.filter((v) => v > 127).length);
});

test('reuse seed, and the history survives a reload and restores a job', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  await editor.uploadAndWait(PHOTO);
  await editor.importMask(MASK);
  await generateRemoval(editor, 2);
  const results = page.getByRole('region', { name: 'Results' });
  await expect(results.getByAltText('Variation 2')).toBeVisible({ timeout: 60_000 });
  await results.getByAltText('Variation 2').click();
  await editor.field('Seed').fill('5');
  await page.getByRole('button', { name: 'Reuse seed', exact: true }).click();
  await expect(editor.field('Seed')).toHaveValue('101');

  await editor.button('Clear mask').click();
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  await editor.waitSaved();
  await page.reload();
  const history = page.getByRole('region', { name: 'History' });
  await expect(history.getByRole('listitem')).toHaveCount(1);
  await expect(history).toContainText('Built-in remover');
  await history.getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByRole('region', { name: 'Results' }).getByAltText('Variation 2')).toBeVisible();
  const mask = await editor.exportMask();
  expect(maskAt(mask, 256, 300)).toBe(255);

  await history.getByRole('button', { name: 'Delete' }).click();
  await expect(history.getByRole('listitem')).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('region', { name: 'History' })).toContainText('Finished jobs appear here');
});

test('Cancel stops a running job at once; a waiting job waits visibly', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  // A large image with a large hole keeps the remover busy long enough to cancel it.
  await editor.upload(pngOfSize(2400, 1800, (x, y) => [(x * 7) % 256, (y * 5) % 256, ((x ^ y) * 3) % 256, 255], 'busy.png'));
  await expect(editor.imageSize()).toHaveText('2400 × 1800');
  await editor.button('Rectangle').click();
  await editor.drag([300, 300], [2100, 1500]);
  await editor.field('Variations').fill('8');
  await editor.button('Generate').click();
  await editor.button('Generate').click();
  const queue = page.getByRole('list', { name: 'Job queue' });
  await expect(queue.getByRole('listitem')).toHaveCount(2);
  await expect(queue).toContainText('Waiting');
  await queue.getByRole('button', { name: 'Remove' }).click();
  await expect(queue.getByRole('listitem')).toHaveCount(1);
  await queue.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('list', { name: 'Job queue' })).toHaveCount(0, { timeout: 2_000 });
  await expect(editor.alert).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Results' })).toHaveCount(0);
});
