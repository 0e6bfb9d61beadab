import { serve } from '@hono/node-server';
import { expect, type Browser, type Page } from '@playwright/test';
import { createApp } from '../../../server/app';
import { providersFromEnv } from '../../../server/providers';
import { RUNFLOW_KEY, runflowFake } from '../../../e2e/fakes/runflow';
import { productPhoto } from '../../../e2e/support/backgroundSwap';
import { setKeys } from '../../../e2e/support/cloud';
import { EditorPage } from '../../../e2e/support/editorPage';
import { addModelFromUrl } from '../../../e2e/support/localModels';

const PHOTOS = 4;
/** How long the fake Runflow takes per job: a stand-in for a real provider's seconds. */
const JOB_MS = 2500;

export interface BatchFigures {
  photos: number;
  jobSeconds: number;
  batchSeconds: number;
  oneAtATimeSeconds: number;
}

async function listen(fetch: (request: Request) => Response | Promise<Response>) {
  const server = serve({ fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((ok) => server.once('listening', () => ok()));
  const address = server.address();
  return { origin: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, close: () => server.close() };
}

/** Seconds from dropping `photos` on the Batch panel to every one done. */
async function runBatch(page: Page, photos: ReturnType<typeof productPhoto>[]) {
  const batch = page.getByRole('region', { name: 'Batch' });
  const clear = batch.getByRole('button', { name: 'Clear batch' });
  if (await clear.isVisible()) await clear.click();
  const started = performance.now();
  await batch.getByLabel('Batch photos').setInputFiles(photos);
  const queue = batch.getByRole('list', { name: 'Batch queue' });
  for (const photo of photos) await expect(queue.getByRole('listitem', { name: photo.name })).toContainText('Done: 1 image', { timeout: 120_000 });
  return (performance.now() - started) / 1000;
}

/**
 * The batch on a fake Runflow (which takes four jobs at once): PHOTOS photos in one batch,
 * against the same photos one batch each, one after the other.
 */
export async function batchThroughput(browser: Browser, dist: string, modelHost: string): Promise<BatchFigures> {
  let runflowOrigin = '';
  const runflow = await listen(runflowFake(() => runflowOrigin).fetch);
  runflowOrigin = runflow.origin;
  await fetch(`${runflow.origin}/__control/job-ms`, { method: 'POST', body: JSON.stringify({ ms: JOB_MS }) });
  const app = await listen(createApp(dist, { providers: providersFromEnv({ RUNFLOW_BASE_URL: runflow.origin }) }).fetch);
  const context = await browser.newContext({ baseURL: app.origin, viewport: { width: 1400, height: 900 } });
  await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  try {
    const page = await context.newPage();
    const editor = new EditorPage(page);
    await editor.open();
    await editor.field('Engine').selectOption({ label: 'Local model' });
    await page.getByLabel('Run on').selectOption('wasm');
    await addModelFromUrl(page, `${modelHost}/isnet-general-use.onnx`);
    await expect(page.getByText(/^Added isnet-general-use/)).toBeVisible({ timeout: 120_000 });
    await editor.field('Engine').selectOption({ label: 'Runflow' });
    await setKeys(page, { 'Runflow API key': RUNFLOW_KEY });
    await editor.field('Prompt').fill('on a marble table, soft daylight');
    await editor.field('Variations').fill('1');

    const box = { x0: 120, x1: 360, y0: 90, y1: 300 };
    const photos = Array.from({ length: PHOTOS }, (_, i) => productPhoto(480, 384, box, `product-${i + 1}.png`));
    await runBatch(page, [photos[0]]); // warm-up: the subject model's session
    const batchSeconds = await runBatch(page, photos);
    let oneAtATimeSeconds = 0;
    for (const photo of photos) oneAtATimeSeconds += await runBatch(page, [photo]);
    return { photos: PHOTOS, jobSeconds: JOB_MS / 1000, batchSeconds, oneAtATimeSeconds };
  } finally {
    await context.close();
    app.close();
    runflow.close();
  }
}
