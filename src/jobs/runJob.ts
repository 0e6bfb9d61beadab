import { EngineError, type Engine, type EngineProgress, type EngineRunResult, type EngineSettings } from '../engines/contract';
import type { Mask } from '../mask/types';
import type { CompositorApi } from './compositor';
import { engineParams } from './job';
import type { JobParams } from './params';
import type { JobResult } from './records';

/** One variation still to make: its place in the job and its seed. */
export interface Variation {
  index: number;
  seed: number;
}

export interface RunJobInput {
  id: string;
  engine: Engine;
  settings: EngineSettings;
  /** The photo as opened, decoded by the compositor off the main thread. */
  photo: Blob;
  mask: Mask;
  params: JobParams;
  todo: Variation[];
  /** What each request remembered before a reload, by requestKey. */
  resume?: Readonly<Record<string, unknown>>;
}

/** Which variations a request makes, as a key for what it remembers: the same request after a reload has the same key. */
export const requestKey = (request: Variation[]) => request.map((v) => v.index).join(',');

export interface RunJobCallbacks {
  signal: AbortSignal;
  onProgress(progress: EngineProgress): void;
  /** Each variation as soon as it is pasted back, in the order the engine finishes them. */
  onVariation(result: JobResult): void;
  /** A request's state to keep in the job's record, to pick it up after a reload. */
  onRemember(key: string, state: unknown): void;
}

export interface RunJobSummary {
  cost?: EngineRunResult['cost'];
  /** Variations the engine did not return (a provider's partial success). */
  missing: number;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function addCost(a: RunJobSummary['cost'], b: RunJobSummary['cost']): RunJobSummary['cost'] {
  if (!a || !b) return a ?? b;
  return a.currency === b.currency ? { amount: a.amount + b.amount, currency: a.currency } : a;
}

/**
 * Runs one job on one engine: the compositor cuts the crop the engine's size rules ask for,
 * the variations go out in requests of at most `maxVariationsPerRun` (as many at once as
 * the engine's concurrency), and every image the engine hands over is pasted back into the
 * full-size photo and reported at once. Images already made are still delivered when the
 * engine fails or the job is cancelled.
 */
export async function runJob(input: RunJobInput, callbacks: RunJobCallbacks, compositor: CompositorApi): Promise<RunJobSummary> {
  const { id, engine, settings, params } = input;
  const { signal, onProgress, onVariation, onRemember } = callbacks;
  const check = () => {
    if (signal.aborted) throw EngineError.cancelled();
  };
  const meta = engine.meta(settings);
  check();
  onProgress({ phase: 'preparing' });
  const { feather, inpaintArea, padding } = params;
  const cropOptions = { feather, inpaintArea, padding, featherOutside: meta.featherOutside === true };
  const crop = await compositor.prepare(id, input.photo, input.mask, cropOptions, meta.sizeRules);
  const summary: RunJobSummary = { missing: 0 };
  const requests = chunks(input.todo, meta.maxVariationsPerRun);

  async function runRequest(request: Variation[]) {
    check();
    const pasting: Promise<void>[] = [];
    const answered = new Set<number>();
    const deliver = (index: number, image: Parameters<CompositorApi['finish']>[1], seed?: number) => {
      const variation = request[index];
      if (!variation || answered.has(index)) return;
      answered.add(index);
      pasting.push(
        compositor.finish(id, image, { colourMatch: params.colourMatch }).then((finished) =>
          onVariation({ index: variation.index, seed: seed ?? variation.seed, ...finished }),
        ),
      );
    };
    // Each request gets its own copy: an engine may hand the pixels on to a worker.
    const image = requests.length > 1 ? { ...crop.image, data: crop.image.data.slice() } : crop.image;
    const key = requestKey(request);
    let result: EngineRunResult | void;
    try {
      result = await engine.run(
        { image, mask: crop.mask, seeds: request.map((v) => v.seed), params: engineParams(params, meta), settings, resume: input.resume?.[key] },
        { signal, onProgress, onImage: ({ index, image, seed }) => deliver(index, image, seed), remember: (state) => onRemember(key, state) },
      );
    } catch (error) {
      // What the engine made before it stopped is kept.
      await Promise.allSettled(pasting);
      throw error;
    }
    onProgress({ phase: 'finishing' });
    await Promise.all(pasting);
    summary.missing += request.length - answered.size;
    summary.cost = addCost(summary.cost, result?.cost);
  }

  try {
    // As many requests at once as the engine takes jobs; after a failure no new one starts.
    let next = 0;
    let failure: unknown = null;
    const lane = async () => {
      while (failure === null && next < requests.length) {
        const request = requests[next++];
        try {
          await runRequest(request);
        } catch (error) {
          failure ??= error;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(meta.concurrency, requests.length) }, lane));
    if (failure !== null) throw failure;
    return summary;
  } finally {
    compositor.discard(id);
  }
}
