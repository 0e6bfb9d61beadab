import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { EditorPage, fixture, maskAt } from './support/editorPage';
import { browserJpeg, withExifOrientation } from './support/exif';
import { corruptPng, emptyFile, giantPng, heicLike, textFile, tinyAvif, twoFrameGif } from './support/imageFiles';

const PHOTO = 'overture-creations-5sI6fQgYIuo.png';

test('bad files get a clear message and leave the image and mask untouched', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  await editor.uploadAndWait(PHOTO);
  await editor.button('Rectangle').click();
  await editor.drag([100, 100], [200, 200]);

  const cases = [
    { file: corruptPng(), message: /can't be decoded/ },
    { file: emptyFile(), message: /empty/ },
    { file: textFile(), message: /isn't an image/ },
    { file: heicLike(), message: /HEIC/ },
  ];
  for (const { file, message } of cases) {
    await editor.upload(file);
    await expect(editor.alert).toContainText(message);
    await expect(editor.alert).toContainText('unchanged');
    await expect(editor.imageSize()).toHaveText('512 × 512');
  }
  await editor.field('Feather').fill('0');
  const mask = await editor.exportMask();
  expect(mask.fileName).toBe('overture-creations-5sI6fQgYIuo_mask.png');
  expect(maskAt(mask, 150, 150)).toBe(255);
});

test('an image over 8192 px is refused with an offer to downscale, which works', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  await editor.upload(giantPng());
  await expect(editor.alert).toContainText('9000 × 120');
  await expect(editor.alert).toContainText('8192 px');
  await expect(page.getByText('512 × 512')).toHaveCount(0);
  await editor.button('Downscale to 8192 px').click();
  await expect(editor.imageSize()).toHaveText('8192 × 109');
  await expect(editor.alert).toHaveCount(0);
});

test('EXIF orientation is applied to JPEGs', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  const jpeg = await browserJpeg(page, 300, 200);
  await editor.upload({ name: 'rotated.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(withExifOrientation(jpeg, 6)) });
  await expect(editor.imageSize()).toHaveText('200 × 300');
  await editor.waitForView();
  await editor.field('Feather').fill('0');
  const mask = await editor.exportMask();
  expect([mask.width, mask.height]).toEqual([200, 300]);
});

test('a GIF opens at its first frame; WebP and AVIF open', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  await editor.upload(twoFrameGif());
  await expect(editor.imageSize()).toHaveText('1 × 1');
  const webp = await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(64, 48);
    canvas.getContext('2d')!.fillRect(0, 0, 64, 48);
    const blob = await canvas.convertToBlob({ type: 'image/webp' });
    return Array.from(new Uint8Array(await blob.arrayBuffer()));
  });
  await editor.upload({ name: 'photo.webp', mimeType: 'image/webp', buffer: Buffer.from(webp) });
  await expect(editor.imageSize()).toHaveText('64 × 48');
  await editor.upload(tinyAvif());
  await expect(editor.imageSize()).toHaveText('2 × 2');
});

test('drag and drop onto the canvas, and paste from the clipboard', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  const bytes = [...readFileSync(fixture(PHOTO))];
  const transfer = await page.evaluateHandle((data) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(data)], 'dropped.png', { type: 'image/png' }));
    return dt;
  }, bytes);
  await editor.canvas.dispatchEvent('drop', { dataTransfer: transfer });
  await expect(page.getByLabel('Image', { exact: true })).toContainText('dropped.png');

  await page.evaluate((data) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(data)], 'pasted.png', { type: 'image/png' }));
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true }));
  }, bytes);
  await expect(page.getByLabel('Image', { exact: true })).toContainText('pasted.png');
});
