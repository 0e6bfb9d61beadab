import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { startModelHost } from '../../../e2e/fakes/modelHost';
import { findChromium } from '../../chromium.mjs';
import { median } from '../stats';
import { DIFFUSION, REMOVER, writeBenchModels } from './benchModels';
import { addModelByUrl, clearPageMeasures, downloadSeconds, generate, localEditor, pageMeasures, runOn, sum, settledRendererBytes, RENDERER_MARK, workerMeasures, type Measure } from './inApp';
import { curlSeconds, fileBytes, nativeRunMs, webRunMs } from './ortDirect';

const JOBS = 10;
const STEPS = 8;

export interface LocalFigures {
  download: { mb: number; appSeconds: number; curlSeconds: number; curlStoredSeconds: number };
  remover: { jobMs: number; runMs: number; overhead: number; rendererMbAfter1: number; rendererMbAfter10: number };
  threads: { oneMs: number; manyMs: number; threads: number; nativeMs: number };
  diffusion: { backend: string; cfg: boolean; stepMs: number; unetMs: number; pipelineMs: number; runMs: number; overhead: number }[];
}

const progress = (what: string) => console.log(`  … ${what}`);
const total = (values: number[]) => values.reduce((a, b) => a + b, 0);
const detailIs = (stage: string) => (m: Measure) => m.detail === stage;

/** Ten removals with the heavy LaMa-shaped model on WASM: the job against its session.run, and the worker's memory. */
async function removals(page: Parameters<typeof generate>[0]) {
  progress('first job (makes the session)');
  await generate(page);
  await workerMeasures(page);
  await clearPageMeasures(page);
  const after1 = await settledRendererBytes(page);
  const jobs: number[] = [];
  const runs: number[] = [];
  for (let i = 0; i < JOBS; i++) {
    await generate(page);
    jobs.push(sum(await pageMeasures(page, 'local engine job')));
    runs.push(sum((await workerMeasures(page))['session.run']));
    progress(`job ${i + 1}: ${jobs[i].toFixed(0)} ms, session.run ${runs[i].toFixed(0)} ms`);
    await clearPageMeasures(page);
  }
  const after10 = await settledRendererBytes(page);
  return { jobMs: median(jobs), runMs: median(runs), overhead: total(jobs) / total(runs) - 1, rendererMbAfter1: after1 / 2 ** 20, rendererMbAfter10: after10 / 2 ** 20 };
}

/** The app's download (fetched, hashed, stored) three times, each right after curl | sha256sum and curl | tee | sha256sum: medians. */
async function downloads(appUrl: string, url: string, file: string) {
  const app: number[] = [];
  const curl: number[] = [];
  const curlStored: number[] = [];
  const copy = join(tmpdir(), 'inpaint-studio-bench-curl.onnx');
  try {
    for (let i = 0; i < 3; i++) {
      curl.push(await curlSeconds(url));
      curlStored.push(await curlSeconds(url, copy));
      app.push(await downloadSeconds(appUrl, url, /lama_fp32 · ready/));
      progress(`download ${i + 1}: app ${app[i].toFixed(2)} s, curl ${curl[i].toFixed(2)} s, curl storing it ${curlStored[i].toFixed(2)} s`);
    }
  } finally {
    rmSync(copy, { force: true });
  }
  return { mb: fileBytes(file) / 2 ** 20, appSeconds: median(app), curlSeconds: median(curl), curlStoredSeconds: median(curlStored) };
}

/** Diffusion jobs (3 after a warm-up) on one backend, with and without guidance: per step, per UNet run, and the pipeline around session.run. */
export async function diffusionRuns(page: Parameters<typeof generate>[0], backend: 'wasm' | 'webgpu') {
  await runOn(page, backend);
  await page.getByLabel('Steps', { exact: true }).fill(String(STEPS));
  const figures: LocalFigures['diffusion'] = [];
  for (const guidance of [7.5, 1]) {
    await page.getByLabel('Guidance scale', { exact: true }).fill(String(guidance));
    await generate(page); // makes the sessions (after a backend switch) and settles
    await workerMeasures(page);
    const steps: number[] = [];
    const unets: number[] = [];
    const pipelines: number[] = [];
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      await generate(page);
      const m = await workerMeasures(page);
      steps.push(...(m['diffusion step'] ?? []).map((s) => s.duration));
      unets.push(...(m['session.run'] ?? []).filter(detailIs('unet')).map((s) => s.duration));
      pipelines.push(sum(m['diffusion pipeline']));
      runs.push(sum(m['session.run']));
    }
    const pipelineMs = median(pipelines);
    const runMs = median(runs);
    figures.push({ backend, cfg: guidance > 1, stepMs: median(steps), unetMs: median(unets), pipelineMs, runMs, overhead: pipelineMs / runMs - 1 });
  }
  return figures;
}

/**
 * The local engine (issues "Local models in the browser" and "Local diffusion inpainting"):
 * download against curl, engine and pipeline overhead against session.run, WASM threads,
 * onnxruntime-web against onnxruntime-node, worker memory over ten jobs, time per diffusion
 * step on WASM and WebGPU (SwiftShader here), guidance batched against none.
 */
export async function localBenchmark(appUrl: string, dist: string): Promise<LocalFigures> {
  const dir = writeBenchModels();
  const host = await startModelHost({ folder: dir });
  const browser = await chromium.launch({
    executablePath: findChromium(),
    args: ['--no-sandbox', '--enable-unsafe-webgpu', RENDERER_MARK, '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const removerUrl = `${host.origin}/${REMOVER.file}`;
    progress('onnxruntime-web alone, 1 thread and all, and onnxruntime-node');
    const threads = await (async () => {
      const oneMs = await webRunMs(browser, appUrl, dist, removerUrl, 1);
      const cores = (await import('node:os')).cpus().length;
      const manyMs = await webRunMs(browser, appUrl, dist, removerUrl, cores);
      return { oneMs, manyMs, threads: cores, nativeMs: await nativeRunMs(join(dir, REMOVER.file)) };
    })();

    const { page, close } = await localEditor(browser, appUrl);
    try {
      progress('remover: download and ten jobs');
      // On WASM from the start: adding the model opens a session to recognise it.
      await runOn(page, 'wasm');
      await addModelByUrl(page, removerUrl, /lama_fp32 · ready/);
      progress('added; the download three times again in a profile on disk, each beside curl');
      const download = await downloads(appUrl, removerUrl, join(dir, REMOVER.file));
      const remover = await removals(page);

      progress('diffusion: WASM and WebGPU, guidance on and off');
      await addModelByUrl(page, `${host.origin}/${DIFFUSION.folder}`, /tiny-stable-diffusion-inpainting · ready/);
      await page.getByLabel('Prompt', { exact: true }).fill('a red door');
      const diffusion = [...(await diffusionRuns(page, 'wasm')), ...(await diffusionRuns(page, 'webgpu'))];
      return { download, remover, threads, diffusion };
    } finally {
      await close();
    }
  } finally {
    await browser.close();
    await host.close();
  }
}
