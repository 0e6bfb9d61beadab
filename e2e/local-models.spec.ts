import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { fakeOrigin } from './fakes/ports';
import { fake, MASK, PHOTO } from './support/cloud';
import { EditorPage, fixture, readMaskFixture } from './support/editorPage';
import { addModelFromUrl, onlyTheApp } from './support/localModels';

const host = fake('modelHost');
const MIGAN_URL = `${fakeOrigin('modelHost')}/migan_pipeline_v2.onnx`;
const LAMA_URL = `${fakeOrigin('modelHost')}/lama_fp32.onnx`;
const ISNET_URL = `${fakeOrigin('modelHost')}/isnet-general-use.onnx`;
const TEST_MODELS = resolve(import.meta.dirname, '../test-models');

/** The colours the tiny models paint their hole with (scripts/models/removers.ts). */
const MIGAN_FILL = [40, 200, 90];

async function chooseLocal(editor: EditorPage) {
  await editor.open();
  await editor.uploadAndWait(PHOTO);
  await editor.importMask(MASK);
  await editor.field('Feather').fill('0');
  await editor.field('Engine').selectOption({ label: 'Local model' });
}

/** Downloads the variation on show: outside the mask byte for byte the photo, inside the model's fill colour. */
async function expectRemoval(page: Page, fill: number[]) {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download', exact: true }).click();
  const saved = PNG.sync.read(readFileSync(await (await download).path()));
  const photo = PNG.sync.read(readFileSync(fixture(PHOTO)));
  const mask = readMaskFixture(MASK);
  let outsideDiffer = 0;
  let insideFilled = 0;
  let inside = 0;
  for (let i = 0; i < mask.values.length; i++) {
    const pixel = [0, 1, 2].map((c) => saved.data[i * 4 + c]);
    if (mask.values[i] === 0 && pixel.some((v, c) => v !== photo.data[i * 4 + c])) outsideDiffer++;
    if (mask.values[i] === 255) {
      inside++;
      if (pixel.every((v, c) => Math.abs(v - fill[c]) <= 12)) insideFilled++;
    }
  }
  expect(outsideDiffer).toBe(0);
  expect(insideFilled / inside).toBeGreaterThan(0.9);
}

test.beforeEach(async () => {
  await host.reset();
});

test.describe.configure({ timeout: 120_000 });

test('add a removal model by URL, watch it download, run it: the hole is filled and the rest stays', async ({ page }, info) => {
  const editor = new EditorPage(page);
  await chooseLocal(editor);
  const backend = page.getByLabel('Backend', { exact: true });
  // Without WebGPU: WASM with threads, which the production build must not break.
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  await expect(backend).toHaveText(info.project.name === 'wasm' ? new RegExp(`^WASM, ${Math.min(8, cores)} threads?: no WebGPU`) : /^WebGPU/);
  await expect(page.getByText('Not ready: MI-GAN is not downloaded.')).toBeVisible();

  // Slow enough to be seen on its way.
  await host.faults([{ on: 'file', bytesPerSecond: 400 }]);
  await addModelFromUrl(page, MIGAN_URL);
  await expect(page.getByRole('progressbar', { name: 'Model download' })).toBeVisible();
  // The first session compiles onnxruntime's wasm: slow on a busy machine.
  await expect(page.getByText(/^Added migan_pipeline_v2 \(MI-GAN-shaped\)/)).toBeVisible({ timeout: 60_000 });
  await expect(editor.field('Model')).toHaveValue(/^url-/);
  await expect(editor.field('Model').locator('option:checked')).toHaveText(/migan_pipeline_v2 · ready/);

  await editor.button('Generate').click();
  await expect(page.getByRole('region', { name: 'Results' }).getByAltText('Variation 1')).toBeVisible({ timeout: 60_000 });
  await expectRemoval(page, MIGAN_FILL);
  await expect(backend).toHaveText(info.project.name === 'wasm' ? /^WASM/ : /^WebGPU/);
});

test('a LaMa-shaped model works on 512 squares through crop-to-mask and paste-back', async ({ page }) => {
  const editor = new EditorPage(page);
  await chooseLocal(editor);
  await addModelFromUrl(page, LAMA_URL);
  await expect(page.getByText(/^Added lama_fp32 \(LaMa-shaped\)/)).toBeVisible({ timeout: 60_000 });
  await editor.button('Generate').click();
  await expect(page.getByRole('region', { name: 'Results' }).getByAltText('Variation 1')).toBeVisible({ timeout: 60_000 });
  await expectRemoval(page, [200, 60, 120]);
});

test('a download cancelled half way resumes where it stopped, is then recognised, and a reload finds the model without downloading it again', async ({ page }) => {
  const editor = new EditorPage(page);
  await chooseLocal(editor);
  await host.faults([{ on: 'file', bytesPerSecond: 60 }]);
  // A model added by URL is taken for a MI-GAN-shaped remover until its inputs are read: this one is not.
  await addModelFromUrl(page, ISNET_URL);
  await expect(page.getByRole('progressbar', { name: 'Model download' })).toBeVisible();
  await expect(page.getByText(/^\d+ bytes of 2 KB/)).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Cancel download' }).click();
  await expect(editor.alert).toContainText('did not finish downloading');
  await expect(page.getByRole('button', { name: 'Download model (resume)' })).toBeVisible();
  await expect(page.getByText('Not ready: isnet-general-use is not downloaded.')).toBeVisible();

  await page.getByRole('button', { name: 'Download model (resume)' }).click();
  await expect(page.getByText(/^Added isnet-general-use \(ISNet-shaped/)).toBeVisible({ timeout: 60_000 });
  const ranges = (await host.seen()).map((s) => (s as { range?: string }).range).filter(Boolean);
  expect(ranges.some((range) => /^bytes=[1-9]\d*-$/.test(range!))).toBe(true);

  const requests = (await host.seen()).length;
  await page.reload();
  await editor.field('Engine').selectOption({ label: 'Local model' });
  await expect(editor.field('Model').locator('option', { hasText: 'isnet-general-use' })).toHaveText(/isnet-general-use · ready/);
  expect((await host.seen()).length).toBe(requests);
});

test('a model whose tab closed while it was being opened is opened after the reload', async ({ page }) => {
  const editor = new EditorPage(page);
  await chooseLocal(editor);
  await addModelFromUrl(page, ISNET_URL);
  await expect(page.getByText(/^Added isnet-general-use \(ISNet-shaped/)).toBeVisible({ timeout: 60_000 });
  // As the add left it had the tab closed before the model was opened: downloaded, taken for a MI-GAN-shaped remover.
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((done, fail) => Object.assign(indexedDB.open('inpaint-studio'), { onsuccess: (e: Event) => done((e.target as IDBOpenDBRequest).result), onerror: fail }));
    const store = () => db.transaction('session', 'readwrite').objectStore('session');
    const models = await new Promise<{ name: string }[]>((done) => Object.assign(store().get('localModels'), { onsuccess: (e: Event) => done((e.target as IDBRequest).result) }));
    const left = models.map((m) => (m.name === 'isnet-general-use' ? { ...m, task: 'remove', kind: 'migan', unrecognised: true } : m));
    await new Promise((done) => Object.assign(store().put(left, 'localModels'), { onsuccess: done }));
    db.close();
  });
  const requests = (await host.seen()).length;
  await page.reload();
  await editor.field('Engine').selectOption({ label: 'Local model' });
  await expect(page.getByText(/^Added isnet-general-use \(ISNet-shaped/)).toBeVisible({ timeout: 60_000 });
  await expect(editor.field('Model').locator('option', { hasText: 'isnet-general-use' })).toHaveText(/isnet-general-use · ready/);
  expect((await host.seen()).length).toBe(requests);
});

test('an HTML page instead of the model is refused and nothing is kept', async ({ page }) => {
  const editor = new EditorPage(page);
  await chooseLocal(editor);
  await host.faults([{ on: 'file', html: true, times: 4 }]);
  await addModelFromUrl(page, MIGAN_URL);
  await expect(editor.alert).toContainText('That model could not be added');
  await expect(editor.alert).toContainText(/web page|HTML/i);
  await page.reload();
  await editor.field('Engine').selectOption({ label: 'Local model' });
  await expect(editor.field('Model').locator('option', { hasText: 'migan_pipeline_v2 · ready' })).toHaveCount(0);
});

test('"Load model from folder" works with no network beyond the app itself', async ({ page, context, baseURL }) => {
  const editor = new EditorPage(page);
  await chooseLocal(editor);
  const elsewhere = await onlyTheApp(context, baseURL!);
  // A folder holding the one model, as a user would pick it.
  const folder = mkdtempSync(resolve(tmpdir(), 'model-folder-'));
  copyFileSync(resolve(TEST_MODELS, 'migan_pipeline_v2.onnx'), resolve(folder, 'migan_pipeline_v2.onnx'));
  await page.getByLabel('Load model from folder').setInputFiles(folder);
  await expect(page.getByText('Loaded migan_pipeline_v2 from disk.')).toBeVisible({ timeout: 60_000 });
  await editor.button('Generate').click();
  await expect(page.getByRole('region', { name: 'Results' }).getByAltText('Variation 1')).toBeVisible({ timeout: 60_000 });
  await expectRemoval(page, MIGAN_FILL);
  expect(elsewhere).toEqual([]);
});

test('a download that does not match the hash pinned by the first one is refused and not kept; the right bytes then are', async ({ page }) => {
  const editor = new EditorPage(page);
  await chooseLocal(editor);
  await addModelFromUrl(page, MIGAN_URL);
  await expect(page.getByText(/^Added migan_pipeline_v2 \(MI-GAN-shaped\)/)).toBeVisible({ timeout: 60_000 });
  // The model's file goes (a cleared cache); the hash its first download pinned stays with the model.
  await page.evaluate(async () => {
    const models = await (await navigator.storage.getDirectory()).getDirectoryHandle('models');
    for await (const name of (models as unknown as { keys(): AsyncIterable<string> }).keys()) await models.removeEntry(name);
  });
  await page.reload();
  await editor.field('Engine').selectOption({ label: 'Local model' });
  const option = editor.field('Model').locator('option', { hasText: 'migan_pipeline_v2' });
  await expect(option).toHaveText(/migan_pipeline_v2 · not downloaded/);

  await host.faults([{ on: 'file', corrupt: true }]);
  await page.getByRole('button', { name: 'Download model', exact: true }).click();
  await expect(editor.alert).toContainText('migan_pipeline_v2 is damaged or not the expected file');
  await page.reload();
  await editor.field('Engine').selectOption({ label: 'Local model' });
  await expect(option).toHaveText(/migan_pipeline_v2 · not downloaded/);
  await expect(page.getByRole('button', { name: 'Download model', exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Download model', exact: true }).click();
  await expect(option).toHaveText(/migan_pipeline_v2 · ready/, { timeout: 30_000 });
});
