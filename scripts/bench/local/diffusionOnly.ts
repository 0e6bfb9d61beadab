/**
 * Only the diffusion part of `npm run bench -- local`, for working on the pipeline:
 * `npx vite build && npx tsx scripts/bench/local/diffusionOnly.ts [wasm|webgpu ...]`.
 */
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { serve } from '@hono/node-server';
import { createApp } from '../../../server/app';
import { startModelHost } from '../../../e2e/fakes/modelHost';
import { findChromium } from '../../chromium.mjs';
import { DIFFUSION, writeBenchModels } from './benchModels';
import { addModelByUrl, generate, localEditor, runOn, workerMeasures } from './inApp';
import { diffusionRuns } from './index';

const backends = (process.argv.slice(2).length ? process.argv.slice(2) : ['wasm', 'webgpu']) as ('wasm' | 'webgpu')[];
const server = serve({ fetch: createApp(resolve(import.meta.dirname, '../../../dist')).fetch, port: 0 });
await new Promise<void>((ok) => server.once('listening', () => ok()));
const address = server.address();
const appUrl = `http://localhost:${typeof address === 'object' && address ? address.port : 0}`;
const host = await startModelHost({ folder: writeBenchModels() });
const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox', '--enable-unsafe-webgpu', '--disable-background-networking', '--disable-component-update'] });
try {
  const { page, close } = await localEditor(browser, appUrl);
  await addModelByUrl(page, `${host.origin}/${DIFFUSION.folder}`, /tiny-stable-diffusion-inpainting · ready/);
  await page.getByLabel('Prompt', { exact: true }).fill('a red door');
  if (process.env.PHASES) {
    await runOn(page, backends[0]);
    await page.getByLabel('Steps', { exact: true }).fill('8');
    await generate(page);
    await workerMeasures(page);
    await generate(page);
    for (const [name, list] of Object.entries(await workerMeasures(page))) console.log(name, list.map((m) => `${m.duration.toFixed(1)}${m.detail ? `(${String(m.detail)})` : ''}`).join(' '));
  } else for (const backend of backends) {
    for (const d of await diffusionRuns(page, backend)) {
      const extra = (d.stepMs - d.unetMs).toFixed(1);
      console.log(`${d.backend} guidance ${d.cfg ? 'on ' : 'off'}: step ${d.stepMs.toFixed(1)} / unet ${d.unetMs.toFixed(1)} ms (+${extra}); pipeline ${d.pipelineMs.toFixed(0)} / session.run ${d.runMs.toFixed(0)} ms; overhead ${(d.overhead * 100).toFixed(1)} %`);
    }
  }
  await close();
} finally {
  await browser.close();
  await host.close();
  server.close();
}
