import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { fakeOrigin } from './fakes/ports';
import { fake, MASK, PHOTO } from './support/cloud';
import { EditorPage, fixture, readMaskFixture } from './support/editorPage';
import { addModelFromUrl } from './support/localModels';

const host = fake('modelHost');
const FOLDER_URL = `${fakeOrigin('modelHost')}/sd-inpaint`;
const results = (page: Page) => page.getByRole('region', { name: 'Results' });

test.describe.configure({ timeout: 180_000 });

async function ready(editor: EditorPage) {
  const { page } = editor;
  await editor.open();
  await editor.uploadAndWait(PHOTO);
  await editor.importMask(MASK);
  await editor.field('Feather').fill('0');
  await editor.field('Engine').selectOption({ label: 'Local model' });
  await addModelFromUrl(page, FOLDER_URL);
  await expect(editor.field('Model').locator('option:checked')).toHaveText(/tiny-stable-diffusion-inpainting · ready/, { timeout: 90_000 });
  await editor.field('Prompt').fill('a red door');
  await page.getByLabel('Random seed').uncheck();
  await editor.field('Seed').fill('11');
}

/** Generates with the settings on screen; returns the downloaded PNG of variation `n`. */
async function generate(page: Page, variations = 1) {
  await page.getByLabel('Variations', { exact: true }).fill(String(variations));
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect(page.getByRole('list', { name: 'Job queue' })).toHaveCount(0, { timeout: 120_000 });
  await expect(results(page).getByAltText(`Variation ${variations}`)).toBeVisible();
}

async function download(page: Page, n: number) {
  await results(page).getByAltText(`Variation ${n}`).click();
  const saved = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download', exact: true }).click();
  return readFileSync(await (await saved).path());
}

/** Records every progress line the job queue shows, to see the steps go by however fast they are. */
async function recordProgress(page: Page) {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    new MutationObserver(() => {
      for (const el of document.querySelectorAll('[aria-label="Job queue"] [role="status"]')) seen.push(el.textContent ?? '');
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
}

test('a tiny Stable Diffusion folder inpaints: two variations, the rest of the photo untouched, the same seed the same bytes', async ({ page }) => {
  const editor = new EditorPage(page);
  await ready(editor);
  await generate(page, 2);
  await expect(results(page)).toContainText('seed 11');
  await expect(results(page)).toContainText('seed 12');
  const first = await download(page, 1);

  const photo = PNG.sync.read(readFileSync(fixture(PHOTO)));
  const saved = PNG.sync.read(first);
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

  // The same seed and parameters again: byte for byte the same.
  await generate(page, 1);
  expect(Buffer.compare(await download(page, 1), first)).toBe(0);
});

test('strength 0.3 runs 30% of the steps, shown in the progress', async ({ page }) => {
  const editor = new EditorPage(page);
  await ready(editor);
  await editor.field('Steps').fill('10');
  await editor.field('Strength').fill('0.3');
  const seen = await recordProgress(page);
  await generate(page, 1);
  const lines = (await seen()).join('\n');
  expect(lines).toMatch(/step [1-3] of 3/);
  expect(lines).not.toMatch(/of 10/);
});

test('another seed, the negative prompt and the guidance each change the result', async ({ page }) => {
  const editor = new EditorPage(page);
  await ready(editor);
  // DDIM in two steps keeps some of its start noise, so the seed shows in the tiny model's answer.
  await editor.field('Scheduler').selectOption('ddim');
  await editor.field('Steps').fill('2');
  await generate(page, 1);
  const base = await download(page, 1);
  await editor.field('Seed').fill('99');
  await generate(page, 1);
  expect(Buffer.compare(await download(page, 1), base)).not.toBe(0);
  await editor.field('Seed').fill('11');
  await editor.field('Negative prompt').fill('blue');
  await generate(page, 1);
  const negative = await download(page, 1);
  expect(Buffer.compare(negative, base)).not.toBe(0);
  await editor.field('Guidance scale').fill('1');
  await generate(page, 1);
  expect(Buffer.compare(await download(page, 1), negative)).not.toBe(0);
});

test('Cancel stops a run between steps', async ({ page }) => {
  const editor = new EditorPage(page);
  await ready(editor);
  await editor.field('Steps').fill('100');
  await editor.field('Scheduler').selectOption('euler');
  // The tiny model's 100 steps take well under a second: Cancel is pressed in the page as soon
  // as the progress shows a step, not after a round trip from the test.
  await page.evaluate(() => {
    new MutationObserver((_, observer) => {
      const queue = document.querySelector('ul[aria-label="Job queue"]');
      const cancel = [...(queue?.querySelectorAll('button') ?? [])].find((b) => b.textContent?.trim() === 'Cancel');
      if (!cancel || !/step \d+ of 100/.test(queue?.textContent ?? '')) return;
      observer.disconnect();
      cancel.click();
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  const queue = page.getByRole('list', { name: 'Job queue' });
  await expect(queue).toHaveCount(0, { timeout: 90_000 });
  await expect(page.getByText('Cancelled: no variation had finished.')).toBeVisible();
  await host.reset();
});

test('an fp16 UNet that overflows is retried with the folder fp32 UNet; the fp16 model runs where shader-f16 is', async ({ page }, info) => {
  const editor = new EditorPage(page);
  await editor.open();
  await editor.uploadAndWait(PHOTO);
  await editor.importMask(MASK);
  await editor.field('Engine').selectOption({ label: 'Local model' });
  await addModelFromUrl(page, `${fakeOrigin('modelHost')}/sd-inpaint-fp16-overflow`);
  await expect(editor.field('Model').locator('option:checked')).toHaveText(/tiny-stable-diffusion-inpainting-fp16-overflow · ready/, { timeout: 90_000 });
  await editor.field('Prompt').fill('a red door');
  await editor.field('Steps').fill('2');
  await generate(page, 1);
  await expect(page.getByRole('alert')).toHaveCount(0);
  const f16 = await page.evaluate(async () => {
    const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<{ features: Set<string> } | null> } }).gpu;
    return Boolean((await gpu?.requestAdapter())?.features.has('shader-f16'));
  });
  const expected = info.project.name === 'wasm' ? /^WASM, \d threads?: no WebGPU/ : f16 ? /^WebGPU/ : /^WASM, \d threads?: fp16 model needs shader-f16$/;
  await expect(page.getByLabel('Backend', { exact: true })).toHaveText(expected);
});
