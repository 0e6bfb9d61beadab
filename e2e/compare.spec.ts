import { expect, test, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { EditorPage, maskAt } from './support/editorPage';
import { pngOfSize } from './support/imageFiles';

const PHOTO = 'overture-creations-5sI6fQgYIuo.png';
const MASK = 'overture-creations-5sI6fQgYIuo_mask.png';

async function removeWithVariations(editor: EditorPage, variations: number) {
  await editor.open();
  await editor.uploadAndWait(PHOTO);
  await editor.importMask(MASK);
  await editor.field('Feather').fill('0');
  await editor.field('Variations').fill(String(variations));
  await editor.page.getByLabel('Random seed').uncheck();
  await editor.field('Seed').fill('100');
  await editor.button('Generate').click();
  await expect(editor.page.getByRole('region', { name: 'Results' }).getByAltText(`Variation ${variations}`)).toBeVisible({ timeout: 60_000 });
  await expect(editor.page.getByRole('list', { name: 'Job queue' })).toHaveCount(0);
}

/** The colour on screen at an image position. */
async function pixelAt(editor: EditorPage, x: number, y: number) {
  const at = await editor.toScreen(x, y);
  const shot = PNG.sync.read(await editor.page.screenshot({ clip: { x: Math.round(at.x), y: Math.round(at.y), width: 1, height: 1 } }));
  return [...shot.data.subarray(0, 3)];
}

/** Where the photo is drawn on the page, from the canvas's view. */
async function photoBox(editor: EditorPage) {
  const v = await editor.view();
  return { x: v.box.x + v.x, y: v.box.y + v.y, width: 512 * v.scale, height: 512 * v.scale };
}

const overlaps = (a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

const settle = (page: Page) => page.waitForTimeout(300);

test('the results strip never covers the photo, and the canvas refits when it opens and closes', async ({ page }) => {
  const editor = new EditorPage(page);
  await removeWithVariations(editor, 2);
  const results = page.getByRole('region', { name: 'Results' });
  await settle(page);
  const photo = await photoBox(editor);
  const strip = (await results.boundingBox())!;
  const canvas = (await editor.canvas.boundingBox())!;
  expect(overlaps(photo, strip)).toBe(false);
  expect(photo.y + photo.height).toBeLessThanOrEqual(canvas.y + canvas.height + 0.5);
  expect(photo.y).toBeGreaterThanOrEqual(canvas.y - 0.5);
  const centreOf = (box: { y: number; height: number }) => box.y + box.height / 2;
  expect(Math.abs(centreOf(photo) - centreOf(canvas))).toBeLessThan(1);

  await editor.button('Close').click();
  await expect(results).toHaveCount(0);
  await settle(page);
  const after = await photoBox(editor);
  const bigger = (await editor.canvas.boundingBox())!;
  // Fitted to the taller canvas again: centred in it.
  expect(bigger.height).toBeGreaterThan(canvas.height);
  expect(Math.abs(centreOf(after) - centreOf(bigger))).toBeLessThan(1);
});

test('Compare shows the result left of the divider; a drag moves the divider and paints nothing', async ({ page }) => {
  const editor = new EditorPage(page);
  await removeWithVariations(editor, 1);
  const compare = page.getByLabel('Compare', { exact: true });
  const before = await editor.exportMask();

  await compare.fill('100');
  await settle(page);
  const result = [await pixelAt(editor, 200, 300), await pixelAt(editor, 300, 300)];
  await compare.fill('0');
  await settle(page);
  const original = [await pixelAt(editor, 200, 300), await pixelAt(editor, 300, 300)];
  expect(result[0]).not.toEqual(original[0]);
  expect(result[1]).not.toEqual(original[1]);

  // Half: the result on the left, the original on the right.
  await compare.fill('50');
  await settle(page);
  expect(await pixelAt(editor, 200, 300)).toEqual(result[0]);
  expect(await pixelAt(editor, 300, 300)).toEqual(original[1]);

  // A drag on the photo while comparing moves the divider, and leaves the mask as it was.
  await editor.drag([400, 200], [100, 400]);
  await expect(compare).toHaveValue(/^(19|20)$/);
  const after = await editor.exportMask();
  expect(after.values).toEqual(before.values);
});

test('choosing a mask tool ends the comparison, so the brush paints where it can be seen', async ({ page }) => {
  const editor = new EditorPage(page);
  await removeWithVariations(editor, 1);
  await page.getByLabel('Compare', { exact: true }).fill('60');
  await editor.button('Brush').click();
  await editor.setBrush(20);
  await editor.drag([40, 40], [100, 40]);
  const mask = await editor.exportMask();
  expect(maskAt(mask, 70, 40)).toBe(255);
  // The results stay in their strip to come back to.
  await expect(page.getByRole('region', { name: 'Results' })).toBeVisible();
});

test('left and right go through the variations, each labelled with its seed', async ({ page }) => {
  const editor = new EditorPage(page);
  await removeWithVariations(editor, 3);
  const results = page.getByRole('region', { name: 'Results' });
  const pressed = results.getByRole('button', { pressed: true });
  await expect(pressed).toHaveAccessibleName('Variation 1 seed 100');
  await page.locator('body').press('ArrowRight');
  await expect(pressed).toHaveAccessibleName('Variation 2 seed 101');
  await page.locator('body').press('ArrowRight');
  await page.locator('body').press('ArrowRight');
  await expect(pressed).toHaveAccessibleName('Variation 1 seed 100');
  await page.locator('body').press('ArrowLeft');
  await expect(pressed).toHaveAccessibleName('Variation 3 seed 102');
});

test('when every variation comes out the same, the grid says so', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  // A flat picture: whatever the seed, the fill is the same flat grey.
  await editor.upload(pngOfSize(200, 160, () => [120, 120, 120, 255], 'flat.png'));
  await expect(editor.imageSize()).toHaveText('200 × 160');
  await editor.waitForView();
  await editor.button('Rectangle').click();
  await editor.drag([60, 50], [140, 110]);
  await editor.field('Variations').fill('3');
  await editor.button('Generate').click();
  const results = page.getByRole('region', { name: 'Results' });
  await expect(results.getByAltText('Variation 3')).toBeVisible({ timeout: 60_000 });
  await expect(results).toContainText('The variations came out the same');
});
