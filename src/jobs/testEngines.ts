/** Fake engines and a fake compositor for unit tests of the job queue and runner. */
import { EngineError, type Engine, type EngineJob, type EngineMeta, type EngineRunContext } from '../engines/contract';
import { diffusionMeta } from '../engines/testMetas';
import { createImage } from '../image/rgba';
import type { CropOptions } from '../compositing/prepareCrop';
import type { Mask } from '../mask/types';
import type { CompositorApi, FinishedImage } from './compositor';

export interface FakeEngineOptions {
  id?: string;
  meta?: Partial<EngineMeta>;
  /** Milliseconds per image. */
  delay?: number;
  /** Throw this after handing over `failAfter` images of a request. */
  failWith?: EngineError;
  failAfter?: number;
  /** Hand over only this many images of each request (a partial success). */
  answer?: number;
}

/** An engine that hands over one flat image per seed, recording every request it got. */
export function fakeEngine(options: FakeEngineOptions = {}): Engine & { requests: EngineJob[]; running: number; peak: number; released: number } {
  const meta = { ...diffusionMeta, ...options.meta };
  const engine = {
    id: options.id ?? 'fake',
    label: `Fake ${options.id ?? 'engine'}`,
    requests: [] as EngineJob[],
    running: 0,
    peak: 0,
    released: 0,
    meta: () => meta,
    readiness: async () => ({ ready: true as const }),
    async run(job: EngineJob, { signal, onImage, onProgress }: EngineRunContext) {
      engine.requests.push(job);
      engine.running++;
      engine.peak = Math.max(engine.peak, engine.running);
      try {
        const answer = Math.min(job.seeds.length, options.answer ?? job.seeds.length);
        for (let index = 0; index < answer; index++) {
          if (options.failWith && index === (options.failAfter ?? 0)) throw options.failWith;
          await wait(options.delay ?? 1, signal);
          onProgress({ phase: 'running', step: index + 1, steps: job.seeds.length });
          const image = createImage(job.image.width, job.image.height);
          image.data.fill(job.seeds[index] % 256);
          onImage({ index, image });
        }
        if (options.failWith && answer === (options.failAfter ?? 0)) throw options.failWith;
      } finally {
        engine.running--;
      }
    },
    release() {
      engine.released++;
    },
  };
  return engine;
}

export function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(EngineError.cancelled());
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(EngineError.cancelled());
    });
  });
}

/** Crops nothing and "pastes back" by wrapping the engine's first byte in a Blob, so tests can tell images apart. */
export function fakeCompositor(): CompositorApi & { prepared: string[]; options: CropOptions[]; discarded: string[] } {
  const compositor = {
    prepared: [] as string[],
    options: [] as CropOptions[],
    discarded: [] as string[],
    async prepare(id: string, _photo: Blob, _mask: Mask, options: CropOptions) {
      compositor.prepared.push(id);
      compositor.options.push(options);
      return { image: createImage(8, 8), mask: { width: 8, height: 8, data: new Uint8Array(64).fill(255) } };
    },
    async finish(_id: string, result: Parameters<CompositorApi['finish']>[1]): Promise<FinishedImage> {
      const marker = result instanceof Blob ? new Uint8Array(await result.arrayBuffer())[0] : result.data[0];
      const blob = new Blob([new Uint8Array([marker])]);
      return { full: blob, thumbnail: blob, width: 8, height: 8 };
    },
    discard(id: string) {
      compositor.discarded.push(id);
    },
  };
  return compositor;
}
