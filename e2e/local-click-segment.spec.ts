import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { PNG } from 'pngjs';
import { fakeOrigin } from './fakes/ports';
import { fake, PHOTO } from './support/cloud';
import { EditorPage, type Pixels } from './support/editorPage';
import { addModelFromUrl, onlyTheApp } from './support/localModels';

/**
 * Click to segment with the tiny MobileSAM-shaped pair (scripts/models/segmentation.ts): its
 * decoder answers a disc of radius 0.15 x the photo's longest side around each positive click,
 * minus one around each negative click. The photo is 512 x 512: R = 76.8 px.
 */
const host = fake('modelHost');
const ORIGIN = fakeOrigin('modelHost');
const TEST_MODELS = resolve(import.meta.dirname, '../test-models');
const RADIUS = 0.15 * 512;

type Click = { x: number; y: number; positive: boolean };

/** Mask pixels that disagree with the discs, leaving out a band of 2.5 px about each circle where interpolation decides. */
function wrongPixels(mask: Pixels, clicks: Click[]) {
  let wrong = 0;
  for (let y = 0; y < mask.height; y++) {
    for (let x = 0; x < mask.width; x++) {
      const d = clicks.map((c) => Math.hypot(x + 0.5 - c.x, y + 0.5 - c.y));
      if (d.some((v) => Math.abs(v - RADIUS) < 2.5)) continue;
      const inside = clicks.some((c, i) => c.positive && d[i] < RADIUS) && !clicks.some((c, i) => !c.positive && d[i] < RADIUS);
      if ((mask.values[y * mask.width + x] === 255) !== inside) wrong++;
    }
  }
  return wrong;
}

const covered = (mask: Pixels) => mask.values.filter((v) => v === 255).length;

/** How many screen pixels within 4 px of an image position pass `test` (r, g, b). */
async function screenPixels(editor: EditorPage, { x, y }: { x: number; y: number }, test: (r: number, g: number, b: number) => boolean) {
  const at = await editor.toScreen(x, y);
  const { data } = PNG.sync.read(await editor.page.screenshot({ clip: { x: at.x - 4, y: at.y - 4, width: 8, height: 8 } }));
  let count = 0;
  for (let i = 0; i < data.length; i += 4) if (test(data[i], data[i + 1], data[i + 2])) count++;
  return count;
}
const white = (r: number, g: number, b: number) => Math.min(r, g, b) >= 235;
const green = (r: number, g: number, b: number) => g > 150 && r < 90 && b < 140;

async function openPhoto(editor: EditorPage) {
  await editor.open();
  await editor.uploadAndWait(PHOTO);
  await editor.field('Feather').fill('0');
  await editor.field('Engine').selectOption({ label: 'Local model' });
}

/** Clicks the photo at an image position: left, Alt-left or right. */
async function click(editor: EditorPage, { x, y }: { x: number; y: number }, how: 'left' | 'alt' | 'right' = 'left') {
  const at = await editor.toScreen(x, y);
  if (how === 'alt') await editor.page.keyboard.down('Alt');
  await editor.page.mouse.click(at.x, at.y, { button: how === 'right' ? 'right' : 'left' });
  if (how === 'alt') await editor.page.keyboard.up('Alt');
}

test.beforeEach(async () => {
  await host.reset();
});

test.describe.configure({ timeout: 120_000 });

test('a folder URL holding the pair is recognised; a positive and a negative click give the disc minus the disc, and Apply is one undo step', async ({ page }) => {
  const editor = new EditorPage(page);
  await openPhoto(editor);
  await addModelFromUrl(page, `${ORIGIN}/`);
  await expect(page.getByText(/^Added MobileSAM \(127\.0\.0\.1:\d+\) \(MobileSAM-shaped, used by Click to segment\)/)).toBeVisible({ timeout: 60_000 });
  // The pair is Click to segment's; the engine keeps a model that removes or inpaints.
  await expect(page.getByLabel('Model', { exact: true }).locator('option:checked')).not.toHaveText(/MobileSAM/);

  await editor.button('Click to segment').click();
  await expect(editor.button('Click to segment')).toHaveAttribute('aria-pressed', 'true');
  const panel = page.getByRole('region', { name: 'Click to segment' });
  await expect(panel.getByLabel('Segmentation model').locator('option:checked')).toHaveText(/^MobileSAM \(127\.0\.0\.1:\d+\) · ready/);
  const proposal = panel.getByLabel('Proposal');
  await expect(proposal).toHaveText('Click an object to select it.');

  const positive = { x: 200, y: 256, positive: true };
  const negative = { x: 290, y: 256, positive: false };
  await click(editor, positive);
  // pi R^2 / 512^2 = 7.1% of the photo.
  await expect(proposal).toHaveText(/^1 point · 7\.\d% of the photo$/, { timeout: 30_000 });
  await click(editor, negative, 'alt');
  await expect(proposal).toHaveText(/^2 points · [4-6]\.\d% of the photo$/);
  await expect(editor.button('Undo')).toBeEnabled();

  await panel.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(proposal).toHaveText('Click an object to select it.');
  const mask = await editor.exportMask();
  expect(covered(mask)).toBeGreaterThan(10_000);
  expect(wrongPixels(mask, [positive, negative])).toBe(0);

  // One undo step takes the whole proposal back.
  await page.keyboard.press('Control+z');
  expect(covered(await editor.exportMask())).toBe(0);
});

test('clicks are taken back one by one, Esc drops the proposal, Enter applies and Alt+Enter subtracts', async ({ page }) => {
  const editor = new EditorPage(page);
  await openPhoto(editor);
  await addModelFromUrl(page, `${ORIGIN}/sam_mask_decoder_single.onnx`);
  await expect(page.getByText(/\(MobileSAM-shaped, used by Click to segment\)/)).toBeVisible({ timeout: 60_000 });
  await page.keyboard.press('s');
  await expect(editor.button('Click to segment')).toHaveAttribute('aria-pressed', 'true');
  const proposal = page.getByRole('region', { name: 'Click to segment' }).getByLabel('Proposal');

  const first = { x: 150, y: 150, positive: true };
  await click(editor, first);
  await expect(proposal).toHaveText(/^1 point · \d/, { timeout: 30_000 });
  const alone = await proposal.textContent();
  await click(editor, { x: 200, y: 150 }, 'right');
  await expect(proposal).toHaveText(/^2 points · \d/);
  expect(await proposal.textContent()).not.toBe(alone?.replace('1 point', '2 points'));
  // Ctrl+Z takes back the negative click: the first proposal again, the mask untouched.
  await page.keyboard.press('Control+z');
  await expect(proposal).toHaveText(alone!);
  await page.keyboard.press('Enter');
  const disc = await editor.exportMask();
  expect(wrongPixels(disc, [first])).toBe(0);

  // Esc drops a proposal: nothing reaches the mask. On show meanwhile: a green marker at the
  // click and the outline (white) at the top of its circle.
  const third = { x: 380, y: 380 };
  const rim = { x: 380, y: 380 - RADIUS };
  const before = [await screenPixels(editor, third, green), await screenPixels(editor, rim, white)];
  await click(editor, third);
  await expect(proposal).toHaveText(/^1 point · \d/);
  await expect.poll(() => screenPixels(editor, third, green)).toBeGreaterThan(before[0] + 8);
  await expect.poll(() => screenPixels(editor, rim, white)).toBeGreaterThan(before[1] + 2);
  await page.keyboard.press('Escape');
  await expect(proposal).toHaveText('Click an object to select it.');
  await expect.poll(async () => [await screenPixels(editor, third, green), await screenPixels(editor, rim, white)]).toEqual(before);
  await page.keyboard.press('Enter');
  expect(wrongPixels(await editor.exportMask(), [first])).toBe(0);

  // Alt+Enter takes the proposal out of the mask, as one undo step.
  const second = { x: 200, y: 150, positive: true };
  await click(editor, second);
  await expect(proposal).toHaveText(/^1 point · \d/);
  await page.keyboard.press('Alt+Enter');
  expect(wrongPixels(await editor.exportMask(), [first, { ...second, positive: false }])).toBe(0);
  await page.keyboard.press('Control+z');
  expect(wrongPixels(await editor.exportMask(), [first])).toBe(0);
});

test('"Load model from folder" recognises the pair by its inputs and outputs, with no network', async ({ page, context, baseURL }) => {
  const editor = new EditorPage(page);
  await openPhoto(editor);
  const elsewhere = await onlyTheApp(context, baseURL!);
  const folder = mkdtempSync(resolve(tmpdir(), 'mobilesam-'));
  for (const name of ['mobile_sam_image_encoder.onnx', 'sam_mask_decoder_single.onnx']) copyFileSync(resolve(TEST_MODELS, name), resolve(folder, name));
  await page.getByLabel('Load model from folder').setInputFiles(folder);
  await expect(page.getByText(/^Loaded mobilesam-\w+ from disk, used by Click to segment\.$/)).toBeVisible({ timeout: 60_000 });

  await editor.button('Click to segment').click();
  const panel = page.getByRole('region', { name: 'Click to segment' });
  await expect(panel.getByLabel('Segmentation model').locator('option:checked')).toHaveText(/^mobilesam-\w+ · ready/);
  const positive = { x: 256, y: 256, positive: true };
  await click(editor, positive);
  await expect(panel.getByLabel('Proposal')).toHaveText(/^1 point · 7\.\d% of the photo$/, { timeout: 30_000 });
  await panel.getByRole('button', { name: 'Apply', exact: true }).click();
  expect(wrongPixels(await editor.exportMask(), [positive])).toBe(0);
  expect(elsewhere).toEqual([]);
});

test('first use downloads the model with its progress and cancel, and the download resumes', async ({ page }) => {
  const editor = new EditorPage(page);
  await openPhoto(editor);
  // The encoder trickles in: slow enough to be seen and cancelled.
  await host.faults([{ on: '/mobile_sam_image_encoder.onnx', bytesPerSecond: 300, times: 20 }]);
  await addModelFromUrl(page, `${ORIGIN}/`);
  await expect(page.getByRole('progressbar', { name: 'Model download' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel download' }).click();
  await expect(editor.alert).toContainText('did not finish downloading');

  await editor.button('Click to segment').click();
  const panel = page.getByRole('region', { name: 'Click to segment' });
  const select = panel.getByLabel('Segmentation model');
  await select.selectOption((await select.locator('option', { hasText: '127.0.0.1' }).getAttribute('value'))!);
  await expect(select.locator('option:checked')).toHaveText(/not downloaded/);
  const proposal = panel.getByLabel('Proposal');
  await click(editor, { x: 200, y: 200 });
  await expect(panel.getByRole('progressbar', { name: 'Segmentation model download' })).toBeVisible();
  await expect(proposal).toHaveText('1 point · waiting for the model');
  // The editor stays usable meanwhile: another click is taken.
  await click(editor, { x: 300, y: 300 });
  await expect(proposal).toHaveText('2 points · waiting for the model');
  // Past the first 512 bytes, which are held until they prove not to be a web page.
  await expect(panel.getByText(/^Downloading .*: ([6-9]\d\d bytes|\d+ KB) of/)).toBeVisible({ timeout: 20_000 });
  await panel.getByRole('button', { name: 'Cancel download' }).click();
  await expect(page.getByText(/was not downloaded: the next click downloads it again/)).toBeVisible();
  await expect(panel.getByRole('progressbar', { name: 'Segmentation model download' })).toHaveCount(0);

  await host.reset();
  await click(editor, { x: 100, y: 400 });
  // Three discs, each pi R^2: 3 x 7.1% less their overlaps.
  await expect(proposal).toHaveText(/^3 points · \d+\.\d% of the photo$/, { timeout: 30_000 });
  await expect(select.locator('option:checked')).toHaveText(/ready/);
  // What came before the cancel was kept: the rest was asked for with a Range.
  const ranges = (await host.seen()).map((s) => (s as { range?: string }).range).filter(Boolean);
  expect(ranges.some((range) => /^bytes=[1-9]\d*-$/.test(range!))).toBe(true);
});

test('a folder URL without a model is refused with a clear message', async ({ page }) => {
  const editor = new EditorPage(page);
  await openPhoto(editor);
  await addModelFromUrl(page, `${ORIGIN}/nothing-here/`);
  await expect(editor.alert).toContainText('That model could not be added');
  await expect(editor.alert).toContainText('MobileSAM pair');
});
