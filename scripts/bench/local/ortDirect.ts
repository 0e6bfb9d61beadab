import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser } from '@playwright/test';
import * as ort from 'onnxruntime-node';
import { median } from '../stats';

const RUNS = 5;

/** The remover's inputs at its fixed 512: a smooth image and a centred square hole. */
function removerFeeds<T>(make: (data: Float32Array, dims: number[]) => T) {
  const image = new Float32Array(3 * 512 * 512).map((_, i) => ((i * 7919) % 255) / 255);
  const mask = new Float32Array(512 * 512).map((_, i) => (Math.abs((i % 512) - 256) < 64 && Math.abs(Math.floor(i / 512) - 256) < 64 ? 1 : 0));
  return { image: make(image, [1, 3, 512, 512]), mask: make(mask, [1, 1, 512, 512]) };
}

/** onnxruntime-node (native CPU, all cores) on the model file: median session.run. */
export async function nativeRunMs(modelPath: string): Promise<number> {
  const session = await ort.InferenceSession.create(modelPath, { graphOptimizationLevel: 'all' });
  const feeds = removerFeeds((data, dims) => new ort.Tensor('float32', data, dims));
  await session.run(feeds);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await session.run(feeds);
    times.push(performance.now() - started);
  }
  await session.release();
  return median(times);
}

/**
 * onnxruntime-web's WASM backend alone (no engine around it) in a cross-origin isolated page
 * of the app's server, with `threads` threads: median session.run. Its files are copied next
 * to the build, so the page loads them from its own origin as the app does.
 */
export async function webRunMs(browser: Browser, appUrl: string, dist: string, modelUrl: string, threads: number): Promise<number> {
  const target = join(dist, 'bench-ort');
  mkdirSync(target, { recursive: true });
  const from = resolve(import.meta.dirname, '../../../node_modules/onnxruntime-web/dist');
  for (const file of ['ort.wasm.min.mjs', 'ort-wasm-simd-threaded.mjs', 'ort-wasm-simd-threaded.wasm']) copyFileSync(join(from, file), join(target, file));
  const context = await browser.newContext();
  await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  const page = await context.newPage();
  try {
    await page.goto(`${appUrl}/bench-ort/ort.wasm.min.mjs`);
    return await page.evaluate(
      async ({ threads, modelUrl, runs }) => {
        const path = '/bench-ort/ort.wasm.min.mjs';
        const ortWeb = await import(path);
        ortWeb.env.wasm.numThreads = threads;
        ortWeb.env.wasm.wasmPaths = '/bench-ort/';
        const model = new Uint8Array(await (await fetch(modelUrl)).arrayBuffer());
        const session = await ortWeb.InferenceSession.create(model, { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
        const image = new Float32Array(3 * 512 * 512).map((_, i) => ((i * 7919) % 255) / 255);
        const mask = new Float32Array(512 * 512).map((_, i) => (Math.abs((i % 512) - 256) < 64 && Math.abs(Math.floor(i / 512) - 256) < 64 ? 1 : 0));
        const feeds = { image: new ortWeb.Tensor('float32', image, [1, 3, 512, 512]), mask: new ortWeb.Tensor('float32', mask, [1, 1, 512, 512]) };
        await session.run(feeds);
        const times: number[] = [];
        for (let i = 0; i < runs; i++) {
          const started = performance.now();
          await session.run(feeds);
          times.push(performance.now() - started);
        }
        times.sort((a, b) => a - b);
        return times[Math.floor(times.length / 2)];
      },
      { threads, modelUrl, runs: RUNS },
    );
  } finally {
    await context.close();
  }
}

/**
 * Seconds for curl to fetch the file and sha256sum to hash it, as one pipe; with `storeIn`, tee
 * also writes it to that file, as the app stores what it downloads (asynchronous: the host is
 * in this process).
 */
export async function curlSeconds(url: string, storeIn?: string): Promise<number> {
  const started = performance.now();
  await promisify(execFile)('sh', ['-c', `curl -sf "${url}" | ${storeIn ? `tee "${storeIn}" | ` : ''}sha256sum`]);
  return (performance.now() - started) / 1000;
}

export const fileBytes = (path: string) => readFileSync(path).length;
