import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, type Browser, type Page } from '@playwright/test';
import { findChromium } from '../../chromium.mjs';
import { EditorPage } from '../../../e2e/support/editorPage';
import { MASK, PHOTO } from '../../../e2e/support/cloud';
import { addModelFromUrl } from '../../../e2e/support/localModels';

export interface Measure {
  duration: number;
  detail: unknown;
}

/** The editor with the 512x512 photo and its mask, on the local engine. */
export async function localEditor(browser: Browser, url: string): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ baseURL: url, viewport: { width: 1400, height: 900 } });
  await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  const page = await context.newPage();
  const editor = new EditorPage(page);
  await editor.open();
  await editor.uploadAndWait(PHOTO);
  await editor.importMask(MASK);
  await editor.field('Feather').fill('0');
  await editor.field('Engine').selectOption({ label: 'Local model' });
  return { page, close: () => context.close() };
}

/**
 * Seconds to download, check and store a model added by URL, in a browser profile on disk as
 * users have: a fresh context is off the record, and its in-memory file system grows a file by
 * copying it (writes were 2.5 s of a 4.4 s download there, 0.15 s on disk).
 */
export async function downloadSeconds(appUrl: string, modelUrl: string, name: RegExp): Promise<number> {
  const profile = mkdtempSync(join(tmpdir(), 'bench-profile-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: findChromium(), args: ['--no-sandbox'], baseURL: appUrl });
  try {
    await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    const page = await context.newPage();
    const editor = new EditorPage(page);
    await editor.open();
    await editor.field('Engine').selectOption({ label: 'Local model' });
    await runOn(page, 'wasm');
    await addModelByUrl(page, modelUrl, name);
    return (await pageMeasures(page, 'model download')).at(-1)!.duration / 1000;
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

export async function addModelByUrl(page: Page, url: string, name: RegExp) {
  await addModelFromUrl(page, url);
  await expect(page.getByLabel('Model', { exact: true }).locator('option:checked')).toHaveText(name, { timeout: 300_000 });
}

export async function runOn(page: Page, backend: 'wasm' | 'webgpu') {
  await page.getByLabel('Run on').selectOption(backend);
}

/** Generate, until the local engine has measured the job and the job queue is empty again. */
export async function generate(page: Page) {
  const jobs = async () => (await pageMeasures(page, 'local engine job')).length;
  const before = await jobs();
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  // The queue may not show the job yet when the click returns: wait for the job's own measure.
  await expect.poll(jobs, { timeout: 300_000 }).toBeGreaterThan(before);
  await expect(page.getByRole('list', { name: 'Job queue' })).toHaveCount(0, { timeout: 300_000 });
}

/** User Timing measures of the page, by name. */
export const pageMeasures = (page: Page, name: string): Promise<Measure[]> =>
  page.evaluate((n) => performance.getEntriesByName(n).map((e) => ({ duration: e.duration, detail: (e as PerformanceMeasure).detail })), name);

/**
 * The same in the model worker (the one named "local models"), then cleared there. ORT's own
 * thread workers are listed too; they wait in wasm and never answer, hence the time limit.
 */
export async function workerMeasures(page: Page): Promise<Record<string, Measure[]>> {
  for (const worker of page.workers()) {
    const silent = new Promise<string>((resolve) => setTimeout(() => resolve(''), 2000));
    if ((await Promise.race([worker.evaluate(() => self.name), silent])) !== 'local models') continue;
    return worker.evaluate(() => {
      const byName: Record<string, { duration: number; detail: unknown }[]> = {};
      for (const e of performance.getEntriesByType('measure')) (byName[e.name] ??= []).push({ duration: e.duration, detail: (e as PerformanceMeasure).detail });
      performance.clearMeasures();
      return byName;
    });
  }
  throw new Error('The model worker is not running.');
}

export async function clearPageMeasures(page: Page) {
  await page.evaluate(() => performance.clearMeasures());
}

/** Marks the renderer processes of the benchmark's browser (renderers get the JS flags); `gc()` lets a reading come after a collection. */
export const RENDERER_MARK = '--js-flags=--stack-size=984 --expose-gc';

/**
 * Resident memory of the marked browser's renderer processes (the page, its model worker and
 * the WASM and GPU buffers it holds), read from /proc.
 */
function rendererBytes(): number {
  let bytes = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!command.includes('--type=renderer') || !command.includes(RENDERER_MARK.replace('--js-flags=', ''))) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (rss) bytes += Number(rss[1]) * 1024;
    } catch {
      // The process ended meanwhile.
    }
  }
  return bytes;
}

/**
 * rendererBytes once the page and its workers have collected their garbage: what they
 * hold, not what they have yet to free.
 */
export async function settledRendererBytes(page: Page): Promise<number> {
  const collect = () => (globalThis as { gc?: () => void }).gc?.();
  for (const worker of page.workers()) {
    const silent = new Promise<void>((resolve) => setTimeout(resolve, 2000));
    await Promise.race([worker.evaluate(collect), silent]);
  }
  await page.evaluate(collect);
  await page.waitForTimeout(500);
  return rendererBytes();
}

export const sum = (measures: Measure[] | undefined) => (measures ?? []).reduce((total, m) => total + m.duration, 0);
