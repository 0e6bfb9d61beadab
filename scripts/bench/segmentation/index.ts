import { resolve } from 'node:path';
import { chromium, expect, type Browser, type Page } from '@playwright/test';
import { startModelHost } from '../../../e2e/fakes/modelHost';
import { EditorPage } from '../../../e2e/support/editorPage';
import { writeTestModels } from '../../models/index';
import { findChromium } from '../../chromium.mjs';
import { median } from '../stats';
import { clearPageMeasures, localEditor, pageMeasures, runOn, workerMeasures, type Measure } from '../local/inApp';
import { batchThroughput, type BatchFigures } from './batch';
import { addModelFromUrl } from '../../../e2e/support/localModels';

const RUNS = 5;

export interface SegmentationFigures {
  subject: { backend: string; selectMs: number; runMs: number; overhead: number }[];
  clicks: { backend: string; embeddingMs: number; encoderMs: number; clickMs: number; decoderMs: number; overhead: number }[];
  batch: BatchFigures;
}

const durations = (measures: Measure[] | undefined, detail?: string) => (measures ?? []).filter((m) => detail === undefined || m.detail === detail).map((m) => m.duration);
const total = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** Waits until the page has recorded `count` measures named `name`. */
async function measured(page: Page, name: string, count: number) {
  await expect.poll(async () => (await pageMeasures(page, name)).length, { timeout: 120_000 }).toBeGreaterThanOrEqual(count);
}

async function addByUrl(page: Page, url: string, added: RegExp) {
  await addModelFromUrl(page, url);
  await expect(page.getByText(added)).toBeVisible({ timeout: 120_000 });
}

/** Select subject, one warm-up then RUNS times: the whole call against the model's session.run. */
async function selectSubject(page: Page, backend: string) {
  const editor = new EditorPage(page);
  await editor.button('Select subject').click();
  await measured(page, 'select subject', 1);
  await workerMeasures(page);
  await clearPageMeasures(page);
  for (let i = 1; i <= RUNS; i++) {
    await editor.button('Select subject').click();
    await measured(page, 'select subject', i);
  }
  const select = durations(await pageMeasures(page, 'select subject'));
  const runs = durations((await workerMeasures(page))['session.run'], 'single-file model');
  return { backend, selectMs: median(select), runMs: median(runs), overhead: total(select) / total(runs) - 1 };
}

/** Click to segment: the embedding of a newly opened photo, then clicks answered by the decoder alone. */
async function clickToSegment(page: Page, backend: string) {
  const editor = new EditorPage(page);
  if ((await editor.button('Click to segment').getAttribute('aria-pressed')) !== 'true') await editor.button('Click to segment').click();
  // A photo the worker has not seen: its embedding is made as soon as it is on show.
  await clearPageMeasures(page);
  await editor.upload({ name: `photo-${backend}.png`, mimeType: 'image/png', buffer: await photoBytes(page, backend === 'wasm' ? 1 : 2) });
  await measured(page, 'sam embedding', 1);
  const encoder = durations((await workerMeasures(page))['session.run'], 'sam encoder');
  const embedding = durations(await pageMeasures(page, 'sam embedding'));
  await clearPageMeasures(page);
  for (let i = 1; i <= RUNS; i++) {
    const at = await editor.toScreen(120 + 40 * i, 200 + 10 * i);
    await page.mouse.click(at.x, at.y);
    await measured(page, 'sam click', i);
  }
  const clicks = durations(await pageMeasures(page, 'sam click'));
  const decoder = durations((await workerMeasures(page))['session.run'], 'sam decoder');
  await page.keyboard.press('Escape');
  return { backend, embeddingMs: embedding.at(-1)!, encoderMs: encoder.at(-1)!, clickMs: median(clicks), decoderMs: median(decoder), overhead: total(clicks) / total(decoder) - 1 };
}

/** A 640x480 PNG made in the page, a different one per seed. */
async function photoBytes(page: Page, seed: number): Promise<Buffer> {
  const bytes = await page.evaluate(async (seed) => {
    const canvas = new OffscreenCanvas(640, 480);
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#283040';
    ctx.fillRect(0, 0, 640, 480);
    ctx.fillStyle = '#f0e8d8';
    ctx.fillRect(160 + seed * 10, 120, 280, 240);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    return Array.from(new Uint8Array(await blob.arrayBuffer()));
  }, seed);
  return Buffer.from(bytes);
}

/**
 * Select subject and Click to segment on the tiny models (issue "Masks in one click"), on WASM
 * and on WebGPU (SwiftShader here), and a batch against the same photos one at a time.
 */
export async function segmentationBenchmark(appUrl: string, dist: string): Promise<SegmentationFigures> {
  const models = resolve(import.meta.dirname, '../../../test-models');
  writeTestModels(models);
  const host = await startModelHost({ folder: models });
  const browser: Browser = await chromium.launch({
    executablePath: findChromium(),
    args: ['--no-sandbox', '--enable-unsafe-webgpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const { page, close } = await localEditor(browser, appUrl);
    const subject: SegmentationFigures['subject'] = [];
    const clicks: SegmentationFigures['clicks'] = [];
    try {
      await runOn(page, 'wasm');
      await addByUrl(page, `${host.origin}/isnet-general-use.onnx`, /^Added isnet-general-use/);
      await addByUrl(page, `${host.origin}/mobile_sam_image_encoder.onnx`, /^Added MobileSAM/);
      for (const backend of ['wasm', 'webgpu'] as const) {
        await runOn(page, backend);
        subject.push(await selectSubject(page, backend));
        clicks.push(await clickToSegment(page, backend));
      }
    } finally {
      await close();
    }
    const batch = await batchThroughput(browser, dist, host.origin);
    return { subject, clicks, batch };
  } finally {
    await browser.close();
    await host.close();
  }
}
