import * as Comlink from 'comlink';
import { EngineError, type Engine, type EngineProgress } from '../engines/contract';
import type { CompositingWorkerApi, FinishedImage } from './compositing.worker';
import type { Job } from './job';
import { MAX_SEED } from './params';

let compositing: Comlink.Remote<CompositingWorkerApi> | null = null;

function compositingWorker() {
  compositing ??= Comlink.wrap<CompositingWorkerApi>(
    new Worker(new URL('./compositing.worker.ts', import.meta.url), { type: 'module', name: 'compositing' }),
  );
  return compositing;
}

export interface JobResultImage extends FinishedImage {
  seed: number;
}

/** Variation i uses seed + i, as A1111 does, so any single result can be made again. */
export const seedsFor = (seed: number, variations: number) =>
  Array.from({ length: variations }, (_, i) => (seed + i) % (MAX_SEED + 1));

/**
 * Runs one job on one engine: prepare the crop, run the engine, paste the results back at
 * full resolution. `bitmap` is the job's image, decoded; the compositing worker gets a copy.
 */
export async function runJob(
  job: Job,
  bitmap: ImageBitmap,
  engine: Engine,
  { signal, onProgress }: { signal: AbortSignal; onProgress: (progress: EngineProgress) => void },
): Promise<JobResultImage[]> {
  const worker = compositingWorker();
  const id = crypto.randomUUID();
  const { params } = job;
  const seeds = seedsFor(params.seed, params.variations);
  const check = () => {
    if (signal.aborted) throw EngineError.cancelled();
  };
  try {
    onProgress({ phase: 'preparing' });
    const copy = await createImageBitmap(bitmap);
    const mask = { ...job.mask, data: job.mask.data.slice() };
    const crop = await worker.prepare(id, Comlink.transfer(copy, [copy]), Comlink.transfer(mask, [mask.data.buffer]), params, engine.sizeRules);
    check();
    const output = await engine.run({ image: crop.image, mask: crop.mask, params, seeds }, { signal, onProgress });
    check();
    onProgress({ phase: 'finishing' });
    const images = output.images.slice(0, seeds.length);
    const finished = await worker.finish(id, Comlink.transfer(images, images.map((i) => i.data.buffer)), { colourMatch: params.colourMatch });
    check();
    return finished.map((image, i) => ({ ...image, seed: seeds[i] }));
  } finally {
    void worker.discard(id);
  }
}
