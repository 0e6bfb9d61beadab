import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { EditorPage, fixture, maskAt } from './support/editorPage';
import { browserJpeg } from './support/exif';
import { pngOfSize } from './support/imageFiles';

const JACKET = 'alex-iby-G_Pk4D9rMLs.png';
const BAG = 'bench2.png';

test('Undo after opening another image brings back the previous image, mask and parameters', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  await editor.uploadAndWait(JACKET);
  await editor.field('Feather').fill('0');
  await editor.button('Rectangle').click();
  await editor.drag([100, 100], [200, 200]);
  await editor.field('Variations').fill('6');

  await editor.upload(BAG);
  await expect(page.getByLabel('Image', { exact: true })).toContainText(BAG);
  await expect(page.getByRole('status').filter({ hasText: `Opened “${BAG}”. Undo to go back to “${JACKET}”.` })).toBeVisible();
  await editor.field('Variations').fill('2');
  let mask = await editor.exportMask();
  expect(mask.values.every((v) => v === 0)).toBe(true);

  await page.locator('body').press('Control+z');
  await expect(page.getByLabel('Image', { exact: true })).toContainText(JACKET);
  await expect(editor.field('Variations')).toHaveValue('6');
  mask = await editor.exportMask();
  expect(maskAt(mask, 150, 150)).toBe(255);
  expect(maskAt(mask, 250, 250)).toBe(0);
  // The jacket's own rectangle is the next step back.
  await editor.button('Undo').click();
  mask = await editor.exportMask();
  expect(maskAt(mask, 150, 150)).toBe(0);

  // And forward again, to the bag.
  await editor.button('Redo').click();
  await editor.button('Redo').click();
  await expect(page.getByLabel('Image', { exact: true })).toContainText(BAG);
});

test('a file named as one format but holding another opens, and the notice names the real format', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  await editor.uploadAndWait(JACKET);
  const jpeg = await browserJpeg(page, 300, 200);
  await editor.upload({ name: 'holiday.png', mimeType: 'image/png', buffer: jpeg });
  await expect(editor.imageSize()).toHaveText('300 × 200');
  await expect(page.getByText(`Opened “holiday.png”: it is really a JPEG file. Undo to go back to “${JACKET}”.`)).toBeVisible();
});

/** A PNG that claims 30000 x 30000 px in 100 KB: what a decoder would need gigabytes for. */
function decompressionBomb(): Buffer {
  const small = readFileSync(fixture('bench2_mask.png'));
  const header = Buffer.from(small);
  header.writeUInt32BE(30000, 16);
  header.writeUInt32BE(30000, 20);
  return header;
}

test('a decompression bomb is called too large, with its size, as an image and as a mask', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  await editor.upload({ name: 'bomb.png', mimeType: 'image/png', buffer: decompressionBomb() });
  await expect(editor.alert).toContainText('“bomb.png” is too large to open: 30000 × 30000 px (900 megapixels)');
  await expect(editor.alert.getByRole('button', { name: /Downscale/ })).toHaveCount(0);

  await editor.uploadAndWait(JACKET);
  const chooser = page.waitForEvent('filechooser');
  await editor.button('Import mask').click();
  await (await chooser).setFiles({ name: 'bomb_mask.png', mimeType: 'image/png', buffer: decompressionBomb() });
  await expect(editor.alert).toContainText('too large to open as a mask: 30000 × 30000 px');
});

test('a mask of another shape is not stretched without asking: Fit centres it, Cancel leaves the mask', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  await editor.uploadAndWait(JACKET);
  await editor.field('Feather').fill('0');
  // A 200 x 100 mask: white circle in the middle.
  const circle = pngOfSize(200, 100, (x, y) => ((x - 100) ** 2 + (y - 50) ** 2 < 40 ** 2 ? [255, 255, 255, 255] : [0, 0, 0, 255]), 'circle.png');
  const importCircle = async () => {
    const chooser = page.waitForEvent('filechooser');
    await editor.button('Import mask').click();
    await (await chooser).setFiles(circle);
  };

  await importCircle();
  const dialog = page.getByRole('dialog', { name: 'The mask is another shape' });
  await expect(dialog).toContainText('The mask is 200 × 100 px, the photo 512 × 512 px');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  expect((await editor.exportMask()).values.every((v) => v === 0)).toBe(true);

  await importCircle();
  await dialog.getByRole('button', { name: 'Fit' }).click();
  const mask = await editor.exportMask();
  // Fitted: 512 x 256 centred (rows 128..383), the circle a circle of radius ~102 at (256, 256).
  expect(maskAt(mask, 256, 256)).toBe(255);
  expect(maskAt(mask, 256 + 95, 256)).toBe(255);
  expect(maskAt(mask, 256, 256 + 95)).toBe(255);
  expect(maskAt(mask, 256, 256 + 115)).toBe(0);
  expect(maskAt(mask, 256, 100)).toBe(0);
  expect(maskAt(mask, 10, 256)).toBe(0);
  // Undo takes the import back in one step.
  await editor.button('Undo').click();
  expect((await editor.exportMask()).values.every((v) => v === 0)).toBe(true);
});
