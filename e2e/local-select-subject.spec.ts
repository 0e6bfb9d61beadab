import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { expect, test, type Route } from '@playwright/test';
import { fakeOrigin } from './fakes/ports';
import { fake } from './support/cloud';
import { EditorPage, maskAt, type Pixels } from './support/editorPage';
import { pngOfSize } from './support/imageFiles';
import { addModelFromUrl } from './support/localModels';

const host = fake('modelHost');
const ISNET_URL = `${fakeOrigin('modelHost')}/isnet-general-use.onnx`;
const TEST_MODELS = resolve(import.meta.dirname, '../test-models');

/** A 96 x 64 product shot: a bright subject (x 32..79, y 16..47) on a dark ground; the tiny models call bright the subject. */
const SUBJECT = { x0: 32, x1: 80, y0: 16, y1: 48 };
const inSubject = (x: number, y: number) => x >= SUBJECT.x0 && x < SUBJECT.x1 && y >= SUBJECT.y0 && y < SUBJECT.y1;
const PHOTO = pngOfSize(96, 64, (x, y) => (inSubject(x, y) ? [240, 220, 200, 255] : [40, 70, 60, 255]), 'product.png');
/** How far from the subject's edge a pixel is (negative outside). */
const depth = (x: number, y: number) => {
  const inside = Math.min(x - SUBJECT.x0, SUBJECT.x1 - 1 - x, y - SUBJECT.y0, SUBJECT.y1 - 1 - y);
  return inside >= 0 ? inside : -Math.max(SUBJECT.x0 - x, x - SUBJECT.x1 + 1, SUBJECT.y0 - y, y - SUBJECT.y1 + 1);
};

/** Pixels where `expected` (null: anything goes) is not the mask's value, listed. */
function mismatches(mask: Pixels, expected: (x: number, y: number, value: number) => number | null) {
  const wrong: string[] = [];
  for (let y = 0; y < mask.height; y++) {
    for (let x = 0; x < mask.width; x++) {
      const want = expected(x, y, maskAt(mask, x, y));
      if (want !== null && maskAt(mask, x, y) !== want) wrong.push(`${x},${y}: ${maskAt(mask, x, y)} not ${want}`);
    }
  }
  return wrong.slice(0, 10);
}

/** Waits until the mask (exported as the user would) is as expected, the selection having run; the mask then. */
async function expectMask(editor: EditorPage, expected: Parameters<typeof mismatches>[1]) {
  await expect.poll(async () => mismatches(await editor.exportMask(), expected), { timeout: 60_000 }).toEqual([]);
  return editor.exportMask();
}

/** The subject, exact two pixels away from its edge. */
const subjectExpected = (x: number, y: number) => (Math.abs(depth(x, y) + 0.5) < 2 ? null : inSubject(x, y) ? 255 : 0);

async function openPhoto(editor: EditorPage) {
  await editor.open();
  await editor.upload(PHOTO);
  await expect(editor.imageSize()).toHaveText('96 × 64');
  await editor.waitForView();
  await editor.field('Feather').fill('0');
  await editor.field('Engine').selectOption({ label: 'Local model' });
}

/** A mask to start from: a rectangle over the photo's top left, part ground and part subject. */
async function paintRectangle(editor: EditorPage) {
  await editor.button('Rectangle').click();
  await editor.drag([-4, -4], [56, 36]);
  return editor.exportMask();
}

test.beforeEach(async () => {
  await host.reset();
});

test.describe.configure({ timeout: 120_000 });

test('Select subject masks the subject in one undoable step; Select background gives the grown inverse; Subtract and Alt+click take them out', async ({ page }) => {
  const editor = new EditorPage(page);
  await openPhoto(editor);
  await addModelFromUrl(page, ISNET_URL);
  // The first session compiles onnxruntime's wasm: slow on a busy machine.
  await expect(page.getByText(/^Added isnet-general-use \(ISNet-shaped, used by Select subject\)/)).toBeVisible({ timeout: 60_000 });
  // The engine keeps the model it runs.
  await expect(editor.field('Model')).toHaveValue('migan');

  const before = await paintRectangle(editor);
  expect(maskAt(before, 10, 10)).toBe(255);
  expect(maskAt(before, 70, 50)).toBe(0);

  await editor.button('Select subject').click();
  let mask = await expectMask(editor, subjectExpected);
  expect([mask.width, mask.height]).toEqual([96, 64]);

  await editor.button('Undo').click();
  mask = await editor.exportMask();
  expect(Array.from(mask.values)).toEqual(Array.from(before.values));

  // The background: all of the ground, a few pixels into the subject's edge, none of its middle.
  await editor.button('Select background').click();
  mask = await expectMask(editor, (x, y) => (depth(x, y) < 0 ? 255 : depth(x, y) >= 10 ? 0 : null));
  expect(maskAt(mask, SUBJECT.x0 + 1, 32)).toBeGreaterThan(200);
  expect(maskAt(mask, SUBJECT.x0 + 3, 32)).toBeGreaterThan(128);
  await editor.button('Undo').click();

  // Subtract: the rectangle less the subject.
  await page.getByLabel('Subtract', { exact: true }).check();
  await editor.button('Select subject').click();
  mask = await expectMask(editor, (x, y) => (Math.abs(depth(x, y) + 0.5) < 2 ? null : inSubject(x, y) ? 0 : maskAt(before, x, y)));
  expect(maskAt(mask, 10, 10)).toBe(255);
  await page.getByLabel('Subtract', { exact: true }).uncheck();
  await editor.button('Undo').click();

  // Alt+click subtracts too: the rectangle less the background leaves the subject's part of it, well inside.
  await editor.button('Select background').click({ modifiers: ['Alt'] });
  mask = await expectMask(editor, (x, y) => (depth(x, y) < 0 ? 0 : depth(x, y) >= 10 ? maskAt(before, x, y) : null));
  expect(maskAt(mask, 45, 28)).toBe(255);
});

test('a U-2-Netp-shaped model loaded from a folder is recognised; with two ready, "Subject model" chooses the one that runs', async ({ page }) => {
  const editor = new EditorPage(page);
  await openPhoto(editor);
  await addModelFromUrl(page, ISNET_URL);
  await expect(page.getByText(/^Added isnet-general-use \(ISNet-shaped/)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByLabel('Subject model')).toHaveCount(0);

  const folder = mkdtempSync(resolve(tmpdir(), 'subject-model-'));
  copyFileSync(resolve(TEST_MODELS, 'u2netp.onnx'), resolve(folder, 'u2netp.onnx'));
  await page.getByLabel('Load model from folder').setInputFiles(folder);
  await expect(page.getByText('Loaded u2netp from disk, used by Select subject.')).toBeVisible({ timeout: 60_000 });
  const choice = page.getByLabel('Subject model');
  await expect(choice.locator('option:checked')).toHaveText('u2netp');
  await expect(choice.locator('option')).toHaveText(['isnet-general-use', 'u2netp']);

  await editor.button('Select subject').click();
  await expectMask(editor, subjectExpected);
  // Only the ISNet file came over the network, once: U-2-Netp ran from disk.
  expect([...new Set((await host.seen()).map((s) => s.path))]).toEqual(['/isnet-general-use.onnx']);

  await choice.selectOption({ label: 'isnet-general-use' });
  await editor.button('Select background').click();
  await expectMask(editor, (x, y) => (depth(x, y) < 0 ? 255 : depth(x, y) >= 10 ? 0 : null));
  await page.reload();
  await expect(page.getByLabel('Subject model').locator('option:checked')).toHaveText('isnet-general-use');
});

test('with no subject model, the first use downloads the catalog ISNet with progress; Cancel, or a failed download, leaves the mask as it was', async ({ page }) => {
  const editor = new EditorPage(page);
  await openPhoto(editor);
  await expect(page.getByText(/The first use downloads ISNet general-use \(179 MB\)/)).toBeVisible();
  const asked: string[] = [];
  const held: Route[] = [];
  await page.route(/^https:\/\/(huggingface\.co|hf-mirror\.com)\//, (route) => {
    asked.push(route.request().url());
    held.push(route);
  });
  const before = await paintRectangle(editor);

  await editor.button('Select subject').click();
  await expect(page.getByRole('progressbar', { name: 'Select subject progress' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /Downloading ISNet general-use/ })).toBeVisible();
  await expect.poll(() => asked).toEqual(['https://huggingface.co/tomjackson2023/rembg/resolve/main/isnet-general-use.onnx']);
  // The editor stays usable meanwhile.
  await expect(editor.button('Invert mask')).toBeEnabled();
  await page.getByRole('button', { name: 'Cancel Select subject' }).click();
  await expect(page.getByText('Select subject was cancelled; the mask is unchanged.')).toBeVisible();
  await expect(editor.button('Select subject')).toBeEnabled();
  for (const route of held.splice(0)) await route.abort().catch(() => undefined);

  await page.unroute(/^https:\/\/(huggingface\.co|hf-mirror\.com)\//);
  await page.route(/^https:\/\/(huggingface\.co|hf-mirror\.com)\//, (route) => route.fulfill({ status: 404, body: 'Not found' }));
  await editor.button('Select subject').click();
  await expect(editor.alert).toContainText('Select subject failed: ISNet general-use could not be downloaded');
  await expect(editor.alert).toContainText('The mask is unchanged.');
  const after = await editor.exportMask();
  expect(Array.from(after.values)).toEqual(Array.from(before.values));
});
