import { expect, test } from '@playwright/test';
import { PNG } from 'pngjs';
import { EditorPage, maskAt, readMaskFixture } from './support/editorPage';
import { pngOfSize } from './support/imageFiles';

const PHOTO = 'overture-creations-5sI6fQgYIuo.png';

test.beforeEach(async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  await editor.uploadAndWait(PHOTO);
  await editor.field('Feather').fill('0');
});

test('a brush stroke lands exactly under the cursor at fit and at 200% zoom', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.setBrush(20);

  await editor.drag([100, 100], [200, 100]);
  let mask = await editor.exportMask();
  expect(mask.fileName).toBe('overture-creations-5sI6fQgYIuo_mask.png');
  expect([mask.width, mask.height]).toEqual([512, 512]);
  for (const x of [100, 150, 200]) expect(maskAt(mask, x, 100)).toBe(255);
  expect(maskAt(mask, 150, 100 - 8)).toBe(255);
  expect(maskAt(mask, 150, 100 - 13)).toBe(0);
  expect(maskAt(mask, 150, 100 + 13)).toBe(0);
  expect(maskAt(mask, 220, 100)).toBe(0);

  // Zoom in with the wheel about a point, then paint a second stroke.
  const centre = await editor.toScreen(300, 300);
  await page.mouse.move(centre.x, centre.y);
  await page.mouse.wheel(0, -470);
  await expect.poll(async () => (await editor.view()).scale).toBeGreaterThan(1.9);
  await editor.drag([300, 260], [300, 340]);
  mask = await editor.exportMask();
  for (const y of [262, 300, 338]) expect(maskAt(mask, 300, y)).toBe(255);
  expect(maskAt(mask, 300 - 13, 300)).toBe(0);
  expect(maskAt(mask, 300 + 13, 300)).toBe(0);
  // The first stroke is still there.
  expect(maskAt(mask, 150, 100)).toBe(255);
});

test('eraser, undo and redo (buttons and keys), one step per stroke', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.setBrush(40);
  await editor.drag([50, 250], [450, 250]);
  await editor.button('Eraser').click();
  await editor.drag([250, 200], [250, 300]);
  let mask = await editor.exportMask();
  expect(maskAt(mask, 100, 250)).toBe(255);
  expect(maskAt(mask, 250, 250)).toBe(0);

  await editor.button('Undo').click();
  mask = await editor.exportMask();
  expect(maskAt(mask, 250, 250)).toBe(255);

  await page.keyboard.press('Control+z');
  mask = await editor.exportMask();
  expect(maskAt(mask, 100, 250)).toBe(0);
  await expect(editor.button('Undo')).toBeDisabled();

  await page.keyboard.press('Control+Shift+z');
  await page.keyboard.press('Control+y');
  mask = await editor.exportMask();
  expect(maskAt(mask, 100, 250)).toBe(255);
  expect(maskAt(mask, 250, 250)).toBe(0);
  await expect(editor.button('Redo')).toBeDisabled();

  await editor.button('Redo').isDisabled();
  await editor.button('Undo').click();
  await expect(editor.button('Redo')).toBeEnabled();
});

test('rectangle and lasso fill, invert, clear, grow and shrink', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.button('Rectangle').click();
  await editor.drag([100, 100], [200, 160]);
  let mask = await editor.exportMask();
  expect(maskAt(mask, 101, 101)).toBe(255);
  expect(maskAt(mask, 199, 159)).toBe(255);
  expect(maskAt(mask, 99, 130)).toBe(0);
  expect(maskAt(mask, 201, 130)).toBe(0);

  await editor.button('Lasso').click();
  await editor.lasso([[300, 300], [400, 300], [400, 400], [300, 400]]);
  mask = await editor.exportMask();
  expect(maskAt(mask, 350, 350)).toBe(255);
  expect(maskAt(mask, 290, 350)).toBe(0);

  await editor.field('Grow or shrink by (px)').fill('10');
  await editor.button('Grow mask').click();
  await expect(editor.button('Undo')).toBeEnabled();
  await expect.poll(async () => maskAt(await editor.exportMask(), 95, 130)).toBe(255);
  mask = await editor.exportMask();
  expect(maskAt(mask, 85, 130)).toBe(0);

  await editor.button('Shrink mask').click();
  await expect.poll(async () => maskAt(await editor.exportMask(), 95, 130)).toBe(0);

  await editor.button('Invert mask').click();
  mask = await editor.exportMask();
  expect(maskAt(mask, 150, 130)).toBe(0);
  expect(maskAt(mask, 10, 10)).toBe(255);

  await editor.button('Clear mask').click();
  mask = await editor.exportMask();
  expect(mask.values.every((v) => v === 0)).toBe(true);
  await page.keyboard.press('Control+z');
  mask = await editor.exportMask();
  expect(maskAt(mask, 10, 10)).toBe(255);
});

test('feather softens the exported edge into greys', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.button('Rectangle').click();
  await editor.drag([128, 128], [384, 384]);
  await editor.field('Feather').fill('24');
  const mask = await editor.exportMask();
  expect(maskAt(mask, 256, 256)).toBe(255);
  expect(maskAt(mask, 20, 256)).toBe(0);
  const edge = maskAt(mask, 128, 256);
  expect(edge).toBeGreaterThan(90);
  expect(edge).toBeLessThan(165);
  // A monotonic ramp across the edge.
  const ramp = [100, 115, 128, 141, 156].map((x) => maskAt(mask, x, 256));
  for (let i = 1; i < ramp.length; i++) expect(ramp[i]).toBeGreaterThan(ramp[i - 1]);
});

test('pan with space+drag and with the middle button; strokes still land under the cursor', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.button('Actual size').click();
  const start = await editor.view();
  const at = await editor.toScreen(256, 256);

  await page.mouse.move(at.x, at.y);
  await page.keyboard.down(' ');
  await page.mouse.down();
  await page.mouse.move(at.x + 60, at.y + 40, { steps: 5 });
  await page.mouse.up();
  await page.keyboard.up(' ');
  let view = await editor.view();
  expect([view.x - start.x, view.y - start.y]).toEqual([60, 40]);

  await page.mouse.move(at.x, at.y);
  await page.mouse.down({ button: 'middle' });
  await page.mouse.move(at.x - 100, at.y, { steps: 5 });
  await page.mouse.up({ button: 'middle' });
  view = await editor.view();
  expect([view.x - start.x, view.y - start.y]).toEqual([-40, 40]);

  // Panning painted nothing; a stroke now lands where the cursor is.
  let mask = await editor.exportMask();
  expect(mask.values.every((v) => v === 0)).toBe(true);
  await editor.setBrush(10);
  await editor.drag([400, 450], [470, 450]);
  mask = await editor.exportMask();
  expect(maskAt(mask, 430, 450)).toBe(255);
  expect(maskAt(mask, 430, 458)).toBe(0);
});

test('the round cursor shows the real brush size at the current zoom', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.upload(pngOfSize(400, 400, () => [60, 60, 60, 255], 'grey.png'));
  await expect(editor.imageSize()).toHaveText('400 × 400');
  await editor.button('Actual size').click();
  await editor.field('Brush size').fill('80');
  await editor.field('Brush size').blur();
  const centre = await editor.toScreen(200, 200);
  await page.mouse.move(centre.x, centre.y);
  const brightAt = async (dx: number) => {
    const shot = await page.screenshot({ clip: { x: centre.x + dx - 1, y: centre.y - 1, width: 3, height: 3 } });
    const { data } = PNG.sync.read(shot);
    return Math.max(...Array.from({ length: 9 }, (_, i) => data[i * 4]));
  };
  // The ring is 40 px (the radius) from the cursor at 100%, and 80 px at 200%.
  await expect.poll(() => brightAt(40)).toBeGreaterThan(150);
  expect(await brightAt(0)).toBeLessThan(100);
  expect(await brightAt(20)).toBeLessThan(100);
  await page.keyboard.press('Control+=');
  await page.keyboard.press('Control+=');
  await page.keyboard.press('Control+=');
  await expect.poll(async () => (await editor.view()).scale).toBeCloseTo(1.953, 2);
  const zoomed = await editor.toScreen(200, 200);
  await page.mouse.move(zoomed.x, zoomed.y);
  const ring = 40 * 1.953125;
  const shot = await page.screenshot({ clip: { x: zoomed.x + ring - 1, y: zoomed.y - 1, width: 3, height: 3 } });
  expect(Math.max(...Array.from({ length: 9 }, (_, i) => PNG.sync.read(shot).data[i * 4]))).toBeGreaterThan(150);
});

test('a mask image of another size and shape is stretched to the photo when the user says so', async ({ page }) => {
  const editor = new EditorPage(page);
  const chooser = page.waitForEvent('filechooser');
  await editor.button('Import mask').click();
  await (await chooser).setFiles(pngOfSize(128, 64, (x) => (x < 64 ? [255, 255, 255, 255] : [0, 0, 0, 255]), 'half.png'));
  await page.getByRole('dialog', { name: 'The mask is another shape' }).getByRole('button', { name: 'Stretch' }).click();
  await expect(editor.button('Undo')).toBeEnabled();
  const mask = await editor.exportMask();
  expect([mask.width, mask.height]).toEqual([512, 512]);
  expect(maskAt(mask, 100, 10)).toBe(255);
  expect(maskAt(mask, 250, 500)).toBe(255);
  expect(maskAt(mask, 262, 10)).toBe(0);
  expect(maskAt(mask, 500, 500)).toBe(0);
});

test('an imported _mask.png is the mask, and exports back unchanged', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.importMask('overture-creations-5sI6fQgYIuo_mask.png');
  await expect(editor.button('Undo')).toBeEnabled();
  const expected = readMaskFixture('overture-creations-5sI6fQgYIuo_mask.png');
  const mask = await editor.exportMask();
  let differ = 0;
  for (let i = 0; i < expected.values.length; i++) if (Math.abs(expected.values[i] - mask.values[i]) > 1) differ++;
  expect(differ).toBe(0);
  expect(mask.values.some((v) => v === 255)).toBe(true);
});

test('brush size keys, and holding O or the button shows the original without the overlay', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.field('Brush size').fill('50');
  await editor.field('Brush size').blur();
  await editor.canvas.hover();
  await page.keyboard.press(']');
  await expect(editor.field('Brush size')).toHaveValue('55');
  await page.keyboard.press('[');
  await page.keyboard.press('[');
  await expect(editor.field('Brush size')).toHaveValue('44'); // 10% steps: 55 → 49 → 44

  await editor.button('Rectangle').click();
  await editor.drag([200, 200], [300, 300]);
  await editor.field('Mask colour').fill('#00ff00');
  await editor.page.getByLabel('Mask opacity').fill('100');
  const at = await editor.toScreen(250, 250);
  const pixel = async () => {
    const shot = await page.screenshot({ clip: { x: at.x, y: at.y, width: 1, height: 1 } });
    return [...PNG.sync.read(shot).data.subarray(0, 3)];
  };
  await expect.poll(pixel).toEqual([0, 255, 0]);
  await page.keyboard.down('o');
  await expect.poll(pixel).not.toEqual([0, 255, 0]);
  await page.keyboard.up('o');
  await expect.poll(pixel).toEqual([0, 255, 0]);
  const button = await editor.button('Show original').boundingBox();
  await page.mouse.move(button!.x + 5, button!.y + 5);
  await page.mouse.down();
  await expect.poll(pixel).not.toEqual([0, 255, 0]);
  await page.mouse.up();
  await expect.poll(pixel).toEqual([0, 255, 0]);
  await page.getByLabel('Show mask').uncheck();
  await expect.poll(pixel).not.toEqual([0, 255, 0]);
  await page.getByLabel('Show mask').check();
  await expect.poll(pixel).toEqual([0, 255, 0]);
});

test('a stroke shows on screen as it is painted; Escape mid-stroke leaves no trace', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.setBrush(30);
  await editor.field('Mask colour').fill('#00ff00');
  await editor.page.getByLabel('Mask opacity').fill('100');
  const pixel = async (x: number, y: number) => {
    const at = await editor.toScreen(x, y);
    const shot = await page.screenshot({ clip: { x: at.x, y: at.y, width: 1, height: 1 } });
    return [...PNG.sync.read(shot).data.subarray(0, 3)];
  };

  // Mid-stroke, the painted part is already drawn over the photo.
  const start = await editor.toScreen(100, 300);
  const end = await editor.toScreen(300, 300);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(end.x, end.y, { steps: 10 });
  await expect.poll(() => pixel(200, 300)).toEqual([0, 255, 0]);
  await page.keyboard.press('Escape');
  await page.mouse.up();
  await expect.poll(() => pixel(200, 300)).not.toEqual([0, 255, 0]);
  expect((await editor.exportMask()).values.every((v) => v === 0)).toBe(true);
  await expect(editor.button('Undo')).toBeDisabled();

  await editor.drag([100, 400], [300, 400]);
  await expect.poll(() => pixel(200, 400)).toEqual([0, 255, 0]);
  await editor.button('Undo').click();
  await expect.poll(() => pixel(200, 400)).not.toEqual([0, 255, 0]);
  await expect(editor.button('Undo')).toBeDisabled();
});
